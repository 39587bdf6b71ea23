import fc from 'fast-check';
import {
  checkEligibility,
  DEFAULT_WEIGHTS,
  evaluatePair,
  makeContext,
  NO_CANDIDATE,
  OpeningProfile,
  OUTSCORED,
  prepareSeeker,
  REASON_CODES,
  recommend,
  runMatching,
  scorePair,
  SeekerProfile,
} from './index';

const seeker = (over: Partial<SeekerProfile> = {}): SeekerProfile => ({
  id: 's1',
  nationalId: '038090000001',
  birthDate: '1995-06-15',
  province: 'Thanh Hoa',
  district: 'Tho Xuan',
  skills: [{ name: 'welding', years: 3 }],
  languageTests: [{ test: 'EPS-TOPIK', score: 160, takenAt: '2025-05-01' }],
  preferences: { scopes: ['overseas'], countries: ['South Korea', 'Japan'], sectors: ['manufacturing', 'agriculture'] },
  overseasHistory: [],
  ...over,
});

const opening = (over: Partial<OpeningProfile> = {}): OpeningProfile => ({
  id: 'o1',
  employerId: 'e1',
  sector: 'manufacturing',
  scope: 'overseas',
  country: 'South Korea',
  province: 'Gyeonggi',
  programme: 'EPS',
  positions: 5,
  filled: 0,
  designatedWorkers: [],
  requirements: { minAge: 18, maxAge: 39, languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }], skills: ['welding'] },
  startDate: '2026-03-01',
  ...over,
});

describe('eligibility reasons', () => {
  it('accepts a seeker who meets every rule', () => {
    expect(checkEligibility(seeker(), opening())).toEqual({ eligible: true, reasons: [] });
  });

  it('names every failing rule with its code and figures', () => {
    const s = seeker({
      birthDate: '1984-05-01',
      languageTests: [{ test: 'EPS-TOPIK', score: 118, takenAt: '2025-01-10' }],
      skills: [],
      placed: true,
    });
    const r = checkEligibility(s, opening({ filled: 5 }));
    expect(r.eligible).toBe(false);
    expect(r.reasons).toEqual([
      { code: 'already-placed', text: 'already placed' },
      { code: 'no-positions-left', text: 'no positions left' },
      { code: 'age-above-maximum', text: 'age 41 above the maximum 39 on 2026-03-01' },
      { code: 'language-score-below', text: 'EPS-TOPIK 118 below the required 140' },
      { code: 'skill-missing', text: 'missing skill welding' },
    ]);
  });

  it('ranks JLPT levels with N1 best and accepts any listed alternative', () => {
    const jp = opening({
      country: 'Japan',
      requirements: {
        languageTests: [
          { test: 'JLPT', minLevel: 'N4' },
          { test: 'JFT-Basic', minLevel: 'A2' },
        ],
        skills: [],
      },
    });
    const n5 = seeker({ languageTests: [{ test: 'JLPT', level: 'N5', takenAt: '2025-01-01' }] });
    expect(checkEligibility(n5, jp).reasons).toEqual([
      { code: 'language-level-below', text: 'JLPT N5 below the required N4' },
      { code: 'language-missing', text: 'no JFT-Basic result (required A2)' },
    ]);
    const n3 = seeker({ languageTests: [{ test: 'JLPT', level: 'N3', takenAt: '2025-01-01' }] });
    expect(checkEligibility(n3, jp).eligible).toBe(true);
    const jft = seeker({ languageTests: [{ test: 'JFT-Basic', level: 'A2', takenAt: '2025-01-01' }] });
    expect(checkEligibility(jft, jp).eligible).toBe(true);
  });

  it('does not count language results older than two years on the start date', () => {
    const old = seeker({ languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: '2024-02-28' }] });
    expect(checkEligibility(old, opening()).reasons).toEqual([
      { code: 'language-expired', text: 'EPS-TOPIK result of 2024-02-28 expired before the start date 2026-03-01 (valid 2 years)' },
    ]);
    const justValid = seeker({ languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: '2024-03-01' }] });
    expect(checkEligibility(justValid, opening()).eligible).toBe(true);
  });

  it("respects the seeker's scope and countries", () => {
    expect(
      checkEligibility(seeker({ preferences: { scopes: ['domestic'], countries: [], sectors: [] } }), opening()).reasons,
    ).toContainEqual({ code: 'scope-not-wanted', text: 'prefers domestic work only' });
    expect(checkEligibility(seeker(), opening({ country: 'Taiwan' })).reasons).toContainEqual({
      code: 'country-not-wanted',
      text: 'country Taiwan not in preferences',
    });
  });

  it('checks minimum experience and age below the minimum', () => {
    const r = checkEligibility(
      seeker({ birthDate: '2009-01-01', skills: [{ name: 'Welding', years: 1 }] }),
      opening({ requirements: { minAge: 18, languageTests: [], skills: ['welding'], minExperienceYears: 2 } }),
    );
    expect(r.reasons).toEqual([
      { code: 'age-below-minimum', text: 'age 17 below the minimum 18 on 2026-03-01' },
      { code: 'experience-below', text: 'experience 1 year below the required 2' },
    ]);
  });

  it('names a result without the required score or level as missing', () => {
    const levelOnly = seeker({ languageTests: [{ test: 'EPS-TOPIK', level: '3', takenAt: '2025-05-01' }] });
    expect(checkEligibility(levelOnly, opening()).reasons).toEqual([
      { code: 'language-missing', text: 'no EPS-TOPIK score (required 140)' },
    ]);
    expect(
      checkEligibility(seeker(), opening({ requirements: { languageTests: [{ test: 'EPS-TOPIK', minLevel: '2' }], skills: [] } })).reasons,
    ).toEqual([{ code: 'language-missing', text: 'no EPS-TOPIK level (required 2)' }]);
  });

  it("applies the fair rules when the options name the fair's seekers and openings", () => {
    const fair = { checkedInSeekerIds: ['someone else'], openingIdsAtFair: new Set(['o2']) };
    expect(checkEligibility(seeker(), opening(), fair)).toEqual({
      eligible: false,
      reasons: [
        { code: 'not-checked-in', text: 'not checked in at the fair' },
        { code: 'not-at-fair', text: 'opening not at a booth of the fair' },
      ],
    });
    expect(checkEligibility(seeker(), opening(), { checkedInSeekerIds: ['s1'], openingIdsAtFair: ['o1'] }).eligible).toBe(true);
  });
});

