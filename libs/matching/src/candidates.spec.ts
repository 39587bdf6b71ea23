import fc from 'fast-check';
import {
  buildOpeningIndex,
  evaluatePrepared,
  forEachCandidate,
  forEachScreenedCandidate,
  makeContext,
  OpeningProfile,
  prepareSeeker,
  SeekerProfile,
} from './index';

const COUNTRIES = ['South Korea', 'Japan', 'Taiwan'];
const TESTS = ['EPS-TOPIK', 'JLPT', 'TOCFL'];
const SKILLS = ['welding', 'farming', 'sewing'];
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null), fc.constant(undefined));

const seekerArb = fc.record({
  scopes: fc.subarray(['domestic', 'overseas'] as const),
  countries: fc.subarray(COUNTRIES),
  birthDate: maybe(fc.constantFrom('1980-05-01', '1990-03-01', '2000-03-02', '2008-12-31', '1990-02-30')),
  tests: fc.array(
    fc.record({
      test: fc.constantFrom(...TESTS),
      score: maybe(fc.integer({ min: 60, max: 200 })),
      level: maybe(fc.constantFrom('N4', 'A2', '3')),
      takenAt: fc.constantFrom('2023-01-01', '2024-06-01', '2025-06-01', '2027-01-01', 'unknown'),
    }),
    { maxLength: 3 },
  ),
  skills: fc.array(fc.record({ name: fc.constantFrom(...SKILLS, 'Welding '), years: fc.integer({ min: 0, max: 5 }) }), { maxLength: 3 }),
  placed: fc.boolean(),
  medicalCheck: maybe(
    fc.record({
      checkedAt: fc.constantFrom('2025-05-01', '2026-05-01', '2026-09-01'),
      result: fc.constantFrom('fit' as const, 'unfit' as const),
    }),
  ),
  rosterEntries: maybe(
    fc.array(fc.record({ programme: fc.constantFrom('EPS', 'seasonal'), enteredAt: fc.constantFrom('2025-01-01', '2026-08-01') }), {
      maxLength: 2,
    }),
  ),
});

const openingArb = fc.record({
  scope: fc.constantFrom('domestic' as const, 'overseas' as const),
  country: fc.constantFrom(...COUNTRIES),
  positions: fc.integer({ min: 0, max: 3 }),
  filled: fc.integer({ min: 0, max: 2 }),
  minAge: maybe(fc.integer({ min: 16, max: 30 })),
  maxAge: maybe(fc.integer({ min: 20, max: 45 })),
  minExperienceYears: maybe(fc.integer({ min: 0, max: 4 })),
  languageTests: fc.array(
    fc.record({
      test: fc.constantFrom(...TESTS),
      minScore: maybe(fc.integer({ min: 80, max: 160 })),
      minLevel: maybe(fc.constantFrom('N5', 'A1', '2')),
    }),
    { maxLength: 2 },
  ),
  skills: fc.subarray(SKILLS, { maxLength: 2 }),
  startDate: fc.constantFrom('2026-03-01', '2027-06-01', 'to be agreed'),
  programme: fc.constantFrom('EPS', 'seasonal'),
});

describe('screened candidates', () => {
  it('yield exactly the eligible pairs of a full scan, in the order of the scope-and-country walk (random small instances)', () => {
    fc.assert(
      fc.property(
        fc.array(seekerArb, { minLength: 1, maxLength: 6 }),
        fc.array(openingArb, { maxLength: 12 }),
        fc.boolean(),
        (ss, os, withReference) => {
          const seekers: SeekerProfile[] = ss.map((s, i) => ({
            id: `s${i}`,
            nationalId: `N${i}`,
            birthDate: s.birthDate,
            province: 'Thanh Hoa',
            skills: s.skills,
            languageTests: s.tests,
            preferences: { scopes: [...s.scopes], countries: s.countries, sectors: [] },
            overseasHistory: [],
            placed: s.placed,
            medicalCheck: s.medicalCheck,
            rosterEntries: s.rosterEntries,
          }));
          const openings: OpeningProfile[] = os.map((o, i) => ({
            id: `o${i}`,
            employerId: 'e1',
            sector: 'agriculture',
            scope: o.scope,
            country: o.scope === 'domestic' ? 'Viet Nam' : o.country,
            province: 'Thanh Hoa',
            programme: o.programme,
            positions: o.positions,
            filled: o.filled,
            designatedWorkers: [],
            startDate: o.startDate,
            requirements: {
              minAge: o.minAge,
              maxAge: o.maxAge,
              minExperienceYears: o.minExperienceYears,
              languageTests: o.languageTests,
              skills: o.skills,
            },
          }));
          const options = withReference ? { referenceDate: '2026-09-01' } : undefined;
          const idx = buildOpeningIndex(openings, options);
          const ctx = makeContext(undefined, options);
          for (const s of seekers) {
            const p = prepareSeeker(s);
            const eligible = (o: number): boolean => evaluatePrepared(p, idx.prepared[o], ctx, true)!.eligible;
            const screened: number[] = [];
            forEachScreenedCandidate(idx, p, (o) => screened.push(o));
            const walked: number[] = [];
            forEachCandidate(idx, p, (o) => walked.push(o));
            expect(new Set(screened).size).toBe(screened.length);
            expect(screened.filter(eligible)).toEqual(walked.filter(eligible));
            expect([...screened.filter(eligible)].sort((a, b) => a - b)).toEqual(idx.openings.map((_, o) => o).filter(eligible));
          }
        },
      ),
      { numRuns: 1500, seed: 31 },
    );
  });
});
