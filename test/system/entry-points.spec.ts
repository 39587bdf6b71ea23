import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Kafka, logLevel } from 'kafkajs';
import { generateDemo } from '@jobfair/demo-data';
import { checkSolution, readInstanceFile } from '@jobfair/matching';
import { startGroupsAtTheEnd } from '@jobfair/messaging';
import {
  ApiClient,
  ApiResponse,
  Finished,
  REPOSITORY_ROOT as ROOT,
  TEST_SYSTEM,
  eventually,
  runCommand,
  supervisor,
} from '@jobfair/testing';

/**
 * What people run, run here from a build the way they run it: `npm start` / `npm stop`,
 * the image's start command, and the command-line programs through their npm scripts.
 * (The other system tests run the services' compiled main.js through the same supervisor.)
 */
const brokers = (process.env.KAFKA_BROKERS ?? '').split(',');

/** Set by the test run for its own system; a newcomer has none of them, so the scripts' defaults apply. */
const TEST_RUN_ONLY = ['JWT_SECRET', 'ADMIN_USERNAME', 'ADMIN_PASSWORD', 'DEMO_SCALE', 'LOG_LEVEL'];

/** Runs a command from the repository root as a newcomer would, with `env` besides. */
function run(command: string, args: string[], env: Record<string, string> = {}): Promise<Finished> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !TEST_RUN_ONLY.includes(key)));
  return runCommand(command, args, { ...inherited, ...env });
}

