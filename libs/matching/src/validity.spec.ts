import {
  checkEligibility,
  documentConcerns,
  documentKey,
  documentValidities,
  expiredBy,
  expiringWithin,
  OpeningProfile,
  runMatching,
  SeekerProfile,
  validThrough,
  validUntilDay,
  dayNumber,
} from './index';

const seeker = (over: Partial<SeekerProfile> = {}): SeekerProfile => ({
  id: 's1',
  nationalId: '038090000001',
  birthDate: '1995-06-15',
  province: 'Thanh Hoa',
  skills: [],
  languageTests: [{ test: 'EPS-TOPIK', score: 160, takenAt: '2025-05-01' }],
  preferences: { scopes: ['overseas', 'domestic'], countries: [], sectors: [] },
  overseasHistory: [],
  ...over,
});

const opening = (over: Partial<OpeningProfile> = {}): OpeningProfile => ({
  id: 'o1',
  employerId: 'e1',
  sector: 'agriculture',
  scope: 'overseas',
  country: 'KR',
  province: 'Gangwon',
  programme: 'eps',
  positions: 2,
  filled: 0,
  designatedWorkers: [],
  requirements: { languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }], skills: [] },
  startDate: '2026-09-01',
  ...over,
});

describe('validity clocks', () => {
  it('a document counts up to and including the same day one or two years later', () => {
    expect(validUntilDay('2025-09-01', 1)).toBe(dayNumber('2026-09-01'));
    expect(validUntilDay('2024-02-29', 1)).toBe(dayNumber('2025-02-28'));
    expect(validThrough(dayNumber('2026-09-01'), dayNumber('2026-09-01'))).toBe(true);
    expect(validThrough(dayNumber('2026-09-01'), dayNumber('2026-09-02'))).toBe(false);
    expect(validThrough(NaN, dayNumber('2026-09-01'))).toBe(false);
  });

  it('keeps the latest document of each kind and name, with its last valid day', () => {
    const docs = documentValidities({
      languageTests: [
        { test: 'EPS-TOPIK', score: 120, takenAt: '2024-01-10' },
        { test: 'EPS-TOPIK', score: 150, takenAt: '2025-03-02' },
        { test: 'JLPT', level: 'N4', takenAt: 'unknown' },
      ],
      medicalCheck: { checkedAt: '2025-10-01', result: 'fit' },
      rosterEntries: [{ programme: 'eps', enteredAt: '2025-11-15' }],
    });
    expect(docs).toEqual([
      { kind: 'language-test', name: 'EPS-TOPIK', takenOn: '2025-03-02', validUntil: '2027-03-02' },
      { kind: 'roster-entry', name: 'eps', takenOn: '2025-11-15', validUntil: '2026-11-15' },
      { kind: 'medical-check', name: 'medical', takenOn: '2025-10-01', validUntil: '2026-10-01' },
    ]);
  });

  it('lists what runs out within 30, 60 or 90 days, and what has run out', () => {
    const docs = documentValidities({
      languageTests: [{ test: 'EPS-TOPIK', score: 150, takenAt: '2024-09-20' }], // until 2026-09-20
      medicalCheck: { checkedAt: '2025-10-25', result: 'fit' }, // until 2026-10-25
      rosterEntries: [{ programme: 'eps', enteredAt: '2025-08-31' }], // until 2026-08-31: expired on 09-01
    });
    const today = '2026-09-01';
    const names = (list: typeof docs) => list.map((d) => d.name);
    expect(names(expiringWithin(docs, today, 30))).toEqual(['EPS-TOPIK']);
    expect(names(expiringWithin(docs, today, 60))).toEqual(['EPS-TOPIK', 'medical']);
    expect(names(expiredBy(docs, today))).toEqual(['eps']);
    expect(expiringWithin(docs, '2026-09-20', 0).map(documentKey)).toEqual(['language-test:EPS-TOPIK:2026-09-20']);
  });

  it('says which documents concern a programme, from what its openings ask', () => {
    const [test, roster, medical] = documentValidities({
      languageTests: [{ test: 'JLPT', level: 'N4', takenAt: '2025-01-01' }],
      rosterEntries: [{ programme: 'eps', enteredAt: '2025-11-15' }],
      medicalCheck: { checkedAt: '2025-10-01', result: 'fit' },
    });
    const japan = { programme: 'japan-technical-intern', tests: new Set(['JLPT', 'JFT-Basic']), overseas: true };
    const domestic = { programme: 'domestic', tests: new Set<string>(), overseas: false };
    expect([test, roster, medical].map((d) => documentConcerns(d, japan))).toEqual([true, false, true]);
    expect([test, roster, medical].map((d) => documentConcerns(d, domestic))).toEqual([false, false, false]);
    expect(documentConcerns(roster, { programme: 'EPS', tests: new Set(), overseas: true })).toBe(true);
  });
});

