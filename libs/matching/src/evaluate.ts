import { addYears, ageOn, dayNumber, isoDay } from './dates';
import {
  DEFAULT_WEIGHTS,
  LanguageRequirement,
  LanguageResult,
  MatchingOptions,
  OpeningProfile,
  QuotaClass,
  ScoreBreakdown,
  ScoreWeights,
  SeekerProfile,
} from './types';

/** Language results older than this on the opening's start date do not count (EPS-TOPIK rule). */
export const LANGUAGE_VALIDITY_YEARS = 2;

const norm = (s: string): string => s.trim().toLowerCase();

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

/** Seeker data prepared once, reused against many openings. */
export interface PreparedSeeker {
  profile: SeekerProfile;
  skillYears: Map<string, number>;
  maxSkillYears: number;
  tests: { test: string; score?: number; level?: string; rank: number; day: number; takenAt: string }[];
  scopes: Set<string>;
  countries: string[];
  sectors: string[];
  returnedFrom: Map<string, boolean>; // country -> recommended for rehire by an employer there
  priority: boolean;
  birthDay: number;
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
  const hs = s.householdStatus;
  return {
    profile: s,
    skillYears,
    maxSkillYears,
    tests: s.languageTests.map((t: LanguageResult) => ({
      test: norm(t.test),
      score: t.score,
      level: t.level,
      rank: t.level !== undefined ? levelRank(t.level) : NaN,
      day: dayNumber(t.takenAt),
      takenAt: isoDay(t.takenAt),
    })),
    scopes: new Set(s.preferences.scopes),
    countries: s.preferences.countries.map(norm),
    sectors: s.preferences.sectors.map(norm),
    returnedFrom,
    priority: hs === 'poor' || hs === 'near-poor' || hs === 'ethnic-minority' || hs === 'difficult',
    birthDay: dayNumber(s.birthDate),
  };
}

