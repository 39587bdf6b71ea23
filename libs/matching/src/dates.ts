import { DateLike } from './types';

/**
 * Days since epoch (UTC), so date arithmetic is exact and time-zone free. NaN for a missing or
 * impossible date: null, '', 'unknown', '1990-02-30' (Date.parse would roll it into March).
 */
export function dayNumber(d: DateLike | null | undefined): number {
  if (d === null || d === undefined) return NaN;
  if (typeof d !== 'string') return Math.floor(d.getTime() / 86400000);
  const plain = d.length === 10;
  const day = Math.floor(Date.parse(plain ? d + 'T00:00:00Z' : d) / 86400000);
  if (plain && !Number.isNaN(day) && new Date(day * 86400000).toISOString().slice(0, 10) !== d) return NaN;
  return day;
}

export function isoDay(d: DateLike): string {
  return new Date(dayNumber(d) * 86400000).toISOString().slice(0, 10);
}

/** Whole years between birth and a date (birthday counted on its day). */
export function ageOn(birth: DateLike, on: DateLike): number {
  const b = new Date(dayNumber(birth) * 86400000);
  const o = new Date(dayNumber(on) * 86400000);
  let age = o.getUTCFullYear() - b.getUTCFullYear();
  const m = o.getUTCMonth() - b.getUTCMonth();
  if (m < 0 || (m === 0 && o.getUTCDate() < b.getUTCDate())) age--;
  return age;
}

/** The same calendar day `years` later (29 Feb falls to 28 Feb). */
export function addYears(d: DateLike, years: number): number {
  return addMonths(d, 12 * years);
}

/** The same day of the month `months` later, or the month's last day when it is shorter (31 Jan + 1 month: 28 or 29 Feb). */
export function addMonths(d: DateLike, months: number): number {
  const x = new Date(dayNumber(d) * 86400000);
  const total = x.getUTCMonth() + months;
  const y = x.getUTCFullYear() + Math.floor(total / 12);
  const m = ((total % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(x.getUTCDate(), last)) / 86400000);
}
