/**
 * The fault-injection run: drives a fair day through the gateway of the real system (every
 * service as its own process, real Kafka, the durable local database) while it injects faults
 * in turn, then compares the books across the services with the acknowledged answers as truth.
 *
 *   npm run -s chaos -- [--faults 12] [--seekers 120] [--seed 1] [--port-offset 7000] [--tag chaos]
 *
 * Prints one line per fault (kind, target, time until the system answered again) and last
 *   chaos: faults=12 acknowledged=2431 lost=0 doubled=0 mismatched=0 dlt=0
 * Exit code 1 when anything acknowledged is lost, doubled or mismatched, or a dead letter appeared.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { ApiClient, ApiResponse } from '@jobfair/http-client';
import { rng } from '@jobfair/matching';
import { numberOption, readCommandLine } from './command-line';
import { startGroupsAtTheEnd } from '@jobfair/messaging';

const ROOT = resolve(__dirname, '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const services = require(resolve(ROOT, 'deploy/local/services.js')) as {
  SERVICES: { name: string; port: number }[];
  start(options: object, env: Record<string, string>): Promise<{ urls: Record<string, string> }>;
  stop(options: object): Promise<void>;
};

/** A client gives up waiting for one answer after this long, and asks again with the same key. */
const ANSWER_TIMEOUT_MS = 20_000;
/** A write still unanswered after this long is given up (reported, never counted as acknowledged). */
const WRITE_DEADLINE_MS = 5 * 60_000;
const RETRY_BACKOFF_MS = [250, 500, 1000, 2000, 3000];
/** How long a fact may take to reach another service (a booth needs the opening, a check-in the seeker). */
const PROPAGATION_MS = 3 * 60_000;
const HEAL_TIMEOUT_MS = 5 * 60_000;
const BROKER_PAUSE_MS = 6_000;
/** A killed server stays down this long before it is restarted, so writes meet it absent. */
const DOWN_MS = 2_000;
/** After the day, the books have this long to agree (consumers catching up, outboxes draining). */
const SETTLE_MS = 3 * 60_000;
const SETTLE_POLL_MS = 5_000;
const DLT_READ_MS = 30_000;
const IN_FLIGHT = 4;
const PAGE = 100;
const CANCEL_SHARE = 0.1;
const SEEKERS_PER_OPENING = 8;
const OPENINGS_PER_EMPLOYER = 2;

type Kind = 'kill-9' | 'broker-pause' | 'broker-kill' | 'database-kill';
interface Fault {
  kind: Kind;
  target: string;
}
/** The first four are one of each kind; then every service is killed once; then it starts over. */
const FAULT_CYCLE: Fault[] = [
  { kind: 'kill-9', target: 'employers' },
  { kind: 'broker-pause', target: 'kafka' },
  { kind: 'database-kill', target: 'mongo' },
  { kind: 'broker-kill', target: 'kafka' },
  { kind: 'kill-9', target: 'seekers' },
  { kind: 'kill-9', target: 'fairs' },
  { kind: 'kill-9', target: 'matcher' },
  { kind: 'kill-9', target: 'gateway' },
];

interface Options {
  faults: number;
  seekers: number;
  seed: number;
  portOffset: number;
  tag: string;
  verbose: boolean;
}

