/**
 * Loads the demo data into a running system through the gateway's public HTTP API, as
 * the centre's staff would: employers, openings, seekers, fairs, booths, sign-ups, the
 * fairs' offline check-in uploads, then closes the fairs already held.
 *
 *   npm run -s demo:load -- [--scale 0.02] [--seed 1] [--gateway http://127.0.0.1:3000] [--concurrency 8] [--as-of YYYY-MM-DD]
 *
 * Exits 0 when the demo is in (printing the counts), 1 when too much failed (printing why).
 * Idempotent in a simple way: seekers are matched by national ID (409 -> look up); the
 * rest is skipped when the demo's marker employer already exists.
 */
import { localServiceUrl } from '@jobfair/contracts';
import { generateDemo, DemoData } from '@jobfair/demo-data';
import { ApiClient, ApiResponse } from '@jobfair/http-client';
import { numberOption, readCommandLine } from './command-line';

const BATCH = 500;
/** How long to wait for one service to learn from another's events (booths need the openings, sign-ups the seekers). */
const PROPAGATION_WAIT_MS = 120_000;
/** More failures than this share of requests and the load counts as failed. */
const FAILURE_SHARE = 0.01;
const SHOWN_FAILURES = 5;
/**
 * The fairs service stores an upload's items one by one: a batch of 500 can outlast the
 * gateway's proxy timeout on a busy machine, so fewer uploads run at once.
 */
const UPLOADS_IN_FLIGHT = 3;
/** The gateway gave up waiting or the connection dropped: the upload may have been stored, and is safe to repeat. */
const UNANSWERED = [0, 502, 503, 504];
const MAX_UNANSWERED = 3;

interface Options {
  scale: number;
  seed: number;
  gateway: string;
  concurrency: number;
  asOf?: string;
}

interface Failure {
  what: string;
  status: number;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(): Options {
  const { values } = readCommandLine({
    usage: 'demo-load [--scale 1] [--seed 1] [--gateway URL] [--concurrency 8] [--as-of YYYY-MM-DD]',
    description: `
Loads the deterministic demo province into a running system through the gateway's API, as staff would.
  --scale N        share of the province (0.02 is what npm start loads; 1 is the whole province)
  --seed N         seed of the generator (the same seed gives the same people)
  --gateway URL    the gateway (default $GATEWAY_URL or the local one)
  --concurrency N  requests in flight
  --as-of DATE     the day the demo is generated for (default today)
Signs in with $ADMIN_USERNAME / $ADMIN_PASSWORD (default admin / admin-change-me).`,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      gateway: { type: 'string' },
      concurrency: { type: 'string' },
      'as-of': { type: 'string' },
    },
  });
  return {
    scale: numberOption(values, 'scale', 1, (n) => n > 0),
    seed: numberOption(values, 'seed', 1, Number.isInteger),
    gateway: String(values.gateway ?? process.env.GATEWAY_URL ?? localServiceUrl('gateway')).replace(/\/+$/, ''),
    concurrency: numberOption(values, 'concurrency', 8, (n) => Number.isInteger(n) && n > 0),
    asOf: values['as-of'] as string | undefined,
  };
}

class Loader {
  requests = 0;
  readonly failures: Failure[] = [];
  readonly counts: Record<string, number> = {};
  private api!: ApiClient;

  constructor(
    private readonly options: Options,
    private readonly demo: DemoData,
  ) {}

  count(what: string, n = 1): void {
    this.counts[what] = (this.counts[what] ?? 0) + n;
  }

  async login(): Promise<void> {
    const username = process.env.ADMIN_USERNAME ?? 'admin';
    const password = process.env.ADMIN_PASSWORD ?? 'admin-change-me';
    const response = await this.send('POST', '/auth/token', { username, password });
    if (response.status !== 200 && response.status !== 201) {
      throw new Error(`login as ${username} failed: ${response.status} ${response.text.slice(0, 300)}`);
    }
    this.api = this.api.withToken(response.body.accessToken);
  }

