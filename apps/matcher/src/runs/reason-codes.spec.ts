import { NO_CANDIDATE, OUTSCORED, OpeningProfile, SeekerProfile, runMatching } from '@jobfair/matching';
import { countReasonCodes } from './reason-codes';

const seeker = (id: string, over: Partial<SeekerProfile> = {}): SeekerProfile => ({
  id,
  nationalId: `N-${id}`,
  birthDate: '1998-01-15',
  province: 'Thanh Hoa',
  skills: [],
  languageTests: [{ test: 'EPS-TOPIK', score: 160, takenAt: '2026-05-10' }],
  preferences: { scopes: ['overseas'], countries: ['KR'], sectors: [] },
  overseasHistory: [],
  ...over,
});
const opening = (id: string, requirements: Partial<OpeningProfile['requirements']>): OpeningProfile => ({
  id,
  employerId: 'e1',
  sector: 'agriculture',
  scope: 'overseas',
  country: 'KR',
  province: 'Gangwon',
  programme: 'eps',
  positions: 1,
  filled: 0,
  designatedWorkers: [],
  startDate: '2027-06-01',
  requirements: { languageTests: [], skills: [], ...requirements },
});

describe('countReasonCodes', () => {
  it("counts a run's unmatched seekers by code, whatever the figures in the words", () => {
    const { unmatched } = runMatching({
      mode: 'optimal',
      seekers: [
        seeker('strong', { languageTests: [{ test: 'EPS-TOPIK', score: 190, takenAt: '2026-05-10' }] }),
        seeker('second'),
        seeker('third', { languageTests: [{ test: 'EPS-TOPIK', score: 170, takenAt: '2026-05-10' }] }),
        seeker('weak', { birthDate: '1980-01-15', languageTests: [{ test: 'EPS-TOPIK', score: 118, takenAt: '2026-05-10' }] }),
        seeker('weaker', { languageTests: [{ test: 'EPS-TOPIK', score: 99, takenAt: '2026-05-10' }] }),
        seeker('japan', { preferences: { scopes: ['overseas'], countries: ['JP'], sectors: [] } }),
      ],
      openings: [
        opening('eps', { languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }] }),
        opening('young', { maxAge: 39, languageTests: [{ test: 'EPS-TOPIK', minScore: 150 }] }),
      ],
    });
    expect(unmatched.find((u) => u.seekerId === 'weak')!.reasons.map((r) => r.text)).toEqual(
      expect.arrayContaining([
        'EPS-TOPIK 118 below the required 140',
        'EPS-TOPIK 118 below the required 150',
        expect.stringMatching(/^age 47 above the maximum 39/),
      ]),
    );
    expect(countReasonCodes(unmatched)).toEqual({
      'language-score-below': 2,
      'age-above-maximum': 1,
      'no-opening-in-preferences': 1,
      outscored: 1,
    });
  });

  it('counts a seeker once under each code that held it back', () => {
    expect(
      countReasonCodes([
        {
          seekerId: 'a',
          reasons: [
            { code: 'language-score-below', text: 'EPS-TOPIK 118 below the required 140', openings: 2 },
            { code: 'language-score-below', text: 'EPS-TOPIK 118 below the required 150', openings: 1 },
            { code: 'skill-missing', text: 'missing skill welding', openings: 1 },
          ],
        },
        { seekerId: 'b', reasons: [{ code: 'skill-missing', text: 'missing skill farming', openings: 3 }] },
        { seekerId: 'c', reasons: [{ ...OUTSCORED, openings: 2 }] },
        { seekerId: 'd', reasons: [{ ...NO_CANDIDATE, openings: 0 }] },
      ]),
    ).toEqual({ 'language-score-below': 1, 'skill-missing': 2, outscored: 1, 'no-opening-in-preferences': 1 });
  });
});