function parseOptions(): Options {
  const { values } = readCommandLine({
    usage: 'chaos [--faults 12] [--seekers 120] [--seed 1] [--port-offset 7000] [--tag chaos] [--verbose]',
    description: `
Starts its own Kafka and database (deploy/local/infra.sh, durable h2 backend; ports: the default
ones + the port offset, or KAFKA_PORT, KAFKA_CONTROLLER_PORT, MONGO_PORT; pids, logs and data in
INFRA_STATE_DIR, default .local/chaos-infra-<Kafka port>; both are left running for the next run, whatever its --tag), so the faults never hit a system
started by npm start or a test run, and the five services (fresh databases and consumer groups),
drives a fair day through the gateway while it injects faults, then checks the books across the services.
  --faults N       faults to inject, in turn: kill -9 of a service (then restarted), the broker paused
                   (SIGSTOP ${BROKER_PAUSE_MS / 1000} s), the broker killed, the database killed; N >= 4 has one of each kind,
                   N >= 8 kills every service
  --seekers N      seekers registered and checked in (openings and employers follow from it)
  --seed N         seed of the day's choices (who is cancelled)
  --port-offset N  services, Kafka and the database listen on their default port + N
  --tag NAME       the services' pid and log folder (.local/run/NAME, .local/logs/NAME)
  --verbose        show the supervisor's and infra.sh's own lines
Exit code 1 when an acknowledged write is lost, doubled or disagrees across services, or a dead letter appeared.`,
    options: {
      faults: { type: 'string' },
      seekers: { type: 'string' },
      seed: { type: 'string' },
      'port-offset': { type: 'string' },
      tag: { type: 'string' },
      verbose: { type: 'boolean' },
    },
  });
  return {
    faults: numberOption(values, 'faults', 12, (n) => Number.isInteger(n) && n >= 1),
    seekers: numberOption(values, 'seekers', 120, (n) => Number.isInteger(n) && n >= SEEKERS_PER_OPENING),
    seed: numberOption(values, 'seed', 1, Number.isInteger),
    portOffset: numberOption(values, 'port-offset', 7000, (n) => Number.isInteger(n) && n >= 0),
    tag: String(values.tag ?? 'chaos'),
    verbose: Boolean(values.verbose),
  };
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
const say = (line: string) => process.stdout.write(`${line}\n`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Runs `task` over `items`, `inFlight` at a time. */
async function inParallel<T>(items: T[], inFlight: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/** infra.sh's ports, which this run's own pair is offset from. */
const INFRA_DEFAULT_PORTS = { KAFKA_PORT: 9092, KAFKA_CONTROLLER_PORT: 9093, MONGO_PORT: 27017 };

/**
 * The Kafka and database this run kills and restarts: a pair of its own (the default ports + the
 * port offset, state in .local/chaos-infra-<Kafka port>) unless the environment names one, so that its faults
 * never reach a system on the default pair (npm start, a test run) nor overwrite that pair's pids.
 */
function infraEnvironment(o: Options): Record<string, string> {
  const port = (name: keyof typeof INFRA_DEFAULT_PORTS) => process.env[name] ?? String(INFRA_DEFAULT_PORTS[name] + o.portOffset);
  const kafkaPort = port('KAFKA_PORT');
  return {
    KAFKA_PORT: kafkaPort,
    KAFKA_CONTROLLER_PORT: port('KAFKA_CONTROLLER_PORT'),
    MONGO_PORT: port('MONGO_PORT'),
    // Keyed on the port, not the tag: runs of other tags on the same ports find and reuse the pair.
    INFRA_STATE_DIR: process.env.INFRA_STATE_DIR ?? resolve(ROOT, '.local', `chaos-infra-${kafkaPort}`),
    MONGO_BACKEND: 'h2',
  };
}

/** Starts (or finds running) the run's Kafka and database through infra.sh. */
function infra(command: 'start', environment: Record<string, string>, verbose: boolean): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn('bash', [resolve(ROOT, 'deploy/local/infra.sh'), command], {
      cwd: ROOT,
      env: { ...process.env, ...environment },
      stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk) => (output += chunk));
    child.stderr?.on('data', (chunk) => (output += chunk));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`infra.sh ${command} failed (${code}):\n${output}`))));
  });
}

/** The pid infra.sh keeps for one of the run's pair. */
function infraPid(name: 'kafka' | 'mongo', environment: Record<string, string>): number {
  return Number(readFileSync(resolve(environment.INFRA_STATE_DIR, 'run', `${name}.pid`), 'utf8'));
}

/** What the client was told, and whether it had to ask more than once to be told. */
interface Answer<T = any> extends ApiResponse<T> {
  retried: boolean;
}

/**
 * A careful client: every write carries an Idempotency-Key; a write that got no answer (timeout,
 * connection refused), a 5xx or a 409 "still in progress" is sent again with the same key until it is answered.
 */
class CarefulClient {
  retries = 0;
  unanswered = 0;

  constructor(private api: ApiClient) {}

  signIn(token: string): void {
    this.api = this.api.withToken(token);
  }

