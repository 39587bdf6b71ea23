// Validity clocks through the gateway: a worker whose medical check runs out before the
// opening starts is on the expiry list beforehand, drops out of matching with the reason,
// and once it has run out the seekers service tells it on Kafka (once).
import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, asNewUser, eventually } from '@jobfair/testing';
import { completedRun, fairWith, postOpening, registerSeeker } from './fair-fixture';
import { registerEmployer } from './hiring-scenario';

const DAY_MS = 86400000;
const today = Date.now();
const day = (offsetDays: number) => new Date(today + offsetDays * DAY_MS).toISOString().slice(0, 10);
/** The same calendar day a year before (the medical check's clock is a year). */
const yearBefore = (iso: string) => `${Number(iso.slice(0, 4)) - 1}${iso.slice(4)}`;

/** The opening starts in 60 days; one medical check's last day is in 20, the other's in a year. */
const START_IN_DAYS = 60;
const RUNS_OUT_IN_DAYS = 20;

describe('validity clocks (through the gateway)', () => {
  let admin: ApiClient;
  let staff: ApiClient;
  let probe: KafkaProbe;
  let fairId: string;
  let expiring: string;
  let fit: string;

  const withMedical = (checkedAt: string) =>
    registerSeeker(staff, {
      languageTests: [{ test: 'EPS-TOPIK', score: 170, takenAt: day(-10) }],
      medicalCheck: { checkedAt, result: 'fit' },
    });
  const expiries = async (query: string) => {
    const res = await staff.get(`/reports/expiries?${query}`);
    expect([res.status, res.text]).toEqual([200, expect.any(String)]);
    return res.body;
  };

  beforeAll(async () => {
    [admin, staff] = await Promise.all([asAdmin(), asNewUser('staff')]);
    probe = await KafkaProbe.open([Topics.seeker]);
    const employerId = await registerEmployer(admin, 'KR');
    const opening = await postOpening(admin, employerId, {
      positions: 2,
      startDate: day(START_IN_DAYS),
      requirements: { languageTests: [{ test: 'EPS-TOPIK', minScore: 140 }], skills: [] },
    });
    expiring = await withMedical(yearBefore(day(RUNS_OUT_IN_DAYS)));
    fit = await withMedical(day(-1));
    fairId = await fairWith(staff, [{ employerId, openingIds: [opening] }], [expiring, fit]);
  }, 180000);

  afterAll(async () => {
    await probe?.close();
  });

  it('lists the medical check that runs out within 30 days at the fair and for its programme, not the valid one', async () => {
    const list = await eventually(async () => {
      const body = await expiries(`withinDays=30&fairId=${fairId}`);
      expect(body.items.map((i: { seekerId: string }) => i.seekerId)).toEqual([expiring]);
      return body;
    });
    expect(list).toMatchObject({ asOf: day(0), withinDays: 30, nextCursor: null });
    expect(list.items[0]).toMatchObject({
      seekerId: expiring,
      kind: 'medical-check',
      name: 'medical',
      validUntil: day(RUNS_OUT_IN_DAYS),
      daysLeft: RUNS_OUT_IN_DAYS,
      fullName: expect.any(String),
      nationalId: expect.any(String),
    });
    expect((await expiries(`withinDays=90&fairId=${fairId}&programme=eps`)).items.map((i: { seekerId: string }) => i.seekerId)).toEqual([
      expiring,
    ]);
    expect((await expiries(`withinDays=90&fairId=${fairId}&programme=domestic`)).items).toEqual([]);
  });

  it('refuses other windows and unknown programmes, and is for staff only', async () => {
    expect((await staff.get('/reports/expiries?withinDays=45')).status).toBe(400);
    expect((await staff.get('/reports/expiries?programme=mars')).status).toBe(400);
    const employer = await asNewUser('employer', await registerEmployer(admin, 'KR'));
    expect((await employer.get('/reports/expiries')).status).toBe(403);
  });

  it("drops the worker whose medical check runs out before the opening's start from matching, with the reason", async () => {
    const run = await completedRun(staff, fairId, 'optimal', { seekers: 2, openings: 1 });
    expect(run.summary).toMatchObject({ matched: 1, unmatched: 1, unmatchedReasons: { 'medical-expired': 1 } });
    const dropped = run.unmatched.find((u: { seekerId: string }) => u.seekerId === expiring);
    expect(dropped.reasonCodes).toEqual(['medical-expired']);
    expect(dropped.reasons).toEqual([
      `medical check of ${yearBefore(day(RUNS_OUT_IN_DAYS))} expired before the start date ${day(START_IN_DAYS)} (valid 1 year)`,
    ]);
    const matches = (await staff.get(`/matches?runId=${run.id}`)).body.items;
    expect(matches.map((m: { seekerId: string }) => m.seekerId)).toEqual([fit]);
  });

  it('tells a document that has run out once, with SeekerDocumentExpired (the daily job)', async () => {
    const lapsed = await withMedical(yearBefore(day(-1))); // its last day was yesterday
    const told = await probe.waitFor((m) => m.json?.type === 'SeekerDocumentExpired' && m.json?.aggregateId === lapsed);
    expect(told.json.data).toMatchObject({
      id: lapsed,
      expired: { kind: 'medical-check', name: 'medical', takenOn: yearBefore(day(-1)), validUntil: day(-1) },
      medicalCheck: { checkedAt: yearBefore(day(-1)), result: 'fit' }, // the profile, sealed as in every seeker event
    });
    // The job runs every 2 s in the test system: later rounds tell it no more.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    expect(probe.events((m) => m.json?.type === 'SeekerDocumentExpired' && m.json?.aggregateId === lapsed)).toHaveLength(1);
    // A new check renews it: the update carries no expiry, and the new check is not told.
    const renewed = await staff.patch(`/seekers/${lapsed}`, { medicalCheck: { checkedAt: day(0), result: 'fit' } });
    expect([renewed.status, renewed.body.medicalCheck]).toEqual([200, { checkedAt: day(0), result: 'fit' }]);
    const updated = await probe.waitFor((m) => m.json?.type === 'SeekerUpdated' && m.json?.aggregateId === lapsed);
    expect(updated.json.data).not.toHaveProperty('expired');
    expect(updated.json.data.medicalCheck).toEqual({ checkedAt: day(0), result: 'fit' });
  });
});
