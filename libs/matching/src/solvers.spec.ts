import fc from 'fast-check';
import {
  alternateLayers,
  buildPools,
  checkSolution,
  forEachGroupOf,
  greedyBaseline,
  makeInstance,
  MatchingInstance,
  RETURNING,
  solveOptimal,
  solveOptimalSsp,
  solveStable,
  totalOf,
} from './index';
import { solveCappedFlow } from './capped';
import { completeFromPrices } from './optimal';

/** Small random instances: few seekers and openings, quotas that may overlap, many ties. */
const instanceArb = fc
  .record({
    S: fc.integer({ min: 1, max: 7 }),
    openings: fc.array(
      fc.record({
        positions: fc.integer({ min: 0, max: 3 }),
        f: fc.integer({ min: 0, max: 3 }),
        r: fc.integer({ min: 0, max: 3 }),
        quota: fc.boolean(),
      }),
      { minLength: 1, maxLength: 4 },
    ),
    edges: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 0, max: 12 }), fc.boolean(), fc.integer({ min: 0, max: 5 })), {
      maxLength: 20,
    }),
  })
  .map(({ S, openings, edges }) => {
    const seen = new Set<string>();
    const pairs = [];
    for (const [a, b, score, ret, mine] of edges) {
      const seeker = a % S;
      const opening = b % openings.length;
      if (seen.has(`${seeker}:${opening}`)) continue;
      seen.add(`${seeker}:${opening}`);
      pairs.push({ seeker, opening, score: score * 100, quotaClass: (ret ? 1 : 0) as 0 | 1, seekerScore: mine });
    }
    return makeInstance({
      seekerCount: S,
      openings: openings.map((o) => (o.quota ? { positions: o.positions, firstTime: o.f, returning: o.r } : { positions: o.positions })),
      pairs,
    });
  });

/**
 * The same with caps above the openings (employer, farm household): up to three groups in a
 * random forest (a group's parent has a higher index), small caps so that they bind often.
 */