  async write<T = any>(method: string, path: string, body?: unknown): Promise<Answer<T>> {
    const key = randomUUID();
    const deadline = Date.now() + WRITE_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once<T>(method, path, body, { 'idempotency-key': key });
      // A 409 with Retry-After is "the first attempt still runs", not a refusal: asked again.
      const askAgain = answer?.status === 409 && answer.headers.has('retry-after');
      if (answer && answer.status < 500 && !askAgain) return { ...answer, retried: attempt > 0 };
      if (Date.now() > deadline) {
        this.unanswered++;
        return { status: answer?.status ?? 0, body: answer?.body as T, text: answer?.text ?? '', headers: new Headers(), retried: true };
      }
      this.retries++;
      await sleep(RETRY_BACKOFF_MS[Math.min(attempt, RETRY_BACKOFF_MS.length - 1)]);
    }
  }

  /** A read asked again until it is answered (a 404 is an answer). */
  async read<T = any>(path: string): Promise<ApiResponse<T>> {
    const deadline = Date.now() + WRITE_DEADLINE_MS;
    for (let attempt = 0; ; attempt++) {
      const answer = await this.once<T>('GET', path);
      if (answer && answer.status < 500) return answer;
      if (Date.now() > deadline) throw new Error(`GET ${path} unanswered for ${seconds(WRITE_DEADLINE_MS)}`);
      await sleep(RETRY_BACKOFF_MS[Math.min(attempt, RETRY_BACKOFF_MS.length - 1)]);
    }
  }

  /** Every item of a paged list. */
  async list<T = any>(path: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | undefined;
    do {
      const sep = path.includes('?') ? '&' : '?';
      const page = await this.read<{ items: T[]; nextCursor?: string }>(
        `${path}${sep}limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      if (page.status !== 200) throw new Error(`GET ${path}: ${page.status} ${page.text.slice(0, 200)}`);
      items.push(...page.body.items);
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    return items;
  }

  private async once<T>(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<ApiResponse<T> | null> {
    try {
      return await this.api.request<T>(method, path, body, headers, AbortSignal.timeout(ANSWER_TIMEOUT_MS));
    } catch {
      return null; // no answer: refused, reset or timed out
    }
  }
}

/** What the API acknowledged: the truth the books are compared with. */
interface Books {
  employers: { id: string; name: string }[];
  openings: { id: string; employerId: string; title: string }[];
  seekers: { id: string; nationalId: string }[];
  checkIns: { id: string; seekerId: string }[];
  /** Placement id (= match id) -> whether its cancellation was acknowledged. */
  placements: Map<string, { seekerId: string; openingId: string; cancelled: boolean }>;
  approvals: string[];
  fairId: string;
  acknowledged: number;
  /** Hires retried after a lost answer that got 409, found done by looking the placement up. */
  hiresFoundDone: number;
  hiresRefused: number;
}

class FairDay {
  readonly books: Books = {
    employers: [],
    openings: [],
    seekers: [],
    checkIns: [],
    placements: new Map(),
    approvals: [],
    fairId: '',
    acknowledged: 0,
    hiresFoundDone: 0,
    hiresRefused: 0,
  };
  /** Writes planned for the day, for pacing the faults over it. */
  readonly planned: number;
  private readonly startedAt = new Date().toISOString();
  private readonly run = Date.parse(this.startedAt).toString(36);
  private readonly employerCount: number;
  private readonly openingCount: number;
  private readonly rand: () => number;

  constructor(
    private readonly client: CarefulClient,
    private readonly options: Options,
  ) {
    this.openingCount = Math.max(1, Math.ceil(options.seekers / SEEKERS_PER_OPENING));
    this.employerCount = Math.ceil(this.openingCount / OPENINGS_PER_EMPLOYER);
    // The same seed gives the same day.
    this.rand = rng(options.seed);
    // employers, openings, seekers, fair + open + booths, check-ins, approvals and hires (about one per seeker), cancellations
    this.planned = this.employerCount + this.openingCount + 2 * options.seekers + 2 + this.employerCount + 2 * options.seekers * 0.7;
  }

  get progress(): number {
    return this.books.acknowledged / this.planned;
  }

  private ack(): void {
    this.books.acknowledged++;
  }

  private expect(answer: Answer, statuses: number[], what: string): boolean {
    if (statuses.includes(answer.status)) return true;
    say(`chaos: ${what}: ${answer.status} ${answer.text.slice(0, 200)}`);
    return false;
  }

  async play(): Promise<void> {
    const { client, books, options } = this;
    await inParallel([...Array(this.employerCount).keys()], IN_FLIGHT, async (i) => {
      const name = `Chaos employer ${this.run}-${i}`;
      const answer = await client.write('POST', '/employers', { name, kind: 'overseas', country: 'KR' });
      if (this.expect(answer, [201], `employer ${name}`)) {
        books.employers.push({ id: answer.body.id, name });
        this.ack();
      }
    });
    const positions = Math.ceil((options.seekers * 0.75) / this.openingCount);
    await inParallel([...Array(this.openingCount).keys()], IN_FLIGHT, async (i) => {
      const employer = books.employers[i % books.employers.length];
      const title = `Chaos opening ${this.run}-${i}`;
      const answer = await client.write('POST', '/openings', {
        employerId: employer.id,
        title,
        sector: 'agriculture',
        scope: 'overseas',
        country: 'KR',
        province: 'Gangwon',
        programme: 'eps',
        positions,
        startDate: '2031-03-01',
      });
      if (this.expect(answer, [201], `opening ${title}`)) {
        books.openings.push({ id: answer.body.id, employerId: employer.id, title });
        this.ack();
      }
    });
    await inParallel([...Array(options.seekers).keys()], IN_FLIGHT, (i) => this.registerSeeker(i));

    const fair = await client.write('POST', '/fairs', {
      name: `Chaos fair ${this.run}`,
      kind: 'fixed',
      province: 'Thanh Hoa',
      venue: 'Employment Service Center',
      startsAt: '2030-09-12T08:00:00+07:00',
      endsAt: '2030-09-12T17:00:00+07:00',
    });
    if (!this.expect(fair, [201], 'fair')) throw new Error('the fair could not be created');
    books.fairId = fair.body.id;
    this.ack();
    const opened = await client.write('POST', `/fairs/${books.fairId}/open`);
    if (opened.status === 200 || (opened.retried && (await client.read(`/fairs/${books.fairId}`)).body.status === 'open')) this.ack();
    await inParallel(books.employers, IN_FLIGHT, (employer) => this.booth(employer.id));
    await inParallel(books.seekers, IN_FLIGHT, (seeker) => this.checkIn(seeker.id));

    const matches = await this.matchingRun();
    await inParallel(matches, IN_FLIGHT, (match) => this.approve(match.id));
    const approved = new Set(books.approvals);
    await inParallel(
      matches.filter((m) => approved.has(m.id)),
      IN_FLIGHT,
      (match) => this.hire(match),
    );
    const hired = [...books.placements.keys()].filter(() => this.rand() < CANCEL_SHARE);
    await inParallel(hired, IN_FLIGHT, (id) => this.cancel(id));
  }

  private async registerSeeker(i: number): Promise<void> {
    // 12 digits, unique per run: the run's clock, then the seeker's number.
    const nationalId = `0${String(Date.parse(this.startedAt)).slice(-6)}${String(i).padStart(5, '0')}`;
    const answer = await this.client.write('POST', '/seekers', {
      nationalId,
      fullName: `Chaos Seeker ${i}`,
      birthDate: '1996-02-10',
      gender: 'female',
      province: 'Thanh Hoa',
      skills: [],
      languageTests: [],
      preferences: { scopes: ['overseas'], countries: ['KR'], sectors: ['agriculture'] },
      overseasHistory: [],
      householdStatus: 'none',
      consents: [{ purpose: 'matching', granted: true, at: '2026-01-05T08:00:00Z' }],
    });
    let id: string | undefined = answer.status === 201 ? answer.body.id : undefined;
    if (answer.status === 409 && answer.retried) {
      // Our first attempt went through without an answer: the national ID is ours.
      const found = await this.client.read(`/seekers?nationalId=${nationalId}`);
      id = found.body?.items?.[0]?.id;
    }
    if (id) {
      this.books.seekers.push({ id, nationalId });
      this.ack();
    } else this.expect(answer, [201], `seeker ${nationalId}`);
  }

  /** Until the fairs service knows the employer's openings (it learns them from Kafka). */
  private async booth(employerId: string): Promise<void> {
    const openingIds = this.books.openings.filter((o) => o.employerId === employerId).map((o) => o.id);
    const deadline = Date.now() + PROPAGATION_MS;
    for (;;) {
      const answer = await this.client.write('POST', `/fairs/${this.books.fairId}/booths`, { employerId, openingIds });
      if (answer.status === 201) return this.ack();
      const fair = await this.client.read(`/fairs/${this.books.fairId}`);
      if (fair.body?.booths?.some((b: { employerId: string }) => b.employerId === employerId)) return this.ack();
      if (Date.now() > deadline) return void this.expect(answer, [201], `booth of ${employerId}`);
      await sleep(1000);
    }
  }

  /** The same clientRef again returns the same check-in; retried until the fairs service knows the seeker. */
  private async checkIn(seekerId: string): Promise<void> {
    const deadline = Date.now() + PROPAGATION_MS;
    for (;;) {
      const answer = await this.client.write('POST', `/fairs/${this.books.fairId}/check-ins`, { seekerId, clientRef: `chaos-${seekerId}` });
      if (answer.status === 201 || answer.status === 200) {
        this.books.checkIns.push({ id: answer.body.id, seekerId });
        return this.ack();
      }
      if (Date.now() > deadline) return void this.expect(answer, [201], `check-in of ${seekerId}`);
      await sleep(1000);
    }
  }

  /**
   * A run over the fair, again until it completes and sees every checked-in seeker and every
   * opening at the fair (the matcher learns both from Kafka, later after a fault).
   */
  private async matchingRun(): Promise<{ id: string; seekerId: string; openingId: string }[]> {
    const deadline = Date.now() + PROPAGATION_MS;
    for (;;) {
      const started = await this.client.write('POST', '/matching/runs', { fairId: this.books.fairId, mode: 'optimal' });
      if (this.expect(started, [202], 'matching run')) {
        this.ack();
        let run: any;
        do {
          await sleep(1000);
          run = (await this.client.read(`/matching/runs/${started.body.id}`)).body;
        } while (run?.status === 'running' || run?.status === 'queued');
        const { seekers, openings } = run?.summary ?? {};
        if (run?.status === 'completed' && seekers >= this.books.checkIns.length && openings >= this.books.openings.length) {
          return this.client.list(`/matches?runId=${started.body.id}`);
        }
      }
      if (Date.now() > deadline) throw new Error('no matching run completed over every checked-in seeker and opening');
      await sleep(2000);
    }
  }

  private async approve(matchId: string): Promise<void> {
    const answer = await this.client.write('POST', `/matches/${matchId}/approve`);
    const done =
      answer.status === 200 ||
      (answer.status === 409 && answer.retried && (await this.client.read(`/matches/${matchId}`)).body?.status === 'approved');
    if (done) {
      this.books.approvals.push(matchId);
      this.ack();
    } else this.expect(answer, [200], `approval of ${matchId}`);
  }

  /** A 409 on a retried hire is looked up: done by our first attempt, or refused (the opening is full). */
  private async hire(match: { id: string; seekerId: string; openingId: string }): Promise<void> {
    const answer = await this.client.write('POST', '/placements', { matchId: match.id });
    let done = answer.status === 201;
    if (answer.status === 409 && answer.retried) {
      const found = await this.client.read(`/placements/${match.id}`);
      done = found.status === 200 && found.body.status === 'hired';
      if (done) this.books.hiresFoundDone++;
    }
    if (done) {
      this.books.placements.set(match.id, { seekerId: match.seekerId, openingId: match.openingId, cancelled: false });
      this.ack();
    } else if (answer.status === 409) this.books.hiresRefused++;
    else this.expect(answer, [201], `hire of ${match.id}`);
  }

  private async cancel(placementId: string): Promise<void> {
    const answer = await this.client.write('POST', `/placements/${placementId}/status`, {
      status: 'cancelled',
      note: 'withdrew (chaos run)',
    });
    const done =
      answer.status === 200 ||
      (answer.status === 409 && answer.retried && (await this.client.read(`/placements/${placementId}`)).body?.status === 'cancelled');
    if (done) {
      this.books.placements.get(placementId)!.cancelled = true;
      this.ack();
    } else this.expect(answer, [200], `cancellation of ${placementId}`);
  }
}

interface Discrepancies {
  lost: string[];
  doubled: string[];
  mismatched: string[];
}

/** The books of every service against what was acknowledged. */
async function audit(client: CarefulClient, books: Books): Promise<Discrepancies> {
  const found: Discrepancies = { lost: [], doubled: [], mismatched: [] };
  const present = async (path: string, what: string) => {
    const answer = await client.read(path);
    if (answer.status !== 200) found.lost.push(`${what} (${path}: ${answer.status})`);
    return answer.status === 200 ? answer.body : undefined;
  };
  const duplicates = (names: string[], what: string) => {
    const seen = new Map<string, number>();
    for (const n of names) seen.set(n, (seen.get(n) ?? 0) + 1);
    for (const [n, count] of seen) if (count > 1) found.doubled.push(`${what} "${n}" ${count} times`);
  };

  const ours = new Set(books.employers.map((e) => e.name));
  for (const e of books.employers) await present(`/employers/${e.id}`, `employer ${e.id}`);
  duplicates(
    (await client.list<{ name: string }>('/employers')).map((e) => e.name).filter((n) => ours.has(n)),
    'employer',
  );

  // What the matcher holds is what the other services must agree with (and must include every acknowledged placement).
  const placements = await client.list<{ id: string; seekerId: string; openingId: string; status: string }>(
    `/placements?fairId=${books.fairId}`,
  );
  const active = placements.filter((p) => p.status === 'hired' || p.status === 'departed');
  const activeBy = (field: 'openingId' | 'seekerId', id: string) => active.filter((p) => p[field] === id).length;

  for (const employerId of new Set(books.openings.map((o) => o.employerId))) {
    duplicates(
      (await client.list<{ title: string }>(`/openings?employerId=${employerId}`)).map((o) => o.title),
      'opening',
    );
  }
  for (const o of books.openings) {
    const opening = await present(`/openings/${o.id}`, `opening ${o.id}`);
    if (opening && opening.filled !== activeBy('openingId', o.id)) {
      found.mismatched.push(`opening ${o.id}: filled ${opening.filled}, active placements ${activeBy('openingId', o.id)}`);
    }
  }
  for (const s of books.seekers) {
    const seeker = await present(`/seekers/${s.id}`, `seeker ${s.id}`);
    const placed = activeBy('seekerId', s.id);
    if (placed > 1) found.doubled.push(`seeker ${s.id}: ${placed} active placements`);
    if (seeker && seeker.available !== (placed === 0)) {
      found.mismatched.push(`seeker ${s.id}: available ${seeker.available}, active placements ${placed}`);
    }
  }
  for (const c of books.checkIns) await present(`/fairs/${books.fairId}/check-ins/${c.id}`, `check-in ${c.id}`);
  for (const [id, expected] of books.placements) {
    const placement = await present(`/placements/${id}`, `placement ${id}`);
    if (placement && expected.cancelled && placement.status !== 'cancelled')
      found.lost.push(`cancellation of placement ${id} (status ${placement.status})`);
    if (placement && !expected.cancelled && placement.status === 'cancelled')
      found.mismatched.push(`placement ${id}: cancelled, never asked`);
  }

  const stats = (await client.read(`/fairs/${books.fairId}/stats`)).body;
  const matches = await client.list(`/matches?fairId=${books.fairId}`);
  // The fair counts a placement while it stands: a cancelled one is taken off again.
  const expected = {
    checkIns: books.checkIns.length,
    matches: matches.length,
    placements: placements.filter((p) => p.status !== 'cancelled').length,
  };
  for (const [field, want] of Object.entries(expected)) {
    if (stats?.[field] === want) continue;
    const list = stats?.[field] > want ? found.doubled : found.mismatched;
    list.push(`fair statistics: ${field} ${stats?.[field]}, expected ${want}`);
  }
  return found;
}

/** The end offset of every partition of every dead-letter topic. */
async function deadLetterOffsets(kafka: Kafka): Promise<Map<string, Map<number, number>>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const offsets = new Map<string, Map<number, number>>();
    for (const topic of (await admin.listTopics()).filter((t) => t.endsWith('.dlt'))) {
      offsets.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, Number(p.high)])));
    }
    return offsets;
  } finally {
    await admin.disconnect();
  }
}

/** The dead letters written since `before`, with the reason each carries (the dlt-reason header). */
async function newDeadLetters(kafka: Kafka, before: Map<string, Map<number, number>>): Promise<{ topic: string; reason: string }[]> {
  const after = await deadLetterOffsets(kafka);
  const wanted: { topic: string; partition: number; from: number; to: number }[] = [];
  for (const [topic, partitions] of after) {
    for (const [partition, high] of partitions) {
      const from = before.get(topic)?.get(partition) ?? 0;
      if (high > from) wanted.push({ topic, partition, from, to: high });
    }
  }
  if (!wanted.length) return [];
  const letters: { topic: string; reason: string }[] = [];
  const expected = wanted.reduce((sum, w) => sum + w.to - w.from, 0);
  const consumer = kafka.consumer({ groupId: `chaos-dlt-${randomUUID()}` });
  await consumer.connect();
  try {
    for (const topic of new Set(wanted.map((w) => w.topic))) await consumer.subscribe({ topic });
    let done: () => void = () => undefined;
    const all = new Promise<void>((resolveAll) => (done = resolveAll));
    await consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const w = wanted.find((x) => x.topic === topic && x.partition === partition);
        if (!w || Number(message.offset) < w.from || Number(message.offset) >= w.to) return;
        letters.push({ topic, reason: String(message.headers?.['dlt-reason'] ?? '(no reason)') });
        if (letters.length >= expected) done();
      },
    });
    for (const w of wanted) consumer.seek({ topic: w.topic, partition: w.partition, offset: String(w.from) });
    await Promise.race([all, sleep(DLT_READ_MS)]);
    // Whatever could not be read in time still counts, with an unknown reason.
    for (let i = letters.length; i < expected; i++) letters.push({ topic: '?', reason: '(not read in time)' });
    return letters;
  } finally {
    await consumer.disconnect();
  }
}

class System {
  readonly options: { portOffset: number; tag: string };
  readonly env: Record<string, string>;
  readonly infraEnv: Record<string, string>;
  urls: Record<string, string> = {};

  constructor(private readonly o: Options) {
    this.options = { portOffset: o.portOffset, tag: o.tag };
    this.infraEnv = infraEnvironment(o);
    const run = Date.now().toString(36);
    this.env = {
      KAFKA_BROKERS: `127.0.0.1:${this.infraEnv.KAFKA_PORT}`,
      MONGODB_URI: `mongodb://127.0.0.1:${this.infraEnv.MONGO_PORT}`,
      // Fresh books for every run: its own databases and consumer groups.
      MONGODB_DB_PREFIX: `chaos_${run}_`,
      KAFKA_GROUP_SUFFIX: `-chaos-${run}`,
    };
  }

  get brokers(): string[] {
    return this.env.KAFKA_BROKERS.split(',');
  }

  async start(): Promise<void> {
    await infra('start', this.infraEnv, this.o.verbose);
    await services.stop(this.options);
    // New groups would read each topic from its start, and a reused broker holds what other runs sent (tests' poison included).
    await startGroupsAtTheEnd(
      this.brokers,
      services.SERVICES.map(({ name }) => `${name}${this.env.KAFKA_GROUP_SUFFIX}`),
    );
    this.urls = (await services.start(this.options, this.env)).urls;
  }

  async stop(): Promise<void> {
    await services.stop(this.options);
  }

  /** Time until every service reports ready again. */
  async healed(since: number): Promise<number> {
    const deadline = Date.now() + HEAL_TIMEOUT_MS;
    for (const url of Object.values(this.urls)) {
      for (;;) {
        const ready = await fetch(`${url}/health/ready`, { signal: AbortSignal.timeout(ANSWER_TIMEOUT_MS) }).then(
          (r) => r.ok,
          () => false,
        );
        if (ready) break;
        if (Date.now() > deadline) throw new Error(`${url} not ready ${seconds(HEAL_TIMEOUT_MS)} after the fault`);
        await sleep(250);
      }
    }
    return Date.now() - since;
  }

  /** Injects one fault and returns how long the system took to answer again. */
  async inject(fault: Fault): Promise<string> {
    const started = Date.now();
    switch (fault.kind) {
      case 'kill-9':
        await services.stop({ ...this.options, only: [fault.target], signal: 'SIGKILL' });
        await sleep(DOWN_MS);
        await services.start({ ...this.options, only: [fault.target] }, this.env);
        return `healed ${seconds(await this.healed(started))}`;
      case 'broker-pause': {
        const pid = infraPid('kafka', this.infraEnv);
        process.kill(pid, 'SIGSTOP');
        await sleep(BROKER_PAUSE_MS);
        process.kill(pid, 'SIGCONT');
        const resumed = Date.now();
        return `paused ${seconds(BROKER_PAUSE_MS)}, healed ${seconds(await this.healed(resumed))} after SIGCONT`;
      }
      case 'broker-kill':
      case 'database-kill':
        process.kill(infraPid(fault.kind === 'broker-kill' ? 'kafka' : 'mongo', this.infraEnv), 'SIGKILL');
        await sleep(DOWN_MS);
        await infra('start', this.infraEnv, this.o.verbose);
        return `healed ${seconds(await this.healed(started))}`;
    }
  }
}

