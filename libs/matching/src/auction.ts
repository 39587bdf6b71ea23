import { MatchingInstance, Solution } from './instance';
import { completeFromPrices, solutionOf } from './optimal';
import { buildPools } from './pools';
import { solveWithCaps } from './capped';

/**
 * Exact maximum-total-score matching under seats and quotas: a forward auction with
 * epsilon-scaling on a balanced version of the pool problem (see buildPools) finds near-optimal
 * pool prices, then completeFromPrices (exact primal-dual shortest paths, see optimal.ts) fixes
 * what is left and proves the result optimal by complementary slackness.
 *
 * Balancing: every pool seat gets a "ghost" bidder worth 0 that can sit in that pool or in a
 * shared "unmatched" pool, and the unmatched pool has one place per real seeker. Then bidders
 * and places are equal in number, every matching of seekers extends to a perfect assignment of
 * the same score (ghosts fill the empty seats, the rest sit out), and a perfect assignment is
 * all the auction has to find. This sidesteps the usual trouble of auctions with unequal sides
 * (a seat whose price rose in an early phase but ends up empty): a seat left by its seekers
 * gets a ghost, and its price falls behind the rising unmatched prices.
 *
 * Why the auction stops early: a phase costs about the same number of bids whatever its
 * epsilon, and the last ones are price wars among near-equal seekers. Once epsilon is a few
 * score units, the prices are close enough that the finisher needs a few thousand short
 * searches, a fraction of one more phase. Scores are scaled so that prices stay integers (the
 * finisher compares them exactly) while epsilon goes well below the score range.
 *
 * Seats of one pool are identical objects with their own prices; a bidder always bids for the
 * cheapest seat of a pool and its second-best value includes the next-cheapest seat, both read
 * from a per-pool min-heap. Deterministic: FIFO bid order, ties keep the first option in arc
 * order (pairs in input order), the unmatched option last.
 */
const SCALE = 64;
/** The auction's last phase is the first one with epsilon below this many score units. */
const EPS_STOP = 8;

export function solveOptimal(inst: MatchingInstance, onProgress?: (fraction: number) => void): Solution {
  return solveWithCaps(inst, (x) => auction(x, onProgress));
}

