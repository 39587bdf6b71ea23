import { MatchingInstance, Solution, pairsBySeeker } from './instance';
import { buildPools, PoolGraph } from './pools';
import { solveWithCaps } from './capped';

/**
 * Exact maximum-total-score matching under seats and quotas, by successive shortest paths
 * from zero prices. Kept beside the auction (solveOptimal) as a second, independent exact
 * method: simple to trust, fast on small and mid-size runs, slow on very congested large ones
 * (it has to discover every price by searching). The auction uses the same engine,
 * completeFromPrices, as its exact finisher from near-optimal prices.
 */
export function solveOptimalSsp(inst: MatchingInstance, onProgress?: (fraction: number) => void): Solution {
  return solveWithCaps(inst, (x) => {
    const g = buildPools(x);
    const seekerArc = completeFromPrices(g, g.arcW, new Float64Array(g.poolCount), onProgress);
    return solutionOf(x, g, seekerArc);
  });
}

/** The pairs and total score of an assignment of seekers to pool arcs (-1: unmatched). */
export function solutionOf(inst: MatchingInstance, g: PoolGraph, seekerArc: Int32Array): Solution {
  const seekerPair = new Int32Array(inst.seekerCount).fill(-1);
  let total = 0;
  for (let s = 0; s < inst.seekerCount; s++) {
    const a = seekerArc[s];
    if (a >= 0) {
      seekerPair[s] = g.arcPair[a];
      total += inst.pairScore[g.arcPair[a]];
    }
  }
  return { pairs: pairsBySeeker(inst, seekerPair), totalScore: total };
}

/**
 * Primal-dual completion on the pool problem (see buildPools), from any starting pool prices.
 * Returns the chosen arc per seeker (-1: unmatched), an optimal matching for arc weights w;
 * price is updated in place to the final pool duals.
 *
 * Duals: a price per pool (price >= 0, given) and a profit per seeker (>= 0). Optimality is
 * complementary slackness: profit(s) + price(j) >= w(a) on every arc a = (s, j), with equality
 * on chosen arcs, profit 0 for unmatched seekers and price 0 for pools with a free seat.
 *
 * 1. Seekers, one at a time (the Hungarian method for sparse assignment): the seeker takes the
 *    profit of its best arc, then the cheapest alternating path in reduced costs seats it (or
 *    leaves it out), ending at a pool with a free seat or at a seeker who drops out (loses its
 *    profit). Prices only rise, on full pools. Most seekers take a free seat of their best pool
 *    at once; the search only runs when that pool is full.
 * 2. Pools still holding a free seat at a positive price (possible only when the start prices
 *    are not zero), one at a time, by the mirror search: the cheapest alternating path that
 *    either pulls in an unmatched seeker, or makes some pool give up a seat by lowering its
 *    price to 0 (possibly the pool itself). Prices only fall there, profits only rise.
 * Each step keeps every reduced cost >= 0 and makes its path tight, and removes one defect
 * without creating others, so the end state satisfies complementary slackness. Weights and
 * prices must be integers (exact in doubles): every comparison is then exact. The certificate
 * is checked at the end; a violation throws.
 */
