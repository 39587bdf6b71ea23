import type { OpeningSnapshot, SeekerSnapshot } from '@jobfair/contracts';
import { checkEligibility } from '@jobfair/matching';
import { openingProfile, seekerProfile } from './matching-profiles';

const seeker = {
  id: 's1',
  nationalId: '012345678901',
  fullName: 'Le Thi Hoa',
  birthDate: '1998-04-21',
  gender: 'female',
  province: 'Thanh Hoa',
  district: null,
  skills: [{ name: 'farming', years: 4 }],
  languageTests: [{ test: 'EPS-TOPIK', score: 171, level: null, takenAt: '2026-05-10' }],
  preferences: { scopes: ['overseas'], countries: ['KR'], sectors: [] },
  overseasHistory: [],
  householdStatus: 'none',
  consents: [],
  available: true,
} as unknown as SeekerSnapshot;
const opening = {
  id: 'o1',
  employerId: 'e1',
  title: 'Farm hand',
  sector: 'agriculture',
  scope: 'overseas',
  country: 'KR',
  province: 'Gangwon',
  programme: 'eps',
  positions: 2,
  filled: 0,
  quotas: null,
  designatedWorkers: [],
  costs: [],
  startDate: '2027-06-01',
  status: 'open',
  requirements: {
    minAge: null,
    maxAge: null,
    minExperienceYears: null,
    skills: [],
    languageTests: [{ test: 'EPS-TOPIK', minScore: 140, minLevel: null }],
  },
} as unknown as OpeningSnapshot;

describe('matching profiles', () => {
  it('reads null optional fields as absent, not as limits of zero', () => {
    expect(checkEligibility(seekerProfile(seeker), openingProfile(opening))).toEqual({ eligible: true, reasons: [] });
  });

  it('marks a seeker who is no longer available as placed', () => {
    const placed = checkEligibility(seekerProfile({ ...seeker, available: false }), openingProfile(opening));
    expect(placed.reasons).toContainEqual({ code: 'already-placed', text: 'already placed' });
  });
});