/** The auction and its finisher, for seats and quotas only (solveWithCaps adds the caps above the openings). */
function auction(inst: MatchingInstance, onProgress?: (fraction: number) => void): Solution {
  const S = inst.seekerCount;
  // The ghosts' arcs go in the pool graph's own arrays, and its weights are scaled in place.
  const g = buildPools(inst, { seatArcs: true });
  const N = g.poolCount;
  const cap = g.cap;
  let ghosts = 0;
  for (let j = 0; j < N; j++) ghosts += cap[j];

  let bidders = 0;
  for (let s = 0; s < S; s++) if (g.arcStart[s + 1] > g.arcStart[s]) bidders++;
  const P = S + ghosts; // person ids: seekers 0..S-1 (those without arcs never bid), ghosts after
  const n = bidders + ghosts;
  if (bidders === 0) return { pairs: new Int32Array(0), totalScore: 0 };

  // Person arcs: seekers' pair arcs, then one zero-worth arc per ghost to its own pool.
  const arcStart = new Int32Array(P + 1);
  arcStart.set(g.arcStart);
  const arcPool = g.arcPool;
  const arcW = g.arcW;
  let maxW = 0;
  for (let a = 0; a < g.arcStart[S]; a++) {
    const w = arcW[a] * SCALE;
    arcW[a] = w;
    if (w > maxW) maxW = w;
  }
  {
    let p = S;
    let a = g.arcStart[S];
    for (let j = 0; j < N; j++) {
      for (let c = 0; c < cap[j]; c++) {
        arcPool[a] = j;
        arcStart[p + 1] = ++a;
        p++;
      }
    }
  }

  // Places: pool seats, then the unmatched pool (index N) with one place per bidding seeker.
  const DUMMY = N;
  const placeStart = new Int32Array(N + 2);
  for (let j = 0; j < N; j++) placeStart[j + 1] = placeStart[j] + cap[j];
  placeStart[N + 1] = placeStart[N] + bidders;
  const T = placeStart[N + 1];
  const price = new Float64Array(T);
  const owner = new Int32Array(T);
  const heap = new Int32Array(T); // per pool region: a min-heap of place ids by price
  for (let t = 0; t < T; t++) heap[t] = t;
  const poolMin = new Float64Array(N + 1); // cheapest place price per pool, kept in step with the heaps
  const personPlace = new Int32Array(P);
  const personArc = new Int32Array(P);
  const queue = new Int32Array(n + 1);

  const siftDown = (base: number, size: number): void => {
    const t = heap[base];
    const key = price[t];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= size) break;
      let ct = heap[base + c];
      if (c + 1 < size) {
        const rt = heap[base + c + 1];
        if (price[rt] < price[ct] || (price[rt] === price[ct] && rt < ct)) {
          c++;
          ct = rt;
        }
      }
      if (price[ct] > key || (price[ct] === key && ct > t)) break;
      heap[base + i] = ct;
      i = c;
    }
    heap[base + i] = t;
  };
  const minAt = (j: number): number => price[heap[placeStart[j]]];
  const secondPrice = (j: number): number => {
    const base = placeStart[j];
    const size = placeStart[j + 1] - base;
    if (size < 2) return Infinity;
    let m = price[heap[base + 1]];
    if (size > 2 && price[heap[base + 2]] < m) m = price[heap[base + 2]];
    return m;
  };

  let eps = Math.max(1, Math.floor(maxW / 8));
  const theta = 6;
  const phases = Math.max(1, Math.ceil(Math.log(eps / (EPS_STOP * SCALE)) / Math.log(theta)) + 1);
  let phase = 0;
  owner.fill(-1);
  personPlace.fill(-1);
  const qn = n + 1;
  for (;;) {
    // Warm start: a bidder whose seat is still within eps of its best option keeps it; only
    // the others bid again. All places stay owned or get re-bid, so balance is kept.
    let head = 0;
    let tail = 0;
    for (let p = 0; p < P; p++) {
      if (arcStart[p + 1] === arcStart[p]) continue;
      const t = personPlace[p];
      if (t >= 0) {
        let v1 = -poolMin[DUMMY];
        for (let a = arcStart[p], e = arcStart[p + 1]; a < e; a++) {
          const v = arcW[a] - poolMin[arcPool[a]];
          if (v > v1) v1 = v;
        }
        const a = personArc[p];
        const own = (a >= 0 ? arcW[a] : 0) - price[t];
        if (own >= v1 - eps) continue;
        owner[t] = -1;
        personPlace[p] = -1;
      }
      queue[tail] = p;
      tail = (tail + 1) % qn;
    }
    while (head !== tail) {
      const p = queue[head];
      head = (head + 1) % qn;
      // Best and second-best net values over the arcs and the unmatched pool.
      let v1 = -Infinity;
      let v2 = -Infinity;
      let bj = -1;
      let ba = -1;
      for (let a = arcStart[p], e = arcStart[p + 1]; a < e; a++) {
        const j = arcPool[a];
        const v = arcW[a] - poolMin[j];
        if (v > v1) {
          v2 = v1;
          v1 = v;
          bj = j;
          ba = a;
        } else if (v > v2) v2 = v;
      }
      {
        const v = -poolMin[DUMMY];
        if (v > v1) {
          v2 = v1;
          v1 = v;
          bj = DUMMY;
          ba = -1;
        } else if (v > v2) v2 = v;
      }
      const wb = ba >= 0 ? arcW[ba] : 0;
      const v2same = wb - secondPrice(bj);
      if (v2same > v2) v2 = v2same;
      const base = placeStart[bj];
      const t = heap[base];
      // v2 is finite: every bidder has at least two places to choose from (see balancing).
      price[t] += v1 - v2 + eps;
      const prev = owner[t];
      if (prev >= 0) {
        personPlace[prev] = -1;
        queue[tail] = prev;
        tail = (tail + 1) % qn;
      }
      owner[t] = p;
      personPlace[p] = t;
      personArc[p] = ba;
      siftDown(base, placeStart[bj + 1] - base);
      poolMin[bj] = minAt(bj);
    }
    phase++;
    if (onProgress) onProgress(Math.min(0.95, (0.95 * phase) / phases));
    if (eps < EPS_STOP * SCALE) break;
    eps = Math.max(1, Math.floor(eps / theta));
  }

  // Pool prices for the finisher, relative to the cheapest unmatched place (the value of staying
  // unmatched is 0 there): a pool that still holds a ghost is then priced at about 0.
  const poolPrice = new Float64Array(N);
  for (let j = 0; j < N; j++) poolPrice[j] = Math.max(0, poolMin[j] - poolMin[DUMMY]);
  const seekerArc = completeFromPrices(g, arcW.subarray(0, g.arcStart[S]), poolPrice);
  if (onProgress) onProgress(1);
  return solutionOf(inst, g, seekerArc);
}