/** The same value with every null field left out: what "null means absent" should equal. */
const withoutNulls = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(withoutNulls)
    : v !== null && typeof v === 'object'
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== null)
            .map(([k, x]) => [k, withoutNulls(x)]),
        )
      : v;

describe('null means absent', () => {
  it('reads null optional fields as absent: no crash, no limit of 0', () => {
    const nulls = seeker({
      district: null,
      gender: null,
      householdStatus: null,
      placed: null,
      languageTests: [{ test: 'EPS-TOPIK', score: 160, level: null, takenAt: '2025-05-01' }],
    });
    const open = opening({
      district: null,
      quotas: null,
      salary: null,
      requirements: {
        minAge: null,
        maxAge: null,
        minExperienceYears: null,
        languageTests: [{ test: 'EPS-TOPIK', minScore: 140, minLevel: null }],
        skills: ['welding'],
      },
    });
    expect(checkEligibility(nulls, open)).toEqual({ eligible: true, reasons: [] });
    expect(runMatching({ seekers: [nulls], openings: [open], mode: 'optimal' }).summary.matched).toBe(1);
    expect(recommend(nulls, [open])).toHaveLength(1);
  });

  it('gives the same evaluation for null as for a left-out field (random profiles)', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof(a, fc.constant(null), fc.constant(undefined));
    const arb = fc.record({
      s: fc.record({
        birthDate: maybe(fc.constantFrom('1990-04-02', '2009-01-01', '1980-12-31')),
        district: maybe(fc.constantFrom('Tho Xuan', 'Nga Son')),
        householdStatus: maybe(fc.constantFrom('poor' as const, 'none' as const)),
        placed: maybe(fc.boolean()),
        tests: fc.array(
          fc.record({
            test: fc.constantFrom('EPS-TOPIK', 'JLPT'),
            score: maybe(fc.integer({ min: 60, max: 200 })),
            level: maybe(fc.constantFrom('N3', 'N5', '2')),
          }),
          { maxLength: 3 },
        ),
        rehire: maybe(fc.boolean()),
      }),
      o: fc.record({
        scope: fc.constantFrom('domestic' as const, 'overseas' as const),
        district: maybe(fc.constantFrom('Tho Xuan', 'Nga Son')),
        quotas: maybe(fc.constant({ firstTime: 3, returning: 2 })),
        minAge: maybe(fc.integer({ min: 16, max: 30 })),
        maxAge: maybe(fc.integer({ min: 25, max: 45 })),
        minExperienceYears: maybe(fc.integer({ min: 0, max: 4 })),
        langs: fc.array(
          fc.record({
            test: fc.constantFrom('EPS-TOPIK', 'JLPT'),
            minScore: maybe(fc.integer({ min: 80, max: 160 })),
            minLevel: maybe(fc.constantFrom('N4', '3')),
          }),
          { maxLength: 2 },
        ),
      }),
    });
    fc.assert(
      fc.property(arb, ({ s, o }) => {
        const sk = seeker({
          birthDate: s.birthDate,
          district: s.district,
          householdStatus: s.householdStatus,
          placed: s.placed,
          languageTests: s.tests.map((t) => ({ ...t, takenAt: '2025-05-01' })),
          preferences: { scopes: [], countries: [], sectors: [] },
          overseasHistory: [{ country: 'South Korea', from: '2020-01-01', to: null, rehireRecommended: s.rehire }],
        });
        const op = opening({
          scope: o.scope,
          district: o.district,
          quotas: o.quotas,
          province: 'Thanh Hoa',
          requirements: {
            minAge: o.minAge,
            maxAge: o.maxAge,
            minExperienceYears: o.minExperienceYears,
            languageTests: o.langs,
            skills: [],
          },
        });
        const ctx = makeContext();
        const absent = evaluatePair(prepareSeeker(withoutNulls(sk) as SeekerProfile), withoutNulls(op) as OpeningProfile, ctx);
        expect(evaluatePair(prepareSeeker(sk), op, ctx)).toEqual(absent);
      }),
      { numRuns: 500, seed: 2026 },
    );
  });

  it('names a missing or invalid birth date where an age limit applies, and only there', () => {
    for (const birthDate of [undefined, null, '', 'unknown', '1990-02-30', new Date(NaN)]) {
      expect(checkEligibility(seeker({ birthDate }), opening()).reasons).toEqual([
        { code: 'birth-date-missing', text: 'birth date missing or invalid, so the age limit (18 to 39) cannot be checked' },
      ]);
      expect(checkEligibility(seeker({ birthDate }), opening({ requirements: { languageTests: [], skills: [] } })).eligible).toBe(true);
    }
    expect(
      checkEligibility(seeker({ birthDate: null }), opening({ requirements: { maxAge: 39, languageTests: [], skills: [] } })).reasons[0]
        .text,
    ).toMatch(/\(up to 39\)/);
    expect(checkEligibility(seeker({ birthDate: '1996-02-29' }), opening()).eligible).toBe(true);
  });

  it('does not count a language result with a missing or invalid date', () => {
    const undated = seeker({ languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: null as unknown as string }] });
    expect(checkEligibility(undated, opening()).reasons).toEqual([
      { code: 'language-missing', text: 'no EPS-TOPIK result (required 140)' },
    ]);
  });
});

