import { checkSolution, forEachGroupOf, groupCountOf, MatchingInstance, pairsBySeeker, Solution } from './instance';
import { buildPools } from './pools';

/**
 * Exact maximum-total-score matching under seats, quotas and caps above the openings
 * (employer, farm household, programme: a laminar family of groups, see MatchingInstance).
 *
 * The relaxation without the caps is solved first by the given exact solver: when its answer
 * keeps every cap it is optimal for the capped problem too (the common case: caps that do not
 * bind). Otherwise a min-cost flow decides, on the network
 *   seeker -> seat pool (buildPools) -> smallest group of the pool's opening -> ... -> sink,
 * every arc carrying the capacity of its tail (a pool's seats, a group's cap), and one arc
 * seeker -> sink of cost 0 for staying unmatched. Every seeker sends one unit; a pair arc costs
 * minus its score. Since the groups nest, the network is a tree above the pools and the flow's
 * integer optimum is the best matching under every limit.
 */
export function solveWithCaps(inst: MatchingInstance, solveUncapped: (inst: MatchingInstance) => Solution): Solution {
  const free = solveUncapped(inst);
  if (groupCountOf(inst) === 0 || checkSolution(inst, free.pairs).length === 0) return free;
  return solveCappedFlow(inst);
}

/**
 * Successive shortest paths, one seeker at a time (in decreasing order of its best score): each
 * insertion is a shortest path from the seeker to the sink in reduced costs (Dijkstra with node
 * potentials), which may move seated seekers to other pools or let one drop out. Potentials
 * start as the shortest distances of the acyclic starting network, so every reduced cost is
 * >= 0, and each search keeps them so. Scores are integers: every comparison is exact.
 */
