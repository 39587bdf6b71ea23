import { SeekerSnapshot, consentGiven } from '@jobfair/contracts';
import { Match } from './match.schema';
import { matchView } from './match-views';

const match = {
  _id: 'm1',
  runId: 'r1',
  seekerId: 's1',
  openingId: 'o1',
  employerId: 'e1',
  score: 80,
  breakdown: { skills: 50, household: 10, language: 20 },
  quotaClass: 'firstTime',
  designated: false,
  status: 'proposed',
} as unknown as Match;
const seeker = (consents: SeekerSnapshot['consents']) =>
  ({
    id: 's1',
    nationalId: '012345678901',
    fullName: 'Tran Thi Mai',
    birthDate: '1999-05-01',
    gender: 'female',
    province: 'Thanh Hoa',
    skills: [{ name: 'sewing', years: 3 }],
    languageTests: [],
    preferences: { scopes: ['overseas'], countries: [], sectors: [] },
    overseasHistory: [],
    householdStatus: 'poor',
    consents,
    available: true,
  }) as SeekerSnapshot;

describe('consent in what the matcher shows', () => {
  it('takes the latest word per purpose, and nothing is assumed', () => {
    expect(consentGiven([], 'matching')).toBe(false);
    expect(consentGiven([{ purpose: 'matching', granted: true, at: '2026-01-01T00:00:00Z' }], 'matching')).toBe(true);
    expect(
      consentGiven(
        [
          { purpose: 'matching', granted: false, at: '2026-03-01T00:00:00Z' },
          { purpose: 'matching', granted: true, at: '2026-01-01T00:00:00Z' },
        ],
        'matching',
      ),
    ).toBe(false);
    expect(consentGiven([{ purpose: 'contact', granted: true, at: '2026-01-01T00:00:00Z' }], 'matching')).toBe(false);
  });

  it('shows an employer the candidate only with consent to share, never the name or the household', () => {
    const shared = matchView(match, seeker([{ purpose: 'share-with-employers', granted: true, at: '2026-01-01T00:00:00Z' }]), true);
    expect(shared.candidate).toEqual({ age: expect.any(Number), skills: [{ name: 'sewing', years: 3 }], languageTests: [] });
    expect(shared).toMatchObject({ score: 70, breakdown: { skills: 50, language: 20 } });
    expect(JSON.stringify(shared)).not.toMatch(/Tran Thi Mai|012345678901|poor|household/);

    expect(matchView(match, seeker([]), true).candidate).toBeNull();
    expect(matchView(match, seeker([]), false).candidate).toMatchObject({ fullName: 'Tran Thi Mai' });
  });
});
