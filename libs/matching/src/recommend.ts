import { buildOpeningIndex, forEachScreenedCandidate, OpeningIndex } from './candidates';
import { evaluatePrepared, makeContext, prepareSeeker } from './evaluate';
import { MatchingOptions, OpeningProfile, QuotaClass, ScoreBreakdown, ScoreWeights, SeekerProfile } from './types';

export interface Recommendation {
  openingId: string;
  score: number;
  breakdown: ScoreBreakdown;
  quotaClass: QuotaClass;
  /** The employer asked for this seeker by name. */
  designated: boolean;
  /** Why it fits: the largest parts of the score, in words. */
  reasons: string[];
}

const PART_WORDS: Record<keyof ScoreWeights, string> = {
  skills: 'skills match',
  language: 'language result above the requirement',
  experience: 'experience',
  preference: "among the seeker's preferred countries and sectors",
  distance: 'close to home',
  returning: 'worked in this country before',
  household: 'priority household',
};

/**
 * Top eligible openings for one seeker (e.g. at check-in). Pass an OpeningIndex built once
 * per fair (buildOpeningIndex) to skip re-indexing on every call. Household priority counts in
 * the ranking but is never named in the reasons (they may be shown to employers).
 */
export function recommend(
  seeker: SeekerProfile,
  openings: readonly OpeningProfile[] | OpeningIndex,
  weights?: Partial<ScoreWeights>,
  limit = 10,
  options?: MatchingOptions,
): Recommendation[] {
  const idx = Array.isArray(openings) ? buildOpeningIndex(openings as OpeningProfile[], options) : (openings as OpeningIndex);
  const ctx = makeContext(weights, options);
  const p = prepareSeeker(seeker);
  const found: Recommendation[] = [];
  forEachScreenedCandidate(idx, p, (o) => {
    const op = idx.openings[o];
    const e = evaluatePrepared(p, idx.prepared[o], ctx, false);
    if (!e) return;
    const parts = (Object.keys(e.breakdown) as (keyof ScoreWeights)[])
      .filter((k) => k !== 'household' && e.breakdown[k] > 0)
      .sort((a, b) => e.breakdown[b] - e.breakdown[a])
      .slice(0, 3)
      .map((k) => `${PART_WORDS[k]} (${e.breakdown[k].toFixed(1)} points)`);
    found.push({
      openingId: op.id,
      score: e.score,
      breakdown: e.breakdown,
      quotaClass: e.quotaClass,
      designated: op.designatedWorkers.includes(seeker.nationalId),
      reasons: parts,
    });
  });
  // Named seats first, then score, then id for a stable order.
  found.sort((a, b) => Number(b.designated) - Number(a.designated) || b.score - a.score || (a.openingId < b.openingId ? -1 : 1));
  return found.slice(0, limit);
}