export function solveCappedFlow(inst: MatchingInstance, onProgress?: (fraction: number) => void): Solution {
  const g = buildPools(inst);
  const S = inst.seekerCount;
  const N = g.poolCount;
  const G = groupCountOf(inst);
  const groupCap = inst.groupCap ?? new Int32Array(0);
  const groupParent = inst.groupParent ?? new Int32Array(0);
  const poolNode = (j: number): number => S + j;
  const groupNode = (k: number): number => S + N + k;
  const T = S + N + G;
  const V = T + 1;

  // Arcs, each with its reverse at index ^ 1.
  const A = g.arcStart[S];
  const M = 2 * (S + A + N + G);
  const from = new Int32Array(M);
  const to = new Int32Array(M);
  const residual = new Int32Array(M);
  const cost = new Float64Array(M);
  let m = 0;
  const addArc = (u: number, v: number, capacity: number, c: number): number => {
    from[m] = u;
    to[m] = v;
    residual[m] = capacity;
    cost[m] = c;
    from[m + 1] = v;
    to[m + 1] = u;
    cost[m + 1] = -c;
    m += 2;
    return m - 2;
  };
  const stayOut = new Int32Array(S);
  for (let s = 0; s < S; s++) stayOut[s] = addArc(s, T, 1, 0);
  const firstPairArc = m;
  for (let s = 0; s < S; s++) for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) addArc(s, poolNode(g.arcPool[a]), 1, -g.arcW[a]);
  const upOf = (o: number): number => {
    let k = -1;
    forEachGroupOf(inst, o, (x) => {
      if (k < 0) k = x;
    });
    return k < 0 ? T : groupNode(k);
  };
  for (let j = 0; j < N; j++) addArc(poolNode(j), upOf(Math.floor(j / 3)), g.cap[j], 0);
  for (let k = 0; k < G; k++) addArc(groupNode(k), groupParent[k] >= 0 ? groupNode(groupParent[k]) : T, Math.max(0, groupCap[k]), 0);
  // Adjacency (CSR) of every arc by its tail, in arc order (deterministic).
  const adjStart = new Int32Array(V + 1);
  for (let e = 0; e < m; e++) adjStart[from[e] + 1]++;
  for (let v = 0; v < V; v++) adjStart[v + 1] += adjStart[v];
  const adj = new Int32Array(m);
  {
    const fill = adjStart.slice(0, V);
    for (let e = 0; e < m; e++) adj[fill[from[e]]++] = e;
  }

  // Potentials: shortest distances from the seekers (all at 0) over the starting network, in a
  // topological order: seekers, pools, groups by decreasing depth, the sink.
  const pot = new Float64Array(V).fill(Infinity);
  for (let s = 0; s < S; s++) pot[s] = 0;
  const relaxOut = (u: number): void => {
    if (pot[u] === Infinity) return;
    for (let i = adjStart[u]; i < adjStart[u + 1]; i++) {
      const e = adj[i];
      if (residual[e] > 0 && pot[u] + cost[e] < pot[to[e]]) pot[to[e]] = pot[u] + cost[e];
    }
  };
  for (let s = 0; s < S; s++) relaxOut(s);
  for (let j = 0; j < N; j++) relaxOut(poolNode(j));
  const depth = new Int32Array(G);
  for (let k = 0; k < G; k++) for (let x = groupParent[k]; x >= 0; x = groupParent[x]) depth[k]++;
  const groupOrder = Array.from({ length: G }, (_, k) => k).sort((x, y) => depth[y] - depth[x] || x - y);
  for (const k of groupOrder) relaxOut(groupNode(k));
  for (let v = 0; v < V; v++) if (pot[v] === Infinity) pot[v] = 0; // never reached: any value does

  // Dijkstra state, reset through the touched list only. The effective potential of a node is
  // pot[v] + shift: nodes the search did not settle all move by the same amount.
  let shift = 0;
  const dist = new Float64Array(V).fill(Infinity);
  const done = new Uint8Array(V);
  const pred = new Int32Array(V);
  const touched: number[] = [];
  const heap = new MinHeap();
  const potOf = (v: number): number => pot[v] + shift;

  const order = Array.from({ length: S }, (_, s) => s);
  const top = new Float64Array(S);
  for (let s = 0; s < S; s++) for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) top[s] = Math.max(top[s], g.arcW[a]);
  order.sort((x, y) => top[y] - top[x] || x - y);
  const progressStep = Math.max(1, Math.floor(S / 100));
  for (let step = 0; step < S; step++) {
    const s0 = order[step];
    if (onProgress && step % progressStep === 0) onProgress(step / S);
    if (g.arcStart[s0] === g.arcStart[s0 + 1]) {
      residual[stayOut[s0]]--;
      residual[stayOut[s0] + 1]++;
      continue;
    }
    heap.clear();
    dist[s0] = 0;
    touched.push(s0);
    heap.push(0, s0);
    while (heap.size > 0) {
      const d = heap.topKey();
      const u = heap.pop();
      if (done[u] || d > dist[u]) continue;
      done[u] = 1;
      if (u === T) break;
      const pu = potOf(u);
      for (let i = adjStart[u]; i < adjStart[u + 1]; i++) {
        const e = adj[i];
        if (residual[e] <= 0) continue;
        const v = to[e];
        if (done[v]) continue;
        const nd = d + cost[e] + pu - potOf(v);
        if (nd < dist[v]) {
          if (dist[v] === Infinity) touched.push(v);
          dist[v] = nd;
          pred[v] = e;
          heap.push(nd, v);
        }
      }
    }
    // The sink is always reached (the seeker may stay out). New potentials: + min(dist, dist(T)).
    const dT = dist[T];
    for (const v of touched) if (done[v] && dist[v] < dT) pot[v] += dist[v] - dT;
    shift += dT;
    for (let v = T; v !== s0; v = from[pred[v]]) {
      residual[pred[v]]--;
      residual[pred[v] ^ 1]++;
    }
    for (const v of touched) {
      dist[v] = Infinity;
      done[v] = 0;
    }
    touched.length = 0;
  }
  if (onProgress) onProgress(1);

  const seekerPair = new Int32Array(S).fill(-1);
  for (let s = 0; s < S; s++)
    for (let a = g.arcStart[s]; a < g.arcStart[s + 1]; a++) if (residual[firstPairArc + 2 * a] === 0) seekerPair[s] = g.arcPair[a];
  const pairs = pairsBySeeker(inst, seekerPair);
  let total = 0;
  for (const k of pairs) total += inst.pairScore[k];
  return { pairs, totalScore: total };
}

/** A binary min-heap of (key, node), ties by node index, so the search does not depend on heap history. */
class MinHeap {
  private keys: number[] = [];
  private vals: number[] = [];
  get size(): number {
    return this.keys.length;
  }
  clear(): void {
    this.keys.length = 0;
    this.vals.length = 0;
  }
  topKey(): number {
    return this.keys[0];
  }
  private less(i: number, j: number): boolean {
    return this.keys[i] < this.keys[j] || (this.keys[i] === this.keys[j] && this.vals[i] < this.vals[j]);
  }
  private swap(i: number, j: number): void {
    [this.keys[i], this.keys[j]] = [this.keys[j], this.keys[i]];
    [this.vals[i], this.vals[j]] = [this.vals[j], this.vals[i]];
  }
  push(key: number, val: number): void {
    this.keys.push(key);
    this.vals.push(val);
    for (let i = this.keys.length - 1; i > 0;) {
      const p = (i - 1) >> 1;
      if (!this.less(i, p)) break;
      this.swap(i, p);
      i = p;
    }
  }
  pop(): number {
    const out = this.vals[0];
    const lastKey = this.keys.pop() as number;
    const lastVal = this.vals.pop() as number;
    if (this.keys.length > 0) {
      this.keys[0] = lastKey;
      this.vals[0] = lastVal;
      for (let i = 0; ;) {
        let c = 2 * i + 1;
        if (c >= this.keys.length) break;
        if (c + 1 < this.keys.length && this.less(c + 1, c)) c++;
        if (!this.less(c, i)) break;
        this.swap(i, c);
        i = c;
      }
    }
    return out;
  }
}