export function completeFromPrices(
  g: PoolGraph,
  w: Float64Array,
  price: Float64Array,
  onProgress?: (fraction: number) => void,
): Int32Array {
  const { poolCount: N, cap, arcStart, arcPool } = g;
  const S = arcStart.length - 1;
  // Seat slots per pool; a pool never holds more seekers than arcs point at it.
  const slotStart = new Int32Array(N + 1);
  for (let j = 0; j < N; j++) slotStart[j + 1] = slotStart[j] + cap[j];
  const slots = new Int32Array(slotStart[N]);
  const load = new Int32Array(N);
  const profit = new Float64Array(S);
  const seekerArc = new Int32Array(S).fill(-1);
  const seekerSlot = new Int32Array(S);

  const assign = (s: number, a: number): void => {
    const j = arcPool[a];
    const at = slotStart[j] + load[j]++;
    slots[at] = s;
    seekerSlot[s] = at;
    seekerArc[s] = a;
  };
  const unassign = (s: number): void => {
    const j = arcPool[seekerArc[s]];
    const last = slotStart[j] + --load[j];
    const at = seekerSlot[s];
    const moved = slots[last];
    slots[at] = moved;
    seekerSlot[moved] = at;
    seekerArc[s] = -1;
  };

  // Binary heap of (key, node), ties by node index so the search does not depend on heap history.
  let heapKey = new Float64Array(1024);
  let heapVal = new Int32Array(1024);
  let heapSize = 0;
  const heapPush = (key: number, val: number): void => {
    if (heapSize === heapKey.length) {
      const k2 = new Float64Array(heapSize * 2);
      k2.set(heapKey);
      heapKey = k2;
      const v2 = new Int32Array(heapSize * 2);
      v2.set(heapVal);
      heapVal = v2;
    }
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = heapKey[parent];
      if (pk < key || (pk === key && heapVal[parent] < val)) break;
      heapKey[i] = pk;
      heapVal[i] = heapVal[parent];
      i = parent;
    }
    heapKey[i] = key;
    heapVal[i] = val;
  };
  const heapPop = (): void => {
    const key = heapKey[--heapSize];
    const val = heapVal[heapSize];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= heapSize) break;
      if (c + 1 < heapSize && (heapKey[c + 1] < heapKey[c] || (heapKey[c + 1] === heapKey[c] && heapVal[c + 1] < heapVal[c]))) c++;
      if (heapKey[c] > key || (heapKey[c] === key && heapVal[c] >= val)) break;
      heapKey[i] = heapKey[c];
      heapVal[i] = heapVal[c];
      i = c;
    }
    heapKey[i] = key;
    heapVal[i] = val;
  };

  // 1. Seeker insertions. Dijkstra over pools, state reset through the touched list only.
  const dist = new Float64Array(N).fill(Infinity);
  const scanned = new Uint8Array(N);
  const predSeeker = new Int32Array(N);
  const predArc = new Int32Array(N);
  const touched = new Int32Array(N);
  let touchedCount = 0;
  const scannedList = new Int32Array(N);

  const relaxFrom = (s: number, ds: number): void => {
    const ps = profit[s];
    for (let a = arcStart[s], e = arcStart[s + 1]; a < e; a++) {
      const j = arcPool[a];
      if (scanned[j]) continue;
      const nd = ds + ps - (w[a] - price[j]);
      if (nd < dist[j]) {
        if (dist[j] === Infinity) touched[touchedCount++] = j;
        dist[j] = nd;
        predSeeker[j] = s;
        predArc[j] = a;
        heapPush(nd, j);
      }
    }
  };

  // Insert seekers by decreasing best weight: strong candidates settle the prices first, and a
  // later seeker's search is bounded by its own profit, which is then small. Ties by index.
  const order = new Int32Array(S);
  {
    const top = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let m = -Infinity;
      for (let a = arcStart[s], e = arcStart[s + 1]; a < e; a++) if (w[a] > m) m = w[a];
      top[s] = m;
      order[s] = s;
    }
    order.sort((x, y) => top[y] - top[x] || x - y);
  }
  const progressStep = Math.max(1, Math.floor(S / 100));
  for (let step = 0; step < S; step++) {
    const s0 = order[step];
    if (onProgress && step % progressStep === 0) onProgress(step / S);
    const a0 = arcStart[s0];
    const a1 = arcStart[s0 + 1];
    if (a0 === a1) continue;
    // Best immediate profit; among equals prefer a pool with a free seat.
    let best = -Infinity;
    let bestArc = -1;
    let bestFree = false;
    for (let a = a0; a < a1; a++) {
      const j = arcPool[a];
      const v = w[a] - price[j];
      const free = load[j] < cap[j];
      if (v > best || (v === best && free && !bestFree)) {
        best = v;
        bestArc = a;
        bestFree = free;
      }
    }
    if (best <= 0) continue; // nothing to gain: stays unmatched, profit 0
    profit[s0] = best;
    if (bestFree) {
      assign(s0, bestArc);
      continue;
    }
    // Shortest augmenting path in reduced costs from s0. Terminal costs: s0 unmatched costs
    // its profit; a displaced seeker s dropping out costs d(s) + profit(s); a free seat costs d.
    let bound = best;
    let endPool = -1;
    let endSeeker = s0;
    heapSize = 0;
    touchedCount = 0;
    let scannedCount = 0;
    relaxFrom(s0, 0);
    while (heapSize > 0) {
      const d = heapKey[0];
      const j = heapVal[0];
      heapPop();
      if (scanned[j] || d > dist[j]) continue;
      if (d >= bound) break;
      if (load[j] < cap[j]) {
        bound = d;
        endPool = j;
        break;
      }
      scanned[j] = 1;
      scannedList[scannedCount++] = j;
      for (let q = slotStart[j], qe = q + load[j]; q < qe; q++) {
        const s = slots[q];
        const drop = d + profit[s];
        if (drop < bound) {
          bound = drop;
          endPool = -1;
          endSeeker = s;
        }
        relaxFrom(s, d);
      }
    }
    const D = bound;
    // Dual update keeps every reduced cost >= 0 and makes the path tight.
    profit[s0] -= D;
    for (let i = 0; i < scannedCount; i++) {
      const j = scannedList[i];
      const delta = D - dist[j];
      price[j] += delta;
      for (let q = slotStart[j], qe = q + load[j]; q < qe; q++) profit[slots[q]] -= delta;
    }
    // Augment: walk back from the terminal to s0, moving each seeker one step along the path.
    let j: number;
    if (endPool >= 0) {
      j = endPool;
    } else if (endSeeker === s0) {
      j = -1; // s0 stays unmatched
    } else {
      j = arcPool[seekerArc[endSeeker]];
      unassign(endSeeker);
    }
    while (j >= 0) {
      const s = predSeeker[j];
      const a = predArc[j];
      const prev = s === s0 ? -1 : arcPool[seekerArc[s]];
      if (prev >= 0) unassign(s);
      assign(s, a);
      j = prev;
    }
    for (let i = 0; i < touchedCount; i++) dist[touched[i]] = Infinity;
    for (let i = 0; i < scannedCount; i++) scanned[scannedList[i]] = 0;
  }

  // 2. Pools with a free seat and a positive price.
  let firstDefect = 0;
  while (firstDefect < N && !(price[firstDefect] > 0 && load[firstDefect] < cap[firstDefect])) firstDefect++;
  if (firstDefect < N) repairPools(firstDefect);
  if (onProgress) onProgress(1);

  const bad = certificateViolation();
  if (bad) throw new Error(`optimal matching: optimality certificate fails (${bad})`);
  return seekerArc;

  function repairPools(from: number): void {
    // Arcs by pool (CSR), for searches that go from pools to seekers; an arc's seeker comes
    // through its pair (an array per arc for it would be a tenth of the peak at a million seekers).
    const A = arcStart[S];
    const { arcPair, pairSeeker } = g;
    const inStart = new Int32Array(N + 1);
    for (let a = 0; a < A; a++) inStart[arcPool[a] + 1]++;
    for (let j = 0; j < N; j++) inStart[j + 1] += inStart[j];
    const inArc = new Int32Array(A);
    const fill = inStart.slice(0, N);
    for (let a = 0; a < A; a++) inArc[fill[arcPool[a]]++] = a;

    const sDist = new Float64Array(S).fill(Infinity);
    const sDone = new Uint8Array(S);
    const sPred = new Int32Array(S); // arc by which the seeker would move (into the pool it was reached from)
    const sTouched: number[] = [];
    const sPopped: number[] = [];
    const pLabel = new Float64Array(N);
    const pDone = new Uint8Array(N);
    const pScanned: number[] = [];
    const poolPred = new Int32Array(N); // the seeker whose pop scanned the pool: it leaves the pool on the path
    const path: number[] = [];

    const scanPool = (j: number, d: number): void => {
      pDone[j] = 1;
      pLabel[j] = d;
      pScanned.push(j);
      const pj = price[j];
      for (let i = inStart[j], e = inStart[j + 1]; i < e; i++) {
        const a = inArc[i];
        const s = pairSeeker[arcPair[a]];
        if (sDone[s]) continue;
        // Members of j come in at reduced cost 0, so their profits rise with j's price drop.
        const nd = d + profit[s] + pj - w[a];
        if (nd < sDist[s]) {
          if (sDist[s] === Infinity) sTouched.push(s);
          sDist[s] = nd;
          sPred[s] = a;
          heapPush(nd, s);
        }
      }
    };

    for (let j0 = from; j0 < N; j0++) {
      while (price[j0] > 0 && load[j0] < cap[j0]) {
        // Terminals: j0 keeps its free seat at price 0 (cost price(j0)); an unmatched seeker
        // joins (cost d); a seeker leaves pool j for good, j's price falling to 0 (d + price(j)).
        let bound = price[j0];
        let endSeeker = -1;
        heapSize = 0;
        scanPool(j0, 0);
        while (heapSize > 0) {
          const d = heapKey[0];
          const s = heapVal[0];
          heapPop();
          if (sDone[s] || d > sDist[s]) continue;
          if (d >= bound) break;
          sDone[s] = 1;
          sPopped.push(s);
          const a = seekerArc[s];
          if (a < 0) {
            bound = d;
            endSeeker = s;
            break;
          }
          const j = arcPool[a];
          if (j === arcPool[sPred[s]]) continue; // already a member of the pool it was reached from
          if (pDone[j]) continue;
          if (d + price[j] < bound) {
            bound = d + price[j];
            endSeeker = s;
          }
          poolPred[j] = s;
          scanPool(j, d);
        }
        const D = bound;
        for (const j of pScanned) if (pLabel[j] < D) price[j] -= D - pLabel[j];
        for (const s of sPopped) if (sDist[s] < D) profit[s] += D - sDist[s];
        // Augment: each seeker on the path moves into the pool it was reached from, starting at
        // j0 (which has the free seat) so that every move finds its seat already vacated.
        path.length = 0;
        for (let s = endSeeker; s >= 0;) {
          path.push(s);
          const j = arcPool[sPred[s]];
          s = j === j0 ? -1 : poolPred[j];
        }
        for (let i = path.length - 1; i >= 0; i--) {
          const s = path[i];
          if (seekerArc[s] >= 0) unassign(s);
          assign(s, sPred[s]);
        }
        for (const t of sTouched) {
          sDist[t] = Infinity;
          sDone[t] = 0;
        }
        for (const j of pScanned) pDone[j] = 0;
        sTouched.length = 0;
        sPopped.length = 0;
        pScanned.length = 0;
      }
    }
  }

  function certificateViolation(): string {
    for (let j = 0; j < N; j++) {
      if (price[j] < 0) return `pool ${j} has a negative price`;
      if (price[j] > 0 && load[j] < cap[j]) return `pool ${j} has a free seat at a positive price`;
    }
    for (let s = 0; s < S; s++) {
      const p = profit[s];
      if (p < 0) return `seeker ${s} has a negative profit`;
      for (let a = arcStart[s], e = arcStart[s + 1]; a < e; a++)
        if (p + price[arcPool[a]] < w[a]) return `arc ${a} has a negative reduced cost`;
      const a = seekerArc[s];
      if (a >= 0 ? p + price[arcPool[a]] !== w[a] : p !== 0) return `seeker ${s} is not tight`;
    }
    return '';
  }
}