describe('score breakdown', () => {
  it('adds up to the score, stays within 0..100 and follows the weights', () => {
    const { score, breakdown, quotaClass } = scorePair(seeker(), opening());
    const sum = Object.values(breakdown).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - score)).toBeLessThan(1e-9);
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(100);
    expect(breakdown.distance).toBe(0); // overseas: distance does not apply
    expect(quotaClass).toBe('firstTime');
    // Household priority is a configurable weight.
    const poor = seeker({ householdStatus: 'poor' });
    expect(scorePair(poor, opening()).breakdown.household).toBeGreaterThan(0);
    expect(scorePair(poor, opening(), { household: 0 }).breakdown.household).toBe(0);
  });

  it("prefers the seeker's first country and a returning worker in the same country", () => {
    const korea = scorePair(seeker(), opening()).breakdown.preference;
    const japan = scorePair(seeker(), opening({ country: 'Japan', requirements: { languageTests: [], skills: [] } })).breakdown.preference;
    expect(korea).toBeGreaterThan(japan);
    const back = seeker({ overseasHistory: [{ country: 'South Korea', from: '2021-01-01', to: '2023-01-01', rehireRecommended: true }] });
    const r = scorePair(back, opening());
    expect(r.quotaClass).toBe('returning');
    expect(r.breakdown.returning).toBeGreaterThan(0);
  });

  it('ranks domestic distance: same district > same province > other', () => {
    const s = seeker({ preferences: { scopes: ['domestic'], countries: [], sectors: [] } });
    const dom = (province: string, district?: string): number =>
      scorePair(s, opening({ scope: 'domestic', country: 'Viet Nam', province, district, requirements: { languageTests: [], skills: [] } }))
        .breakdown.distance;
    expect(dom('Thanh Hoa', 'Tho Xuan')).toBeGreaterThan(dom('Thanh Hoa', 'Nga Son'));
    expect(dom('Thanh Hoa', 'Nga Son')).toBeGreaterThan(dom('Nghe An'));
  });

  it('has sane defaults', () => {
    expect(Object.values(DEFAULT_WEIGHTS).every((w) => w >= 0)).toBe(true);
    expect(() => makeContext({ skills: -1 })).toThrow();
  });
});