const cappedInstanceArb = fc
  .record({
    inst: instanceArb,
    capped: fc.integer({ min: 0, max: 3 }),
    groups: fc.array(fc.record({ cap: fc.integer({ min: 0, max: 4 }), parent: fc.nat() }), { minLength: 3, maxLength: 3 }),
    openingGroup: fc.array(fc.integer({ min: -1, max: 2 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ inst, capped, groups, openingGroup }) => {
    if (capped === 0) return inst;
    const G = Math.min(capped, groups.length);
    inst.groupCount = G;
    inst.groupCap = Int32Array.from(groups.slice(0, G), (g) => g.cap);
    // Parent: a higher-indexed group or none (forest, hence laminar).
    inst.groupParent = Int32Array.from(groups.slice(0, G), (g, i) =>
      i + 1 < G && g.parent % 2 === 0 ? i + 1 + (g.parent % (G - i - 1)) : -1,
    );
    inst.openingGroup = Int32Array.from({ length: inst.openingCount }, (_, o) => (openingGroup[o] < G ? openingGroup[o] : -1));
    return inst;
  });

/** Independent exact solver: depth-first over every seeker's choice (none or one pair), capacities checked as it goes. */
function bruteForce(inst: MatchingInstance): number {
  const bySeeker: number[][] = Array.from({ length: inst.seekerCount }, () => []);
  for (let k = 0; k < inst.pairCount; k++) bySeeker[inst.pairSeeker[k]].push(k);
  const load = new Array(inst.openingCount).fill(0);
  const loadC = [new Array(inst.openingCount).fill(0), new Array(inst.openingCount).fill(0)];
  const groupLoad = new Array(inst.groupCount ?? 0).fill(0);
  let best = 0;
  const go = (s: number, acc: number): void => {
    if (s === inst.seekerCount) {
      best = Math.max(best, acc);
      return;
    }
    go(s + 1, acc);
    for (const k of bySeeker[s]) {
      const o = inst.pairOpening[k];
      const c = inst.pairClass[k];
      const capC = c === RETURNING ? inst.returningCap[o] : inst.firstTimeCap[o];
      if (load[o] >= inst.positions[o] || loadC[c][o] >= capC) continue;
      let capped = false;
      forEachGroupOf(inst, o, (g) => (capped ||= groupLoad[g] >= (inst.groupCap as Int32Array)[g]));
      if (capped) continue;
      load[o]++;
      loadC[c][o]++;
      forEachGroupOf(inst, o, (g) => groupLoad[g]++);
      go(s + 1, acc + inst.pairScore[k]);
      load[o]--;
      loadC[c][o]--;
      forEachGroupOf(inst, o, (g) => groupLoad[g]--);
    }
  };
  go(0, 0);
  return best;
}

/** The openings that choose together: those under the same outermost cap group (or the opening alone). */
function choosingUnit(inst: MatchingInstance, o: number): number[] {
  let root = -1;
  forEachGroupOf(inst, o, (g) => (root = g));
  if (root < 0) return [o];
  const unit: number[] = [];
  for (let x = 0; x < inst.openingCount; x++) {
    let r = -1;
    forEachGroupOf(inst, x, (g) => (r = g));
    if (r === root) unit.push(x);
  }
  return unit;
}

/** The unit's choice (greedy in the openings' ranking under quotas, seats and caps) from a set of pairs. */
function unitChooses(inst: MatchingInstance, set: number[]): Set<number> {
  const sorted = [...set].sort((a, b) => inst.pairScore[b] - inst.pairScore[a] || inst.pairSeeker[a] - inst.pairSeeker[b]);
  const chosen = new Set<number>();
  const f = new Map<number, number>();
  const r = new Map<number, number>();
  const groupLoad = new Array(inst.groupCount ?? 0).fill(0);
  for (const k of sorted) {
    const o = inst.pairOpening[k];
    const ret = inst.pairClass[k] === RETURNING;
    const fo = f.get(o) ?? 0;
    const ro = r.get(o) ?? 0;
    if (fo + ro >= inst.positions[o]) continue;
    if (ret ? ro >= inst.returningCap[o] : fo >= inst.firstTimeCap[o]) continue;
    let capped = false;
    forEachGroupOf(inst, o, (g) => (capped ||= groupLoad[g] >= (inst.groupCap as Int32Array)[g]));
    if (capped) continue;
    forEachGroupOf(inst, o, (g) => groupLoad[g]++);
    if (ret) r.set(o, ro + 1);
    else f.set(o, fo + 1);
    chosen.add(k);
  }
  return chosen;
}

function blockingPairs(inst: MatchingInstance, pairs: Int32Array): number[] {
  const mine = inst.pairSeekerScore ?? inst.pairScore;
  const held = new Map<number, number>();
  const atOpening: number[][] = Array.from({ length: inst.openingCount }, () => []);
  for (const k of pairs) {
    held.set(inst.pairSeeker[k], k);
    atOpening[inst.pairOpening[k]].push(k);
  }
  const blocking: number[] = [];
  for (let k = 0; k < inst.pairCount; k++) {
    const s = inst.pairSeeker[k];
    const h = held.get(s);
    if (h === k) continue;
    const prefers = h === undefined || mine[k] > mine[h] || (mine[k] === mine[h] && inst.pairOpening[k] < inst.pairOpening[h]);
    if (!prefers) continue;
    const unit = choosingUnit(inst, inst.pairOpening[k]).flatMap((o) => atOpening[o]);
    if (unitChooses(inst, [...unit, k]).has(k)) blocking.push(k);
  }
  return blocking;
}

/** The instance with only the given pairs (original indices kept in `pairOf`), rebuilt from plain arrays. */
function restrictedTo(inst: MatchingInstance, kept: number[]): { inst: MatchingInstance; pairOf: number[] } {
  const G = inst.groupCount ?? 0;
  return {
    pairOf: kept,
    inst: makeInstance({
      seekerCount: inst.seekerCount,
      openings: Array.from({ length: inst.openingCount }, (_, o) => ({
        positions: inst.positions[o],
        firstTime: inst.firstTimeCap[o],
        returning: inst.returningCap[o],
        ...(G ? { group: (inst.openingGroup as Int32Array)[o] } : {}),
      })),
      pairs: kept.map((k) => ({
        seeker: inst.pairSeeker[k],
        opening: inst.pairOpening[k],
        score: inst.pairScore[k],
        quotaClass: inst.pairClass[k] as 0 | 1,
      })),
      groups: Array.from({ length: G }, (_, g) => ({ cap: (inst.groupCap as Int32Array)[g], parent: (inst.groupParent as Int32Array)[g] })),
    }),
  };
}

describe('solvers on small random instances', () => {
  it('shortlists: every layer keeps every limit and cap, and is the brute-force maximum of what the layers before it left', () => {
    let layered = 0;
    fc.assert(
      fc.property(cappedInstanceArb, fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 3 }), (inst, ratio, perSeeker) => {
        const first = solveOptimal(inst);
        expect(first.totalScore).toBe(bruteForce(inst));
        const layers = alternateLayers(inst, first.pairs, { ratio, perSeeker }, solveOptimal);
        expect(layers.length).toBeLessThanOrEqual(ratio - 1);
        const onList = new Set<number>(first.pairs);
        const lists = new Array<number>(inst.seekerCount).fill(0);
        for (const k of first.pairs) lists[inst.pairSeeker[k]]++;
        for (const layer of layers) {
          layered++;
          expect(checkSolution(inst, layer)).toEqual([]);
          const left: number[] = [];
          for (let k = 0; k < inst.pairCount; k++) if (!onList.has(k) && lists[inst.pairSeeker[k]] < perSeeker) left.push(k);
          expect(totalOf(inst, layer)).toBe(bruteForce(restrictedTo(inst, left).inst));
          for (const k of layer) {
            expect(onList.has(k)).toBe(false); // never twice on one opening's list
            onList.add(k);
            lists[inst.pairSeeker[k]]++;
          }
        }
        expect(Math.max(0, ...lists)).toBeLessThanOrEqual(perSeeker);
      }),
      { numRuns: 2000, seed: 20261202 },
    );
    expect(layered).toBeGreaterThan(500);
  });

  it('optimal (auction, shortest paths, and the capped min-cost flow) reach the brute-force maximum, within every limit and cap', () => {
    let binding = 0;
    fc.assert(
      fc.property(cappedInstanceArb, (inst) => {
        const best = bruteForce(inst);
        const free = bruteForce({ ...inst, groupCount: 0 });
        if (best < free) binding++;
        for (const solve of [solveOptimal, solveOptimalSsp, solveCappedFlow]) {
          const sol = solve(inst);
          expect(checkSolution(inst, sol.pairs)).toEqual([]);
          expect(sol.totalScore).toBe(best);
          let t = 0;
          for (const k of sol.pairs) t += inst.pairScore[k];
          expect(t).toBe(best);
        }
      }),
      { numRuns: 3000, seed: 20260301 },
    );
    expect(binding).toBeGreaterThan(300); // the caps cost score often enough to test the flow
  });

  it('the exact finisher reaches the brute-force maximum from any start prices (repairing overpriced pools too)', () => {
    let lowered = 0;
    fc.assert(
      fc.property(instanceArb, fc.array(fc.integer({ min: 0, max: 1500 }), { minLength: 12, maxLength: 12 }), (inst, start) => {
        const g = buildPools(inst);
        const price = Float64Array.from({ length: g.poolCount }, (_, j) => start[j % start.length]);
        const before = price.slice();
        const seekerArc = completeFromPrices(g, g.arcW, price);
        const chosen = Array.from(seekerArc)
          .filter((a) => a >= 0)
          .map((a) => g.arcPair[a]);
        expect(checkSolution(inst, chosen)).toEqual([]);
        let t = 0;
        for (const k of chosen) t += inst.pairScore[k];
        expect(t).toBe(bruteForce(inst));
        if (price.some((p, j) => p < before[j])) lowered++; // the mirror (price-lowering) search ran
      }),
      { numRuns: 3000, seed: 424242 },
    );
    expect(lowered).toBeGreaterThan(100);
  });

  it('stable leaves no blocking pair and breaks no limit or cap', () => {
    fc.assert(
      fc.property(cappedInstanceArb, (inst) => {
        const sol = solveStable(inst);
        expect(checkSolution(inst, sol.pairs)).toEqual([]);
        expect(blockingPairs(inst, sol.pairs)).toEqual([]);
      }),
      { numRuns: 3000, seed: 7 },
    );
  });

  it('greedy is feasible and never beats optimal', () => {
    fc.assert(
      fc.property(cappedInstanceArb, (inst) => {
        const g = greedyBaseline(inst);
        expect(checkSolution(inst, g.pairs)).toEqual([]);
        expect(g.totalScore).toBeLessThanOrEqual(solveOptimal(inst).totalScore);
      }),
      { numRuns: 1000, seed: 3 },
    );
  });

  it('same input, same output', () => {
    fc.assert(
      fc.property(cappedInstanceArb, (inst) => {
        for (const solve of [solveOptimal, solveOptimalSsp, solveCappedFlow, solveStable, greedyBaseline]) {
          expect(Array.from(solve(inst).pairs)).toEqual(Array.from(solve(inst).pairs));
        }
      }),
      { numRuns: 500, seed: 11 },
    );
  });

  it('optimal agrees between the two exact methods on mid-size random instances', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), (seed) => {
        let a = seed;
        const rnd = (n: number): number => {
          a = (a * 1103515245 + 12345) % 2147483648;
          return a % n;
        };
        const S = 60;
        const O = 12;
        const pairs = [];
        const seen = new Set<number>();
        for (let i = 0; i < 400; i++) {
          const s = rnd(S);
          const o = rnd(O);
          if (seen.has(s * O + o)) continue;
          seen.add(s * O + o);
          pairs.push({ seeker: s, opening: o, score: 100 * rnd(20), quotaClass: (rnd(5) === 0 ? 1 : 0) as 0 | 1 });
        }
        const openings = Array.from({ length: O }, () => {
          const p = rnd(5);
          return rnd(2) ? { positions: p, firstTime: rnd(p + 1), returning: rnd(p + 2) } : { positions: p };
        });
        const inst = makeInstance({ seekerCount: S, openings, pairs });
        const x = solveOptimal(inst);
        const y = solveOptimalSsp(inst);
        expect(checkSolution(inst, x.pairs)).toEqual([]);
        expect(x.totalScore).toBe(y.totalScore);
        expect(solveStable(inst).totalScore).toBeLessThanOrEqual(x.totalScore);
        // Caps that cannot bind change nothing; caps that bind cost score and are kept by every mode.
        const loose = makeInstance({ seekerCount: S, openings: openings.map((o) => ({ ...o, group: 0 })), pairs, groups: [{ cap: S }] });
        expect(solveCappedFlow(loose).totalScore).toBe(x.totalScore);
        const groups = [{ cap: 1 + rnd(6), parent: 2 }, { cap: 1 + rnd(6), parent: 2 }, { cap: 2 + rnd(8) }];
        const capped = makeInstance({
          seekerCount: S,
          openings: openings.map((o, i) => ({ ...o, group: i % 4 < 3 ? i % 4 : -1 })),
          pairs,
          groups,
        });
        const z = solveCappedFlow(capped);
        expect(checkSolution(capped, z.pairs)).toEqual([]);
        expect(solveOptimal(capped).totalScore).toBe(z.totalScore);
        expect(z.totalScore).toBeLessThanOrEqual(x.totalScore);
        for (const solve of [solveStable, greedyBaseline]) {
          const w = solve(capped);
          expect(checkSolution(capped, w.pairs)).toEqual([]);
          expect(w.totalScore).toBeLessThanOrEqual(z.totalScore);
        }
      }),
      { numRuns: 300, seed: 5 },
    );
  });
});
