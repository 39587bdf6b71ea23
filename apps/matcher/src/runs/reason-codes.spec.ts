import { NO_CANDIDATE, OUTSCORED, OpeningProfile, SeekerProfile, checkEligibility } from '@jobfair/matching';
import { countReasonKinds, reasonKind } from './reason-kinds';

const seeker: SeekerProfile = {
  id: 's1', nationalId: '012345678901', birthDate: '1980-01-15', province: 'Thanh Hoa',
  skills: [{ name: 'farming', years: 1 }],
  languageTests: [{ test: 'EPS-TOPIK', score: 118, takenAt: '2026-05-10' }, { test: 'JLPT', level: 'N5', takenAt: '2026-05-10' }],
  preferences: { scopes: ['overseas'], countries: ['KR', 'JP'], sectors: [] }, overseasHistory: [],
};
const opening = (requirements: Partial<OpeningProfile['requirements']>, country = 'KR'): OpeningProfile => ({
  id: 'o1', employerId: 'e1', sector: 'agriculture', scope: 'overseas', country, province: 'Gangwon', programme: 'eps',
  positions: 1, filled: 0, designatedWorkers: [], startDate: '2027-06-01', requirements: { languageTests: [], skills: [], ...requirements },
});
/** The library's own wording for each failed rule, so a change of wording fails here. */
const reasonsFor = (o: OpeningProfile, s = seeker) => checkEligibility(s, o).reasons;

describe('reasonKind', () => {
  it('drops the figures from the library\'s reasons, keeping what failed', () => {
    const cases: [string[], string][] = [
      [reasonsFor(opening({ languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }] })), 'EPS-TOPIK below the required score'],
      [reasonsFor(opening({ languageTests: [{ test: 'JLPT', minLevel: 'N4' }] }, 'JP')), 'JLPT below the required level'],
      [reasonsFor(opening({ languageTests: [{ test: 'TOCFL', minLevel: 'A2' }] })), 'no TOCFL result'],
      [reasonsFor(opening({ maxAge: 39 })), 'age above the maximum'],
      [reasonsFor(opening({ minExperienceYears: 3 })), 'experience below the required years'],
      [reasonsFor(opening({ skills: ['welding'] })), 'missing skill welding'],
    ];
    for (const [reasons, kind] of cases) expect([reasons, reasons.map(reasonKind)]).toEqual([reasons, [kind]]);
    expect(reasonKind(reasonsFor(opening({ minAge: 50 }))[0])).toBe('age below the minimum');
    expect(reasonKind(reasonsFor(opening({ languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }] }), {
      ...seeker, languageTests: [{ test: 'EPS-TOPIK', score: 190, takenAt: '2023-01-10' }],
    })[0])).toBe('EPS-TOPIK result expired');
  });

  it('keeps reasons without figures as they are', () => {
    for (const reason of [OUTSCORED, NO_CANDIDATE, 'country JP not in preferences']) expect(reasonKind(reason)).toBe(reason);
  });
});

describe('countReasonKinds', () => {
  it('counts a seeker once under each kind that held it back', () => {
    const reasonCounts = {};
    expect(countReasonKinds([
      { seekerId: 'a', reasons: ['EPS-TOPIK 118 below the required 140', 'EPS-TOPIK 118 below the required 150', 'missing skill welding'], reasonCounts },
      { seekerId: 'b', reasons: ['EPS-TOPIK 99 below the required 140'], reasonCounts },
      { seekerId: 'c', reasons: [OUTSCORED], reasonCounts },
    ])).toEqual({ 'EPS-TOPIK below the required score': 2, 'missing skill welding': 1, [OUTSCORED]: 1 });
  });
});