describe('runMatching', () => {
  const seekers: SeekerProfile[] = [
    seeker({ id: 'a', nationalId: 'N-A', overseasHistory: [{ country: 'South Korea', from: '2020-01-01', rehireRecommended: true }] }),
    seeker({ id: 'b', nationalId: 'N-B' }),
    seeker({ id: 'c', nationalId: 'N-C', languageTests: [{ test: 'EPS-TOPIK', score: 190, takenAt: '2025-06-01' }] }),
    seeker({ id: 'd', nationalId: 'N-D', languageTests: [{ test: 'EPS-TOPIK', score: 100, takenAt: '2025-06-01' }] }),
  ];
  const openings: OpeningProfile[] = [
    opening({ id: 'farm', positions: 2, quotas: { firstTime: 1, returning: 1 }, designatedWorkers: ['N-A'] }),
  ];

  it('seats designated workers first and explains the others', () => {
    for (const mode of ['optimal', 'stable', 'greedy'] as const) {
      const res = runMatching({ seekers, openings, mode });
      const byId = Object.fromEntries(res.matches.map((m) => [m.seekerId, m]));
      expect(byId.a).toMatchObject({ openingId: 'farm', designated: true, quotaClass: 'returning' });
      expect(res.matches).toHaveLength(2);
      expect(byId.c).toMatchObject({ quotaClass: 'firstTime', designated: false }); // best first-timer
      const un = Object.fromEntries(res.unmatched.map((u) => [u.seekerId, u.reasons]));
      expect(un.b).toEqual([{ ...OUTSCORED, openings: 1 }]);
      expect(un.d).toEqual([{ code: 'language-score-below', text: 'EPS-TOPIK 100 below the required 140', openings: 1 }]);
      expect(res.summary).toMatchObject({ matched: 2, unmatched: 2, designated: 1, byQuotaClass: { firstTime: 1, returning: 1 } });
    }
  });

  it('limits a fair run to checked-in seekers and openings at booths, and reports progress', () => {
    const seen: number[] = [];
    const res = runMatching({
      seekers,
      openings,
      mode: 'optimal',
      options: { checkedInSeekerIds: ['b', 'd'] },
      onProgress: (p) => seen.push(p),
    });
    expect(res.matches.map((m) => m.seekerId)).toEqual(['b']);
    expect(seen[seen.length - 1]).toBe(100);
    const none = runMatching({ seekers, openings, mode: 'optimal', options: { openingIdsAtFair: [] } });
    expect(none.matches).toEqual([]);
    expect(none.unmatched[0].reasons).toEqual([
      { code: 'no-opening-in-preferences', text: 'no opening in the preferred scope and countries', openings: 0 },
    ]);
    expect(NO_CANDIDATE.code).toBe('no-opening-in-preferences');
  });

  it('never matches an ineligible pair nor breaks a quota (random profiles)', () => {
    const countries = ['South Korea', 'Japan', 'Taiwan'];
    const profiles = fc.record({
      seekers: fc.array(
        fc.record({
          age: fc.integer({ min: 17, max: 45 }),
          topik: fc.integer({ min: 80, max: 200 }),
          weld: fc.boolean(),
          countries: fc.subarray(countries),
          back: fc.option(fc.constantFrom(...countries), { nil: undefined }),
          placed: fc.boolean(),
        }),
        { maxLength: 12 },
      ),
      openings: fc.array(
        fc.record({
          country: fc.constantFrom(...countries),
          positions: fc.integer({ min: 0, max: 3 }),
          quota: fc.boolean(),
          min: fc.integer({ min: 100, max: 170 }),
          weld: fc.boolean(),
          designate: fc.nat(12),
        }),
        { maxLength: 5 },
      ),
    });
    fc.assert(
      fc.property(profiles, fc.constantFrom('optimal' as const, 'stable' as const), (g, mode) => {
        const ss = g.seekers.map((x, i) =>
          seeker({
            id: `s${i}`,
            nationalId: `N${i}`,
            birthDate: `${2026 - x.age}-01-01`,
            languageTests: [{ test: 'EPS-TOPIK', score: x.topik, takenAt: '2025-06-01' }],
            skills: x.weld ? [{ name: 'welding', years: 2 }] : [],
            preferences: { scopes: ['overseas'], countries: x.countries, sectors: [] },
            overseasHistory: x.back ? [{ country: x.back, from: '2020-01-01' }] : [],
            placed: x.placed,
          }),
        );
        const os = g.openings.map((x, i) =>
          opening({
            id: `o${i}`,
            country: x.country,
            positions: x.positions,
            quotas: x.quota ? { firstTime: Math.ceil(x.positions / 2), returning: Math.floor(x.positions / 2) } : undefined,
            designatedWorkers: [`N${x.designate}`],
            requirements: { maxAge: 39, languageTests: [{ test: 'EPS-TOPIK', minScore: x.min }], skills: x.weld ? ['welding'] : [] },
          }),
        );
        const res = runMatching({ seekers: ss, openings: os, mode });
        const ctx = makeContext();
        const seen = new Set<string>();
        for (const m of res.matches) {
          expect(seen.has(m.seekerId)).toBe(false);
          seen.add(m.seekerId);
          const s = ss.find((x) => x.id === m.seekerId)!;
          const o = os.find((x) => x.id === m.openingId)!;
          expect(evaluatePair(prepareSeeker(s), o, ctx).eligible).toBe(true);
          if (m.designated) expect(o.designatedWorkers).toContain(s.nationalId);
        }
        for (const f of res.summary.openingFill) {
          const o = os.find((x) => x.id === f.openingId)!;
          expect(f.matched).toBeLessThanOrEqual(o.positions);
          if (o.quotas) {
            expect(f.returning).toBeLessThanOrEqual(o.quotas.returning);
            expect(f.firstTime).toBeLessThanOrEqual(o.quotas.firstTime);
          }
        }
        expect(res.matches.length + res.unmatched.length).toBe(ss.length);
        for (const u of res.unmatched) for (const r of u.reasons) expect(REASON_CODES).toContain(r.code);
        expect(runMatching({ seekers: [...ss].reverse(), openings: [...os].reverse(), mode })).toEqual(res);
      }),
      { numRuns: 400, seed: 42 },
    );
  });
});

