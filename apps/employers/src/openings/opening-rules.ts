import { HOME_COUNTRY, Quotas, Requirements, Scope } from '@jobfair/contracts';

export interface CapacityTerms {
  positions: number;
  quotas?: Quotas;
  designatedWorkers: string[];
  scope: Scope;
  country: string;
  requirements: Requirements;
}

/** Rules across fields that a single field's validator cannot see; each problem names its field. */
export function capacityProblems(terms: CapacityTerms): string[] {
  const problems: string[] = [];
  const { positions, quotas, designatedWorkers, requirements } = terms;
  if (quotas && quotas.firstTime + quotas.returning !== positions) {
    problems.push(`quotas: firstTime (${quotas.firstTime}) + returning (${quotas.returning}) must equal positions (${positions})`);
  }
  const seats = quotas ? quotas.returning : positions;
  if (designatedWorkers.length > seats) {
    problems.push(`designatedWorkers: ${designatedWorkers.length} named workers but only ${seats} ${quotas ? 'returning ' : ''}seats`);
  }
  if (new Set(designatedWorkers).size !== designatedWorkers.length) {
    problems.push('designatedWorkers: a national ID appears twice');
  }
  if (terms.scope === 'domestic' && terms.country !== HOME_COUNTRY) {
    problems.push(`country: a domestic opening is in ${HOME_COUNTRY}`);
  }
  if (terms.scope === 'overseas' && terms.country === HOME_COUNTRY) {
    problems.push(`country: an overseas opening is not in ${HOME_COUNTRY}`);
  }
  if (requirements.minAge !== undefined && requirements.maxAge !== undefined && requirements.minAge > requirements.maxAge) {
    problems.push('requirements.minAge: must not exceed requirements.maxAge');
  }
  return problems;
}
