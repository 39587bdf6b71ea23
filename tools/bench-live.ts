// The live path under load, open-loop: registrations, check-ins at a fixed offered rate
// (sent on schedule whatever the answers' speed, so queueing shows instead of hiding),
// each check-in's latency and the time until its recommendation is readable, then
// approvals and hires at a rate. Drives the gateway of a running system, or starts one.
//   npm run -s bench:live -- --seekers 10500 --rate 100
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import { startGroupsAtTheEnd } from '@jobfair/messaging';
import { MAX_RECOMMENDATION_WAIT_MS } from '../apps/matcher/src/recommendations/recommendation.dto';
import { invalidOption, numberOption, readCommandLine } from './command-line';

const { values: args } = readCommandLine({
  usage: 'bench-live [--seekers N] [--rate R|max] [--hires N] [--gateway URL] [options]',
  description: `
Open-loop load through the gateway; prints one line per phase.

  --seekers N          seekers registered and checked in (default 1000)
  --rate R|max         check-ins offered per second (default 100); max: steps up by --step
                       on fresh seekers until e2e p99 reaches --slo-ms, prints the best rate
  --duration S         seconds of check-ins per rate (default: seekers / rate)
  --reg-rate R         registrations offered per second (default 200)
  --hires N            approvals, each followed by its hire (default 200; 0 skips the run)
  --hire-rate R        approvals offered per second (default 50)
  --openings N         openings at the fair's booths (default 30)
  --poll-ms MS         pause before asking again when a check-in was applied without its
                       recommendations (default 20); the route itself waits for the check-in
  --slo-ms MS          e2e p99 the max mode keeps under (default 250)
  --step R             rate step of the max mode (default 50)
  --gateway URL        drive this system (else one is started from dist/, see below)
  --user U --password P  sign-in (default admin / ADMIN_PASSWORD or the started system's)
  --tag NAME           the system's tag under .local/run (RSS and CPU per process; default bench-live)
  --port-offset N      port offset of a started system (default TEST_PORT_OFFSET + 100, or 1100)
  --profile DIR        started services write V8 CPU profiles (.cpuprofile) into DIR when stopped
  --keep               leave the started system running
  --watch NAME=REGEX   also report the CPU and memory of the processes whose command line matches
                       REGEX, summed under NAME (repeatable, e.g. another database server:
                       --watch postgres=^postgres --watch ferretdb=ferretdb)
  --commands           also print each service's database commands per operation, by command
                       and collection (find/attendance=1.0 ...)

A started system uses KAFKA_BROKERS / MONGODB_URI (default 127.0.0.1:KAFKA_PORT / MONGO_PORT,
started by deploy/local/infra.sh ensure), fresh databases and consumer groups.`,
  options: {
    seekers: { type: 'string' },
    rate: { type: 'string', default: '100' },
    duration: { type: 'string' },
    'reg-rate': { type: 'string' },
    hires: { type: 'string' },
    'hire-rate': { type: 'string' },
    openings: { type: 'string' },
    'poll-ms': { type: 'string' },
    'slo-ms': { type: 'string' },
    step: { type: 'string' },
    gateway: { type: 'string' },
    user: { type: 'string', default: 'admin' },
    password: { type: 'string' },
    tag: { type: 'string', default: 'bench-live' },
    'port-offset': { type: 'string' },
    profile: { type: 'string' },
    keep: { type: 'boolean', default: false },
    commands: { type: 'boolean', default: false },
    watch: { type: 'string', multiple: true },
  },
});
const text = (name: string) => args[name] as string | undefined;
const positiveInteger = (n: number) => Number.isInteger(n) && n > 0;
const positive = (n: number) => n > 0;

