import { Consent, LanguageTestResult, OverseasStint } from '@jobfair/contracts';
import { AbsorbedFacts, absorbRecord, nameBirthKey, nameSearchPattern, normalizedName, profileProblems } from './seeker-rules';

const consent = (purpose: Consent['purpose']): Consent => ({ purpose, granted: true, at: '2026-01-05T08:00:00Z' });
const clean = {
  birthDate: '1998-04-21',
  languageTests: [] as LanguageTestResult[],
  overseasHistory: [] as OverseasStint[],
  consents: [consent('matching'), consent('contact')],
};

describe('profileProblems', () => {
  it('accepts a consistent profile', () => {
    expect(profileProblems(clean, '2026-06-01')).toEqual([]);
  });

  it('names each field that breaks a rule across fields', () => {
    const problems = profileProblems(
      {
        birthDate: '2027-01-01',
        languageTests: [
          { test: 'EPS-TOPIK', takenAt: '2025-10-01' },
          { test: 'JLPT', level: 'N7', takenAt: '2025-07-06' },
        ],
        overseasHistory: [{ country: 'KR', from: '2022-03-01', to: '2021-12-01' }],
        consents: [consent('matching'), consent('matching')],
      },
      '2026-06-01',
    );
    expect(problems).toEqual([
      'birthDate: must not be in the future',
      'languageTests.0: a score or a level is required',
      'languageTests.1.level: JLPT levels are N5, N4, N3, N2, N1',
      'overseasHistory.0.to: must not be before from',
      'consents: purpose matching appears more than once',
    ]);
  });

  it('wants a calendar date of birth, not a time', () => {
    expect(profileProblems({ ...clean, birthDate: '1998-04-21T00:00:00Z' }, '2026-06-01')).toEqual([
      'birthDate: must be a calendar date (YYYY-MM-DD)',
    ]);
  });
});

describe('nameBirthKey', () => {
  it('meets the same person typed with or without diacritics, case and extra spaces', () => {
    expect(nameBirthKey('Nguyễn  Văn Đức ', '1998-04-21')).toBe(nameBirthKey('nguyen van duc', '1998-04-21'));
  });

  it('keeps different people and different birth dates apart', () => {
    expect(nameBirthKey('Nguyen Van Duc', '1998-04-21')).not.toBe(nameBirthKey('Nguyen Van Duc', '1998-04-22'));
    expect(nameBirthKey('Nguyen Van Duc', '1998-04-21')).not.toBe(nameBirthKey('Nguyen Van Dung', '1998-04-21'));
  });
});

describe('nameSearchPattern', () => {
  const finds = (query: string, fullName: string) => new RegExp(nameSearchPattern(query)).test(normalizedName(fullName));

  it('finds a name typed without diacritics, in any case, from the start of any of its words', () => {
    expect(finds('nguyen van an', 'Nguyễn Văn An')).toBe(true);
    expect(finds('NGUYỄN văn', 'Nguyễn Văn An')).toBe(true);
    expect(finds('van an', 'Nguyễn Văn An')).toBe(true);
    expect(finds('ngu an', 'Nguyễn Văn An')).toBe(true);
    expect(finds('duc', 'Trần Minh Đức')).toBe(true);
  });

  it('does not find a word inside another word, words out of order or regex syntax as such', () => {
    expect(finds('an', 'Lê Xuân')).toBe(false);
    expect(finds('an van', 'Nguyễn Văn An')).toBe(false);
    expect(finds('.*', 'Nguyễn Văn An')).toBe(false);
  });
});

describe('absorbRecord', () => {
  const facts = (overrides: Partial<AbsorbedFacts> = {}): AbsorbedFacts => ({
    skills: [],
    languageTests: [],
    overseasHistory: [],
    consents: [],
    walkInRefs: [],
    appliedPlacements: [],
    activePlacements: [],
    expiredDocuments: [],
    ...overrides,
  });

  it('keeps the latest answer per consent purpose, from either record', () => {
    const merged = absorbRecord(
      facts({ consents: [{ purpose: 'matching', granted: false, at: '2026-01-01T00:00:00Z' }] }),
      facts({
        consents: [
          { purpose: 'matching', granted: true, at: '2026-02-01T00:00:00Z' },
          { purpose: 'contact', granted: true, at: '2025-01-01T00:00:00Z' },
        ],
      }),
    );
    expect(merged.consents).toEqual([
      { purpose: 'matching', granted: true, at: '2026-02-01T00:00:00Z' },
      { purpose: 'contact', granted: true, at: '2025-01-01T00:00:00Z' },
    ]);
  });

  it('joins history and placements, fills missing contact data and keeps the survivor unavailable while placed', () => {
    const merged = absorbRecord(
      facts({ phone: '0912345678', skills: [{ name: 'welding', years: 1 }], overseasHistory: [{ country: 'KR', from: '2019-01-01' }] }),
      facts({
        phone: '0987654321',
        district: 'Tinh Gia',
        skills: [{ name: 'Welding', years: 3 }],
        overseasHistory: [
          { country: 'KR', from: '2019-01-01' },
          { country: 'JP', from: '2022-03-01' },
        ],
        activePlacements: ['p-1'],
        appliedPlacements: ['p-1:hired'],
      }),
    );
    expect(merged).toMatchObject({
      phone: '0912345678',
      district: 'Tinh Gia',
      skills: [{ name: 'Welding', years: 3 }],
      overseasHistory: [
        { country: 'KR', from: '2019-01-01' },
        { country: 'JP', from: '2022-03-01' },
      ],
      activePlacements: ['p-1'],
      appliedPlacements: ['p-1:hired'],
      available: false,
    });
  });
});
