import { MatchingInstance, Solution, pairsBySeeker } from './instance';
import { buildPools } from './pools';

/**
 * Exact maximum-total-score matching under seats and quotas, by successive shortest paths.
 * Kept beside the auction (solveOptimal) as a second, independent exact method: simple to
 * trust, fast on small and mid-size runs, slow on very congested large ones.
 *
 * Model: see buildPools (a transportation problem over seat pools).
 *
 * Method: successive shortest paths with Dijkstra on reduced costs, one seeker at a time
 * (primal-dual, as in the Hungarian method for sparse assignment). Duals: a price per pool
 * (> 0 only when the pool is full) and a profit per seeker (>= 0). Invariant after each
 * step: the matching of the seekers processed so far is optimal for them, with complementary
 * slackness holding. Adding a seeker searches the cheapest alternating path that ends either
 * at a pool with a free seat or at a seeker who drops out (loses its profit). Leaving the
 * seeker unmatched is also a candidate, so seekers are never forced in at a loss. Scores are
 * integers, so all comparisons are exact. Most seekers take their best pool at once (fast
 * path); the search only runs when that pool is full.
 */
export function solveOptimalSsp(inst: MatchingInstance, onProgress?: (fraction: number) => void): Solution {
  const S = inst.seekerCount;
  const { poolCount: N, cap, arcStart, arcPool, arcW, arcPair } = buildPools(inst);
  // Seat slots per pool; a pool never holds more seekers than arcs point at it.
  const slotStart = new Int32Array(N + 1);
  for (let j = 0; j < N; j++) slotStart[j + 1] = slotStart[j] + cap[j];
  const slots = new Int32Array(slotStart[N]);
  const load = new Int32Array(N);
  const price = new Float64Array(N);
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

  // Dijkstra state, reset through the touched list only.
  const dist = new Float64Array(N).fill(Infinity);
  const scanned = new Uint8Array(N);
  const predSeeker = new Int32Array(N);
  const predArc = new Int32Array(N);
  const touched = new Int32Array(N);
  let touchedCount = 0;
  const scannedList = new Int32Array(N);
  let heapKey = new Float64Array(1024);
  let heapVal = new Int32Array(1024);
  let heapSize = 0;

  const heapPush = (key: number, val: number): void => {
    if (heapSize === heapKey.length) {
      const k2 = new Float64Array(heapSize * 2); k2.set(heapKey); heapKey = k2;
      const v2 = new Int32Array(heapSize * 2); v2.set(heapVal); heapVal = v2;
    }
    let i = heapSize++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = heapKey[parent];
      // Ties by pool index keep the search (and so the result) independent of heap history.
      if (pk < key || (pk === key && heapVal[parent] < val)) break;
      heapKey[i] = pk; heapVal[i] = heapVal[parent];
      i = parent;
    }
    heapKey[i] = key; heapVal[i] = val;
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
      heapKey[i] = heapKey[c]; heapVal[i] = heapVal[c];
      i = c;
    }
    heapKey[i] = key; heapVal[i] = val;
  };

  const relaxFrom = (s: number, ds: number): void => {
    const ps = profit[s];
    for (let a = arcStart[s], e = arcStart[s + 1]; a < e; a++) {
      const j = arcPool[a];
      if (scanned[j]) continue;
      const nd = ds + ps - (arcW[a] - price[j]);
      if (nd < dist[j]) {
        if (dist[j] === Infinity) touched[touchedCount++] = j;
        dist[j] = nd;
        predSeeker[j] = s;
        predArc[j] = a;
        heapPush(nd, j);
      }
    }
  };

  // Insert seekers by decreasing best score: strong candidates settle the prices first, and a
  // later seeker's search is bounded by its own profit, which is then small. Ties by index.
  const order = new Int32Array(S);
  {
    const top = new Float64Array(S);
    for (let s = 0; s < S; s++) {
      let m = -1;
      for (let a = arcStart[s], e = arcStart[s + 1]; a < e; a++) if (arcW[a] > m) m = arcW[a];
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
      const v = arcW[a] - price[j];
      const free = load[j] < cap[j];
      if (v > best || (v === best && free && !bestFree)) { best = v; bestArc = a; bestFree = free; }
    }
    if (best < 0) continue; // every option costs more than it brings: stays unmatched, profit 0
    if (bestFree) {
      profit[s0] = best;
      assign(s0, bestArc);
      continue;
    }
    // Shortest augmenting path in reduced costs from s0. Terminal costs: s0 unmatched costs
    // its profit; a displaced seeker s dropping out costs d(s) + profit(s); a free seat costs d.
    profit[s0] = best;
    let bound = best; // cost of leaving s0 unmatched
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
      if (load[j] < cap[j]) { bound = d; endPool = j; break; }
      scanned[j] = 1;
      scannedList[scannedCount++] = j;
      for (let q = slotStart[j], qe = q + load[j]; q < qe; q++) {
        const s = slots[q];
        const drop = d + profit[s];
        if (drop < bound) { bound = drop; endPool = -1; endSeeker = s; }
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
  if (onProgress) onProgress(1);

  const seekerPair = new Int32Array(S).fill(-1);
  let total = 0;
  for (let s = 0; s < S; s++) {
    const a = seekerArc[s];
    if (a >= 0) { seekerPair[s] = arcPair[a]; total += arcW[a]; }
  }
  return { pairs: pairsBySeeker(inst, seekerPair), totalScore: total };
}