const ROOT = (() => {
  // From tools/ (ts-node) or dist/tools/ (compiled): the checkout is where deploy/ is.
  for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, 'deploy', 'local', 'services.js'))) return dir;
  }
  throw new Error('deploy/local/services.js not found above ' + __dirname);
})();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require(path.join(ROOT, 'deploy', 'local', 'services.js')) as {
  SERVICES: { name: string }[];
  start(options: object, env: Record<string, string>): Promise<{ urls: Record<string, string> }>;
  stop(options: object): Promise<void>;
};

/** How long a check-in's recommendations may take before the bench counts it an error. */
const E2E_TIMEOUT_MS = 30_000;
/** --commands leaves out the kinds of command rarer than this per operation (background sweeps). */
const COMMANDS_SHOWN_FROM = 0.05;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();

// ---------------------------------------------------------------- HTTP

let api = '';
let token = '';

async function call(method: string, route: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(`${api}${route}`, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectStatus(method: string, route: string, body: unknown, expected: number[]): Promise<any> {
  const res = await call(method, route, body);
  if (!expected.includes(res.status)) throw new Error(`${method} ${route}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Retries while another service has not learnt a fact yet (it travels over Kafka). */
async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeoutMs = 60000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await attempt();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------- figures

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function latencies(name: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (v: number) => (Number.isNaN(v) ? 'n/a' : v.toFixed(0));
  return `${name}_p50ms=${f(percentile(sorted, 50))} ${name}_p95ms=${f(percentile(sorted, 95))} ${name}_p99ms=${f(percentile(sorted, 99))} ${name}_maxms=${f(sorted[sorted.length - 1] ?? NaN)}`;
}

/** Resident memory (MB) and CPU seconds so far, from /proc. */
interface Usage {
  rssMb: number;
  cpuS: number;
}

/** One process's usage. */
function usage(pid: number): Usage | null {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    // Fields after the command name: utime and stime are the 14th and 15th of the line.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { rssMb: rssKb / 1024, cpuS: ticks / 100 };
  } catch {
    return null;
  }
}

/** The system's processes: the services of the tag and the local Kafka and database, by their pid files. */
function processes(): Record<string, number> {
  const found: Record<string, number> = {};
  const read = (file: string) => (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0);
  for (const { name } of services.SERVICES) {
    const pid = read(path.join(ROOT, '.local', 'run', text('tag')!, `${name}.pid`));
    if (pid) found[name] = pid;
  }
  for (const name of ['kafka', 'mongo']) {
    const pid = read(path.join(ROOT, '.local', 'run', `${name}.pid`));
    if (pid) found[name] = pid;
  }
  return found;
}

/** `--watch NAME=REGEX`: the groups of other processes reported beside the system's own. */
const watched: [string, RegExp][] = ((args.watch as string[] | undefined) ?? []).map((spec) => {
  const at = spec.indexOf('=');
  if (at <= 0) invalidOption('watch', spec, 'NAME=REGEX');
  try {
    return [spec.slice(0, at), new RegExp(spec.slice(at + 1))];
  } catch {
    return invalidOption('watch', spec, 'NAME=REGEX with a valid regular expression');
  }
});

/** The summed usage of every process whose command line matches (processes come and go: those alive now). */
function groupUsage(pattern: RegExp): Usage {
  const total: Usage = { rssMb: 0, cpuS: 0 };
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let command: string;
    try {
      command = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
    } catch {
      continue;
    }
    if (!pattern.test(command)) continue;
    const u = usage(Number(entry));
    if (u) {
      total.rssMb += u.rssMb;
      total.cpuS += u.cpuS;
    }
  }
  return total;
}

/** A started system's services and the token their `/metrics` want (none when driving another system). */
let scraped: { urls: Record<string, string>; token: string } | undefined;

/**
 * Database commands each service has sent so far, by command and collection (`find/attendance`),
 * from its `/metrics`: round trips per operation hold on any machine.
 */
async function databaseCommands(): Promise<Record<string, Record<string, number>>> {
  if (!scraped) return {};
  const counted: Record<string, Record<string, number>> = {};
  await Promise.all(
    Object.entries(scraped.urls).map(async ([name, url]) => {
      const response = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${scraped!.token}` } }).catch(() => undefined);
      if (!response?.ok) return;
      const byCommand: Record<string, number> = {};
      for (const line of (await response.text()).split('\n')) {
        if (!line.startsWith('mongodb_commands_total{')) continue;
        const label = (key: string) => new RegExp(`${key}="([^"]*)"`).exec(line)?.[1] ?? '?';
        const kind = `${label('command')}/${label('collection')}`;
        byCommand[kind] = (byCommand[kind] ?? 0) + Number(line.slice(line.lastIndexOf(' ') + 1));
      }
      counted[name] = byCommand;
    }),
  );
  return counted;
}