/** Every item of a paged list route. */
async function listAll(api: ApiClient, route: string): Promise<unknown[]> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  do {
    const page: ApiResponse = await api.get(`${route}?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
    expect(page.status).toBe(200);
    items.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return items;
}

describe('npm start, as a newcomer runs it', () => {
  const runId = Date.now().toString(36);
  // Beside the test system: its own ports, databases, consumer groups and pid/log folders, and its
  // own database server (the test run's Kafka is used as it is).
  const offset = TEST_SYSTEM.portOffset + 100;
  const infra = {
    INFRA_STATE_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'entry-points-infra-')),
    MONGO_PORT: String(27017 + offset),
    MONGODB_URI: '', // none named: the scripts run their own database
  };
  const env = {
    ...infra,
    SYSTEM_PORT_OFFSET: String(offset),
    SYSTEM_TAG: `${TEST_SYSTEM.tag}-start`,
    MONGODB_DB_PREFIX: `start_${runId}_`,
    KAFKA_GROUP_SUFFIX: `-start-${runId}`,
  };
  const gatewayUrl = `http://127.0.0.1:${3000 + offset}`;
  const pids = () =>
    Object.fromEntries(
      supervisor.SERVICES.map(({ name }) => [
        name,
        fs.readFileSync(path.join(ROOT, '.local', 'run', env.SYSTEM_TAG, `${name}.pid`), 'utf8'),
      ]),
    );

  beforeAll(async () => {
    await startGroupsAtTheEnd(
      brokers,
      supervisor.SERVICES.map(({ name }) => `${name}${env.KAFKA_GROUP_SUFFIX}`),
    );
    // What a test run leaves behind (KEEP_INFRA=1): an in-memory database, which npm start must not keep using.
    const memory = await run('bash', ['deploy/local/infra.sh', 'ensure'], { ...infra, MONGO_BACKEND: 'memory' });
    expect({ code: memory.code, output: memory.output }).toMatchObject({ code: 0 });
  }, 180000);

  afterAll(async () => {
    await supervisor.stop({ portOffset: offset, tag: env.SYSTEM_TAG });
    await run('bash', ['deploy/local/infra.sh', 'stop', 'mongo'], infra);
    fs.rmSync(infra.INFRA_STATE_DIR, { recursive: true, force: true });
  });

  it('switches to the durable database, loads the demo, says where everything is, and a second start restarts only what changed', async () => {
    const first = await run('npm', ['start'], env);
    expect({ code: first.code, tail: first.output.split('\n').slice(-25).join('\n') }).toMatchObject({ code: 0 });
    expect(first.output).toContain('restarting it on the durable store');
    expect((await run('bash', ['deploy/local/infra.sh', 'status'], infra)).output).toMatch(/mongo running \(pid \d+, h2 backend\)/);
    expect(first.output).toContain('The job-fair platform is running');
    expect(first.output).toContain(`admin web UI         ${gatewayUrl}/`);

    // The counts the loader printed are what the system now holds.
    const printed = (what: string) => Number(new RegExp(`^demo:   ${what}: (\\d+)$`, 'm').exec(first.output)?.[1]);
    expect(printed('employers')).toBeGreaterThan(0);
    const login = await new ApiClient(`${gatewayUrl}/api`).post('/auth/token', { username: 'admin', password: 'admin-change-me' });
    expect(login.status).toBe(200);
    const admin = new ApiClient(`${gatewayUrl}/api`, login.body.accessToken);
    expect((await listAll(admin, '/employers')).length).toBe(printed('employers'));
    expect((await listAll(admin, '/seekers')).length).toBe(printed('seekers'));
    expect((await listAll(admin, '/fairs')).length).toBe(printed('fairs'));

    // One held fair went through its whole life: a run, its review, the hires, departures, a return, a cancellation.
    const [, seed, scale] = /^demo: seed (\d+), scale ([\d.]+)/m.exec(first.output)!;
    const demo = generateDemo({ seed: Number(seed), scale: Number(scale) });
    const { name, startsAt } = demo.fairs[demo.lifecycle.fair].body;
    const fairs = (await listAll(admin, '/fairs')) as { id: string; name: string; startsAt: string }[];
    const fairId = fairs.find((f) => f.name === name && Date.parse(f.startsAt) === Date.parse(startsAt))!.id;
    const funnel = await admin.get(`/reports/funnel?fairId=${fairId}`);
    expect(funnel.status).toBe(200);
    const reached = Object.fromEntries(funnel.body.steps.map((s: { step: string; reached: number }) => [s.step, s.reached]));
    for (const step of ['matched', 'approved', 'hired', 'departed', 'returned'])
      expect([step, reached[step]]).toEqual([step, expect.any(Number)]);
    expect(Math.min(reached.matched, reached.approved, reached.hired, reached.departed, reached.returned)).toBeGreaterThan(0);
    expect(reached.returned).toBe(1);
    const reasons = funnel.body.steps.flatMap((s: { reasons: { kind: string; reason: string }[] }) => s.reasons);
    expect(reasons.filter((r: { kind: string }) => r.kind === 'rejected').length).toBeGreaterThan(0);
    expect(reasons).toContainEqual(expect.objectContaining({ kind: 'cancelled', reason: expect.stringMatching(/medical|visa/) }));
    // The other fairs are left as they were: no run, and one still to come for the check-in desk.
    const otherRuns = await Promise.all(
      fairs.filter((f) => f.id !== fairId).map(async (f) => (await admin.get(`/matching/runs?fairId=${f.id}`)).body.items.length),
    );
    expect(otherRuns.every((n) => n === 0)).toBe(true);
    expect(fairs.some((f) => Date.parse(f.startsAt) > Date.parse(`${demo.asOf}T00:00:00+07:00`))).toBe(true);
    // The validity clocks have something to show: documents running out within 90 days of today, and the
    // lifecycle fair's run left someone unmatched for a medical check that ran out.
    const expiries = await admin.get('/reports/expiries?withinDays=90');
    expect([expiries.status, expiries.body.items.length > 0]).toEqual([200, true]);
    const [lifecycleRun] = (await admin.get(`/matching/runs?fairId=${fairId}`)).body.items;
    const runView = (await admin.get(`/matching/runs/${lifecycleRun.id}`)).body;
    expect(runView.summary.unmatchedReasons['medical-expired']).toBeGreaterThan(0);
    // Its run is a shortlist run, and the cancelled worker's place went to the next alternate, now in the review queue.
    expect(runView.shortlist).toEqual({ ratio: demo.lifecycle.shortlistRatio, perSeeker: expect.any(Number) });
    const [cancelled] = (await admin.get(`/placements?fairId=${fairId}&status=cancelled`)).body.items;
    expect(cancelled.promotion).toBe('done');
    const promoted = await admin.get(`/matches/${cancelled.promotedMatchId}`);
    expect(promoted.body).toMatchObject({
      status: 'proposed',
      alternate: false,
      promotionReason: expect.stringMatching(/^(medical|visa)$/),
    });
    // A few people registered twice wait in the duplicates' review (one person, one record).
    const pairs = (await listAll(admin, '/seekers/duplicates')) as { a: { nationalId: string }; b: { nationalId: string } }[];
    const paired = new Set(pairs.map((pair) => [pair.a.nationalId, pair.b.nationalId].sort().join()));
    expect(demo.secondRecords.filter((record) => !paired.has([record.nationalId, record.of].sort().join()))).toEqual([]);
    const lifecycle = async () => ({
      runs: await listAll(admin, `/matching/runs?fairId=${fairId}`),
      matches: await listAll(admin, `/matches?fairId=${fairId}`),
      placements: await listAll(admin, `/placements?fairId=${fairId}`),
    });
    const loaded = await lifecycle();

    // Again, with one service running another build than dist/ holds (as after a code change): only that one
    // is restarted, the others keep running, and the demo is not loaded twice.
    const running = pids();
    fs.writeFileSync(path.join(ROOT, '.local', 'run', env.SYSTEM_TAG, 'seekers.build'), 'an-older-build');
    const second = await run('npm', ['start'], env);
    expect(second.code).toBe(0);
    expect(second.output).toContain('services: seekers runs an older build; restarting it');
    const others = supervisor.SERVICES.map(({ name }) => name).filter((name) => name !== 'seekers');
    for (const name of others) expect(second.output).toContain(`services: ${name} already running`);
    const now = pids();
    expect(now.seekers).not.toBe(running.seekers);
    expect(others.map((name) => now[name])).toEqual(others.map((name) => running[name]));
    expect(second.output).toMatch(/marker employer .* exists/);
    expect((await listAll(admin, '/employers')).length).toBe(printed('employers'));
    // The lifecycle's steps were each found done: no other run, review, hire or status change.
    expect(second.output).toContain('demo:   matching runs already completed: 1');
    expect(second.output).not.toMatch(
      /^demo: {3}(matching runs|matches approved|matches rejected|placements hired|placements departed): /m,
    );
    expect(await lifecycle()).toEqual(loaded);

    // npm stop ends the services (the servers stay: Kafka is the test run's, named by KAFKA_BROKERS).
    const stopped = await run('npm', ['stop'], env);
    expect(stopped.code).toBe(0);
    const reachable = await fetch(`${gatewayUrl}/health`).then(
      () => true,
      () => false,
    );
    expect(reachable).toBe(false);
  }, 600000);
});

