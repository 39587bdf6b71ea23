import { solveOptimal } from './auction';
import { buildCapGroups } from './caps';
import { buildOpeningIndex, forEachCandidate, forEachScreenedCandidate, OpeningIndex } from './candidates';
import { evaluatePrepared, makeContext, PairEvaluation, PreparedSeeker, prepareSeeker } from './evaluate';
import { greedyBaseline } from './greedy';
import { Reason } from './reasons';
import { CapFields, FIRST_TIME, forEachGroupOf, MatchingInstance, RETURNING } from './instance';
import { alternateLayers } from './shortlist';
import { solveStable } from './stable';
import { MatchingOptions, OpeningProfile, QuotaClass, ScoreBreakdown, ScoreWeights, SeekerProfile } from './types';

export type MatchingMode = 'optimal' | 'stable' | 'greedy';

export interface MatchingRunInput {
  seekers: readonly SeekerProfile[];
  openings: readonly OpeningProfile[];
  mode: MatchingMode;
  weights?: Partial<ScoreWeights>;
  options?: MatchingOptions;
  /** Called with 0..100 as the run advances. */
  onProgress?: (percent: number) => void;
}

export interface Match {
  seekerId: string;
  openingId: string;
  score: number;
  breakdown: ScoreBreakdown;
  quotaClass: QuotaClass;
  designated: boolean;
  /** Rules applied in the seeker's favour (e.g. faithful-worker-no-language-test); absent when none. */
  notes?: Reason[];
  /** Shortlist runs only: 1 for a first choice, 2.. for the alternates of each next layer. */
  layer?: number;
  /** Shortlist runs only: the place on the opening's list (1 = first), by layer, then score, then seeker id. */
  rank?: number;
}

export interface UnmatchedReason extends Reason {
  /** Openings that failed the seeker for this reason; for outscored, the eligible openings others filled. */
  openings: number;
}

export interface UnmatchedSeeker {
  seekerId: string;
  /** Most frequent first; the same code may come with different figures (one per required score, say). */
  reasons: UnmatchedReason[];
}

export interface OpeningFill {
  openingId: string;
  /** Seats open for this run (positions - filled). */
  seats: number;
  matched: number;
  firstTime: number;
  returning: number;
  designated: number;
}

export interface MatchingRunResult {
  mode: MatchingMode;
  /** The first choices (layer 1): one per seat, what a one-to-one run proposes. */
  matches: Match[];
  /** Shortlist runs: the alternates of layers 2.., each on a seeker's allowance of lists; empty otherwise. */
  alternates: Match[];
  /** Seekers without a first choice (an alternate may still be among them). */
  unmatched: UnmatchedSeeker[];
  summary: {
    seekers: number;
    openings: number;
    eligiblePairs: number;
    matched: number;
    unmatched: number;
    totalScore: number;
    byQuotaClass: { firstTime: number; returning: number };
    designated: number;
    /** Shortlist runs only: entries on the alternates' layers. */
    alternates?: number;
    openingFill: OpeningFill[];
  };
}

export const OUTSCORED: Reason = { code: 'outscored', text: 'outscored: all eligible openings filled' };
export const NO_CANDIDATE: Reason = { code: 'no-opening-in-preferences', text: 'no opening in the preferred scope and countries' };

/** Growable typed arrays for the pair list: memory follows the eligible pairs only. */
class PairList {
  n = 0;
  seeker = new Int32Array(1024);
  opening = new Int32Array(1024);
  weight = new Int32Array(1024);
  seekerWeight = new Int32Array(1024);
  cls = new Uint8Array(1024);
  push(s: number, o: number, w: number, sw: number, c: number): void {
    if (this.n === this.seeker.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as { new (n: number): T })(a.length * 2);
        b.set(a);
        return b;
      };
      this.seeker = grow(this.seeker);
      this.opening = grow(this.opening);
      this.weight = grow(this.weight);
      this.seekerWeight = grow(this.seekerWeight);
      this.cls = grow(this.cls);
    }
    const i = this.n++;
    this.seeker[i] = s;
    this.opening[i] = o;
    this.weight[i] = w;
    this.seekerWeight[i] = sw;
    this.cls[i] = c;
  }
}

