import { v7 as uuidv7 } from 'uuid';
import { ApiClient, asNewUser, eventually, startService, stopService, withServiceDatabase } from '@jobfair/testing';

const HOUR_MS = 3_600_000;

/**
 * Matching runs are leased to the matcher process working on them: a restarted or second
 * instance fails only the runs whose lease ran out, and a failed run's matches cannot be acted on.
 */
describe('faults: matching runs survive a crash and a second matcher instance', () => {
  let staff: ApiClient;

  beforeAll(async () => {
    staff = await asNewUser('staff');
  });

  it("a restarted matcher fails the runs whose lease ran out, leaves another instance's live run alone, and fails that one once its lease runs out too", async () => {
    const run = (status: string, lease?: { owner: string; until: Date }) => ({
      _id: uuidv7() as never,
      ...{ mode: 'optimal', status, progress: 40, requestedAt: new Date().toISOString(), unmatched: [], openingFill: [] },
      ...{ version: 2, outbox: [] },
      ...(lease ? { lease } : {}),
    });
    const crashed = run('running', { owner: 'a crashed matcher', until: new Date(Date.now() - HOUR_MS) });
    const beforeLeases = run('queued');
    const live = run('running', { owner: 'a second matcher', until: new Date(Date.now() + HOUR_MS) });
    await stopService('matcher', 'SIGKILL');
    await withServiceDatabase('matcher', (db) => db.collection('runs').insertMany([crashed, beforeLeases, live]));
    await startService('matcher');

    const status = async (id: string) => (await staff.get(`/matching/runs/${id}`)).body;
    expect(await status(crashed._id)).toMatchObject({ status: 'failed', failure: expect.stringContaining('interrupted') });
    expect((await status(beforeLeases._id)).status).toBe('failed');
    expect((await status(live._id)).status).toBe('running');

    // The second instance dies too: its run is failed once its lease has run out, without a restart here.
    await withServiceDatabase('matcher', (db) =>
      db.collection('runs').updateOne({ _id: live._id }, { $set: { 'lease.until': new Date(Date.now() - 1) } }),
    );
    await eventually(async () => expect((await status(live._id)).status).toBe('failed'), 60000, 1000);
  }, 180000);

  it('refuses with 409 to approve a match of a run that failed after it proposed (a matcher crashed before completing it)', async () => {
    const runId = uuidv7();
    const matchId = uuidv7();
    await withServiceDatabase('matcher', async (db) => {
      await db.collection('runs').insertOne({
        _id: runId as never,
        ...{ mode: 'optimal', status: 'failed', failure: 'interrupted', progress: 100, requestedAt: new Date().toISOString() },
        ...{ unmatched: [], openingFill: [], version: 3, outbox: [] },
      });
      await db.collection('matches').insertOne({
        _id: matchId as never,
        ...{ runId, seekerId: uuidv7(), openingId: uuidv7(), employerId: uuidv7(), score: 70, breakdown: { skills: 70 } },
        ...{ quotaClass: 'firstTime', designated: false, status: 'proposed', version: 1, outbox: [] },
      });
    });
    const approved = await staff.post(`/matches/${matchId}/approve`);
    expect([approved.status, approved.body.message]).toEqual([409, expect.stringContaining('only a completed run')]);
    expect((await staff.get(`/matches/${matchId}`)).body.status).toBe('proposed');
  });
});
