import { randomUUID } from 'crypto';
import { PlacementSnapshot } from '@jobfair/contracts';
import { ApiClient } from '@jobfair/http-client';
import { uniqueName } from './system';

/** An opening of a new Korean employer under EPS, for the tests that hand the employers service placements of it. */
export interface EpsOpening {
  employerId: string;
  openingId: string;
}

export async function postEpsOpening(admin: ApiClient, employer: string, title: string, positions: number): Promise<EpsOpening> {
  const employerId = (await admin.post('/employers', { name: uniqueName(employer), kind: 'overseas', country: 'KR' })).body.id;
  const opening = await admin.post('/openings', {
    employerId,
    title: uniqueName(title),
    sector: 'manufacturing',
    scope: 'overseas',
    country: 'KR',
    province: 'abroad',
    programme: 'eps',
    positions,
    startDate: '2031-03-01',
  });
  if (opening.status !== 201) throw new Error(`posting the opening failed: ${opening.status} ${opening.text}`);
  return { employerId, openingId: opening.body.id };
}

/** A placement in the opening as the matcher publishes it (a new one unless `id` names it). */
export function placementIn(opening: EpsOpening, status: PlacementSnapshot['status'], id: string = randomUUID()): PlacementSnapshot {
  return {
    id,
    matchId: id,
    seekerId: `seeker-${id}`,
    openingId: opening.openingId,
    employerId: opening.employerId,
    quotaClass: 'firstTime',
    status,
    at: new Date().toISOString(),
  };
}
