import { Topics } from '@jobfair/contracts';
import { ApiClient, KafkaProbe, asAdmin, pauseBroker, resumeBroker, uniqueName } from '@jobfair/testing';

/** Longest the broker stays paused even if a write hangs on it: a failing run must not stall the others. */
const PAUSE_LIMIT_MS = 20000;

/**
 * The broker stalled (SIGSTOP: connections open, no answers), as a hung machine or a
 * long GC pause does. Writes answer once they are stored; their events follow later.
 */
describe('faults: the broker stalled', () => {
  let admin: ApiClient;
  let employerId: string;
  let probe: KafkaProbe;

  beforeAll(async () => {
    admin = await asAdmin();
    employerId = (await admin.post('/employers', { name: uniqueName('Osaka Metals'), kind: 'overseas', country: 'JP' })).body.id;
    probe = await KafkaProbe.open([Topics.opening]);
  });

  afterAll(() => probe.close());

  it('a write answers while the broker is paused, and its events reach Kafka once it resumes', async () => {
    let resumed = false;
    const resume = () => {
      if (!resumed) resumeBroker();
      resumed = true;
    };
    pauseBroker();
    const limit = setTimeout(resume, PAUSE_LIMIT_MS);
    let id: string;
    try {
      const started = Date.now();
      const posted = await admin.post('/openings', {
        employerId,
        title: 'press operator',
        sector: 'mechanics',
        scope: 'overseas',
        country: 'JP',
        province: 'Osaka',
        programme: 'japan-technical-intern',
        positions: 2,
        startDate: '2027-06-01',
      });
      const postAnsweredWhilePaused = !resumed;
      const postMs = Date.now() - started;
      process.stdout.write(`broker paused: POST /openings answered ${posted.status} in ${postMs} ms\n`);
      expect(posted.status).toBe(201);
      id = posted.body.id;
      const changed = await admin.patch(`/openings/${id}`, { positions: 3 });
      const patchAnsweredWhilePaused = !resumed;
      expect(changed.status).toBe(200);
      // Stored, not only answered: it reads back while Kafka still sleeps.
      expect((await admin.get(`/openings/${id}`)).body).toMatchObject({ id, positions: 3 });
      expect({ postAnsweredWhilePaused, patchAnsweredWhilePaused }).toEqual({
        postAnsweredWhilePaused: true,
        patchAnsweredWhilePaused: true,
      });
    } finally {
      clearTimeout(limit);
      resume();
    }

    const second = await probe.waitFor((m) => m.key === id && m.json?.aggregateVersion === 2, 90000);
    expect(second.json.data.positions).toBe(3);
    expect(probe.events((m) => m.key === id).map((m) => m.json.aggregateVersion)).toEqual([1, 2]);
  }, 150000);
});
