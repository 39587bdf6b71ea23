// Shared set-up of the matcher's placement and report tests: openings at a fair, seekers
// checked in, a matching run over the fair, all through the gateway as a centre would.
import { ApiClient, eventually, uniqueName, uniqueNationalId } from '@jobfair/testing';

export interface OpeningSpec {
  employerId: string;
  positions: number;
  country: string;
  sector: string;
}

export interface ProposedMatch {
  id: string;
  seekerId: string;
  openingId: string;
  status: string;
}

export interface Scenario {
  fairId: string;
  openingIds: string[];
  seekerIds: string[];
  /** Where each seeker comes from (reports group by it). */
  provinceOf: Map<string, string>;
  matches: ProposedMatch[];
}

export async function registerEmployer(admin: ApiClient, country: string): Promise<string> {
  const res = await admin.post('/employers', { name: uniqueName('employer'), kind: 'overseas', country });
  expect(res.status).toBe(201);
  return res.body.id;
}

/**
 * Posts the openings, registers the seekers (each eligible for every opening), brings
 * them to one open fair and runs the matching until the run sees all of them (the
 * services learn each other's facts from Kafka, so a first run may come too early).
 */
export async function matchAtFair(
  admin: ApiClient,
  staff: ApiClient,
  openings: OpeningSpec[],
  provinces: string[],
  /** What to do while the fair is still scheduled (registrations), given the seekers made. */
  beforeOpening?: (fairId: string, seekerIds: string[]) => Promise<void>,
): Promise<Scenario> {
  const openingIds: string[] = [];
  for (const o of openings) {
    const res = await admin.post('/openings', {
      employerId: o.employerId,
      title: uniqueName('opening'),
      sector: o.sector,
      scope: 'overseas',
      country: o.country,
      province: 'abroad',
      programme: 'eps',
      positions: o.positions,
      startDate: '2031-03-01',
    });
    expect(res.status).toBe(201);
    openingIds.push(res.body.id);
  }
  const countries = [...new Set(openings.map((o) => o.country))];
  const sectors = [...new Set(openings.map((o) => o.sector))];
  const seekerIds: string[] = [];
  const provinceOf = new Map<string, string>();
  for (const province of provinces) {
    const res = await staff.post('/seekers', {
      nationalId: uniqueNationalId(),
      fullName: uniqueName('Le Thi'),
      birthDate: '1996-02-10',
      gender: 'female',
      province,
      skills: [],
      languageTests: [],
      preferences: { scopes: ['overseas'], countries, sectors },
      overseasHistory: [],
      householdStatus: 'none',
      consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    });
    expect(res.status).toBe(201);
    seekerIds.push(res.body.id);
    provinceOf.set(res.body.id, province);
  }

  const fair = await staff.post('/fairs', {
    name: uniqueName('fair'),
    kind: 'fixed',
    province: 'Thanh Hoa',
    venue: 'Employment Service Center',
    startsAt: '2030-09-12T08:00:00+07:00',
    endsAt: '2030-09-12T17:00:00+07:00',
  });
  expect(fair.status).toBe(201);
  const fairId: string = fair.body.id;
  await beforeOpening?.(fairId, seekerIds);
  expect((await staff.post(`/fairs/${fairId}/open`)).status).toBe(200);
  for (const employerId of new Set(openings.map((o) => o.employerId))) {
    const ids = openingIds.filter((_, i) => openings[i].employerId === employerId);
    await eventually(async () => expect((await staff.post(`/fairs/${fairId}/booths`, { employerId, openingIds: ids })).status).toBe(201));
  }
  for (const seekerId of seekerIds) {
    await eventually(async () =>
      expect((await staff.post(`/fairs/${fairId}/check-ins`, { seekerId, clientRef: `ref-${seekerId}` })).status).toBe(201),
    );
  }

  const matches = await eventually(
    async () => {
      const started = await staff.post('/matching/runs', { fairId, mode: 'optimal' });
      expect(started.status).toBe(202);
      const run = await eventually(async () => {
        const res = await staff.get(`/matching/runs/${started.body.id}`);
        expect(res.body.status).toBe('completed');
        return res.body;
      });
      expect([run.summary.seekers, run.summary.openings]).toEqual([seekerIds.length, openingIds.length]);
      const listed = await staff.get(`/matches?runId=${started.body.id}&limit=100`);
      expect(listed.status).toBe(200);
      expect(listed.body.items).toHaveLength(run.summary.matched);
      return listed.body.items as ProposedMatch[];
    },
    60000,
    1000,
  );
  return { fairId, openingIds, seekerIds, provinceOf, matches };
}

export function matchesFor(scenario: Scenario, openingId: string): ProposedMatch[] {
  return scenario.matches.filter((m) => m.openingId === openingId);
}

export async function approve(staff: ApiClient, matches: ProposedMatch[]): Promise<void> {
  for (const m of matches) expect((await staff.post(`/matches/${m.id}/approve`)).status).toBe(200);
}

/** Asserts a 400 whose message names each field. */
export async function expect400(response: Promise<{ status: number; body: any }>, ...fields: string[]): Promise<void> {
  const { status, body } = await response;
  expect(status).toBe(400);
  for (const field of fields) expect([field, body.message.some((m: string) => m.startsWith(`${field}:`))]).toEqual([field, true]);
}
