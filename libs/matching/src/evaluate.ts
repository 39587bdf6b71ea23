import { addMonths, dayNumber, isoDay } from './dates';
import { Reason, ReasonCode } from './reasons';
import {
  LANGUAGE_VALIDITY_YEARS,
  MEDICAL_CHECK_VALIDITY_YEARS,
  ROSTER_ENTRY_VALIDITY_YEARS,
  validThrough,
  validUntilDay,
} from './validity';
import {
  DateLike,
  DEFAULT_WEIGHTS,
  HouseholdStatus,
  LanguageResult,
  MatchingOptions,
  OpeningProfile,
  QuotaClass,
  ScoreBreakdown,
  ScoreWeights,
  SeekerProfile,
} from './types';

/**
 * Korea's re-entry of faithful workers: back to the same employer at least this many months
 * after leaving it, without having changed workplace, a worker needs no new language test.
 */
export const FAITHFUL_REENTRY_MONTHS = 3;

const norm = (s: string): string => s.trim().toLowerCase();
/** Optional fields may arrive as null (stored documents, other producers' JSON): null means absent. */
const given = <T>(x: T | null | undefined): T | undefined => (x === null ? undefined : x);

function ymd(day: number): number {
  const d = new Date(day * 86400000);
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

/**
 * Orders language levels so that "higher is better" holds for every test we know:
 * JLPT N1 (best) .. N5, CEFR-style A1 .. C2 (JFT-Basic, TOCFL bands), plain numbers (TOPIK, TOCFL 1..6).
 */
export function levelRank(level: string): number {
  const l = level.trim().toUpperCase();
  let m = /^N([1-5])$/.exec(l);
  if (m) return 6 - Number(m[1]);
  m = /^([ABC])([12])$/.exec(l);
  if (m) return (m[1].charCodeAt(0) - 65) * 2 + Number(m[2]);
  const n = Number(l.replace(/^(LEVEL|BAND)\s*/, ''));
  return Number.isFinite(n) ? n : NaN;
}

/** Top of the scale for score-based tests (margin is measured against it); others: 1.5 x the minimum. */
const SCORE_SCALE: Record<string, number> = { 'eps-topik': 200, 'jft-basic': 250 };

/** Poor, near-poor, ethnic-minority and difficult households: the policy's priority groups (DOMAIN.md). */
export function isPriorityHousehold(status: HouseholdStatus | null | undefined): boolean {
  return status === 'poor' || status === 'near-poor' || status === 'ethnic-minority' || status === 'difficult';
}

/** Seeker data prepared once, reused against many openings. */
export interface PreparedSeeker {
  profile: SeekerProfile;
  skillYears: Map<string, number>;
  maxSkillYears: number;
  tests: { test: string; score?: number; level?: string; rank: number; day: number; expiresDay: number; takenAt: string }[];
  /** Birth date as year * 10000 + month * 100 + day, for integer age arithmetic; NaN when missing or invalid. */
  birthYmd: number;
  scopes: Set<string>;
  countries: string[];
  sectors: string[];
  returnedFrom: Map<string, boolean>; // country -> recommended for rehire by an employer there
  /** Stints that may make a faithful worker (an employer of ours, no change of workplace, ended): where and from when. */
  reentries: { employerId: string; country: string; leftIso: string; backDay: number }[];
  priority: boolean;
  /** The medical check on file, its last valid day parsed; absent when none is on file. */
  medical?: { unfit: boolean; validUntil: number; checkedAt: string };
  /** Programme -> its latest roster entry's last valid day and date. */
  roster: Map<string, { validUntil: number; enteredAt: string }>;
}

export function prepareSeeker(s: SeekerProfile): PreparedSeeker {
  const skillYears = new Map<string, number>();
  let maxSkillYears = 0;
  for (const k of s.skills) {
    const key = norm(k.name);
    skillYears.set(key, Math.max(skillYears.get(key) ?? 0, k.years));
    maxSkillYears = Math.max(maxSkillYears, k.years);
  }
  const returnedFrom = new Map<string, boolean>();
  for (const h of s.overseasHistory) {
    const c = norm(h.country);
    returnedFrom.set(c, (returnedFrom.get(c) ?? false) || !!h.rehireRecommended);
  }
  const reentries: PreparedSeeker['reentries'] = [];
  for (const h of s.overseasHistory) {
    if (!h.employerId || h.changedWorkplace !== false || Number.isNaN(dayNumber(h.to))) continue;
    const to = h.to as DateLike;
    reentries.push({
      employerId: h.employerId,
      country: norm(h.country),
      leftIso: isoDay(to),
      backDay: addMonths(to, FAITHFUL_REENTRY_MONTHS),
    });
  }
  const hs = s.householdStatus;
  return {
    profile: s,
    skillYears,
    maxSkillYears,
    tests: s.languageTests.map((t: LanguageResult) => {
      const level = given(t.level);
      const day = dayNumber(t.takenAt);
      return {
        test: norm(t.test),
        score: given(t.score),
        level,
        rank: level !== undefined ? levelRank(level) : NaN,
        day,
        expiresDay: validUntilDay(t.takenAt, LANGUAGE_VALIDITY_YEARS),
        takenAt: Number.isNaN(day) ? '' : isoDay(t.takenAt),
      };
    }),
    scopes: new Set(s.preferences.scopes),
    countries: s.preferences.countries.map(norm),
    sectors: s.preferences.sectors.map(norm),
    returnedFrom,
    reentries,
    priority: isPriorityHousehold(hs),
    birthYmd: ymd(dayNumber(s.birthDate)),
    medical: s.medicalCheck
      ? {
          unfit: s.medicalCheck.result === 'unfit',
          validUntil: validUntilDay(s.medicalCheck.checkedAt, MEDICAL_CHECK_VALIDITY_YEARS),
          checkedAt: dated(s.medicalCheck.checkedAt),
        }
      : undefined,
    roster: latestRosterEntries(s),
  };
}

const dated = (d: DateLike): string => (Number.isNaN(dayNumber(d)) ? 'an unknown date' : isoDay(d));

function latestRosterEntries(s: SeekerProfile): PreparedSeeker['roster'] {
  const roster: PreparedSeeker['roster'] = new Map();
  for (const r of s.rosterEntries ?? []) {
    const key = norm(r.programme);
    const validUntil = validUntilDay(r.enteredAt, ROSTER_ENTRY_VALIDITY_YEARS);
    const known = roster.get(key);
    if (!known || !(known.validUntil >= validUntil)) roster.set(key, { validUntil, enteredAt: dated(r.enteredAt) });
  }
  return roster;
}

/**
 * The medical rule, for work abroad only (every overseas programme sends people with a valid
 * check; domestic jobs ask none): a check on file must be fit and still valid on the start day.
 * No check on file is not a failure: it is usually done after selection (DOMAIN.md: a chosen
 * candidate who fails the medical later is replaced by the next).
 */
export function medicalFailure(p: PreparedSeeker, overseas: boolean, startDay: number): 'medical-unfit' | 'medical-expired' | undefined {
  if (!overseas || !p.medical) return undefined;
  if (p.medical.unfit) return 'medical-unfit';
  return validThrough(p.medical.validUntil, startDay) ? undefined : 'medical-expired';
}

/** The roster rule: a seeker on the programme's roster must still be on it on the start day; one never entered is not judged here. */
export function rosterFailure(p: PreparedSeeker, programme: string, startDay: number): boolean {
  const entry = p.roster.get(programme);
  return entry !== undefined && !validThrough(entry.validUntil, startDay);
}

/** Opening data prepared once per run (normalised names, parsed dates and levels). */
export interface PreparedOpening {
  profile: OpeningProfile;
  country: string;
  sector: string;
  /** Normalised, for the roster rule. */
  programme: string;
  startDay: number;
  startIso: string;
  startYmd: number;
  minAge?: number;
  maxAge?: number;
  minExperienceYears?: number;
  /** Alternatives; null minimums read as absent. */
  languages: { req: { test: string; minScore?: number; minLevel?: string }; test: string; needRank: number }[];
  skills: { name: string; key: string }[];
}

export function prepareOpening(o: OpeningProfile, ctx?: EvaluationContext): PreparedOpening {
  let startDay = dayNumber(o.startDate);
  if (Number.isNaN(startDay) && ctx?.referenceDay !== undefined) startDay = ctx.referenceDay;
  return {
    profile: o,
    country: norm(o.country),
    sector: norm(o.sector),
    programme: norm(o.programme),
    startDay,
    startIso: Number.isNaN(startDay) ? 'the start date' : isoDay(new Date(startDay * 86400000)),
    startYmd: Number.isNaN(startDay) ? NaN : ymd(startDay),
    minAge: given(o.requirements.minAge),
    maxAge: given(o.requirements.maxAge),
    minExperienceYears: given(o.requirements.minExperienceYears),
    languages: o.requirements.languageTests.map((r) => {
      const req = { test: r.test, minScore: given(r.minScore), minLevel: given(r.minLevel) };
      return { req, test: norm(req.test), needRank: req.minLevel !== undefined ? levelRank(req.minLevel) : NaN };
    }),
    skills: o.requirements.skills.map((name) => ({ name, key: norm(name) })),
  };
}

export interface PairEvaluation {
  eligible: boolean;
  /** Every failing hard rule: its code and plain words with figures. */
  reasons: Reason[];
  /** Rules that applied in the seeker's favour (a waived language test), in the same form; only when explaining. */
  notes: Reason[];
  /** 0..100, two decimals. */
  score: number;
  /** Integer score x 100 used by the solvers. */
  weight: number;
  /** How the seeker ranks this opening (stable mode), integer x 100. */
  seekerWeight: number;
  breakdown: ScoreBreakdown;
  quotaClass: QuotaClass;
}

function fmt(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

function plural(n: number, word: string): string {
  return `${fmt(n)} ${word}${n === 1 ? '' : 's'}`;
}

const reason = (code: ReasonCode, text: string): Reason => ({ code, text });

/** A language result counts on the start day if taken by then and not expired; an undated one never does. */
export function validOn(t: PreparedSeeker['tests'][number], startDay: number): boolean {
  return !(Number.isNaN(t.day) || t.day > startDay || t.expiresDay < startDay);
}

/**
 * Checks one language alternative; returns the margin (0..1) when met. When not met, returns
 * the reason if `explain`, else null (the fast path builds no strings).
 */
function checkLanguage(
  p: PreparedSeeker,
  l: PreparedOpening['languages'][number],
  startDay: number,
  startIso: string,
  explain: boolean,
): number | Reason | null {
  const req = l.req;
  let bestScore = -Infinity;
  let bestRank = -Infinity;
  let bestLevel = '';
  let anyValid = false;
  let anyScore = false;
  let anyLevel = false;
  let lastDay = -Infinity;
  let lastIso = '';
  for (const t of p.tests) {
    if (t.test !== l.test) continue;
    if (t.day > lastDay) {
      lastDay = t.day;
      lastIso = t.takenAt;
    }
    if (!validOn(t, startDay)) continue;
    anyValid = true;
    if (t.score !== undefined) {
      anyScore = true;
      if (t.score > bestScore) bestScore = t.score;
    }
    if (!Number.isNaN(t.rank)) {
      anyLevel = true;
      if (t.rank > bestRank) {
        bestRank = t.rank;
        bestLevel = t.level as string;
      }
    }
  }
  const wanted = (): string => (req.minScore !== undefined ? fmt(req.minScore) : (req.minLevel ?? 'a result'));
  if (!anyValid) {
    if (!explain) return null;
    if (lastDay > -Infinity) {
      return reason(
        'language-expired',
        `${req.test} result of ${lastIso} expired before the start date ${startIso} (valid ${LANGUAGE_VALIDITY_YEARS} years)`,
      );
    }
    return reason('language-missing', `no ${req.test} result (required ${wanted()})`);
  }
  let margin = 0;
  if (req.minScore !== undefined) {
    if (!anyScore) return explain ? reason('language-missing', `no ${req.test} score (required ${wanted()})`) : null;
    if (bestScore < req.minScore)
      return explain ? reason('language-score-below', `${req.test} ${fmt(bestScore)} below the required ${fmt(req.minScore)}`) : null;
    const top = SCORE_SCALE[l.test] ?? req.minScore * 1.5;
    margin = top > req.minScore ? Math.min(1, (bestScore - req.minScore) / (top - req.minScore)) : 1;
  }
  if (req.minLevel !== undefined) {
    if (!anyLevel) return explain ? reason('language-missing', `no ${req.test} level (required ${req.minLevel})`) : null;
    if (!(bestRank >= l.needRank))
      return explain ? reason('language-level-below', `${req.test} ${bestLevel} below the required ${req.minLevel}`) : null;
    const m = Math.min(1, (bestRank - l.needRank) / 2);
    margin = req.minScore !== undefined ? (margin + m) / 2 : m;
  }
  return margin;
}

export interface EvaluationContext {
  weights: ScoreWeights;
  referenceDay?: number;
}

export function makeContext(weights?: Partial<ScoreWeights>, options?: MatchingOptions): EvaluationContext {
  const w = { ...DEFAULT_WEIGHTS, ...(weights ?? {}) };
  for (const k of Object.keys(w) as (keyof ScoreWeights)[]) {
    if (!(w[k] >= 0)) throw new Error(`score weight ${k} must be a number >= 0`);
  }
  return { weights: w, referenceDay: options?.referenceDate !== undefined ? dayNumber(options.referenceDate) : undefined };
}

const PART_KEYS: (keyof ScoreWeights)[] = ['skills', 'language', 'experience', 'preference', 'distance', 'returning', 'household'];

/** Hard rules and soft score of one seeker for one opening, with every failing reason. */
export function evaluatePair(p: PreparedSeeker, o: OpeningProfile | PreparedOpening, ctx: EvaluationContext): PairEvaluation {
  return evaluatePrepared(p, 'profile' in o ? o : prepareOpening(o, ctx), ctx, true) as PairEvaluation;
}

/**
 * The work behind evaluatePair. With explain = false it stops at the first failing rule and
 * returns null, building no strings: the common case when scanning many candidates.
 */
export function evaluatePrepared(p: PreparedSeeker, po: PreparedOpening, ctx: EvaluationContext, explain: boolean): PairEvaluation | null {
  const reasons: Reason[] = [];
  const fail = (code: ReasonCode, why: () => string): boolean => {
    if (!explain) return true;
    reasons.push(reason(code, why()));
    return false;
  };
  const s = p.profile;
  const o = po.profile;
  const country = po.country;
  const startDay = po.startDay;
  const startIso = po.startIso;

  if (s.placed && fail('already-placed', () => 'already placed')) return null;
  if (o.positions - o.filled <= 0 && fail('no-positions-left', () => 'no positions left')) return null;
  if (p.scopes.size > 0 && !p.scopes.has(o.scope)) {
    if (
      fail('scope-not-wanted', () => (p.scopes.size === 1 ? `prefers ${[...p.scopes][0]} work only` : `${o.scope} work not in preferences`))
    )
      return null;
  } else if (o.scope === 'overseas' && p.countries.length > 0 && !p.countries.includes(country)) {
    if (fail('country-not-wanted', () => `country ${o.country} not in preferences`)) return null;
  }
  const { minAge, maxAge, minExperienceYears } = po;
  if (minAge !== undefined || maxAge !== undefined) {
    if (Number.isNaN(p.birthYmd)) {
      const range = minAge === undefined ? `up to ${maxAge}` : maxAge === undefined ? `${minAge} and over` : `${minAge} to ${maxAge}`;
      if (fail('birth-date-missing', () => `birth date missing or invalid, so the age limit (${range}) cannot be checked`)) return null;
    } else {
      // Whole years: compare yyyymmdd numbers, birthday counted on its day.
      const age = Math.floor((po.startYmd - p.birthYmd) / 10000);
      if (minAge !== undefined && age < minAge && fail('age-below-minimum', () => `age ${age} below the minimum ${minAge} on ${startIso}`))
        return null;
      if (maxAge !== undefined && age > maxAge && fail('age-above-maximum', () => `age ${age} above the maximum ${maxAge} on ${startIso}`))
        return null;
    }
  }

  let languageMargin = -1; // -1: no language requirement
  const notes: Reason[] = [];
  if (po.languages.length > 0) {
    const failures: Reason[] = [];
    for (const l of po.languages) {
      const res = checkLanguage(p, l, startDay, startIso, explain);
      if (typeof res === 'number') languageMargin = Math.max(languageMargin, res);
      else if (res !== null) failures.push(res);
    }
    const faithful = languageMargin < 0 ? faithfulReentry(p, po) : undefined;
    if (faithful) {
      languageMargin = 0; // met, at the minimum
      if (explain)
        notes.push(
          reason(
            'faithful-worker-no-language-test',
            `faithful worker: back to the same employer at least ${FAITHFUL_REENTRY_MONTHS} months after leaving it on ${faithful.leftIso}, without a change of workplace, so no new language test`,
          ),
        );
    } else if (languageMargin < 0) {
      if (!explain) return null;
      reasons.push(...failures);
    }
  }

  const medical = medicalFailure(p, o.scope === 'overseas', startDay);
  if (medical === 'medical-unfit' && fail(medical, () => `medical check of ${p.medical!.checkedAt}: not fit for work abroad`)) return null;
  if (
    medical === 'medical-expired' &&
    fail(
      medical,
      () =>
        `medical check of ${p.medical!.checkedAt} expired before the start date ${startIso} (valid ${plural(MEDICAL_CHECK_VALIDITY_YEARS, 'year')})`,
    )
  )
    return null;
  if (
    rosterFailure(p, po.programme, startDay) &&
    fail(
      'roster-expired',
      () =>
        `${o.programme} roster entry of ${p.roster.get(po.programme)!.enteredAt} expired before the start date ${startIso} (valid ${plural(ROSTER_ENTRY_VALIDITY_YEARS, 'year')})`,
    )
  )
    return null;

  let skillDepth = 0;
  // Experience: years in the required skills (the best one), or in any skill when none is named.
  let experience = po.skills.length > 0 ? 0 : p.maxSkillYears;
  for (const k of po.skills) {
    const y = p.skillYears.get(k.key);
    if (y === undefined) {
      if (fail('skill-missing', () => `missing skill ${k.name}`)) return null;
    } else {
      skillDepth += Math.min(1, y / 3);
      if (y > experience) experience = y;
    }
  }
  if (minExperienceYears !== undefined && experience < minExperienceYears) {
    if (fail('experience-below', () => `experience ${plural(experience, 'year')} below the required ${fmt(minExperienceYears)}`))
      return null;
  }

  const returned = p.returnedFrom.get(country);
  const quotaClass: QuotaClass = o.scope === 'overseas' && returned !== undefined ? 'returning' : 'firstTime';

  // Soft parts, each 0..1; parts that do not apply to this pair drop out of the normalisation.
  const w = ctx.weights;
  const domestic = o.scope === 'domestic';
  const ci = domestic ? 0 : p.countries.indexOf(country);
  const countryPart = p.countries.length === 0 || domestic ? 1 : ci < 0 ? 0 : 1 - ci / p.countries.length;
  const si = p.sectors.indexOf(po.sector);
  const sectorPart = p.sectors.length === 0 ? 0.5 : si < 0 ? 0 : 1 - si / p.sectors.length;
  const preference = (countryPart + sectorPart) / 2;
  let distance = 0;
  if (domestic) {
    const sameProvince = norm(s.province) === norm(o.province);
    distance = sameProvince && s.district && o.district && norm(s.district) === norm(o.district) ? 1 : sameProvince ? 0.5 : 0;
  }
  const value: ScoreWeights = {
    skills: po.skills.length > 0 ? skillDepth / po.skills.length : Math.min(1, p.maxSkillYears / 3),
    language: languageMargin < 0 ? 0.5 : 0.5 + 0.5 * languageMargin,
    experience: Math.min(1, 0.5 + (experience - (minExperienceYears ?? 0)) / 6),
    preference,
    distance,
    returning: returned === undefined ? 0 : returned ? 1 : 0.6,
    household: p.priority ? 1 : 0,
  };
  const applies = (k: keyof ScoreWeights): boolean => (k === 'distance' ? domestic : k === 'returning' ? !domestic : true);

  let wsum = 0;
  for (const k of PART_KEYS) if (applies(k)) wsum += w[k];
  const breakdown: ScoreBreakdown = { skills: 0, language: 0, experience: 0, preference: 0, distance: 0, returning: 0, household: 0 };
  let weight = 0;
  if (wsum > 0) {
    for (const k of PART_KEYS) {
      if (!applies(k)) continue;
      const pts = Math.round((10000 * w[k] * value[k]) / wsum); // integer hundredths, so parts add up exactly
      breakdown[k] = pts / 100;
      weight += pts;
    }
  }
  // The seeker's own view: mostly their stated preference order, then closeness to home.
  const seekerWeight = Math.round(10000 * (0.8 * preference + 0.2 * (domestic ? distance : 0.5)));
  return { eligible: reasons.length === 0, reasons, notes, score: weight / 100, weight, seekerWeight, breakdown, quotaClass };
}

/** The stint that lets the seeker return to this opening's employer without a new language test, if any. */
function faithfulReentry(p: PreparedSeeker, po: PreparedOpening): PreparedSeeker['reentries'][number] | undefined {
  return p.reentries.find((r) => r.employerId === po.profile.employerId && r.country === po.country && r.backDay <= po.startDay);
}

const among = (ids: ReadonlySet<string> | readonly string[], id: string): boolean =>
  ids instanceof Set ? ids.has(id) : (ids as readonly string[]).includes(id);

/** The fair rules: runMatching leaves such seekers and openings out, so only the one-pair check names them. */
function fairReasons(seeker: SeekerProfile, opening: OpeningProfile, options?: MatchingOptions): Reason[] {
  const reasons: Reason[] = [];
  if (options?.checkedInSeekerIds && !among(options.checkedInSeekerIds, seeker.id))
    reasons.push(reason('not-checked-in', 'not checked in at the fair'));
  if (options?.openingIdsAtFair && !among(options.openingIdsAtFair, opening.id))
    reasons.push(reason('not-at-fair', 'opening not at a booth of the fair'));
  return reasons;
}

/** Convenience form for one pair, fair rules included: prepares the seeker and uses default weights. */
export function checkEligibility(
  seeker: SeekerProfile,
  opening: OpeningProfile,
  options?: MatchingOptions,
): { eligible: boolean; reasons: Reason[] } {
  const e = evaluatePair(prepareSeeker(seeker), opening, makeContext(undefined, options));
  const reasons = [...fairReasons(seeker, opening, options), ...e.reasons];
  return { eligible: reasons.length === 0, reasons };
}

export function scorePair(
  seeker: SeekerProfile,
  opening: OpeningProfile,
  weights?: Partial<ScoreWeights>,
): { score: number; breakdown: ScoreBreakdown; quotaClass: QuotaClass } {
  const e = evaluatePair(prepareSeeker(seeker), opening, makeContext(weights));
  return { score: e.score, breakdown: e.breakdown, quotaClass: e.quotaClass };
}
