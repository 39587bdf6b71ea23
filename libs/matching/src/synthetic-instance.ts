import { FIRST_TIME, MatchingInstance, RETURNING } from './instance';

/** A small deterministic PRNG (mulberry32): one seed, one sequence on every machine (the bench's instances, the demo data, the chaos day). */
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

import { OpeningProfile, SeekerProfile } from './types';

const COUNTRIES = ['Taiwan', 'Japan', 'South Korea'];
const SECTORS = ['agriculture', 'mechanics', 'electronics', 'construction', 'food processing', 'aquaculture', 'garment', 'manufacturing'];
const SKILLS = ['welding', 'machining', 'soldering', 'masonry', 'farming', 'sewing', 'fish farming', 'forklift'];
const DISTRICTS = ['Tho Xuan', 'Nga Son', 'Quang Xuong', 'Hoang Hoa', 'Tinh Gia', 'Thach Thanh'];

/** Profiles for a provincial fair (DOMAIN.md figures: ~10,500 seekers, 300+ employers). */
export function generateFair(
  seekerCount: number,
  openingCount: number,
  seed = 7,
): { seekers: SeekerProfile[]; openings: OpeningProfile[] } {
  const r = rng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(r() * a.length)];
  const openings: OpeningProfile[] = [];
  for (let i = 0; i < openingCount; i++) {
    const domestic = r() < 0.25;
    const country = domestic ? 'Viet Nam' : pick(COUNTRIES);
    const positions = 1 + Math.floor(r() * 10);
    const returning = !domestic && r() < 0.4 ? Math.floor(positions * 0.6) : 0;
    const langs =
      country === 'South Korea'
        ? [{ test: 'EPS-TOPIK', minScore: 80 + Math.floor(r() * 60) }]
        : country === 'Japan'
          ? [
              { test: 'JLPT', minLevel: pick(['N5', 'N4']) },
              { test: 'JFT-Basic', minLevel: 'A2' },
            ]
          : country === 'Taiwan' && r() < 0.5
            ? [{ test: 'TOCFL', minLevel: 'A1' }]
            : [];
    openings.push({
      id: `op-${String(i).padStart(6, '0')}`,
      employerId: `em-${Math.floor(i / 3)}`,
      sector: pick(SECTORS),
      scope: domestic ? 'domestic' : 'overseas',
      country,
      province: domestic ? pick(['Thanh Hoa', 'Nghe An', 'Ha Noi']) : country,
      district: domestic ? pick(DISTRICTS) : undefined,
      programme:
        country === 'South Korea'
          ? pick(['EPS', 'seasonal'])
          : country === 'Japan'
            ? 'technical intern'
            : domestic
              ? 'domestic'
              : 'contract labour',
      positions,
      filled: r() < 0.1 ? Math.floor(positions / 2) : 0,
      quotas: returning > 0 ? { firstTime: positions - returning, returning } : undefined,
      designatedWorkers:
        returning > 0
          ? Array.from({ length: Math.floor(returning / 2) }, () => `0380${String(Math.floor(r() * seekerCount)).padStart(8, '0')}`)
          : [],
      requirements: {
        minAge: 18,
        maxAge: r() < 0.7 ? 39 : undefined,
        languageTests: langs,
        skills: r() < 0.5 ? [pick(SKILLS)] : [],
        minExperienceYears: r() < 0.3 ? 1 : undefined,
      },
      salary: 5e6 + Math.floor(r() * 3e7),
      startDate: '2026-03-01',
    });
  }
  const seekers: SeekerProfile[] = [];
  for (let i = 0; i < seekerCount; i++) {
    const scopes: ('domestic' | 'overseas')[] = r() < 0.2 ? ['domestic'] : r() < 0.5 ? ['overseas'] : ['domestic', 'overseas'];
    const countries = [...COUNTRIES].sort(() => r() - 0.5).slice(0, 1 + Math.floor(r() * 3));
    const been = r() < 0.15 ? pick(COUNTRIES) : undefined;
    seekers.push({
      id: `sk-${String(i).padStart(7, '0')}`,
      nationalId: `0380${String(i).padStart(8, '0')}`,
      birthDate: `${1980 + Math.floor(r() * 27)}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
      province: pick(['Thanh Hoa', 'Thanh Hoa', 'Nghe An']),
      district: pick(DISTRICTS),
      skills: Array.from({ length: Math.floor(r() * 3) }, () => ({ name: pick(SKILLS), years: Math.floor(r() * 6) })),
      languageTests: [
        ...(r() < 0.4
          ? [
              {
                test: 'EPS-TOPIK',
                score: 60 + Math.floor(r() * 140),
                takenAt: `202${4 + Math.floor(r() * 2)}-0${1 + Math.floor(r() * 9)}-01`,
              },
            ]
          : []),
        ...(r() < 0.3 ? [{ test: 'JLPT', level: pick(['N5', 'N4', 'N3']), takenAt: '2025-01-01' }] : []),
        ...(r() < 0.2 ? [{ test: 'TOCFL', level: pick(['A1', 'A2']), takenAt: '2025-01-01' }] : []),
      ],
      preferences: { scopes, countries, sectors: [...SECTORS].sort(() => r() - 0.5).slice(0, 3) },
      overseasHistory: been ? [{ country: been, from: '2019-01-01', to: '2022-01-01', rehireRecommended: r() < 0.6 }] : [],
      householdStatus: r() < 0.15 ? pick(['poor', 'near-poor', 'ethnic-minority', 'difficult'] as const) : 'none',
      placed: r() < 0.02,
    });
  }
  return { seekers, openings };
}
