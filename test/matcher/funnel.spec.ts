// The fair funnel through the gateway: registered -> checked in -> matched -> approved -> hired ->
// departed -> returned at one fair of known people, step by step, against the fair's statistics.
import { ApiClient, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { Scenario, approve, expect400, matchAtFair, matchesFor, registerEmployer } from './hiring-scenario';
import { registerSeeker } from './fair-fixture';

const STEPS = ['registered', 'checkedIn', 'matched', 'approved', 'hired', 'departed', 'returned'];
/** The fairs of matchAtFair start at this instant (08:00 in Vietnam). */
const FAIR_STARTS = '2030-09-12T01:00:00.000Z';

interface Step {
  step: string;
  reached: number;
  joined: number;
  dropped: number;
  reasons: { kind: string; reason: string; count: number }[];
}

const figures = (steps: Step[]) => steps.map((s) => [s.reached, s.joined, s.dropped]);

/** Each step's reached is the one before's, less its drop, plus those who joined there; nobody drops at the end. */
function expectAddsUp(steps: Step[]): void {
  expect(steps.map((s) => s.step)).toEqual(STEPS);
  steps.forEach((s, i) => expect([s.step, s.reached]).toEqual([s.step, (i ? steps[i - 1].reached - steps[i - 1].dropped : 0) + s.joined]));
  expect(steps.at(-1)!.dropped).toBe(0);
}

describe('the fair funnel (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let employer: ApiClient;
  let scenario: Scenario;
  let noShow: string;
  /** Whether the run was started again and left proposals of its earlier tries at the fair (then only the sums are exact). */
  let leftovers: number;

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    const [krEmployer, jpEmployer] = await Promise.all([registerEmployer(admin, 'KR'), registerEmployer(admin, 'JP')]);
    employer = await asNewUser('employer', krEmployer);
    noShow = await registerSeeker(staff, { province: 'Ha Tinh' });
    // 5 people checked in for 3 seats: 2 left out. 3 of them and a no-show registered before the fair.
    scenario = await matchAtFair(
      admin,
      staff,
      [
        { employerId: krEmployer, positions: 2, country: 'KR', sector: 'agriculture' },
        { employerId: jpEmployer, positions: 1, country: 'JP', sector: 'electronics' },
      ],
      ['Thanh Hoa', 'Nghe An', 'Thanh Hoa', 'Can Tho', 'Nghe An'],
      async (fairId, seekerIds) => {
        for (const seekerId of [...seekerIds.slice(0, 3), noShow]) {
          await eventually(async () => expect((await staff.post(`/fairs/${fairId}/registrations`, { seekerId })).status).toBe(201));
        }
      },
    );
    const [kr, jp] = scenario.openingIds;
    const [k1, k2] = matchesFor(scenario, kr);
    const [j1] = matchesFor(scenario, jp);
    expect((await staff.post(`/matches/${k2.id}/reject`, { reason: 'no show at interview' })).status).toBe(200);
    await approve(staff, [k1, j1]);
    for (const m of [k1, j1]) expect((await staff.post('/placements', { matchId: m.id })).status).toBe(201);
    for (const status of ['departed', 'returned']) expect((await staff.post(`/placements/${k1.id}/status`, { status })).status).toBe(200);
    expect((await staff.post(`/placements/${j1.id}/status`, { status: 'cancelled', note: 'failed the medical' })).status).toBe(200);
    const atFair = await staff.get(`/matches?fairId=${scenario.fairId}&limit=100`);
    leftovers = atFair.body.items.length - scenario.matches.length;
  }, 180000);

  it("adds up step by step and agrees with the fair's statistics", async () => {
    const { stats, funnel } = await eventually(async () => {
      const [stats, funnel] = await Promise.all([
        admin.get(`/fairs/${scenario.fairId}/stats`),
        staff.get(`/reports/funnel?fairId=${scenario.fairId}`),
      ]);
      expect(funnel.status).toBe(200);
      expect(stats.body).toMatchObject({ registrations: 4, checkIns: 5, matches: 3 + leftovers, placements: 1 });
      expect(funnel.body).toMatchObject({ fairs: 1, matches: stats.body.matches, placements: stats.body.placements });
      expect(funnel.body.steps[0].reached).toBe(stats.body.registrations);
      expect(funnel.body.steps[1].reached).toBe(stats.body.checkIns);
      return { stats: stats.body, funnel: funnel.body };
    }, 30000);
    expectAddsUp(funnel.steps);
    // Every match proposed counts at most once per person; the placements standing are the hired who were not cancelled.
    expect(funnel.steps[2].reached).toBeLessThanOrEqual(stats.matches);
    const cancelled = funnel.steps
      .flatMap((s: Step) => s.reasons.filter((r) => r.kind === 'cancelled'))
      .reduce((n: number, r: Step['reasons'][number]) => n + r.count, 0);
    expect(funnel.steps[4].reached - cancelled).toBe(stats.placements);
    if (leftovers) return; // an earlier try's proposals await review: the figures above hold, the exact ones below do not
    expect(figures(funnel.steps)).toEqual([
      [4, 4, 1],
      [5, 2, 2],
      [3, 0, 1],
      [2, 0, 0],
      [2, 0, 1],
      [1, 0, 0],
      [1, 0, 0],
    ]);
    const reasons = funnel.steps.map((s: Step) => s.reasons);
    expect(reasons[0]).toEqual([{ kind: 'absent', reason: 'no-show', count: 1 }]);
    expect(reasons[1].every((r: Step['reasons'][number]) => r.kind === 'ineligible')).toBe(true);
    expect(reasons[1].reduce((n: number, r: Step['reasons'][number]) => Math.max(n, r.count), 0)).toBeLessThanOrEqual(2);
    expect(reasons[2]).toEqual([{ kind: 'rejected', reason: 'no show at interview', count: 1 }]);
    expect(reasons[4]).toEqual([{ kind: 'cancelled', reason: 'failed the medical', count: 1 }]);
  });

  it('groups by market and by province, the groups adding up to the whole; CSV one figure per line', async () => {
    const byMarket = (await staff.get(`/reports/funnel?fairId=${scenario.fairId}&by=market`)).body;
    expect(byMarket.groups.map((g: { key: string }) => g.key)).toEqual(
      leftovers ? expect.arrayContaining(['JP', 'KR']) : ['-', 'JP', 'KR'],
    );
    for (const report of [byMarket, (await staff.get(`/reports/funnel?fairId=${scenario.fairId}&by=province`)).body]) {
      for (const group of report.groups) expectAddsUp(group.steps);
      const summed = STEPS.map((_, i) =>
        ['reached', 'joined', 'dropped'].map((k) => report.groups.reduce((n: number, g: any) => n + g.steps[i][k], 0)),
      );
      expect(summed).toEqual(figures(report.steps));
    }
    const byProvince = (await staff.get(`/reports/funnel?fairId=${scenario.fairId}&by=province`)).body;
    expect(byProvince.groups.map((g: { key: string }) => g.key)).toEqual(['Can Tho', 'Ha Tinh', 'Nghe An', 'Thanh Hoa']);
    expect(byProvince.groups.find((g: { key: string }) => g.key === 'Ha Tinh').steps[0]).toMatchObject({ reached: 1, dropped: 1 });
    const household = (await admin.get(`/reports/funnel?fairId=${scenario.fairId}&by=household`)).body;
    expect(household.groups.map((g: { key: string }) => g.key)).toEqual(['none']);

    const csv = await admin.get(`/reports/funnel?fairId=${scenario.fairId}&by=market`, { accept: 'text/csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split('\n');
    expect(lines[0]).toBe('group,step,figure,reason,count');
    expect(lines).toContain('all,registered,reached,,4');
    expect(lines).toContain('all,registered,absent,no-show,1');
    expect(lines).toContain('all,checkedIn,reached,,5');
    expect(lines).toContain('JP,hired,cancelled,failed the medical,1');
    expect(lines).toContain('KR,returned,reached,,1');
  });

  it('counts the fairs that start in a period; admin and staff only; 404 for an unknown fair, 400 naming bad parameters', async () => {
    const after = new Date(Date.parse(FAIR_STARTS) + 1).toISOString();
    const mine = (await staff.get(`/reports/funnel?fairId=${scenario.fairId}`)).body;
    const period = (await staff.get(`/reports/funnel?from=${FAIR_STARTS}&to=${after}`)).body;
    expect(period.fairs).toBeGreaterThanOrEqual(1);
    expectAddsUp(period.steps);
    period.steps.forEach((s: Step, i: number) => expect(s.reached).toBeGreaterThanOrEqual(mine.steps[i].reached));
    expect((await staff.get(`/reports/funnel?fairId=${scenario.fairId}&from=${after}`)).body).toMatchObject({ fairs: 0, matches: 0 });

    expect((await employer.get(`/reports/funnel?fairId=${scenario.fairId}`)).status).toBe(403);
    expect((await employer.get(`/reports/funnel?fairId=${scenario.fairId}&by=household`)).status).toBe(403);
    expect((await staff.get('/reports/funnel?fairId=no-such-fair')).status).toBe(404);
    await expect400(staff.get('/reports/funnel?by=country&from=yesterday'), 'by', 'from');
  });
});
