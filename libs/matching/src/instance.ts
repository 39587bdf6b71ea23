/**
 * The solver-facing form of a matching problem: flat typed arrays, no objects per pair,
 * so that millions of eligible pairs fit in a few tens of MiB.
 */

/** Quota class of a pair: 0 = first-time worker, 1 = returning worker. */
export const FIRST_TIME = 0;
export const RETURNING = 1;
export type QuotaClassCode = typeof FIRST_TIME | typeof RETURNING;

export interface MatchingInstance {
  seekerCount: number;
  openingCount: number;
  /** Seats left per opening (designated seats already taken off). */
  positions: Int32Array;
  /** At most this many first-time workers per opening (set to positions when there is no quota). */
  firstTimeCap: Int32Array;
  /** At most this many returning workers per opening (set to positions when there is no quota). */
  returningCap: Int32Array;
  pairCount: number;
  pairSeeker: Int32Array;
  pairOpening: Int32Array;
  /** Integer weight of the pair (score x 100): what optimal maximises and how openings rank seekers. */
  pairScore: Int32Array;
  /** FIRST_TIME or RETURNING. */
  pairClass: Uint8Array;
  /** How the seeker ranks the opening in stable mode; falls back to pairScore. */
  pairSeekerScore?: Int32Array;
}

export interface Solution {
  /** Chosen pair indices, in increasing seeker order. */
  pairs: Int32Array;
  /** Sum of pairScore over the chosen pairs. */
  totalScore: number;
}

/** An instance of the given size with every array allocated (zeroed), to be filled in. */
export function allocateInstance(seekerCount: number, openingCount: number, pairCount: number): MatchingInstance {
  return {
    seekerCount,
    openingCount,
    positions: new Int32Array(openingCount),
    firstTimeCap: new Int32Array(openingCount),
    returningCap: new Int32Array(openingCount),
    pairCount,
    pairSeeker: new Int32Array(pairCount),
    pairOpening: new Int32Array(pairCount),
    pairScore: new Int32Array(pairCount),
    pairClass: new Uint8Array(pairCount),
  };
}

/** Builds an instance from plain arrays (tests, small callers). */
export function makeInstance(input: {
  seekerCount: number;
  openings: { positions: number; firstTime?: number; returning?: number }[];
  pairs: { seeker: number; opening: number; score: number; quotaClass: QuotaClassCode; seekerScore?: number }[];
}): MatchingInstance {
  const O = input.openings.length;
  const P = input.pairs.length;
  const inst = allocateInstance(input.seekerCount, O, P);
  input.openings.forEach((o, i) => {
    inst.positions[i] = o.positions;
    inst.firstTimeCap[i] = o.firstTime ?? o.positions;
    inst.returningCap[i] = o.returning ?? o.positions;
  });
  const hasSeekerScore = input.pairs.some((p) => p.seekerScore !== undefined);
  if (hasSeekerScore) inst.pairSeekerScore = new Int32Array(P);
  input.pairs.forEach((p, i) => {
    inst.pairSeeker[i] = p.seeker;
    inst.pairOpening[i] = p.opening;
    inst.pairScore[i] = p.score;
    inst.pairClass[i] = p.quotaClass;
    if (inst.pairSeekerScore) inst.pairSeekerScore[i] = p.seekerScore ?? p.score;
  });
  return inst;
}

/**
 * Checks a solution against every hard constraint; returns the violations in words
 * (empty when feasible). Used by tests, the bench and the file runner.
 */
export function checkSolution(inst: MatchingInstance, pairs: ArrayLike<number>): string[] {
  const errors: string[] = [];
  const seekerUsed = new Uint8Array(inst.seekerCount);
  const load = new Int32Array(inst.openingCount);
  const loadF = new Int32Array(inst.openingCount);
  const loadR = new Int32Array(inst.openingCount);
  for (let k = 0; k < pairs.length; k++) {
    const p = pairs[k];
    if (p < 0 || p >= inst.pairCount) {
      errors.push(`pair ${p} does not exist`);
      continue;
    }
    const s = inst.pairSeeker[p];
    const o = inst.pairOpening[p];
    if (seekerUsed[s]) errors.push(`seeker ${s} matched twice`);
    seekerUsed[s] = 1;
    load[o]++;
    if (inst.pairClass[p] === RETURNING) loadR[o]++;
    else loadF[o]++;
  }
  for (let o = 0; o < inst.openingCount; o++) {
    if (load[o] > inst.positions[o]) errors.push(`opening ${o} has ${load[o]} matches for ${inst.positions[o]} positions`);
    if (loadF[o] > inst.firstTimeCap[o]) errors.push(`opening ${o} has ${loadF[o]} first-time for a quota of ${inst.firstTimeCap[o]}`);
    if (loadR[o] > inst.returningCap[o]) errors.push(`opening ${o} has ${loadR[o]} returning for a quota of ${inst.returningCap[o]}`);
  }
  return errors;
}

export function totalOf(inst: MatchingInstance, pairs: ArrayLike<number>): number {
  let t = 0;
  for (let k = 0; k < pairs.length; k++) t += inst.pairScore[pairs[k]];
  return t;
}

/** Chosen pairs ordered by seeker, so the same matching always prints the same way. */
export function pairsBySeeker(inst: MatchingInstance, seekerPair: Int32Array): Int32Array {
  let n = 0;
  for (let s = 0; s < seekerPair.length; s++) if (seekerPair[s] >= 0) n++;
  const out = new Int32Array(n);
  n = 0;
  for (let s = 0; s < seekerPair.length; s++) if (seekerPair[s] >= 0) out[n++] = seekerPair[s];
  return out;
}
