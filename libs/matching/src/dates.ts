import { DateLike } from './types';

/** Days since epoch (UTC), so date arithmetic is exact and time-zone free. */
export function dayNumber(d: DateLike): number {
  const t = typeof d === 'string' ? Date.parse(d.length === 10 ? d + 'T00:00:00Z' : d) : d.getTime();
  return Math.floor(t / 86400000);
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
  const x = new Date(dayNumber(d) * 86400000);
  const y = x.getUTCFullYear() + years;
  const m = x.getUTCMonth();
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Math.floor(Date.UTC(y, m, Math.min(x.getUTCDate(), last)) / 86400000);
}
