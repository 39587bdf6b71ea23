// Annual plans and reports through the gateway: a small known scenario in a year of its own
// (hires dated 2019), so the figures are exact whatever else the test system holds.
import { ApiClient, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { Scenario, approve, expect400, matchAtFair, matchesFor, registerEmployer } from './hiring-scenario';

const YEAR = 2019;
const HIRED_AT = '2019-05-02T09:00:00.000Z';

describe('matcher plans and reports (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employer: ApiClient;
  let scenario: Scenario;
  let kr: string;
  let jp: string;
  /** province of each hired seeker, by final status */
  const placed: { seekerId: string; status: string }[] = [];
  let awaitingReview: number;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    const [krEmployer, jpEmployer] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'JP')]);
    employer = await asNewUser('employer', krEmployer);
    scenario = await matchAtFair(
      admin,
      staff,
      [
        { employerId: krEmployer, positions: 3, country: 'KR', sector: 'agriculture' },
        { employerId: jpEmployer, positions: 2, country: 'JP', sector: 'electronics' },
      ],
      ['Thanh Hoa', 'Thanh Hoa', 'Nghe An', 'Can Tho', 'Nghe An'],
    );
    [kr, jp] = scenario.openingIds;
    const [k1, k2, k3] = matchesFor(scenario, kr);
    const [j1, j2] = matchesFor(scenario, jp);
    await approve(staff, [k1, k2, k3, j1]);
    expect((await staff.post(`/matches/${j2.id}/reject`, { reason: 'no show' })).status).toBe(200);
    for (const m of [k1, k2, k3, j1]) expect((await staff.post('/placements', { matchId: m.id, at: HIRED_AT })).status).toBe(201);
    const move = async (id: string, ...statuses: string[]) => {
      for (const status of statuses) expect((await staff.post(`/placements/${id}/status`, { status })).status).toBe(200);
    };
    await move(k1.id, 'departed');
    await move(k2.id, 'cancelled');
    await move(j1.id, 'departed', 'returned');
    placed.push(
      { seekerId: k1.seekerId, status: 'departed' },
      { seekerId: k2.seekerId, status: 'cancelled' },
      { seekerId: k3.seekerId, status: 'hired' },
      { seekerId: j1.seekerId, status: 'returned' },
    );
    // Earlier runs of the retry loop may have left proposals at this fair: they await review.
    const atFair = await staff.get(`/matches?fairId=${scenario.fairId}&limit=100`);
    awaitingReview = atFair.body.items.length - 5;

    for (const [centre, market, target] of [
      ['Thanh Hoa ESC', 'KR', 3],
      ['Nghe An ESC', 'KR', 1],
      ['Thanh Hoa ESC', 'JP', 2],
      ['Thanh Hoa ESC', 'TW', 5],
    ] as const) {
      expect((await admin.post('/plans', { centre, year: YEAR, market, target })).status).toBe(201);
    }
  }, 120000);

  it('keeps one plan per centre, year and market: a second POST sets its target (200); admin only', async () => {
    const plan = { centre: 'Can Tho ESC', year: 2020, market: 'kr', target: 354 };
    const created = await admin.post('/plans', plan);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ centre: 'Can Tho ESC', year: 2020, market: 'KR', target: 354 });
    const updated = await admin.post('/plans', { ...plan, target: 132 });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ ...created.body, target: 132 });
    const listed = await staff.get('/plans?year=2020&centre=Can%20Tho%20ESC');
    expect(listed.body.items).toEqual([updated.body]);

    expect((await staff.post('/plans', plan)).status).toBe(403);
    expect((await employer.post('/plans', plan)).status).toBe(403);
    await expect400(admin.post('/plans', { centre: '', year: 1850, market: 'Korea', target: -1 }), 'centre', 'year', 'market', 'target');
    await expect400(admin.post('/plans', { centre: 'x', year: 2020, market: 'KR', target: 1.5, extra: 1 }), 'target', 'extra');
  });

  it('summarises the year by market against the plan, as JSON and as CSV', async () => {
    const report = await staff.get(`/reports/summary?year=${YEAR}&by=market`);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      year: YEAR,
      by: 'market',
      rows: [
        { key: 'JP', hired: 0, departed: 0, returned: 1, cancelled: 0, placed: 1, target: 2, percentOfPlan: 50 },
        { key: 'KR', hired: 1, departed: 1, returned: 0, cancelled: 1, placed: 2, target: 4, percentOfPlan: 50 },
        { key: 'TW', hired: 0, departed: 0, returned: 0, cancelled: 0, placed: 0, target: 5, percentOfPlan: 0 },
      ],
      total: { key: 'total', hired: 1, departed: 1, returned: 1, cancelled: 1, placed: 3, target: 11, percentOfPlan: 27.3 },
    });
    const csv = await admin.get(`/reports/summary?year=${YEAR}`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.text).toBe(
      [
        'market,hired,departed,returned,cancelled,placed,target,percentOfPlan',
        'JP,0,0,1,0,1,2,50',
        'KR,1,1,0,1,2,4,50',
        'TW,0,0,0,0,0,5,0',
        'total,1,1,1,1,3,11,27.3',
        '',
      ].join('\n'),
    );
  });

  it("summarises by sector and by the seekers' home province", async () => {
    const bySector = (await staff.get(`/reports/summary?year=${YEAR}&by=sector`)).body;
    expect(bySector.rows).toEqual([
      { key: 'agriculture', hired: 1, departed: 1, returned: 0, cancelled: 1, placed: 2 },
      { key: 'electronics', hired: 0, departed: 0, returned: 1, cancelled: 0, placed: 1 },
    ]);
    const expected = new Map<string, Record<string, number | string>>();
    for (const { seekerId, status } of placed) {
      const key = scenario.provinceOf.get(seekerId)!;
      const row = expected.get(key) ?? { key, hired: 0, departed: 0, returned: 0, cancelled: 0, placed: 0 };
      (row[status] as number)++;
      if (status !== 'cancelled') (row.placed as number)++;
      expected.set(key, row);
    }
    const byProvince = (await staff.get(`/reports/summary?year=${YEAR}&by=province`)).body;
    expect(byProvince.rows).toEqual([...expected.values()].sort((a, b) => String(a.key).localeCompare(String(b.key))));
    expect(byProvince.total).toEqual({ key: 'total', hired: 1, departed: 1, returned: 1, cancelled: 1, placed: 3 });
    expect((await staff.get('/reports/summary?year=2018')).body).toMatchObject({ rows: [], total: { placed: 0 } });
  });

  it('reports a fair: matches reviewed, placements by status, market and sector, as JSON and CSV', async () => {
    const report = await staff.get(`/reports/fairs/${scenario.fairId}`);
    expect(report.status).toBe(200);
    const counts = (hired: number, departed: number, returned: number, cancelled: number) => ({
      hired,
      departed,
      returned,
      cancelled,
      placed: hired + departed + returned,
    });
    expect(report.body).toEqual({
      fairId: scenario.fairId,
      matches: { proposed: 5 + awaitingReview, approved: 4, rejected: 1, awaitingReview },
      placements: counts(1, 1, 1, 1),
      byMarket: [
        { key: 'JP', ...counts(0, 0, 1, 0) },
        { key: 'KR', ...counts(1, 1, 0, 1) },
      ],
      bySector: [
        { key: 'agriculture', ...counts(1, 1, 0, 1) },
        { key: 'electronics', ...counts(0, 0, 1, 0) },
      ],
    });
    const csv = await admin.get(`/reports/fairs/${scenario.fairId}`, { accept: 'text/csv' });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('section,key,status,count');
    for (const line of [
      'matches,all,approved,4',
      'matches,all,rejected,1',
      'placements,all,placed,3',
      'market,KR,cancelled,1',
      'sector,electronics,returned,1',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('lets admin and staff read reports, not employers; 404 for an unknown fair; 400 naming bad parameters', async () => {
    expect((await employer.get(`/reports/summary?year=${YEAR}`)).status).toBe(403);
    expect((await employer.get(`/reports/fairs/${scenario.fairId}`)).status).toBe(403);
    expect((await staff.get('/reports/fairs/no-such-fair')).status).toBe(404);
    await expect400(staff.get('/reports/summary'), 'year');
    await expect400(staff.get('/reports/summary?year=twenty&by=country'), 'year', 'by');
    // The employers service still counts these hires: 3 of KR's positions were taken, one freed.
    await eventually(async () => expect((await admin.get(`/openings/${kr}`)).body).toMatchObject({ filled: 2 }));
    await eventually(async () => expect((await admin.get(`/openings/${jp}`)).body).toMatchObject({ filled: 1 }));
  });
});