export interface PairEvaluation {
  eligible: boolean;
  /** Every failing hard rule, in plain words with figures. */
  reasons: string[];
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

/** Checks one language alternative; returns the margin (0..1) when met, else the reason. */
function checkLanguage(
  p: PreparedSeeker,
  req: LanguageRequirement,
  startDay: number,
  startIso: string,
): { margin: number } | { reason: string } {
  const test = norm(req.test);
  const all = p.tests.filter((t) => t.test === test);
  const valid = all.filter((t) => addYears(t.takenAt, LANGUAGE_VALIDITY_YEARS) >= startDay && t.day <= startDay);
  const wanted = req.minScore !== undefined ? fmt(req.minScore) : req.minLevel ?? 'a result';
  if (valid.length === 0) {
    if (all.length > 0) {
      const last = all.reduce((a, b) => (a.day >= b.day ? a : b));
      return { reason: `${req.test} result of ${last.takenAt} expired before the start date ${startIso} (valid ${LANGUAGE_VALIDITY_YEARS} years)` };
    }
    return { reason: `no ${req.test} result (required ${wanted})` };
  }
  let margin = 0;
  if (req.minScore !== undefined) {
    const scored = valid.filter((t) => t.score !== undefined);
    if (scored.length === 0) return { reason: `no ${req.test} score (required ${wanted})` };
    const best = Math.max(...scored.map((t) => t.score as number));
    if (best < req.minScore) return { reason: `${req.test} ${fmt(best)} below the required ${fmt(req.minScore)}` };
    const top = SCORE_SCALE[test] ?? req.minScore * 1.5;
    margin = top > req.minScore ? Math.min(1, (best - req.minScore) / (top - req.minScore)) : 1;
  }
  if (req.minLevel !== undefined) {
    const need = levelRank(req.minLevel);
    const levelled = valid.filter((t) => !Number.isNaN(t.rank));
    if (levelled.length === 0) return { reason: `no ${req.test} level (required ${req.minLevel})` };
    const best = levelled.reduce((a, b) => (a.rank >= b.rank ? a : b));
    if (best.rank < need) return { reason: `${req.test} ${best.level} below the required ${req.minLevel}` };
    const m = Math.min(1, (best.rank - need) / 2);
    margin = req.minScore !== undefined ? (margin + m) / 2 : m;
  }
  return { margin };
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

/**
 * Hard rules and soft score of one seeker for one opening. Positions are checked by the
 * caller's index too, but repeated here so a single call explains everything.
 */
export function evaluatePair(p: PreparedSeeker, o: OpeningProfile, ctx: EvaluationContext): PairEvaluation {
  const reasons: string[] = [];
  const s = p.profile;
  const country = norm(o.country);
  let startDay = dayNumber(o.startDate);
  if (Number.isNaN(startDay) && ctx.referenceDay !== undefined) startDay = ctx.referenceDay;
  const startIso = Number.isNaN(startDay) ? 'the start date' : isoDay(new Date(startDay * 86400000));

  if (s.placed) reasons.push('already placed');
  if (o.positions - o.filled <= 0) reasons.push('no positions left');
  if (p.scopes.size > 0 && !p.scopes.has(o.scope)) {
    reasons.push(p.scopes.size === 1 ? `prefers ${[...p.scopes][0]} work only` : `${o.scope} work not in preferences`);
  } else if (o.scope === 'overseas' && p.countries.length > 0 && !p.countries.includes(country)) {
    reasons.push(`country ${o.country} not in preferences`);
  }
  const age = ageOn(s.birthDate, new Date(startDay * 86400000));
  const r = o.requirements;
  if (r.minAge !== undefined && age < r.minAge) reasons.push(`age ${age} below the minimum ${r.minAge} on ${startIso}`);
  if (r.maxAge !== undefined && age > r.maxAge) reasons.push(`age ${age} above the maximum ${r.maxAge} on ${startIso}`);

  let languageMargin = -1; // -1: no language requirement
  if (r.languageTests.length > 0) {
    const failures: string[] = [];
    for (const req of r.languageTests) {
      const res = checkLanguage(p, req, startDay, startIso);
      if ('margin' in res) languageMargin = Math.max(languageMargin, res.margin);
      else failures.push(res.reason);
    }
    if (languageMargin < 0) reasons.push(...failures);
  }

  let skillDepth = 0;
  for (const name of r.skills) {
    const y = p.skillYears.get(norm(name));
    if (y === undefined) reasons.push(`missing skill ${name}`);
    else skillDepth += Math.min(1, y / 3);
  }
  // Experience: years in the required skills (the best one), or in any skill when none is named.
  let experience = r.skills.length > 0 ? 0 : p.maxSkillYears;
  for (const name of r.skills) experience = Math.max(experience, p.skillYears.get(norm(name)) ?? 0);
  if (r.minExperienceYears !== undefined && experience < r.minExperienceYears) {
    reasons.push(`experience ${plural(experience, 'year')} below the required ${fmt(r.minExperienceYears)}`);
  }

  const returned = p.returnedFrom.get(country);
  const quotaClass: QuotaClass = o.scope === 'overseas' && returned !== undefined ? 'returning' : 'firstTime';

  // Soft parts, each 0..1; parts that do not apply to this pair drop out of the normalisation.
  const w = ctx.weights;
  const parts: [keyof ScoreWeights, number, boolean][] = [];
  parts.push(['skills', r.skills.length > 0 ? skillDepth / r.skills.length : Math.min(1, p.maxSkillYears / 3), true]);
  parts.push(['language', languageMargin < 0 ? 0.5 : 0.5 + 0.5 * languageMargin, true]);
  const needExp = r.minExperienceYears ?? 0;
  parts.push(['experience', Math.min(1, 0.5 + (experience - needExp) / 6), true]);
  const ci = o.scope === 'overseas' ? p.countries.indexOf(country) : 0;
  const countryPart = p.countries.length === 0 || o.scope === 'domestic' ? 1 : ci < 0 ? 0 : 1 - ci / p.countries.length;
  const si = p.sectors.indexOf(norm(o.sector));
  const sectorPart = p.sectors.length === 0 ? 0.5 : si < 0 ? 0 : 1 - si / p.sectors.length;
  const preference = (countryPart + sectorPart) / 2;
  parts.push(['preference', preference, true]);
  let distance = 0;
  if (o.scope === 'domestic') {
    const sameProvince = norm(s.province) === norm(o.province);
    distance = sameProvince && s.district && o.district && norm(s.district) === norm(o.district) ? 1 : sameProvince ? 0.5 : 0;
  }
  parts.push(['distance', distance, o.scope === 'domestic']);
  parts.push(['returning', returned === undefined ? 0 : returned ? 1 : 0.6, o.scope === 'overseas']);
  parts.push(['household', p.priority ? 1 : 0, true]);

  let wsum = 0;
  for (const [k, , applies] of parts) if (applies) wsum += w[k];
  const breakdown: ScoreBreakdown = { skills: 0, language: 0, experience: 0, preference: 0, distance: 0, returning: 0, household: 0 };
  let weight = 0;
  if (wsum > 0) {
    for (const [k, v, applies] of parts) {
      if (!applies) continue;
      const pts = Math.round((10000 * w[k] * v) / wsum); // integer hundredths, so parts add up exactly
      breakdown[k] = pts / 100;
      weight += pts;
    }
  }
  // The seeker's own view: mostly their stated preference order, then closeness to home.
  const seekerWeight = Math.round(10000 * (0.8 * preference + 0.2 * (o.scope === 'domestic' ? distance : 0.5)));
  return { eligible: reasons.length === 0, reasons, score: weight / 100, weight, seekerWeight, breakdown, quotaClass };
}

/** Convenience form for one pair: prepares the seeker and uses default weights unless given. */
export function checkEligibility(seeker: SeekerProfile, opening: OpeningProfile, options?: MatchingOptions): { eligible: boolean; reasons: string[] } {
  const e = evaluatePair(prepareSeeker(seeker), opening, makeContext(undefined, options));
  return { eligible: e.eligible, reasons: e.reasons };
}

export function scorePair(
  seeker: SeekerProfile,
  opening: OpeningProfile,
  weights?: Partial<ScoreWeights>,
): { score: number; breakdown: ScoreBreakdown; quotaClass: QuotaClass } {
  const e = evaluatePair(prepareSeeker(seeker), opening, makeContext(weights));
  return { score: e.score, breakdown: e.breakdown, quotaClass: e.quotaClass };
}