interface Snapshot {
  usage: Record<string, Usage>;
  commands: Record<string, Record<string, number>>;
}
async function snapshot(): Promise<Snapshot> {
  const taken: Snapshot = { usage: {}, commands: await databaseCommands() };
  for (const [name, pid] of Object.entries(processes())) {
    const u = usage(pid);
    if (u) taken.usage[name] = u;
  }
  for (const [name, pattern] of watched) taken.usage[name] = groupUsage(pattern);
  return taken;
}

/**
 * Memory before -> after, CPU and database commands per operation done (refused ones cost little and
 * would dilute the figure): figures that hold on a busy, shared machine.
 */
function printUsage(phase: string, operations: number, before: Snapshot, after: Snapshot) {
  const perOperation = (value: number) => (value / Math.max(1, operations)).toFixed(1);
  const sum = (counts: Record<string, number> = {}) => Object.values(counts).reduce((a, b) => a + b, 0);
  const parts = Object.keys(after.usage).map((name) => {
    const b = before.usage[name];
    const a = after.usage[name];
    const cpu = b ? perOperation((a.cpuS - b.cpuS) * 1000) : '?';
    const commands = name in after.commands ? `/${perOperation(sum(after.commands[name]) - sum(before.commands[name]))}db_per_op` : '';
    return `${name}=${b ? b.rssMb.toFixed(0) : '?'}->${a.rssMb.toFixed(0)}MB/${cpu}cpu_ms_per_op${commands}`;
  });
  console.log(`bench=live phase=${phase} rss_cpu ${parts.join(' ') || '(no pid files: pass --tag)'}`);
  if (!args.commands) return;
  // Which round trips an operation costs, per service: the place to cut.
  for (const [name, counts] of Object.entries(after.commands)) {
    const spent = Object.entries(counts)
      .map(([kind, n]) => [kind, n - (before.commands[name]?.[kind] ?? 0)] as const)
      .filter(([, n]) => n / Math.max(1, operations) >= COMMANDS_SHOWN_FROM)
      .sort(([, x], [, y]) => y - x)
      .map(([kind, n]) => `${kind}=${perOperation(n)}`);
    if (spent.length) console.log(`bench=live phase=${phase} db_per_op service=${name} ${spent.join(' ')}`);
  }
}

// ---------------------------------------------------------------- open loop

interface Outcome {
  ok: boolean;
  /** The HTTP status, or what went wrong instead. */
  status?: number | string;
  /** From the scheduled send time, so a slow system cannot hide its queue. */
  latencyMs: number;
  doneAt: number;
}

/**
 * Sends `count` requests at `rate` per second on a fixed schedule (late ones are sent at
 * once, never skipped or delayed behind answers) and waits for all of them.
 */
async function openLoop(
  count: number,
  rate: number,
  send: (i: number, scheduledAt: number) => Promise<Outcome>,
): Promise<{ outcomes: Outcome[]; startedAt: number }> {
  const startedAt = now();
  const pending: Promise<Outcome>[] = [];
  let next = 0;
  while (next < count) {
    const due = Math.min(count, Math.floor(((now() - startedAt) / 1000) * rate) + 1);
    for (; next < due; next++) {
      const scheduledAt = startedAt + (next / rate) * 1000;
      pending.push(
        send(next, scheduledAt).catch((error: Error) => ({ ok: false, status: error.name, latencyMs: now() - scheduledAt, doneAt: now() })),
      );
    }
    if (next < count) await sleep(Math.max(0, startedAt + (next / rate) * 1000 - now()));
  }
  return { outcomes: await Promise.all(pending), startedAt };
}

