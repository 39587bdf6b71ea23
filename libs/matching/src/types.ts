/**
 * Domain types for matching, in the words of DOMAIN.md. Dates are ISO strings (YYYY-MM-DD) or Date.
 * Optional fields of profiles may be null as well as absent (stored documents, other producers' JSON): both mean "not given".
 */

export type WorkScope = 'domestic' | 'overseas';
export type HouseholdStatus = 'poor' | 'near-poor' | 'ethnic-minority' | 'difficult' | 'none';
export type DateLike = string | Date;

export interface SkillRecord {
  name: string;
  years: number;
}

export interface LanguageResult {
  /** e.g. 'EPS-TOPIK', 'JLPT', 'TOCFL', 'JFT-Basic' */
  test: string;
  score?: number | null;
  /** e.g. 'N4' (JLPT), 'A2' (JFT-Basic), 'B1' or '3' (TOCFL) */
  level?: string | null;
  takenAt: DateLike;
}

/** A medical check: 'unfit' rules the seeker out of work abroad, as does a check expired on the start date. */
export type MedicalResult = 'fit' | 'unfit';

export interface MedicalCheck {
  checkedAt: DateLike;
  result: MedicalResult;
}

/** A place on a programme's roster of candidates (e.g. the EPS roster), entered on a date. */
export interface RosterEntry {
  /** e.g. 'eps' */
  programme: string;
  enteredAt: DateLike;
}

export interface SeekerPreferences {
  scopes: WorkScope[];
  /** Ordered by preference, most wanted first. */
  countries: string[];
  /** Ordered by preference, most wanted first. */
  sectors: string[];
  minSalary?: number | null;
}

export interface OverseasStint {
  country: string;
  employer?: string | null;
  programme?: string | null;
  from: DateLike;
  to?: DateLike | null;
  rehireRecommended?: boolean | null;
  /** The employer of the stint as this platform knows it (its id), when it is one of ours: re-entry to the same employer. */
  employerId?: string | null;
  /** Whether the worker changed workplace during the stint; only an explicit false makes a faithful worker. */
  changedWorkplace?: boolean | null;
}

export interface SeekerProfile {
  id: string;
  nationalId: string;
  /** Missing or invalid: ineligible wherever the opening has an age limit. */
  birthDate?: DateLike | null;
  gender?: string | null;
  province: string;
  district?: string | null;
  skills: SkillRecord[];
  languageTests: LanguageResult[];
  preferences: SeekerPreferences;
  overseasHistory: OverseasStint[];
  /** Sensitive: may raise priority, never shown to employers. */
  householdStatus?: HouseholdStatus | null;
  placed?: boolean | null;
  /** The latest medical check; none on file: the check is still to come (after selection), not a failure. */
  medicalCheck?: MedicalCheck | null;
  /** Roster entries per programme; none for a programme: that programme's roster rule does not apply. */
  rosterEntries?: RosterEntry[] | null;
}

export interface LanguageRequirement {
  test: string;
  minScore?: number | null;
  minLevel?: string | null;
}

export interface OpeningRequirements {
  minAge?: number | null;
  maxAge?: number | null;
  /** Alternatives: one valid result meeting any of them is enough (Japan: JLPT N4 or JFT-Basic A2). */
  languageTests: LanguageRequirement[];
  /** Every listed skill is required. */
  skills: string[];
  minExperienceYears?: number | null;
}

export interface OpeningQuotas {
  firstTime: number;
  returning: number;
}

export interface OpeningProfile {
  id: string;
  employerId: string;
  sector: string;
  scope: WorkScope;
  country: string;
  province: string;
  district?: string | null;
  programme: string;
  positions: number;
  filled: number;
  /** Split of positions into first-time and returning seats (sum = positions). */
  quotas?: OpeningQuotas | null;
  /** National IDs of returning workers the employer asked for by name. */
  designatedWorkers: string[];
  requirements: OpeningRequirements;
  salary?: number | null;
  startDate: DateLike;
  /** The farm household the workers go to, for caps per household (seasonal programme); one employer's key. */
  household?: string | null;
}

/** Caps above the openings of one programme (Korea's seasonal programme E-8: 5 per farm household, 9 per employer). */
export interface ProgrammeCaps {
  /** At most this many workers per employer over its openings of the programme. */
  perEmployer?: number | null;
  /** At most this many workers per farm household: openings of one employer naming the same household. */
  perHousehold?: number | null;
}

/** Relative weights of the score parts; normalised per pair over the parts that apply. */
export interface ScoreWeights {
  skills: number;
  language: number;
  experience: number;
  preference: number;
  distance: number;
  returning: number;
  household: number;
}

export const DEFAULT_WEIGHTS: Readonly<ScoreWeights> = Object.freeze({
  skills: 25,
  language: 20,
  experience: 15,
  preference: 20,
  distance: 10,
  returning: 5,
  household: 5,
});

export interface MatchingOptions {
  /** Fair run: only these seekers (checked in) take part. Absent: every seeker given. */
  checkedInSeekerIds?: ReadonlySet<string> | readonly string[];
  /** Fair run: only openings at a booth of the fair. Absent: every opening given. */
  openingIdsAtFair?: ReadonlySet<string> | readonly string[];
  /** Used where an opening has no valid start date. */
  referenceDate?: DateLike;
  /** Caps by programme (the opening's programme field), counted over every opening given, seats already filled included. */
  programmeCaps?: Readonly<Record<string, ProgrammeCaps>>;
  /** Caps by employer id over all its openings (data on the employer), above the programme caps. */
  employerCaps?: Readonly<Record<string, number>>;
  /** Candidates per seat (shortlist layers, see shortlist.ts); absent or 1: one-to-one. */
  shortlistRatio?: number;
  /** Shortlists one seeker may be on; absent: 1. */
  shortlistsPerSeeker?: number;
}

export type QuotaClass = 'firstTime' | 'returning';

/** Points each part contributed; they add up to the score (0..100). */
export type ScoreBreakdown = ScoreWeights;