describe('recommend', () => {
  it('returns eligible openings best first with reasons and no household wording', () => {
    const os = [
      opening({ id: 'kr' }),
      opening({ id: 'jp', country: 'Japan', requirements: { languageTests: [], skills: [] } }),
      opening({ id: 'tw', country: 'Taiwan' }),
    ];
    const recs = recommend(seeker({ householdStatus: 'poor' }), os, undefined, 5);
    expect(recs.map((r) => r.openingId).sort()).toEqual(['jp', 'kr']);
    expect(recs[0].score).toBeGreaterThanOrEqual(recs[1].score);
    expect(recs[0].reasons.length).toBeGreaterThan(0);
    expect(recs.flatMap((r) => r.reasons).join(' ')).not.toMatch(/household/);
    expect(recommend(seeker(), os, undefined, 1)).toHaveLength(1);
  });
});

describe('programme caps above the openings (E-8: 5 per farm household, 9 per employer)', () => {
  const E8 = { seasonal: { perEmployer: 9, perHousehold: 5 } };
  const farmWork = (id: string, over: Partial<OpeningProfile> = {}): OpeningProfile =>
    opening({ id, programme: 'seasonal', sector: 'agriculture', positions: 6, requirements: { languageTests: [], skills: [] }, ...over });
  const workers = (n: number): SeekerProfile[] =>
    Array.from({ length: n }, (_, i) =>
      seeker({ id: `w${String(i).padStart(2, '0')}`, nationalId: `0380900001${String(i).padStart(2, '0')}` }),
    );
  const perOpening = (res: ReturnType<typeof runMatching>): Record<string, number> => {
    const out: Record<string, number> = {};
    for (const m of res.matches) out[m.openingId] = (out[m.openingId] ?? 0) + 1;
    return out;
  };

  it.each(['optimal', 'stable', 'greedy'] as const)(
    '%s: one employer takes at most 9 over two openings, and says why the rest are left out',
    (mode) => {
      const res = runMatching({ seekers: workers(14), openings: [farmWork('a'), farmWork('b')], mode, options: { programmeCaps: E8 } });
      expect(res.summary.matched).toBe(9);
      const left = res.unmatched.find((u) => u.reasons.some((r) => r.code === 'cap-reached'));
      // One opening full of better scores, the other with seats left but the employer at its cap.
      expect(left?.reasons).toEqual([
        { code: 'cap-reached', text: 'cap reached: seasonal programme: at most 9 workers per employer (e1)', openings: 1 },
        { ...OUTSCORED, openings: 1 },
      ]);
      // Without the table the same openings fill all 12 seats.
      expect(runMatching({ seekers: workers(14), openings: [farmWork('a'), farmWork('b')], mode }).summary.matched).toBe(12);
    },
  );

  it("counts seats already filled at any of the employer's openings, and caps each farm household at 5", () => {
    const res = runMatching({
      seekers: workers(20),
      openings: [
        farmWork('a', { household: 'Kim farm', positions: 4 }),
        farmWork('b', { household: ' kim farm ', positions: 4 }),
        farmWork('c', { household: 'Lee farm', positions: 6, filled: 2 }),
        farmWork('d', { employerId: 'e2', positions: 3 }),
      ],
      mode: 'optimal',
      options: { programmeCaps: E8 },
    });
    const fill = perOpening(res);
    expect((fill.a ?? 0) + (fill.b ?? 0)).toBe(5); // one household, across two openings
    expect((fill.a ?? 0) + (fill.b ?? 0) + (fill.c ?? 0)).toBe(7); // 9 for the employer, 2 already filled
    expect(fill.d).toBe(3); // another employer: its own cap
  });

  it('an employer cap (data on the employer) nests above the programme caps, and designated workers count toward it', () => {
    const team = workers(6);
    const res = runMatching({
      seekers: team,
      openings: [farmWork('a', { designatedWorkers: [team[5].nationalId] }), opening({ id: 'b', employerId: 'e1', positions: 3 })],
      mode: 'optimal',
      options: { programmeCaps: E8, employerCaps: { e1: 2 } },
    });
    expect(res.summary.matched).toBe(2);
    expect(res.matches.some((m) => m.designated && m.seekerId === team[5].id)).toBe(true);
  });

  it('other programmes are not capped by the seasonal table', () => {
    const res = runMatching({
      seekers: workers(14),
      openings: [opening({ id: 'a', positions: 7 }), opening({ id: 'b', positions: 7 })],
      mode: 'optimal',
      options: { programmeCaps: E8 },
    });
    expect(res.summary.matched).toBe(14);
  });
});

