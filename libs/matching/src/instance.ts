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
  /**
   * Caps above the openings (per employer, per farm household, per programme): groups of
   * openings that take at most groupCap workers together. The groups form a laminar family,
   * stored as a forest: each opening names its smallest group, each group the next larger one.
   * Absent or 0: no caps.
   */
  groupCount?: number;
  /** Workers the group may still take (seats already filled taken off). */
  groupCap?: Int32Array;
  /** The smallest group strictly containing this one, or -1. */
  groupParent?: Int32Array;
  /** The smallest group containing the opening, or -1. */
  openingGroup?: Int32Array;
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

/** The number of cap groups of an instance (0 when it has none). */
/** The cap groups of an instance (or of one being built). */
export type CapFields = Pick<MatchingInstance, 'groupCount' | 'groupCap' | 'groupParent' | 'openingGroup'>;

export function groupCountOf(inst: CapFields): number {
  return inst.groupCap && inst.groupParent && inst.openingGroup ? (inst.groupCount ?? 0) : 0;
}

/** Calls fn for every group holding the opening, smallest first. */
export function forEachGroupOf(inst: CapFields, o: number, fn: (g: number) => void): void {
  if (groupCountOf(inst) === 0) return;
  const parent = inst.groupParent as Int32Array;
  for (let g = (inst.openingGroup as Int32Array)[o]; g >= 0; g = parent[g]) fn(g);
}

/** Builds an instance from plain arrays (tests, small callers). */
export function makeInstance(input: {
  seekerCount: number;
  openings: { positions: number; firstTime?: number; returning?: number; group?: number }[];
  pairs: { seeker: number; opening: number; score: number; quotaClass: QuotaClassCode; seekerScore?: number }[];
  /** Cap groups; a group's parent must be a larger group (a forest). */
  groups?: { cap: number; parent?: number }[];
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
  if (input.groups?.length) {
    inst.groupCount = input.groups.length;
    inst.groupCap = Int32Array.from(input.groups, (g) => g.cap);
    inst.groupParent = Int32Array.from(input.groups, (g) => g.parent ?? -1);
    inst.openingGroup = Int32Array.from(input.openings, (o) => o.group ?? -1);
  }
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
  const G = groupCountOf(inst);
  if (G > 0) {
    const groupLoad = new Int32Array(G);
    for (let o = 0; o < inst.openingCount; o++) forEachGroupOf(inst, o, (g) => (groupLoad[g] += load[o]));
    const cap = inst.groupCap as Int32Array;
    for (let g = 0; g < G; g++) if (groupLoad[g] > cap[g]) errors.push(`cap group ${g} has ${groupLoad[g]} matches for a cap of ${cap[g]}`);
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
