import { FIRST_TIME, MatchingInstance } from './instance';

/**
 * Seat pools: the quota limits F <= f, R <= r, F + R <= p of each opening become up to three
 * pools with plain capacities: first-time-only (3o), returning-only (3o+1) and flexible
 * (3o+2, only when the quotas overlap, f + r > p). A first-time pair may use its own pool or
 * the flexible one, a returning pair likewise. Every (F, R) split the quotas allow packs into
 * those pools (Hall's condition is exactly the three limits) and no other split does, so the
 * capacitated problem becomes a transportation problem with unit-demand seekers.
 */
export interface PoolGraph {
  poolCount: number;
  /** Capacity per pool, never more than the number of arcs into it. */
  cap: Int32Array;
  /**
   * Seeker-major arcs (CSR): arcs of seeker s are arcStart[s] .. arcStart[s+1]-1. With
   * `seatArcs`, arcPool and arcW have room for one more arc per seat after them.
   */
  arcStart: Int32Array;
  arcPool: Int32Array;
  arcW: Float64Array;
  arcPair: Int32Array;
  /** The instance's seeker of each pair, not a copy: an arc's seeker is pairSeeker[arcPair[a]]. */
  pairSeeker: Int32Array;
}

/**
 * `seatArcs`: room for one arc per seat after the seekers' arcs, where the auction puts its
 * ghosts, so it can work in these arrays instead of copies of them (a quarter of its peak
 * memory at a million seekers).
 */
export function buildPools(inst: MatchingInstance, { seatArcs = false } = {}): PoolGraph {
  const S = inst.seekerCount;
  const O = inst.openingCount;
  const NP = inst.pairCount;
  const N = O * 3;
  const cap = new Int32Array(N);
  for (let o = 0; o < O; o++) {
    const p = Math.max(0, inst.positions[o]);
    const f = Math.max(0, Math.min(inst.firstTimeCap[o], p));
    const r = Math.max(0, Math.min(inst.returningCap[o], p));
    if (f + r <= p) {
      cap[3 * o] = f;
      cap[3 * o + 1] = r;
    } else {
      cap[3 * o] = p - r;
      cap[3 * o + 1] = p - f;
      cap[3 * o + 2] = f + r - p;
    }
  }
  const arcStart = new Int32Array(S + 1);
  const indeg = new Int32Array(N);
  for (let k = 0; k < NP; k++) {
    const o = inst.pairOpening[k];
    const own = 3 * o + (inst.pairClass[k] === FIRST_TIME ? 0 : 1);
    let n = 0;
    if (cap[own] > 0) {
      n++;
      indeg[own]++;
    }
    if (cap[3 * o + 2] > 0) {
      n++;
      indeg[3 * o + 2]++;
    }
    arcStart[inst.pairSeeker[k] + 1] += n;
  }
  for (let s = 0; s < S; s++) arcStart[s + 1] += arcStart[s];
  let seats = 0;
  for (let j = 0; j < N; j++) {
    if (cap[j] > indeg[j]) cap[j] = indeg[j];
    seats += cap[j];
  }
  const A = arcStart[S];
  const spareArcs = seatArcs ? seats : 0;
  const arcPool = new Int32Array(A + spareArcs);
  const arcW = new Float64Array(A + spareArcs);
  const arcPair = new Int32Array(A);
  const fill = arcStart.slice(0, S);
  for (let k = 0; k < NP; k++) {
    const s = inst.pairSeeker[k];
    const o = inst.pairOpening[k];
    const own = 3 * o + (inst.pairClass[k] === FIRST_TIME ? 0 : 1);
    const w = inst.pairScore[k];
    if (cap[own] > 0) {
      const a = fill[s]++;
      arcPool[a] = own;
      arcW[a] = w;
      arcPair[a] = k;
    }
    if (cap[3 * o + 2] > 0) {
      const a = fill[s]++;
      arcPool[a] = 3 * o + 2;
      arcW[a] = w;
      arcPair[a] = k;
    }
  }
  return { poolCount: N, cap, arcStart, arcPool, arcW, arcPair, pairSeeker: inst.pairSeeker };
}
