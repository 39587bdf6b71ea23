import { FIRST_TIME, MatchingInstance, RETURNING } from '../src/instance';

/** Small deterministic PRNG (mulberry32) so every run of the bench sees the same instance. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A fair-like solver instance: openings belong to markets (country x sector groups); a seeker
 * is eligible for ~perSeeker openings, mostly in the one or two markets they prefer. About a
 * third of the openings carry first-time/returning quotas, ~15% of pairs are returning workers,
 * and some seats are already held by designated workers (taken off before solving).
 * Scores are x100 integers in 0..10000: seeker quality + market fit + noise, so ties occur.
 */
export function generateInstance(S: number, O: number, perSeeker = 20, seed = 1): MatchingInstance {
  const r = rng(seed);
  const markets = Math.max(1, Math.round(O / 200));
  const positions = new Int32Array(O);
  const firstTimeCap = new Int32Array(O);
  const returningCap = new Int32Array(O);
  const appeal = new Float64Array(O);
  for (let o = 0; o < O; o++) {
    let p = 1 + Math.floor(r() * 9);
    let returning = p;
    let first = p;
    if (r() < 0.35) {
      returning = Math.floor(p * (0.3 + 0.4 * r()));
      first = p - returning;
      // Designated workers already hold some returning seats.
      const designated = Math.floor(returning * r() * 0.5);
      returning -= designated;
      p -= designated;
    }
    positions[o] = p;
    firstTimeCap[o] = first;
    returningCap[o] = returning;
    appeal[o] = r();
  }
  const total = S * perSeeker;
  const pairSeeker = new Int32Array(total);
  const pairOpening = new Int32Array(total);
  const pairScore = new Int32Array(total);
  const pairClass = new Uint8Array(total);
  const perMarket = Math.ceil(O / markets);
  let n = 0;
  const seen = new Set<number>();
  for (let s = 0; s < S; s++) {
    const quality = r();
    const market = Math.floor(r() * markets);
    const returningWorker = r() < 0.15;
    const k = Math.max(1, Math.round(perSeeker * (0.5 + r())));
    seen.clear();
    for (let t = 0; t < k && n < total; t++) {
      // 80% inside the preferred market, the rest anywhere.
      const o = r() < 0.8 ? Math.min(O - 1, market * perMarket + Math.floor(r() * perMarket)) : Math.floor(r() * O);
      if (seen.has(o)) continue;
      seen.add(o);
      pairSeeker[n] = s;
      pairOpening[n] = o;
      pairScore[n] = Math.round(100 * (30 + 35 * quality + 20 * appeal[o] + 15 * r()));
      pairClass[n] = returningWorker && r() < 0.7 ? RETURNING : FIRST_TIME;
      n++;
    }
  }
  return {
    seekerCount: S,
    openingCount: O,
    positions,
    firstTimeCap,
    returningCap,
    pairCount: n,
    pairSeeker: pairSeeker.subarray(0, n),
    pairOpening: pairOpening.subarray(0, n),
    pairScore: pairScore.subarray(0, n),
    pairClass: pairClass.subarray(0, n),
  };
}
