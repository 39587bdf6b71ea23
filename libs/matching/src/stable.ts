import { MatchingInstance, RETURNING, Solution, pairsBySeeker } from './instance';

/**
 * Seeker-proposing deferred acceptance with seats and quotas.
 *
 * Seekers rank their eligible openings by pairSeekerScore (else pairScore), ties by lower
 * opening index. Openings rank seekers by pairScore, ties by lower seeker index. An opening's
 * choice from a set of applicants is greedy in its ranking under F <= f, R <= r, F + R <= p;
 * these limits form a laminar matroid, so the choice is substitutable and deferred acceptance
 * ends in a matching with no blocking pair under the quota structure.
 *
 * Holding rule for an applicant of class c (derived from that greedy choice):
 *  - room in class c and in the opening: hold;
 *  - class c full: the applicant competes with the lowest-ranked holder of class c;
 *  - class c has room but the opening is full: the applicant competes with the lowest-ranked
 *    holder of either class.
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
      const c = inst.pairClass[k] === RETURNING ? 1 : 0;
      const total = size[0][o] + size[1][o];
      let rejected = -1;
      if (size[c][o] < capC[c][o] && total < pos[o]) {
        push(c, o, k);
      } else if (size[c][o] >= capC[c][o]) {
        if (size[c][o] === 0 || !worse(heaps[c][heapStart[c][o]], k)) continue;
        rejected = replaceTop(c, o, k);
      } else {
        // Opening full, class c has room: the weakest holder of either class gives way.
        const w0 = size[0][o] > 0 ? heaps[0][heapStart[0][o]] : -1;
        const w1 = size[1][o] > 0 ? heaps[1][heapStart[1][o]] : -1;
        if (w0 < 0 && w1 < 0) continue; // no seats at all
        const wc = w0 < 0 ? 1 : w1 < 0 ? 0 : worse(w0, w1) ? 0 : 1;
        const wk = wc === 0 ? w0 : w1;
        if (!worse(wk, k)) continue;
        rejected = popTop(wc, o);
        push(c, o, k);
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
