import { execFile } from 'child_process';
import { randomUUID } from 'crypto';
import { promisify } from 'util';
import { PlacementHired, Topics, deadLetterTopic } from '@jobfair/contracts';
import { toKafkaMessage } from '@jobfair/messaging';
import { ApiClient, EventInjector, KafkaProbe, asAdmin, eventually, placementIn, postEpsOpening } from '@jobfair/testing';

const run = promisify(execFile);

/** The command as an operator runs it (`npm run -s dlt -- ...`), from the build the test run made. */
async function dlt(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['-r', './deploy/register-paths.js', 'dist/tools/dlt.js', ...args], {
      env: { ...process.env },
      timeout: 60000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Dead letters can be listed with their reason and replayed to their topic once the cause is fixed. */
describe('dead letters: npm run dlt -- list|replay', () => {
  let admin: ApiClient;
  let matcher: EventInjector;
  let probe: KafkaProbe;
  const dltTopic = deadLetterTopic(Topics.placement);
  const lineOf = (stdout: string, key: string) => stdout.split('\n').find((line) => line.includes(`key=${key} `));

  beforeAll(async () => {
    admin = await asAdmin();
    matcher = await EventInjector.open();
    probe = await KafkaProbe.open([dltTopic]);
  });

  afterAll(async () => {
    await matcher?.close();
    await probe?.close();
  });

  it('answers --help and refuses a wrong command line with the usage (exit 2)', async () => {
    const help = await dlt('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: dlt list\|replay <topic>/);
    expect(help.stdout).toMatch(/--offset P:N/);
    const wrong = await dlt('replay', Topics.placement);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/usage: dlt/);
  });

  it('lists what the consumers dead-lettered, with offset, key, type, reason and when', async () => {
    const id = randomUUID();
    // Poison: a placement status no contract knows. Every consumer of the topic refuses it.
    const poison = toKafkaMessage(
      matcher.event(PlacementHired, 'matcher', 1, {
        id,
        matchId: id,
        seekerId: 's',
        openingId: 'o',
        employerId: 'e',
        quotaClass: 'firstTime',
        status: 'hired',
        at: new Date().toISOString(),
      }),
    );
    await matcher.sendRaw(Topics.placement, { ...poison, value: String(poison.value).replace('"status":"hired"', '"status":"eloped"') });
    const group = `employers${process.env.KAFKA_GROUP_SUFFIX}`;
    await probe.waitFor((m) => m.key === id && m.headers['dlt-group'] === group, 30000);

    const listed = await dlt('list', Topics.placement);
    expect(listed.code).toBe(0);
    const line = lineOf(listed.stdout, id);
    expect(line).toMatch(
      new RegExp(
        `^\\d+:\\d+  key=${id}  type=PlacementHired  at=\\d{4}-\\d\\d-\\d\\dT.*  from=matching\\.placement\\.v1\\[\\d\\]@\\d+  group=\\S+  reason=invalid PlacementHired: data\\.status`,
      ),
    );
    expect(listed.stdout).toMatch(new RegExp(`^${dltTopic.replace(/\./g, '\\.')}: \\d+ dead letter\\(s\\)$`, 'm'));
  });

  it('replays a chosen dead letter to its topic once the cause is fixed; replaying it again changes nothing', async () => {
    const opening = await postEpsOpening(admin, 'Ulsan Ships', 'painter', 2);
    const hire = placementIn(opening, 'hired');
    const id = hire.id;
    // As a consumer leaves it when a rule refused the hire (say, the opening was not known yet):
    // the original message, plus where it came from and why.
    const original = toKafkaMessage(matcher.event(PlacementHired, 'matcher', 1, hire));
    await matcher.sendRaw(dltTopic, {
      ...original,
      headers: {
        ...original.headers,
        'dlt-reason': `refused: opening ${opening.openingId} not known yet`,
        'dlt-topic': Topics.placement,
        'dlt-partition': '0',
        'dlt-offset': '0',
        'dlt-group': `employers${process.env.KAFKA_GROUP_SUFFIX}`,
        'dlt-at': new Date().toISOString(),
      },
    });
    await probe.waitFor((m) => m.key === id);
    const line = lineOf((await dlt('list', dltTopic)).stdout, id);
    expect(line).toMatch(/reason=refused: opening .* not known yet$/);
    const offset = line!.split(' ')[0];
    expect((await admin.get(`/openings/${opening.openingId}`)).body.filled).toBe(0);

    for (const attempt of [1, 2]) {
      const replayed = await dlt('replay', Topics.placement, '--offset', offset);
      expect([attempt, replayed.code, replayed.stdout]).toEqual([
        attempt,
        0,
        expect.stringContaining(`replayed ${offset} to ${Topics.placement}`),
      ]);
      await eventually(async () => expect((await admin.get(`/openings/${opening.openingId}`)).body.filled).toBe(1), 30000);
    }
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect((await admin.get(`/openings/${opening.openingId}`)).body.filled).toBe(1);

    const unknown = await dlt('replay', Topics.placement, '--offset', '0:999999999');
    expect([unknown.code, unknown.stderr]).toEqual([1, 'dlt: --offset 0:999999999: no such dead letter\n']);
  });
});
