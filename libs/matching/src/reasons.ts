/**
 * Why a seeker is not matched: a stable code for programs (counting, grouping, translating)
 * and the words for people, with figures. Codes never change with the wording.
 */
export const REASON_CODES = [
  'already-placed',
  'no-positions-left',
  'not-checked-in',
  'not-at-fair',
  'scope-not-wanted',
  'country-not-wanted',
  'birth-date-missing',
  'age-below-minimum',
  'age-above-maximum',
  /** No valid result of a required test, or the result lacks the required score or level. */
  'language-missing',
  'language-score-below',
  'language-level-below',
  'language-expired',
  /** Overseas work: the medical check on file runs out before the opening's start date. */
  'medical-expired',
  /** Overseas work: the medical check on file found the seeker not fit. */
  'medical-unfit',
  /** The seeker's entry on the opening's programme roster runs out before the start date. */
  'roster-expired',
  'skill-missing',
  'experience-below',
  /** Run level: no opening in the seeker's preferred scope and countries. */
  'no-opening-in-preferences',
  /** Run level: eligible, but every eligible opening was filled by better-scored seekers. */
  'outscored',
  /** Run level: eligible openings left out because their employer's, farm household's or programme's cap was reached. */
  'cap-reached',
  /** A note on an eligible pair, not a failure: a faithful worker returning to the same employer needs no new language test. */
  'faithful-worker-no-language-test',
] as const;

export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  /** e.g. "EPS-TOPIK 118 below the required 140" */
  text: string;
}
