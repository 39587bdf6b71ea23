// Set-up shared by the matcher's run and recommendation tests: openings, seekers with
// chosen qualifications, and a fair where some of them meet, all through the gateway.
import { ApiClient, eventually, uniqueName, uniqueNationalId } from '@jobfair/testing';

/** Openings start here; language results taken in 2026 are valid then (2 years). */
export const START_DATE = '2027-06-01';

/** An opening's requirements: EPS-TOPIK 140 or more, no skill. */
export const EPS_140 = { requirements: { languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }], skills: [] } };

export async function postOpening(client: ApiClient, employerId: string, overrides: Record<string, unknown> = {}): Promise<string> {
  const res = await client.post('/openings', {
    employerId,
    title: uniqueName('opening'),
    sector: 'agriculture',
    scope: 'overseas',
    country: 'KR',
    province: 'Gangwon',
    programme: 'eps',
    positions: 1,
    startDate: START_DATE,
    ...overrides,
  });
  expect([res.status, res.text]).toEqual([201, expect.any(String)]);
  return res.body.id;
}

/** A seeker who wants farm or factory work in Korea, with an EPS-TOPIK score. */
export async function registerSeeker(
  staff: ApiClient,
  { topik, birthDate = '1998-04-21', ...overrides }: { topik?: number; birthDate?: string } & Record<string, unknown>,
): Promise<string> {
  const res = await staff.post('/seekers', {
    nationalId: uniqueNationalId(),
    fullName: uniqueName('Nguyen Van'),
    birthDate,
    gender: 'male',
    phone: '+84 912 345 678',
    province: 'Thanh Hoa',
    skills: [{ name: 'farming', years: 4 }],
    languageTests: topik === undefined ? [] : [{ test: 'EPS-TOPIK', score: topik, takenAt: '2026-05-10' }],
    preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture', 'manufacturing'] },
    overseasHistory: [],
    householdStatus: 'none',
    consents: [
      { purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' },
      { purpose: 'share-with-employers', granted: true, at: '2026-01-05T08:00:00Z' },
    ],
    ...overrides,
  });
  expect([res.status, res.text]).toEqual([201, expect.any(String)]);
  return res.body.id;
}

/** An open fair with the booths given and the seekers checked in (the fairs service learns both from Kafka). */
export async function fairWith(
  staff: ApiClient,
  booths: { employerId: string; openingIds: string[] }[],
  seekerIds: string[],
): Promise<string> {
  const fair = await staff.post('/fairs', {
    name: uniqueName('fair'),
    kind: 'mobile',
    province: 'Thanh Hoa',
    venue: 'Dong Son district hall',
    startsAt: '2027-03-12T08:00:00+07:00',
    endsAt: '2027-03-12T17:00:00+07:00',
  });
  expect(fair.status).toBe(201);
  const fairId: string = fair.body.id;
  expect((await staff.post(`/fairs/${fairId}/open`)).status).toBe(200);
  for (const booth of booths) {
    await eventually(async () => expect((await staff.post(`/fairs/${fairId}/booths`, booth)).status).toBe(201));
  }
  for (const seekerId of seekerIds) {
    await eventually(async () =>
      expect((await staff.post(`/fairs/${fairId}/check-ins`, { seekerId, clientRef: `ref-${seekerId}` })).status).toBe(201),
    );
  }
  return fairId;
}

/**
 * A run over the fair, started again until the matcher's read models hold the whole fair
 * (`seekers` and `openings` in its summary), and polled until it completes.
 */
export function completedRun(
  client: ApiClient,
  fairId: string,
  mode: 'optimal' | 'stable',
  size: { seekers: number; openings: number },
  settings: Record<string, unknown> = {},
) {
  return eventually(
    async () => {
      const started = await client.post('/matching/runs', { fairId, mode, ...settings });
      expect([started.status, started.body.status]).toEqual([202, 'queued']);
      const run = await eventually(async () => {
        const body = (await client.get(`/matching/runs/${started.body.id}`)).body;
        expect(body.status).toBe('completed');
        return body;
      });
      expect([run.summary.seekers, run.summary.openings]).toEqual([size.seekers, size.openings]);
      return run;
    },
    60000,
    1000,
  );
}
