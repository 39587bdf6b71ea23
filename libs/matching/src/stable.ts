import { forEachGroupOf, groupCountOf, MatchingInstance, RETURNING, Solution, pairsBySeeker } from './instance';

/**
 * Seeker-proposing deferred acceptance with seats and quotas.
 *
 * Seekers rank their eligible openings by pairSeekerScore (else pairScore), ties by lower
 * opening index. Openings rank seekers by pairScore, ties by lower seeker index. An opening's
 * choice from a set of applicants is greedy in its ranking under F <= f, R <= r, F + R <= p;
 * these limits form a laminar matroid, so the choice is substitutable and deferred acceptance
 * ends in a matching with no blocking pair under the quota structure.
 *
 * Caps above the openings (employer, farm household: nested groups) extend the same laminar
 * matroid: the openings of one outermost group choose together, greedy in the pairs' ranking
 * under every limit, as one employer would.
 *
 * Holding rule for an applicant of class c (derived from that greedy choice): find the
 * smallest full set among class c of the opening, the opening, and its groups from the
 * smallest up. None: hold. Else the applicant competes with the lowest-ranked holder in that
 * set (the circuit the applicant closes): class c full, the weakest of class c; the opening
 * full, the weakest of either class; a group full, the weakest at any of its openings.
 */