describe('re-entry of faithful workers (same employer, after 3 months, no change of workplace)', () => {
  const returning = (over: Partial<SeekerProfile['overseasHistory'][number]> = {}): SeekerProfile =>
    seeker({
      languageTests: [],
      overseasHistory: [
        { country: 'South Korea', employerId: 'e1', from: '2022-03-01', to: '2025-11-30', changedWorkplace: false, ...over },
      ],
    });

  it('needs no new language test, and the match says so', () => {
    expect(checkEligibility(returning(), opening()).eligible).toBe(true);
    const res = runMatching({ seekers: [returning()], openings: [opening()], mode: 'optimal' });
    expect(res.matches).toHaveLength(1);
    expect(res.matches[0].quotaClass).toBe('returning');
    expect(res.matches[0].notes).toEqual([
      {
        code: 'faithful-worker-no-language-test',
        text: 'faithful worker: back to the same employer at least 3 months after leaving it on 2025-11-30, without a change of workplace, so no new language test',
      },
    ]);
  });

  it.each([
    ['another employer', { employerId: 'e2' }],
    ['a change of workplace', { changedWorkplace: true }],
    ['no word on the workplace', { changedWorkplace: undefined }],
    ['less than 3 months back', { to: '2025-12-02' }],
    ['another country', { country: 'Japan' }],
  ])('still needs the test after %s', (_, over) => {
    const r = checkEligibility(returning(over), opening());
    expect(r.reasons.map((x) => x.code)).toEqual(['language-missing']);
  });

  it('a valid result still scores its margin, with no note', () => {
    const s = { ...returning(), languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: '2025-05-01' }] };
    const res = runMatching({ seekers: [s], openings: [opening()], mode: 'optimal' });
    expect(res.matches[0].notes).toBeUndefined();
  });
});
