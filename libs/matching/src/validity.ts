import { addYears, dayNumber, isoDay } from './dates';
import { DateLike, LanguageResult, MedicalCheck, RosterEntry } from './types';

/**
 * Validity clocks (DOMAIN.md, How the programmes work): a language test result counts for 2
 * years, a roster entry for 1 year, a medical check for 1 year. A document is valid up to and
 * including the same calendar day that many years after it was taken (`validUntil`); it has
 * expired from the day after.
 */
export const LANGUAGE_VALIDITY_YEARS = 2;
export const ROSTER_ENTRY_VALIDITY_YEARS = 1;
export const MEDICAL_CHECK_VALIDITY_YEARS = 1;

/** The windows staff look ahead over to call people in for a new test or check. */
export const EXPIRY_WINDOWS_DAYS = [30, 60, 90] as const;
export type ExpiryWindowDays = (typeof EXPIRY_WINDOWS_DAYS)[number];

export const DOCUMENT_KINDS = ['language-test', 'medical-check', 'roster-entry'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

/** The name a medical check goes by in lists and keys (a seeker has one check on file). */
export const MEDICAL_CHECK_NAME = 'medical';

const DAY_MS = 86400000;

/** A seeker's document that runs out: the latest of its kind and name (an older result is superseded). */
export interface DocumentValidity {
  kind: DocumentKind;
  /** The test (`EPS-TOPIK`), the roster's programme (`eps`), or `medical`. */
  name: string;
  /** YYYY-MM-DD */
  takenOn: string;
  /** YYYY-MM-DD, the last day it counts. */
  validUntil: string;
}

/** Where a seeker's clocks are kept: the profile's dated documents. */
export interface DatedDocuments {
  languageTests: readonly LanguageResult[];
  medicalCheck?: MedicalCheck | null;
  rosterEntries?: readonly RosterEntry[] | null;
}

/** Day number of the last day a document taken on `taken` counts (NaN when undated or invalid). */
export function validUntilDay(taken: DateLike | null | undefined, years: number): number {
  const day = dayNumber(taken);
  return Number.isNaN(day) ? NaN : addYears(taken as DateLike, years);
}

/** A document counts on `day` when it is dated and `day` is not after its last valid day (an unknown day judges nothing). */
export function validThrough(validUntil: number, day: number): boolean {
  return !Number.isNaN(validUntil) && !(day > validUntil);
}

/** The current documents of a seeker with their clocks; undated ones have none and are left out. */
export function documentValidities(s: DatedDocuments): DocumentValidity[] {
  const latest = new Map<string, { kind: DocumentKind; name: string; day: number; years: number }>();
  const add = (kind: DocumentKind, name: string, taken: DateLike, years: number) => {
    const day = dayNumber(taken);
    if (Number.isNaN(day)) return;
    const key = `${kind}:${name}`;
    const known = latest.get(key);
    if (!known || day > known.day) latest.set(key, { kind, name, day, years });
  };
  for (const t of s.languageTests) add('language-test', t.test, t.takenAt, LANGUAGE_VALIDITY_YEARS);
  for (const r of s.rosterEntries ?? []) add('roster-entry', r.programme, r.enteredAt, ROSTER_ENTRY_VALIDITY_YEARS);
  if (s.medicalCheck) add('medical-check', MEDICAL_CHECK_NAME, s.medicalCheck.checkedAt, MEDICAL_CHECK_VALIDITY_YEARS);
  return [...latest.values()].map(({ kind, name, day, years }) => {
    const takenOn = isoDay(new Date(day * DAY_MS));
    return { kind, name, takenOn, validUntil: isoDay(new Date(addYears(takenOn, years) * DAY_MS)) };
  });
}

/** Whole days from `today` to the document's last valid day (0: it counts today only; negative: expired). */
export function daysLeft(d: DocumentValidity, today: DateLike): number {
  return dayNumber(d.validUntil) - dayNumber(today);
}

/** Documents that still count today and run out within `withinDays` days (their last day at most that far ahead). */
export function expiringWithin(docs: readonly DocumentValidity[], today: DateLike, withinDays: number): DocumentValidity[] {
  return docs.filter((d) => {
    const left = daysLeft(d, today);
    return left >= 0 && left <= withinDays;
  });
}

/** Documents whose last valid day is before `today`. */
export function expiredBy(docs: readonly DocumentValidity[], today: DateLike): DocumentValidity[] {
  return docs.filter((d) => daysLeft(d, today) < 0);
}

/** One key per document and clock: a renewed document (a new date) is a new key, so its expiry is told again. */
export function documentKey(d: Pick<DocumentValidity, 'kind' | 'name' | 'validUntil'>): string {
  return `${d.kind}:${d.name}:${d.validUntil}`;
}

/** What a programme asks of its seekers, from its openings: the tests they accept and whether any is abroad. */
export interface ProgrammeNeeds {
  programme: string;
  tests: ReadonlySet<string>;
  overseas: boolean;
}

/**
 * Whether a document matters to a programme: its roster entry, a test one of its openings
 * accepts, or the medical check where the programme sends people abroad (the medical rule
 * below applies to overseas openings only).
 */
export function documentConcerns(d: DocumentValidity, needs: ProgrammeNeeds): boolean {
  const norm = (x: string) => x.trim().toLowerCase();
  if (d.kind === 'roster-entry') return norm(d.name) === norm(needs.programme);
  if (d.kind === 'medical-check') return needs.overseas;
  return [...needs.tests].some((t) => norm(t) === norm(d.name));
}