export function solveStable(inst: MatchingInstance): Solution {
  const S = inst.seekerCount;
  const O = inst.openingCount;
  const NP = inst.pairCount;
  const own = inst.pairScore;
  const mine = inst.pairSeekerScore ?? inst.pairScore;

  // Each seeker's list, best first.
  const start = new Int32Array(S + 1);
  for (let k = 0; k < NP; k++) start[inst.pairSeeker[k] + 1]++;
  for (let s = 0; s < S; s++) start[s + 1] += start[s];
  const list = new Int32Array(NP);
  {
    const fill = start.slice(0, S);
    for (let k = 0; k < NP; k++) list[fill[inst.pairSeeker[k]]++] = k;
  }
  for (let s = 0; s < S; s++) {
    const seg = list.subarray(start[s], start[s + 1]);
    if (seg.length > 1) seg.sort((a, b) => mine[b] - mine[a] || inst.pairOpening[a] - inst.pairOpening[b]);
  }

  const pos = new Int32Array(O);
  const capC = [new Int32Array(O), new Int32Array(O)];
  for (let o = 0; o < O; o++) {
    pos[o] = Math.max(0, inst.positions[o]);
    capC[0][o] = Math.max(0, Math.min(inst.firstTimeCap[o], pos[o]));
    capC[1][o] = Math.max(0, Math.min(inst.returningCap[o], pos[o]));
  }
  // Held pairs per (opening, class) in a min-heap by the opening's ranking (worst on top).
  const heapStart = [new Int32Array(O + 1), new Int32Array(O + 1)];
  for (let c = 0; c < 2; c++) for (let o = 0; o < O; o++) heapStart[c][o + 1] = heapStart[c][o] + capC[c][o];
  const heaps = [new Int32Array(heapStart[0][O]), new Int32Array(heapStart[1][O])];
  const size = [new Int32Array(O), new Int32Array(O)];

  // a ranks below b at the opening.
  const worse = (a: number, b: number): boolean => own[a] < own[b] || (own[a] === own[b] && inst.pairSeeker[a] > inst.pairSeeker[b]);
  const up = (h: Int32Array, base: number, i: number): void => {
    const x = h[base + i];
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!worse(x, h[base + p])) break;
      h[base + i] = h[base + p];
      i = p;
    }
    h[base + i] = x;
  };
  const down = (h: Int32Array, base: number, n: number): void => {
    const x = h[base];
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && worse(h[base + c + 1], h[base + c])) c++;
      if (!worse(h[base + c], x)) break;
      h[base + i] = h[base + c];
      i = c;
    }
    h[base + i] = x;
  };
  const push = (c: number, o: number, k: number): void => {
    const base = heapStart[c][o];
    heaps[c][base + size[c][o]] = k;
    up(heaps[c], base, size[c][o]++);
  };
  /** Replaces the worst holder of (o, c) by k; returns the one let go. */
  const replaceTop = (c: number, o: number, k: number): number => {
    const base = heapStart[c][o];
    const out = heaps[c][base];
    heaps[c][base] = k;
    down(heaps[c], base, size[c][o]);
    return out;
  };
  const popTop = (c: number, o: number): number => {
    const base = heapStart[c][o];
    const out = heaps[c][base];
    const n = --size[c][o];
    if (n > 0) {
      heaps[c][base] = heaps[c][base + n];
      down(heaps[c], base, n);
    }
    return out;
  };

  // Caps above the openings: the members of each group and how many pairs it holds.
  const G = groupCountOf(inst);
  const groupCap = inst.groupCap ?? new Int32Array(0);
  const groupLoad = new Int32Array(G);
  const members: number[][] = Array.from({ length: G }, () => []);
  for (let o = 0; o < O; o++) forEachGroupOf(inst, o, (g) => members[g].push(o));
  const weakestOf = (c: number, o: number): number => (size[c][o] > 0 ? heaps[c][heapStart[c][o]] : -1);
  /** The lowest-ranked holder at these openings (either class) and its class, or -1. */
  const weakestAt = (openings: readonly number[]): number => {
    let wk = -1;
    for (const o of openings)
      for (let c = 0; c < 2; c++) {
        const x = weakestOf(c, o);
        if (x >= 0 && (wk < 0 || worse(x, wk))) wk = x;
      }
    return wk;
  };
  const classOf = (k: number): number => (inst.pairClass[k] === RETURNING ? 1 : 0);
  const moveLoad = (o: number, by: number): void => forEachGroupOf(inst, o, (g) => (groupLoad[g] += by));
  /** The smallest full group holding the opening, or -1. */
  const fullGroup = (o: number): number => {
    let full = -1;
    forEachGroupOf(inst, o, (g) => {
      if (full < 0 && groupLoad[g] >= groupCap[g]) full = g;
    });
    return full;
  };

  const next = start.slice(0, S); // next list position to propose to
  const held = new Int32Array(S).fill(-1);
  const stack = new Int32Array(S);
  let top = 0;
  for (let s = S - 1; s >= 0; s--) stack[top++] = s;
  while (top > 0) {
    const s = stack[--top];
    let free = true;
    while (free && next[s] < start[s + 1]) {
      const k = list[next[s]++];
      const o = inst.pairOpening[k];
      const c = classOf(k);
      const total = size[0][o] + size[1][o];
      let rejected = -1;
      const full = size[c][o] < capC[c][o] && total < pos[o] ? fullGroup(o) : -1;
      if (size[c][o] < capC[c][o] && total < pos[o] && full < 0) {
        push(c, o, k);
        moveLoad(o, 1);
      } else if (size[c][o] >= capC[c][o]) {
        if (size[c][o] === 0 || !worse(heaps[c][heapStart[c][o]], k)) continue;
        rejected = replaceTop(c, o, k);
      } else {
        // The opening or one of its groups is full, class c has room: the weakest holder there gives way.
        const wk = full < 0 ? weakestAt([o]) : weakestAt(members[full]);
        if (wk < 0 || !worse(wk, k)) continue; // no seats at all, or every holder ranks higher
        rejected = popTop(classOf(wk), inst.pairOpening[wk]);
        moveLoad(inst.pairOpening[wk], -1);
        push(c, o, k);
        moveLoad(o, 1);
      }
      held[s] = k;
      free = false;
      if (rejected >= 0) {
        const r = inst.pairSeeker[rejected];
        held[r] = -1;
        stack[top++] = r;
      }
    }
  }

  let total = 0;
  for (let s = 0; s < S; s++) if (held[s] >= 0) total += own[held[s]];
  return { pairs: pairsBySeeker(inst, held), totalScore: total };
}