async function signIn(client: CarefulClient, gateway: string): Promise<void> {
  const answer = await new CarefulClient(new ApiClient(gateway)).write('POST', '/auth/token', {
    username: process.env.ADMIN_USERNAME ?? 'admin',
    password: process.env.ADMIN_PASSWORD ?? 'admin-change-me',
  });
  if (answer.status !== 200 && answer.status !== 201) throw new Error(`sign-in failed: ${answer.status} ${answer.text}`);
  client.signIn(answer.body.accessToken);
}

async function main(): Promise<number> {
  const options = parseOptions();
  if (!options.verbose) console.log = () => undefined; // the supervisor's own lines
  const system = new System(options);
  const { KAFKA_PORT, MONGO_PORT, INFRA_STATE_DIR } = system.infraEnv;
  say(
    `chaos: starting its own Kafka (port ${KAFKA_PORT}), database (h2, port ${MONGO_PORT}) and services (port offset ${options.portOffset}, tag ${options.tag})`,
  );
  try {
    await system.start();
    return await fairDayUnderFaults(options, system);
  } finally {
    await system.stop(); // the services of this run; Kafka and the database stay up for the next run
    const environment = ['KAFKA_PORT', 'KAFKA_CONTROLLER_PORT', 'MONGO_PORT', 'INFRA_STATE_DIR'].map(
      (name) => `${name}=${system.infraEnv[name]}`,
    );
    say(
      `chaos: its Kafka and database keep running (${INFRA_STATE_DIR}); to stop them: ${environment.join(' ')} bash deploy/local/infra.sh stop`,
    );
  }
}

