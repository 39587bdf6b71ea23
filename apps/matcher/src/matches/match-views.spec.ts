import type { SeekerSnapshot } from '@jobfair/contracts';
import { matchView } from './match-views';
import type { Match } from './match.schema';

const match: Match = {
  _id: 'm1',
  version: 1,
  outbox: [],
  runId: 'r1',
  seekerId: 's1',
  openingId: 'o1',
  employerId: 'e1',
  score: 80.5,
  breakdown: { skills: 30, language: 20, experience: 15, preference: 10, distance: 0, returning: 0, household: 5.5 },
  quotaClass: 'firstTime',
  designated: false,
  status: 'proposed',
};
const seeker = {
  id: 's1',
  nationalId: '012345678901',
  fullName: 'Le Thi Hoa',
  birthDate: '1998-04-21',
  gender: 'female',
  province: 'Thanh Hoa',
  phone: '+84 912 345 678',
  skills: [{ name: 'farming', years: 4 }],
  languageTests: [{ test: 'EPS-TOPIK', score: 171, takenAt: '2026-05-10' }],
  preferences: { scopes: ['overseas'], countries: ['KR'], sectors: [] },
  overseasHistory: [],
  householdStatus: 'poor',
  consents: [{ purpose: 'share-with-employers', granted: true, at: '2026-01-05T08:00:00Z' }],
  available: true,
} as SeekerSnapshot & { phone: string };
const today = new Date('2026-11-25T00:00:00Z');

describe('matchView', () => {
  it('gives an employer age, experience and language results, and a score without the household priority', () => {
    const view = matchView(match, seeker, true, today);
    expect(view.candidate).toEqual({
      age: 28,
      skills: [{ name: 'farming', years: 4 }],
      languageTests: [{ test: 'EPS-TOPIK', score: 171, takenAt: '2026-05-10' }],
    });
    expect(view.breakdown).not.toHaveProperty('household');
    expect(view.score).toBe(75);
    for (const field of ['fullName', 'nationalId', 'phone', 'householdStatus', 'household'])
      expect(JSON.stringify(view)).not.toContain(field);
  });

  it('gives centre staff the name, national ID and the whole score', () => {
    const view = matchView(match, seeker, false, today);
    expect(view).toMatchObject({
      score: 80.5,
      breakdown: match.breakdown,
      candidate: { fullName: 'Le Thi Hoa', nationalId: '012345678901' },
    });
    expect(JSON.stringify(view)).not.toContain('phone');
    expect(JSON.stringify(view)).not.toContain('householdStatus');
  });

  it('shows no candidate once the seeker was erased', () => {
    expect(matchView(match, undefined, true, today).candidate).toBeNull();
  });
});
