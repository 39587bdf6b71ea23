import { capacityProblems } from './opening-rules';

const base = {
  positions: 354,
  quotas: { firstTime: 132, returning: 222 },
  designatedWorkers: ['012345678901'],
  scope: 'overseas' as const,
  country: 'KR',
  requirements: { languageTests: [], skills: [] },
};

describe('opening capacity rules', () => {
  it("accepts the Cheorwon seasonal plan's shape", () => {
    expect(capacityProblems(base)).toEqual([]);
  });

  it('requires quotas to add up to the positions', () => {
    expect(capacityProblems({ ...base, quotas: { firstTime: 132, returning: 200 } })).toEqual([
      'quotas: firstTime (132) + returning (200) must equal positions (354)',
    ]);
  });

  it('keeps designated workers within the returning seats, once each', () => {
    const named = Array.from({ length: 3 }, (_, i) => `01234567890${i}`);
    expect(capacityProblems({ ...base, positions: 3, quotas: { firstTime: 1, returning: 2 }, designatedWorkers: named })).toEqual([
      'designatedWorkers: 3 named workers but only 2 returning seats',
    ]);
    expect(capacityProblems({ ...base, designatedWorkers: ['012345678901', '012345678901'] })).toEqual([
      'designatedWorkers: a national ID appears twice',
    ]);
  });

  it('keeps scope and country consistent, and the age range ordered', () => {
    expect(capacityProblems({ ...base, scope: 'domestic', quotas: undefined })).toEqual(['country: a domestic opening is in VN']);
    expect(capacityProblems({ ...base, country: 'VN' })).toEqual(['country: an overseas opening is not in VN']);
    expect(capacityProblems({ ...base, requirements: { languageTests: [], skills: [], minAge: 40, maxAge: 30 } })).toEqual([
      'requirements.minAge: must not exceed requirements.maxAge',
    ]);
  });
});