async function fairDayUnderFaults(options: Options, system: System): Promise<number> {
  const client = new CarefulClient(new ApiClient(`${system.urls.gateway}/api`));
  await signIn(client, `${system.urls.gateway}/api`);
  const kafka = new Kafka({ brokers: system.brokers, logLevel: logLevel.NOTHING, retry: { retries: 10 } });
  const deadBefore = await deadLetterOffsets(kafka);

  const day = new FairDay(client, options);
  say(`chaos: a fair day of ${options.seekers} seekers (about ${Math.round(day.planned)} writes), ${options.faults} faults`);
  const began = Date.now();
  let dayDone = false;
  const playing = day.play().finally(() => (dayDone = true));
  // Faults spread over the day's writes; those left when the day is over come one after the other.
  const faulting = (async () => {
    for (let i = 0; i < options.faults; i++) {
      while (!dayDone && day.progress < i / options.faults) await sleep(200);
      const fault = FAULT_CYCLE[i % FAULT_CYCLE.length];
      const outcome = await system.inject(fault);
      say(`fault ${String(i + 1).padStart(3)}/${options.faults} ${fault.kind.padEnd(13)} ${fault.target.padEnd(9)} ${outcome}`);
    }
  })();
  // Both finish before anything is judged or stopped (a fault in progress restarts what it killed).
  const [played, faulted] = await Promise.allSettled([playing, faulting]);
  for (const outcome of [played, faulted]) if (outcome.status === 'rejected') throw outcome.reason;
  const books = day.books;
  say(
    `chaos: day done in ${seconds(Date.now() - began)}: ${books.acknowledged} acknowledged, ${client.retries} retries, ` +
      `${client.unanswered} writes never answered, ${books.placements.size} hires (${books.hiresFoundDone} found done after a 409), ` +
      `${books.hiresRefused} refused, ${[...books.placements.values()].filter((p) => p.cancelled).length} cancelled`,
  );
  // A day that hired nobody proved nothing about hires, seats and cancellations.
  if (!books.placements.size) throw new Error('the fair day hired nobody: its hires, seats and cancellations went untested');

  // Quiet: the books get time to agree; the last audit is the verdict.
  const settleUntil = Date.now() + SETTLE_MS;
  let found: Discrepancies;
  for (;;) {
    found = await audit(client, books);
    const total = found.lost.length + found.doubled.length + found.mismatched.length;
    if (total === 0 || Date.now() > settleUntil) break;
    await sleep(SETTLE_POLL_MS);
  }
  const dlt = await newDeadLetters(kafka, deadBefore);
  for (const line of [
    ...found.lost.map((l) => `lost: ${l}`),
    ...found.doubled.map((l) => `doubled: ${l}`),
    ...found.mismatched.map((l) => `mismatched: ${l}`),
  ])
    say(`chaos: ${line}`);
  for (const { topic, reason } of dlt) say(`chaos: dead letter in ${topic}: ${reason.slice(0, 300)}`);
  const dltTotal = dlt.length;
  say(
    `chaos: faults=${options.faults} acknowledged=${books.acknowledged} lost=${found.lost.length} doubled=${found.doubled.length} mismatched=${found.mismatched.length} dlt=${dltTotal}`,
  );
  return found.lost.length + found.doubled.length + found.mismatched.length + dltTotal === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`chaos: ${(error as Error).stack ?? error}\n`);
    process.exit(2);
  },
);