function asSet(x: ReadonlySet<string> | readonly string[] | undefined): ReadonlySet<string> | undefined {
  if (x === undefined) return undefined;
  return x instanceof Set ? x : new Set(x as readonly string[]);
}

/** Eligibility, designated seats, scoring and solving for one matching run. Pure and deterministic. */
export function runMatching(input: MatchingRunInput): MatchingRunResult {
  const progress = input.onProgress ?? (() => undefined);
  const ctx = makeContext(input.weights, input.options);
  const checkedIn = asSet(input.options?.checkedInSeekerIds);
  const atFair = asSet(input.options?.openingIdsAtFair);
  const seekers = input.seekers.filter((s) => !checkedIn || checkedIn.has(s.id)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const idx: OpeningIndex = buildOpeningIndex(
    input.openings.filter((o) => !atFair || atFair.has(o.id)),
    input.options,
  );
  const openings = idx.openings;
  const S = seekers.length;
  const O = openings.length;
  const caps = buildCapGroups(input.openings, openings, input.options);
  progress(0);

  // 1. Eligibility and scores over screened candidates only.
  const prepared: PreparedSeeker[] = new Array(S);
  const pairs = new PairList();
  const pairStart = new Int32Array(S + 1);
  const rejections = new Map<number, UnmatchedReason[]>();
  const step = Math.max(1, Math.floor(S / 40));
  for (let s = 0; s < S; s++) {
    if (s % step === 0) progress((40 * s) / S);
    const p = (prepared[s] = prepareSeeker(seekers[s]));
    const before = pairs.n;
    forEachScreenedCandidate(idx, p, (o) => {
      const e = evaluatePrepared(p, idx.prepared[o], ctx, false);
      if (e) pairs.push(s, o, e.weight, e.seekerWeight, e.quotaClass === 'returning' ? RETURNING : FIRST_TIME);
    });
    pairStart[s + 1] = pairs.n;
    if (pairs.n === before) {
      // No eligible opening: a second, explaining pass collects every reason (rare, so cheap).
      const byText = new Map<string, UnmatchedReason>();
      forEachCandidate(idx, p, (o) => {
        for (const r of (evaluatePrepared(p, idx.prepared[o], ctx, true) as PairEvaluation).reasons) {
          const seen = byText.get(r.text);
          if (seen) seen.openings++;
          else byText.set(r.text, { ...r, openings: 1 });
        }
      });
      const reasons = [...byText.values()].sort((a, b) => b.openings - a.openings || (a.text < b.text ? -1 : 1));
      rejections.set(s, reasons.length ? reasons : [{ ...NO_CANDIDATE, openings: 0 }]);
    }
  }

  // 2. Designated workers take their named seats first: best score first, ties by opening then seeker id.
  const seats = new Int32Array(O);
  const designatedCount = new Int32Array(O);
  for (let o = 0; o < O; o++) seats[o] = Math.max(0, openings[o].positions - openings[o].filled);
  const byNationalId = new Map<string, number>();
  seekers.forEach((s, i) => byNationalId.set(s.nationalId, i));
  const named: number[] = []; // pair indices
  for (let o = 0; o < O; o++) {
    for (const nid of openings[o].designatedWorkers) {
      const s = byNationalId.get(nid);
      if (s === undefined) continue;
      for (let k = pairStart[s]; k < pairStart[s + 1]; k++) if (pairs.opening[k] === o) named.push(k);
    }
  }
  named.sort((a, b) => pairs.weight[b] - pairs.weight[a] || pairs.opening[a] - pairs.opening[b] || pairs.seeker[a] - pairs.seeker[b]);
  const fixedPair = new Int32Array(S).fill(-1);
  const returningSeats = (o: number): number => {
    const q = openings[o].quotas;
    return q ? Math.min(q.returning, seats[o]) : seats[o];
  };
  // Workers each cap group may still take: less the designated seats here, then (after solving) the matches.
  const groupLeft = caps.left.slice();
  const inGroups: CapFields = { groupCount: caps.count, groupCap: groupLeft, groupParent: caps.parent, openingGroup: caps.openingGroup };
  const capReached = (o: number): boolean => {
    let full = false;
    forEachGroupOf(inGroups, o, (g) => (full ||= groupLeft[g] <= 0));
    return full;
  };
  for (const k of named) {
    const s = pairs.seeker[k];
    const o = pairs.opening[k];
    if (fixedPair[s] >= 0 || designatedCount[o] >= returningSeats(o) || capReached(o)) continue;
    fixedPair[s] = k;
    designatedCount[o]++;
    forEachGroupOf(inGroups, o, (g) => groupLeft[g]--);
  }

  // 3. The solver instance: remaining seats and quotas, pairs of seekers not already seated.
  const inst: MatchingInstance = {
    seekerCount: S,
    openingCount: O,
    positions: new Int32Array(O),
    firstTimeCap: new Int32Array(O),
    returningCap: new Int32Array(O),
    pairCount: 0,
    pairSeeker: pairs.seeker,
    pairOpening: pairs.opening,
    pairScore: pairs.weight,
    pairClass: pairs.cls,
    pairSeekerScore: pairs.seekerWeight,
    ...inGroups,
    groupCap: groupLeft.slice(),
  };
  for (let o = 0; o < O; o++) {
    const left = seats[o] - designatedCount[o];
    const q = openings[o].quotas;
    inst.positions[o] = left;
    inst.firstTimeCap[o] = q ? Math.min(q.firstTime, left) : left;
    inst.returningCap[o] = q ? Math.max(0, Math.min(q.returning - designatedCount[o], left)) : left;
  }
  // Compact in place: drop pairs of seated designated workers (order is kept, so results stay deterministic).
  const solverToPair: number[] = [];
  let m = 0;
  for (let k = 0; k < pairs.n; k++) {
    if (fixedPair[pairs.seeker[k]] >= 0) continue;
    solverToPair.push(k);
    m++;
  }
  const take = Int32Array.from(solverToPair);
  inst.pairSeeker = take.map((k) => pairs.seeker[k]);
  inst.pairOpening = take.map((k) => pairs.opening[k]);
  inst.pairScore = take.map((k) => pairs.weight[k]);
  inst.pairSeekerScore = take.map((k) => pairs.seekerWeight[k]);
  inst.pairClass = Uint8Array.from(take, (k) => pairs.cls[k]);
  inst.pairCount = m;
  progress(45);

  const ratio = input.options?.shortlistRatio ?? 1;
  const solve = (sub: MatchingInstance, onFraction?: (f: number) => void) =>
    input.mode === 'optimal' ? solveOptimal(sub, onFraction) : input.mode === 'stable' ? solveStable(sub) : greedyBaseline(sub);
  const solution = solve(inst, (f) => progress(45 + (50 * f) / ratio));
  const layers =
    ratio > 1 ? alternateLayers(inst, solution.pairs, { ratio, perSeeker: input.options?.shortlistsPerSeeker ?? 1 }, solve) : [];
  progress(95);

  // 4. Results with explanations (breakdowns recomputed for the chosen pairs only).
  const chosen = new Int32Array(S).fill(-1);
  const solverLoad = new Int32Array(O);
  for (const k of solution.pairs) {
    chosen[inst.pairSeeker[k]] = take[k];
    solverLoad[inst.pairOpening[k]]++;
    forEachGroupOf(inst, inst.pairOpening[k], (g) => groupLeft[g]--);
  }
  /** Why an outscored seeker was left out: openings with seats whose cap was reached, by cap, then the rest. */
  const outscoredReasons = (s: number): UnmatchedReason[] => {
    const byGroup = new Map<number, number>();
    let rest = 0;
    for (let k = pairStart[s]; k < pairStart[s + 1]; k++) {
      const o = pairs.opening[k];
      let full = -1;
      if (solverLoad[o] < inst.positions[o]) forEachGroupOf(inst, o, (g) => (full = full < 0 && groupLeft[g] <= 0 ? g : full));
      if (full < 0) rest++;
      else byGroup.set(full, (byGroup.get(full) ?? 0) + 1);
    }
    const reasons: UnmatchedReason[] = [...byGroup].map(([g, n]) => ({
      code: 'cap-reached',
      text: `cap reached: ${caps.label[g]}`,
      openings: n,
    }));
    return rest > 0 || reasons.length === 0 ? [...reasons, { ...OUTSCORED, openings: rest }] : reasons;
  };
  const matches: Match[] = [];
  const unmatched: UnmatchedSeeker[] = [];
  const fill = openings.map<OpeningFill>((o, i) => ({
    openingId: o.id,
    seats: seats[i],
    matched: 0,
    firstTime: 0,
    returning: 0,
    designated: designatedCount[i],
  }));
  let total = 0;
  const byClass = { firstTime: 0, returning: 0 };
  const matchOf = (k: number, designated: boolean, layer: number): Match & { weight: number } => {
    const s = pairs.seeker[k];
    const e = evaluatePrepared(prepared[s], idx.prepared[pairs.opening[k]], ctx, true) as PairEvaluation;
    return {
      seekerId: seekers[s].id,
      openingId: openings[pairs.opening[k]].id,
      score: e.score,
      breakdown: e.breakdown,
      quotaClass: designated ? 'returning' : e.quotaClass,
      designated,
      ...(e.notes.length ? { notes: e.notes } : {}),
      ...(ratio > 1 ? { layer } : {}),
      weight: e.weight,
    };
  };
  for (let s = 0; s < S; s++) {
    const designated = fixedPair[s] >= 0;
    const k = designated ? fixedPair[s] : chosen[s];
    if (k < 0) {
      const reasons = rejections.get(s) ?? outscoredReasons(s);
      unmatched.push({ seekerId: seekers[s].id, reasons });
      continue;
    }
    const { weight, ...match } = matchOf(k, designated, 1);
    matches.push(match);
    total += weight;
    byClass[match.quotaClass]++;
    fill[pairs.opening[k]].matched++;
    fill[pairs.opening[k]][match.quotaClass]++;
  }
  const alternates = layers.flatMap((layer, i) =>
    Array.from(layer, (k) => {
      const { weight: _, ...match } = matchOf(take[k], false, i + 2);
      return match;
    }),
  );
  if (ratio > 1) rankShortlists([...matches, ...alternates]);
  progress(100);
  return {
    mode: input.mode,
    matches,
    alternates,
    unmatched,
    summary: {
      seekers: S,
      openings: O,
      eligiblePairs: pairs.n,
      matched: matches.length,
      unmatched: unmatched.length,
      totalScore: total / 100,
      byQuotaClass: byClass,
      designated: matches.filter((x) => x.designated).length,
      ...(ratio > 1 ? { alternates: alternates.length } : {}),
      openingFill: fill,
    },
  };
}

/** Each opening's list in order: layer, then score (best first), then seeker id; rank 1 is the top. */
function rankShortlists(entries: Match[]): void {
  const byOpening = new Map<string, Match[]>();
  for (const m of entries) {
    const list = byOpening.get(m.openingId);
    if (list) list.push(m);
    else byOpening.set(m.openingId, [m]);
  }
  for (const list of byOpening.values()) {
    list.sort((a, b) => (a.layer ?? 1) - (b.layer ?? 1) || b.score - a.score || (a.seekerId < b.seekerId ? -1 : 1));
    list.forEach((m, i) => (m.rank = i + 1));
  }
}