  async run(): Promise<void> {
    this.api = new ApiClient(`${this.options.gateway}/api`);
    await this.login();
    const demo = this.demo;
    const loaded = await this.markerExists();
    if (loaded)
      console.log(
        `demo: the marker employer "${demo.marker}" exists: employers, openings and fairs are already loaded; only seekers are checked`,
      );

    // The marker first and alone: once it exists, a second run skips all but the seekers.
    const register = async (body: DemoData['employers'][number]) =>
      this.created(await this.send('POST', '/employers', body), `employer ${body.name}`);
    const employerIds = loaded
      ? []
      : [await register(demo.employers[0]), ...(await this.each('employers', demo.employers.slice(1), register))];
    if (!loaded && employerIds[0]) this.count('employers');
    if (!loaded && !employerIds[0])
      throw new Error(`the marker employer could not be created: ${this.failures[0]?.status} ${this.failures[0]?.body}`);
    const openingIds = loaded
      ? []
      : await this.each('openings', demo.openings, async ({ employer, body }) => {
          const employerId = employerIds[employer];
          if (!employerId) return this.skip(`opening ${body.title}`, 'its employer was not created');
          return this.created(await this.send('POST', '/openings', { employerId, ...body }), `opening ${body.title}`);
        });
    const seekerIds = await this.each('seekers', demo.seekers, async (body) => {
      const response = await this.send('POST', '/seekers', body);
      if (response.status !== 409) return this.created(response, `seeker ${body.nationalId}`);
      this.count('seekers already registered');
      const found = await this.send('GET', `/seekers?nationalId=${body.nationalId}`);
      return found.status === 200 ? found.body.items[0]?.id : this.fail(`seeker ${body.nationalId} lookup`, found);
    });
    if (loaded) return;

    const fairIds = await this.each('fairs', demo.fairs, async ({ body }) =>
      this.created(await this.send('POST', '/fairs', body), `fair ${body.name}`),
    );
    // The fairs service learns openings and seekers from events: until it has, it answers 404 (or 409 for a stale status).
    const booths = demo.fairs.flatMap((fair, f) => fair.booths.map((booth) => ({ f, booth })));
    await this.each('booths', booths, async ({ f, booth }) => {
      const offered = booth.openings.map((o) => openingIds[o]);
      if (!fairIds[f] || !employerIds[booth.employer] || offered.some((id) => !id))
        return this.skip(`booth at fair ${f}`, 'its fair, employer or openings were not created');
      const response = await this.untilKnown(
        () => this.send('POST', `/fairs/${fairIds[f]}/booths`, { employerId: employerIds[booth.employer], openingIds: offered }),
        [404, 409],
      );
      return this.created(response, `booth of employer ${booth.employer} at fair ${f}`, [200, 201]);
    });
    const registrations = demo.fairs.flatMap((fair, f) => fair.registrations.map((seeker) => ({ f, seeker })));
    await this.each('registrations', registrations, async ({ f, seeker }) => {
      if (!fairIds[f] || !seekerIds[seeker]) return this.skip(`registration at fair ${f}`, 'its fair or seeker was not created');
      const response = await this.untilKnown(
        () => this.send('POST', `/fairs/${fairIds[f]}/registrations`, { seekerId: seekerIds[seeker] }),
        [404],
      );
      return this.created(response, `registration of seeker ${seeker} at fair ${f}`, [200, 201]);
    });

    const held = demo.fairs.flatMap((fair, f) => (fair.held && fairIds[f] ? [f] : []));
    await this.each('fairs opened', held, async (f) =>
      this.created(await this.send('POST', `/fairs/${fairIds[f]}/open`), `opening fair ${f}`, [200]),
    );
    const batches = held.flatMap((f) => {
      const items = demo.fairs[f].checkIns;
      return Array.from({ length: Math.ceil(items.length / BATCH) }, (_, b) => ({ f, items: items.slice(b * BATCH, (b + 1) * BATCH) }));
    });
    await this.each('check-in batches', batches, async ({ f, items }) => this.upload(fairIds[f]!, f, items), UPLOADS_IN_FLIGHT);
    await this.each('fairs closed', held, async (f) =>
      this.created(await this.send('POST', `/fairs/${fairIds[f]}/close`), `closing fair ${f}`, [200]),
    );
  }

  /**
   * One offline upload; items refused because the fairs service does not know the
   * national ID yet (the seeker's event is on its way) are uploaded again a little later.
   */
  private async upload(fairId: string, f: number, items: DemoData['fairs'][number]['checkIns']): Promise<string | undefined> {
    let pending = items;
    let unanswered = 0;
    const deadline = Date.now() + PROPAGATION_WAIT_MS;
    for (let delay = 500; pending.length; delay = Math.min(delay * 2, 5000)) {
      const response = await this.send('POST', `/fairs/${fairId}/check-ins/batch`, { items: pending });
      if (UNANSWERED.includes(response.status) && ++unanswered <= MAX_UNANSWERED) {
        this.count('retries');
        await sleep(delay);
        continue;
      }
      if (response.status !== 200) return this.fail(`check-in batch at fair ${f}`, response);
      const results = response.body.items as { index: number; status: string; error?: string }[];
      const unknown = results.filter((r) => r.status === 'rejected' && /no seeker with national ID/.test(r.error ?? ''));
      for (const r of results) {
        if (r.status !== 'rejected') this.count(`check-ins ${r.status}`);
        else if (!unknown.includes(r) || Date.now() > deadline) {
          this.failures.push({ what: `check-in ${pending[r.index].nationalId} at fair ${f}`, status: 200, body: r.error ?? '' });
        }
      }
      if (Date.now() > deadline) break;
      pending = unknown.map((r) => pending[r.index]);
      if (pending.length) await sleep(delay);
    }
    return fairId;
  }