describe("the image's start command", () => {
  it('starts a service from the build (its document closed in production) and ends it cleanly on SIGTERM', async () => {
    // The exec-form ENTRYPOINT is a JSON array: what `docker run image` runs, word for word.
    const dockerfile = fs.readFileSync(path.join(ROOT, 'deploy', 'docker', 'Dockerfile'), 'utf8');
    const entrypoint = /^ENTRYPOINT (\[.*\])$/m.exec(dockerfile)?.[1];
    expect(entrypoint).toBeDefined();
    const [command, ...args] = JSON.parse(entrypoint!) as string[];
    // A service it does not know: one line saying what to give, not a Node stack trace.
    const unnamed = await run(command, [...args, 'nope'], { APP: '' });
    expect(unnamed).toMatchObject({ code: 64, output: expect.stringMatching(/which service\? gateway, employers/) });
    const runId = Date.now().toString(36);
    const port = 3001 + TEST_SYSTEM.portOffset + 110;
    await startGroupsAtTheEnd(brokers, [`employers-image-${runId}`]);

    const child = spawn(command, args, {
      cwd: ROOT,
      stdio: 'ignore',
      env: {
        ...process.env,
        NODE_ENV: 'production',
        APP: 'employers',
        PORT: String(port),
        JWT_SECRET: TEST_SYSTEM.jwtSecret,
        METRICS_TOKEN: TEST_SYSTEM.metricsToken,
        MONGODB_DB_PREFIX: `image_${runId}_`,
        KAFKA_GROUP_SUFFIX: `-image-${runId}`,
      },
    });
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), logLevel: logLevel.NOTHING }).admin();
    await kafka.connect();
    const members = async () => (await kafka.describeGroups([`employers-image-${runId}`])).groups[0].members.length;
    try {
      await eventually(async () => expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200), 90000, 500);
      await eventually(async () => expect(await members()).toBe(1), 30000, 500);
      // In production the service's own API document is the gateway's (bearer of the operators' token), not public.
      const documentStatus = async (headers: Record<string, string> = {}) =>
        (await fetch(`http://127.0.0.1:${port}/docs-json`, { headers })).status;
      expect([await documentStatus(), await documentStatus({ authorization: `Bearer ${TEST_SYSTEM.metricsToken}` })]).toEqual([401, 200]);
      child.kill('SIGTERM');
      // Nest ends with the signal it was sent once its shutdown hooks ran; a crash would be a code, a kill SIGKILL.
      expect(await exited).toBe('SIGTERM');
      // The graceful part: it left its consumer group instead of letting the session time out.
      expect(await members()).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await kafka.disconnect();
    }
  }, 180000);
});