describe('eligibility at the opening start date', () => {
  it('drops a worker whose medical check runs out before an overseas start, with the reason', () => {
    const s = seeker({ medicalCheck: { checkedAt: '2025-08-20', result: 'fit' } });
    expect(checkEligibility(s, opening()).reasons).toEqual([
      { code: 'medical-expired', text: 'medical check of 2025-08-20 expired before the start date 2026-09-01 (valid 1 year)' },
    ]);
    // Judged on the start date, not today: the same check is fine for an opening that starts before it runs out.
    expect(checkEligibility(s, opening({ startDate: '2026-08-20' })).eligible).toBe(true);
    // Domestic jobs ask no medical check.
    expect(checkEligibility(s, opening({ scope: 'domestic', country: 'VN', programme: 'domestic' })).eligible).toBe(true);
  });

  it('drops an unfit worker from work abroad; no check on file is no failure (it comes after selection)', () => {
    expect(checkEligibility(seeker({ medicalCheck: { checkedAt: '2026-08-01', result: 'unfit' } }), opening()).reasons).toEqual([
      { code: 'medical-unfit', text: 'medical check of 2026-08-01: not fit for work abroad' },
    ]);
    expect(checkEligibility(seeker(), opening()).eligible).toBe(true);
    expect(checkEligibility(seeker({ medicalCheck: null, rosterEntries: null }), opening()).eligible).toBe(true);
  });

  it("drops a worker whose roster entry for the opening's programme runs out before the start; other programmes' entries do not count", () => {
    const s = seeker({ rosterEntries: [{ programme: 'eps', enteredAt: '2025-08-01' }] });
    expect(checkEligibility(s, opening()).reasons).toEqual([
      { code: 'roster-expired', text: 'eps roster entry of 2025-08-01 expired before the start date 2026-09-01 (valid 1 year)' },
    ]);
    expect(checkEligibility(s, opening({ programme: 'seasonal' })).eligible).toBe(true);
    // A later entry on the same roster renews it.
    const renewed = seeker({
      rosterEntries: [
        { programme: 'eps', enteredAt: '2025-08-01' },
        { programme: 'EPS', enteredAt: '2026-02-01' },
      ],
    });
    expect(checkEligibility(renewed, opening()).eligible).toBe(true);
  });

  it('names every clock that ran out together with the language result', () => {
    const s = seeker({
      languageTests: [{ test: 'EPS-TOPIK', score: 160, takenAt: '2024-08-01' }],
      medicalCheck: { checkedAt: '2025-06-01', result: 'fit' },
    });
    expect(checkEligibility(s, opening()).reasons.map((r) => r.code)).toEqual(['language-expired', 'medical-expired']);
  });

  it('a matching run leaves the worker with an expired medical unmatched, with the reason', () => {
    const { matches, unmatched } = runMatching({
      mode: 'optimal',
      seekers: [
        seeker({ id: 'fit', medicalCheck: { checkedAt: '2026-01-10', result: 'fit' } }),
        seeker({ id: 'expired', medicalCheck: { checkedAt: '2025-07-01', result: 'fit' } }),
      ],
      openings: [opening()],
    });
    expect(matches.map((m) => m.seekerId)).toEqual(['fit']);
    expect(unmatched.find((u) => u.seekerId === 'expired')!.reasons.map((r) => r.code)).toEqual(['medical-expired']);
  });
});