  private async markerExists(): Promise<boolean> {
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await this.send('GET', `/employers?limit=100${cursor ? `&cursor=${cursor}` : ''}`);
      if (page.status !== 200) throw new Error(`listing employers failed: ${page.status} ${page.text.slice(0, 300)}`);
      if (page.body.items.some((e: { name: string }) => e.name === this.demo.marker)) return true;
      cursor = page.body.nextCursor;
    } while (cursor);
    return false;
  }

  /** Repeats a request while it answers one of `statuses`, until another service has caught up or the wait is over. */
  private async untilKnown(request: () => Promise<ApiResponse>, statuses: number[]): Promise<ApiResponse> {
    const deadline = Date.now() + PROPAGATION_WAIT_MS;
    for (let delay = 250; ; delay = Math.min(delay * 2, 4000)) {
      const response = await request();
      if (!statuses.includes(response.status) || Date.now() > deadline) return response;
      this.count('retries');
      await sleep(delay);
    }
  }

  /**
   * Runs `work` for every item with at most `concurrency` calls in flight; returns
   * what each call returned (an id, or undefined when it failed), and prints progress.
   */
  private async each<T>(
    stage: string,
    items: readonly T[],
    work: (item: T) => Promise<string | undefined>,
    concurrency = this.options.concurrency,
  ): Promise<(string | undefined)[]> {
    const results: (string | undefined)[] = new Array(items.length);
    const step = Math.max(1, Math.min(1000, Math.ceil(items.length / 10)));
    const started = Date.now();
    let next = 0;
    let done = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
        done++;
        if (done % step === 0 || done === items.length) {
          const seconds = (Date.now() - started) / 1000;
          console.log(`demo: ${stage} ${done}/${items.length} (${seconds.toFixed(1)} s, ${(done / seconds).toFixed(1)}/s)`);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
    this.count(stage, results.filter((r) => r !== undefined).length);
    return results;
  }

  private async send(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    this.requests++;
    try {
      return await this.api.request(method, path, body);
    } catch (error) {
      // The connection itself failed: recorded like a refusal, so one bad moment does not end the load.
      return { status: 0, body: undefined, text: (error as Error).message, headers: new Headers() };
    }
  }

  private created(response: ApiResponse, what: string, ok = [201]): string | undefined {
    return ok.includes(response.status) ? (response.body?.id ?? what) : this.fail(what, response);
  }

  private fail(what: string, response: ApiResponse): undefined {
    this.failures.push({ what, status: response.status, body: response.text.slice(0, 500) });
    return undefined;
  }

  private skip(what: string, why: string): undefined {
    this.failures.push({ what, status: 0, body: `skipped: ${why}` });
    return undefined;
  }
}

async function main(): Promise<number> {
  const options = parseOptions();
  const started = Date.now();
  const demo = generateDemo({ seed: options.seed, scale: options.scale, asOf: options.asOf });
  const checkIns = demo.fairs.reduce((sum, fair) => sum + fair.checkIns.length, 0);
  console.log(
    `demo: seed ${demo.seed}, scale ${demo.scale}, as of ${demo.asOf}: ${demo.employers.length} employers, ${demo.openings.length} openings, ` +
      `${demo.seekers.length} seekers, ${demo.fairs.length} fairs (${demo.fairs.filter((f) => f.held).length} held), ${checkIns} check-ins -> ${options.gateway}`,
  );
  const loader = new Loader(options, demo);
  await loader.run();
  const seconds = (Date.now() - started) / 1000;
  console.log(`demo: done in ${seconds.toFixed(1)} s, ${loader.requests} requests, ${(loader.requests / seconds).toFixed(1)} requests/s`);
  for (const [what, n] of Object.entries(loader.counts)) console.log(`demo:   ${what}: ${n}`);
  if (!loader.failures.length) return 0;
  console.log(`demo: ${loader.failures.length} failures; the first ${Math.min(SHOWN_FAILURES, loader.failures.length)}:`);
  for (const f of loader.failures.slice(0, SHOWN_FAILURES)) console.log(`demo:   ${f.what}: ${f.status} ${f.body}`);
  return loader.failures.length > loader.requests * FAILURE_SHARE ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`demo: ${error.message}`);
    process.exit(1);
  },
);