describe('command-line programs, compiled and through their npm scripts', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'entry-points-'));
  const instance = path.join(dir, 'instance.txt');

  // As npm start runs the demo loader: node on the compiled file (the npm scripts build first, then do the same).
  it.each(['demo-load', 'match-file', 'bench-matching'])(
    '%s answers --help with its usage, and a wrong option with exit code 2',
    async (tool) => {
      const compiled = [path.join(ROOT, 'dist', 'tools', `${tool}.js`)];
      const help = await run(process.execPath, ['-r', './deploy/register-paths.js', ...compiled, '--help']);
      expect(help.code).toBe(0);
      expect(help.output).toMatch(/^usage: /m);
      const wrong = await run(process.execPath, ['-r', './deploy/register-paths.js', ...compiled, '--no-such-option']);
      expect(wrong.code).toBe(2);
      expect(wrong.output).toContain("Unknown option '--no-such-option'");
    },
    120000,
  );

  it('the benchmark writes an instance file and match:file solves it within every limit, as well as the exact reference', async () => {
    const written = await run('npm', ['run', '-s', 'bench:matching', '--', '--write-instance', instance, '--size', '400x40']);
    expect(written.code).toBe(0);
    const inst = readInstanceFile(instance);
    expect(inst.seekerCount).toBe(400);

    const solved: Record<string, number> = {};
    for (const mode of ['optimal', 'stable']) {
      const solution = path.join(dir, `${mode}.txt`);
      const result = await run('npm', ['run', '-s', 'match:file', '--', instance, solution, '--mode', mode]);
      expect(result.code).toBe(0);
      const lines = fs.readFileSync(solution, 'utf8').trim().split('\n');
      const pairs = lines.map((line) => {
        const [seeker, opening] = line.split(' ').map(Number);
        for (let k = 0; k < inst.pairCount; k++) if (inst.pairSeeker[k] === seeker && inst.pairOpening[k] === opening) return k;
        throw new Error(`${line}: not an eligible pair of the instance`);
      });
      expect(checkSolution(inst, Int32Array.from(pairs))).toEqual([]);
      solved[mode] = pairs.reduce((sum, k) => sum + inst.pairScore[k], 0);
      expect(result.output).toContain(`score=${solved[mode]}`);
    }
    expect(solved.optimal).toBeGreaterThanOrEqual(solved.stable);

    // The benchmark itself: the project's exact solver scores what the HiGHS linear program scores.
    const bench = await run('npm', ['run', '-s', 'bench:matching', '--', '--sizes', '400x40', '--no-recommend', '--highs-limit', '60']);
    expect(bench.code).toBe(0);
    const score = (solver: string) => new RegExp(`mode=optimal solver=${solver} .*score=([\\d.]+)`).exec(bench.output)?.[1];
    expect(score('project')).toBeDefined();
    expect(score('project')).toBe(score('highs'));
  }, 600000);
});