/** `errors=N` with what they were, e.g. `errors=3(404:2,e2e_timeout:1)`. */
function errors(outcomes: Outcome[], extra: Record<string, number> = {}): string {
  const counts: Record<string, number> = { ...extra };
  for (const o of outcomes) if (!o.ok) counts[String(o.status)] = (counts[String(o.status)] ?? 0) + 1;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return total
    ? `errors=${total}(${Object.entries(counts)
        .map(([k, v]) => `${k}:${v}`)
        .join(',')})`
    : 'errors=0';
}

function achieved(outcomes: Outcome[], startedAt: number): number {
  const ok = outcomes.filter((o) => o.ok);
  const end = Math.max(...ok.map((o) => o.doneAt));
  return ok.length && end > startedAt ? ok.length / ((end - startedAt) / 1000) : 0;
}

// ---------------------------------------------------------------- the fair

const uniq = () => randomBytes(4).toString('hex');
const nationalId = () =>
  `0${BigInt(`0x${randomBytes(6).toString('hex')}`)
    .toString()
    .padStart(11, '0')
    .slice(-11)}`;

function registration() {
  return {
    nationalId: nationalId(),
    fullName: `Nguyen Van ${uniq()}`,
    birthDate: '1998-04-21',
    gender: 'male',
    province: 'Thanh Hoa',
    skills: [{ name: 'farming', years: 4 }],
    languageTests: [{ test: 'EPS-TOPIK', score: 180, takenAt: '2026-05-10' }],
    preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture', 'manufacturing'] },
    overseasHistory: [],
    householdStatus: 'none',
    consents: [
      { purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' },
      { purpose: 'share-with-employers', granted: true, at: '2026-01-05T08:00:00Z' },
    ],
  };
}

async function openFair(openingCount: number): Promise<string> {
  const employerId = (
    await expectStatus('POST', '/employers', { name: `bench employer ${uniq()}`, kind: 'overseas', country: 'KR' }, [201])
  ).id;
  const openingIds: string[] = [];
  for (let i = 0; i < openingCount; i++) {
    const opening = await expectStatus(
      'POST',
      '/openings',
      {
        employerId,
        title: `bench opening ${i}`,
        sector: i % 2 ? 'manufacturing' : 'agriculture',
        scope: 'overseas',
        country: 'KR',
        province: 'Gangwon',
        programme: 'eps',
        positions: 5,
        startDate: '2027-06-01',
      },
      [201],
    );
    openingIds.push(opening.id);
  }
  const fairId = (
    await expectStatus(
      'POST',
      '/fairs',
      {
        name: `bench fair ${uniq()}`,
        kind: 'fixed',
        province: 'Thanh Hoa',
        venue: 'Employment Service Center',
        startsAt: '2027-03-12T08:00:00+07:00',
        endsAt: '2027-03-12T17:00:00+07:00',
      },
      [201],
    )
  ).id;
  await expectStatus('POST', `/fairs/${fairId}/open`, undefined, [200]);
  // The fairs service learns the openings from Kafka.
  await until('the booth', async () =>
    (await call('POST', `/fairs/${fairId}/booths`, { employerId, openingIds })).status === 201 ? true : undefined,
  );
  return fairId;
}

async function register(count: number, rate: number): Promise<string[]> {
  const ids: string[] = new Array(count);
  const before = await snapshot();
  const { outcomes, startedAt } = await openLoop(count, rate, async (i, scheduledAt) => {
    const res = await call('POST', '/seekers', registration());
    if (res.status === 201) ids[i] = res.body.id;
    return { ok: res.status === 201, status: res.status, latencyMs: now() - scheduledAt, doneAt: now() };
  });
  console.log(
    `bench=live phase=registrations offered=${rate}/s achieved=${achieved(outcomes, startedAt).toFixed(0)}/s n=${count} ` +
      `${latencies(
        'reg',
        outcomes.filter((o) => o.ok).map((o) => o.latencyMs),
      )} ${errors(outcomes)}`,
  );
  printUsage('registrations', outcomes.filter((o) => o.ok).length, before, await snapshot());
  return ids.filter(Boolean);
}

interface CheckInFigures {
  rate: number;
  achieved: number;
  checkIn: number[];
  e2e: number[];
  errors: number;
}

async function checkIns(fairId: string, seekerIds: string[], rate: number, pollMs: number, label: string): Promise<CheckInFigures> {
  const e2e: number[] = new Array(seekerIds.length).fill(NaN);
  let e2eErrors = 0;
  const before = await snapshot();
  const { outcomes, startedAt } = await openLoop(seekerIds.length, rate, async (i, scheduledAt) => {
    const seekerId = seekerIds[i];
    const res = await call('POST', `/fairs/${fairId}/check-ins`, { seekerId, clientRef: `bench-${seekerId}` });
    const outcome = { ok: res.status === 201, status: res.status, latencyMs: now() - scheduledAt, doneAt: now() };
    if (!outcome.ok) return outcome;
    // Readable: the recommendation route answers 200 for this person. It waits for the check-in
    // to be applied (waitMs) rather than being asked again and again, so the figure is when it was stored.
    const deadline = now() + E2E_TIMEOUT_MS;
    for (;;) {
      const waitMs = Math.min(MAX_RECOMMENDATION_WAIT_MS, Math.max(0, Math.round(deadline - now())));
      const rec = await call('GET', `/fairs/${fairId}/recommendations?seekerId=${seekerId}&limit=1&waitMs=${waitMs}`);
      if (rec.status === 200) {
        e2e[i] = now() - scheduledAt;
        break;
      }
      if (now() > deadline) {
        e2eErrors++;
        break;
      }
      // Applied without them (the seeker not known yet): a moment before asking again.
      await sleep(pollMs);
    }
    return outcome;
  });
  const figures: CheckInFigures = {
    rate,
    achieved: achieved(outcomes, startedAt),
    checkIn: outcomes.filter((o) => o.ok).map((o) => o.latencyMs),
    e2e: e2e.filter((v) => !Number.isNaN(v)),
    errors: outcomes.filter((o) => !o.ok).length + e2eErrors,
  };
  console.log(
    `bench=live phase=${label} offered=${rate}/s achieved=${figures.achieved.toFixed(0)}/s n=${seekerIds.length} ` +
      `${latencies('checkin', figures.checkIn)} ${latencies('e2e', figures.e2e)} ${errors(outcomes, e2eErrors ? { e2e_timeout: e2eErrors } : {})}`,
  );
  // Flat over the fair: e2e p99 of each tenth of the arrivals, first to last.
  const tenth = Math.ceil(seekerIds.length / 10);
  const byTenth = Array.from({ length: 10 }, (_, t) =>
    e2e
      .slice(t * tenth, (t + 1) * tenth)
      .filter((v) => !Number.isNaN(v))
      .sort((a, b) => a - b),
  )
    .filter((part) => part.length)
    .map((part) => percentile(part, 99).toFixed(0));
  console.log(`bench=live phase=${label} e2e_p99ms_by_tenth=${byTenth.join(',')}`);
  printUsage(label, figures.checkIn.length, before, await snapshot());
  return figures;
}

async function approveAndHire(fairId: string, hires: number, rate: number) {
  const run = await expectStatus('POST', '/matching/runs', { fairId, mode: 'optimal' }, [202]);
  const runStarted = now();
  const done = await until(
    'the matching run',
    async () => {
      const res = await call('GET', `/matching/runs/${run.id}`);
      return ['completed', 'failed'].includes(res.body?.status) ? res.body : undefined;
    },
    600000,
  );
  console.log(`bench=live phase=run status=${done.status} ms=${(now() - runStarted).toFixed(0)} matched=${done.summary?.matched ?? 'n/a'}`);
  const matchIds: string[] = [];
  let cursor: string | null = null;
  while (matchIds.length < hires) {
    const page: { items: { id: string }[]; nextCursor: string | null } = await expectStatus(
      'GET',
      `/matches?runId=${run.id}&status=proposed&limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      undefined,
      [200],
    );
    matchIds.push(...page.items.map((m) => m.id));
    cursor = page.nextCursor;
    if (!cursor) break;
  }
  const chosen = matchIds.slice(0, hires);
  const hire: number[] = [];
  const before = await snapshot();
  const { outcomes, startedAt } = await openLoop(chosen.length, rate, async (i, scheduledAt) => {
    const approved = await call('POST', `/matches/${chosen[i]}/approve`);
    const outcome = { ok: approved.status === 200, status: `approve_${approved.status}`, latencyMs: now() - scheduledAt, doneAt: now() };
    if (!outcome.ok) return outcome;
    const hiredAt = now();
    const hired = await call('POST', '/placements', { matchId: chosen[i] });
    if (hired.status !== 201) return { ...outcome, ok: false, status: `hire_${hired.status}` };
    hire.push(now() - hiredAt);
    return outcome;
  });
  console.log(
    `bench=live phase=approve-hire offered=${rate}/s achieved=${achieved(outcomes, startedAt).toFixed(0)}/s n=${chosen.length} ` +
      `${latencies(
        'approve',
        outcomes.filter((o) => o.ok).map((o) => o.latencyMs),
      )} ${latencies('hire', hire)} ${errors(outcomes)}`,
  );
  printUsage('approve-hire', hire.length, before, await snapshot());
}

// ---------------------------------------------------------------- the system

async function startSystem(): Promise<{ gateway: string; password: string; options: object }> {
  const kafkaPort = process.env.KAFKA_PORT ?? '9092';
  const mongoPort = process.env.MONGO_PORT ?? '27017';
  const brokers = process.env.KAFKA_BROKERS ?? `127.0.0.1:${kafkaPort}`;
  const mongo = process.env.MONGODB_URI ?? `mongodb://127.0.0.1:${mongoPort}`;
  if (!process.env.KAFKA_BROKERS || !process.env.MONGODB_URI) {
    execFileSync('bash', [path.join(ROOT, 'deploy', 'local', 'infra.sh'), 'ensure'], { stdio: 'inherit', env: process.env });
  }
  const portOffset = numberOption(
    args,
    'port-offset',
    Number(process.env.TEST_PORT_OFFSET ?? 1000) + 100,
    (n) => Number.isInteger(n) && n >= 0,
  );
  const options = { tag: text('tag'), portOffset };
  const run = `bench${Date.now().toString(36)}`;
  const password = `bench-${uniq()}`;
  await services.stop(options); // leftovers of an interrupted run
  await startGroupsAtTheEnd(
    brokers.split(','),
    services.SERVICES.map(({ name }) => `${name}-${run}`),
  );
  const profileDir = text('profile') ? path.resolve(text('profile')!) : undefined;
  if (profileDir) fs.mkdirSync(profileDir, { recursive: true });
  const metricsToken = randomBytes(24).toString('hex');
  const { urls } = await services.start(options, {
    KAFKA_BROKERS: brokers,
    MONGODB_URI: mongo,
    MONGODB_DB_PREFIX: `${run}_`,
    KAFKA_GROUP_SUFFIX: `-${run}`,
    JWT_SECRET: `bench-secret-${randomBytes(16).toString('hex')}`,
    ADMIN_USERNAME: text('user')!,
    ADMIN_PASSWORD: password,
    METRICS_TOKEN: metricsToken,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    ...(profileDir ? { NODE_OPTIONS: `-r ${path.join(ROOT, 'tools', 'cpu-profile.js')}`, CPU_PROFILE_DIR: profileDir } : {}),
  });
  scraped = { urls, token: metricsToken };
  return { gateway: urls.gateway, password, options };
}

async function main() {
  const seekers = numberOption(args, 'seekers', 1000, positiveInteger);
  const maxMode = args.rate === 'max';
  const rate = maxMode ? numberOption(args, 'step', 50, positiveInteger) : numberOption(args, 'rate', 100, positive);
  const regRate = numberOption(args, 'reg-rate', 200, positive);
  const hires = numberOption(args, 'hires', 200, (n) => Number.isInteger(n) && n >= 0);
  const hireRate = numberOption(args, 'hire-rate', 50, positive);
  const pollMs = numberOption(args, 'poll-ms', 20, positiveInteger);
  const sloMs = numberOption(args, 'slo-ms', 250, positiveInteger);
  const openings = numberOption(args, 'openings', 30, positiveInteger);
  const duration = args.duration === undefined ? undefined : numberOption(args, 'duration', 1, positive);

  const started = text('gateway') ? undefined : await startSystem();
  api = `${text('gateway') ?? started!.gateway}/api`;
  try {
    const password = text('password') ?? started?.password ?? process.env.ADMIN_PASSWORD ?? 'admin-change-me';
    token = (await expectStatus('POST', '/auth/token', { username: args.user, password }, [200, 201])).accessToken;
    const fairId = await openFair(openings);
    const seekerIds = await register(seekers, regRate);
    // The fairs service learns seekers from Kafka: the last one known, the rest are too (or fail as errors).
    const last = seekerIds[seekerIds.length - 1];
    await until('the fairs service to know the seekers', async () => {
      const res = await call('POST', `/fairs/${fairId}/check-ins`, { seekerId: last, clientRef: `bench-${last}` });
      return res.status === 201 ? true : undefined;
    });
    // And the matcher (its recommendations for the last one): registrations come days before a
    // fair, so the check-ins are measured on a system that has caught up with them.
    await until(
      'the matcher to know the seekers',
      async () =>
        (await call('GET', `/fairs/${fairId}/recommendations?seekerId=${last}&limit=1&waitMs=${MAX_RECOMMENDATION_WAIT_MS}`)).status === 200
          ? true
          : undefined,
      600000,
    );
    const arrivals = seekerIds.slice(0, -1);
    if (!maxMode) {
      const count = duration ? Math.min(arrivals.length, Math.round(duration * rate)) : arrivals.length;
      await checkIns(fairId, arrivals.slice(0, count), rate, pollMs, 'check-ins');
    } else {
      // Each step on fresh seekers, for --duration seconds (default 20).
      const seconds = duration ?? 20;
      let best = 0;
      let offset = 0;
      for (let r = rate; ; r += rate) {
        const count = Math.round(r * seconds);
        if (offset + count > arrivals.length) {
          console.log(`bench=live max: out of seekers at ${r}/s (register more with --seekers)`);
          break;
        }
        const figures = await checkIns(fairId, arrivals.slice(offset, offset + count), r, pollMs, `check-ins@${r}`);
        offset += count;
        const p99 = percentile(
          [...figures.e2e].sort((a, b) => a - b),
          99,
        );
        if (figures.errors || !(p99 < sloMs) || figures.achieved < r * 0.95) break;
        best = r;
      }
      console.log(`bench=live rate=max best=${best}/s slo=e2e_p99<${sloMs}ms`);
    }
    if (hires > 0) await approveAndHire(fairId, hires, hireRate);
  } finally {
    if (started && !args.keep) await services.stop(started.options);
  }
}

main().catch((error) => {
  console.error(`bench-live: ${error instanceof Error ? error.message : error}`);
  process.exit(1);
});
