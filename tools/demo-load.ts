/**
 * Loads the demo data into a running system through the gateway's public HTTP API, as
 * the centre's staff would: employers, openings, seekers, fairs, booths, sign-ups, the
 * fairs' offline check-in uploads, then closes the fairs already held. Then one held fair
 * goes through the rest of its life: a matching run, the review of its proposals (most
 * approved, one or two rejected), the hires, departures, a return and a cancellation.
 *
 *   npm run -s demo:load -- [--scale 0.02] [--seed 1] [--gateway http://127.0.0.1:3000] [--concurrency 8] [--as-of YYYY-MM-DD]
 *                           [--loaded-on YYYY-MM-DD]
 *
 * The demo is of its own date (`--as-of`), but the expiry list counts from the real day: the
 * medical checks and roster entries due to run out within 30, 60 and 90 days are dated from the
 * day of loading (`--loaded-on`, default today). A second load on a later day adds nothing: the
 * seekers are already registered with the documents of the first.
 *
 * Exits 0 when the demo is in (printing the counts), 1 when too much failed (printing why).
 * Idempotent in a simple way: seekers are matched by national ID (409 -> look up); the
 * rest is skipped when the demo's marker employer already exists, except the lifecycle
 * fair's steps, each of which is done only when not done yet (its fair's completed run is
 * reused, a reviewed match stays as it is, a hire answers its placement, a placement's
 * later statuses are added only when missing): an interrupted load finishes them.
 */
import { localServiceUrl } from '@jobfair/contracts';
import { DEFAULT_AS_OF, generateDemo, DemoData, FairBody, MatchFate, cancelWhereAlternatesWait, planLifecycle } from '@jobfair/demo-data';
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
/** How long a matching run of the lifecycle fair may take (it is queued behind any other run). */
const RUN_WAIT_MS = 600_000;
const RUN_POLL_MS = 1000;

interface Options {
  scale: number;
  seed: number;
  gateway: string;
  concurrency: number;
  asOf?: string;
  loadedOn: string;
}

interface Match {
  id: string;
  seekerId: string;
  openingId: string;
  status: 'proposed' | 'approved' | 'rejected' | 'hired';
  /** An alternate that moved up for a failed worker: not one of the run's first choices, whose fates the demo plans. */
  promotion?: { placementId: string };
  /** Shortlist runs: 1 for a first choice, 2.. for an alternate. */
  layer?: number;
}

interface Placement {
  id: string;
  status: 'hired' | 'departed' | 'returned' | 'cancelled';
  history: { status: string }[];
}

interface Failure {
  what: string;
  status: number;
  body: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function parseOptions(): Options {
  const { values } = readCommandLine({
    usage: 'demo-load [--scale 1] [--seed 1] [--gateway URL] [--concurrency 8] [--as-of YYYY-MM-DD] [--loaded-on YYYY-MM-DD]',
    description: `
Loads the deterministic demo province into a running system through the gateway's API, as staff would.
  --scale N        share of the province (0.02 is what npm start loads; 1 is the whole province)
  --seed N         seed of the generator (the same seed gives the same people)
  --gateway URL    the gateway (default $GATEWAY_URL or the local one)
  --concurrency N  requests in flight
  --as-of DATE     the day the demo is generated for (default ${DEFAULT_AS_OF})
  --loaded-on DATE the day the documents due to run out within 30, 60 and 90 days are dated from
                   (default today: the expiry list counts from the real day)
Signs in with $ADMIN_USERNAME / $ADMIN_PASSWORD (default admin / admin-change-me).`,
    options: {
      scale: { type: 'string' },
      seed: { type: 'string' },
      gateway: { type: 'string' },
      concurrency: { type: 'string' },
      'as-of': { type: 'string' },
      'loaded-on': { type: 'string' },
    },
  });
  return {
    scale: numberOption(values, 'scale', 1, (n) => n > 0),
    seed: numberOption(values, 'seed', 1, Number.isInteger),
    gateway: String(values.gateway ?? process.env.GATEWAY_URL ?? localServiceUrl('gateway')).replace(/\/+$/, ''),
    concurrency: numberOption(values, 'concurrency', 8, (n) => Number.isInteger(n) && n > 0),
    asOf: values['as-of'] as string | undefined,
    loadedOn: (values['loaded-on'] as string | undefined) ?? new Date().toISOString().slice(0, 10),
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
        `demo: the marker employer "${demo.marker}" exists: employers, openings and fairs are already loaded; only seekers and the lifecycle fair's steps are checked`,
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
    if (loaded) return this.lifecycle(seekerIds, await this.findFair(demo.fairs[demo.lifecycle.fair].body));

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
    const lifecycleFair = fairIds[demo.lifecycle.fair];
    if (lifecycleFair) await this.lifecycle(seekerIds, lifecycleFair);
    else this.skip(`the lifecycle of fair ${demo.lifecycle.fair}`, 'its fair was not created');
  }

  /**
   * The lifecycle fair after its day, each step only if not done yet: its matching run (the
   * newest completed one, else a new one), then each proposal's fate (planLifecycle, in the
   * demo's order of the seekers): approved and hired, then departed (and returned) or
   * cancelled with a reason; or rejected with a reason.
   */
  private async lifecycle(seekerIds: (string | undefined)[], fairId: string): Promise<void> {
    const plan = this.demo.lifecycle;
    const name = this.demo.fairs[plan.fair].body.name;
    const runId = await this.matchingRun(fairId, name);
    const rank = new Map(seekerIds.map((id, index) => [id, index]));
    const order = (m: Match) => rank.get(m.seekerId) ?? seekerIds.length;
    const listed = await this.listAll<Match>(`/matches?runId=${runId}`, 'matches of the lifecycle run');
    const matches = listed.filter((m) => !m.promotion).sort((a, b) => order(a) - order(b) || a.openingId.localeCompare(b.openingId));
    if (!matches.length)
      throw new Error(
        `the matching run ${runId} of fair "${name}" proposed no match, so there is nothing to review or hire; ` +
          `see GET /api/matching/runs/${runId} for why seekers were not matched`,
      );
    // Every alternate the run listed, moved up or not, so that a second load plans the same fates.
    const alternates = await this.listAll<Match>(`/matches?runId=${runId}&alternates=include`, 'shortlists of the lifecycle run');
    const withAlternates = new Set(alternates.filter((m) => (m.layer ?? 1) > 1).map((m) => m.openingId));
    const fates = cancelWhereAlternatesWait(
      planLifecycle(plan, matches.length),
      matches.map((m) => m.openingId),
      withAlternates,
    );
    const reviewed = await this.each('matches reviewed', matches, async (match, i) => this.review(match, fates[i]));
    const hires = matches.flatMap((match, i) => (reviewed[i] && !fates[i].rejected ? [{ match, fate: fates[i] }] : []));
    await this.each('placements', hires, async ({ match, fate }) => this.follow(match, fate));
  }

  /** The id of the fair's newest completed run, or of a new one once the matcher knows the fair's check-ins and openings. */
  private async matchingRun(fairId: string, name: string): Promise<string> {
    const runs = await this.listAll<{ id: string; status: string }>(`/matching/runs?fairId=${fairId}`, 'runs of the lifecycle fair');
    const completed = runs.find((r) => r.status === 'completed');
    if (completed) {
      this.count('matching runs already completed');
      console.log(`demo: fair "${name}" has its matching run ${completed.id} already`);
      return completed.id;
    }
    let runId = runs.find((r) => r.status === 'queued' || r.status === 'running')?.id;
    if (!runId) {
      await this.untilMatcherKnows(fairId, name);
      const { mode, shortlistRatio } = this.demo.lifecycle;
      const started = await this.send('POST', '/matching/runs', { fairId, mode, shortlistRatio });
      if (started.status !== 202)
        throw new Error(`starting the matching run of fair "${name}" failed: ${started.status} ${started.text.slice(0, 300)}`);
      runId = started.body.id as string;
      this.count('matching runs');
    }
    const deadline = Date.now() + RUN_WAIT_MS;
    let shown = -1;
    for (;;) {
      const run = await this.send('GET', `/matching/runs/${runId}`);
      if (run.status === 200 && run.body.status === 'completed') {
        console.log(`demo: matching run ${runId} of fair "${name}" completed: ${run.body.summary?.matched ?? '?'} matched`);
        return runId;
      }
      if (run.status === 200 && run.body.status === 'failed')
        throw new Error(
          `the matching run ${runId} of fair "${name}" failed (${run.body.failure}); see the matcher's log, then load again: a new run is started`,
        );
      if (Date.now() > deadline)
        throw new Error(
          `the matching run ${runId} of fair "${name}" did not complete in ${RUN_WAIT_MS / 1000} s (last: ${run.status} ${run.text.slice(0, 200)}); ` +
            "see GET /api/matching/runs and the matcher's log, then load again: it waits for that run",
        );
      if (run.status === 200 && run.body.progress !== shown && run.body.progress % 25 === 0) {
        shown = run.body.progress;
        console.log(`demo: matching run ${runId} of fair "${name}": ${run.body.status} ${shown}%`);
      }
      await sleep(RUN_POLL_MS);
    }
  }

  /** Waits until the matcher has learned every check-in the fairs service holds for the fair, and every opening at its booths. */
  private async untilMatcherKnows(fairId: string, name: string): Promise<void> {
    const [fair, stats] = await Promise.all([this.send('GET', `/fairs/${fairId}`), this.send('GET', `/fairs/${fairId}/stats`)]);
    if (fair.status !== 200 || stats.status !== 200)
      throw new Error(
        `reading fair "${name}" failed: ${fair.status} ${stats.status} ${(fair.status !== 200 ? fair : stats).text.slice(0, 300)}`,
      );
    const openingIds = [...new Set((fair.body.booths as { openingIds: string[] }[]).flatMap((b) => b.openingIds))];
    const deadline = Date.now() + PROPAGATION_WAIT_MS;
    for (let delay = 250; ; delay = Math.min(delay * 2, 4000)) {
      const funnel = await this.send('GET', `/reports/funnel?fairId=${fairId}`);
      const checkedIn =
        funnel.status === 200 ? funnel.body.steps.find((s: { step: string }) => s.step === 'checkedIn')?.reached : undefined;
      const known = await Promise.all(openingIds.map(async (id) => (await this.send('GET', `/matching/openings/${id}`)).status === 200));
      if (checkedIn >= stats.body.checkIns && known.every(Boolean)) return;
      if (Date.now() > deadline)
        throw new Error(
          `the matcher knows ${checkedIn ?? '?'} of the ${stats.body.checkIns} check-ins and ${known.filter(Boolean).length} of the ` +
            `${openingIds.length} openings of fair "${name}" after ${PROPAGATION_WAIT_MS / 1000} s; check that it is running and ready ` +
            '(its /health/ready says why not), then load again',
        );
      this.count('retries');
      await sleep(delay);
    }
  }

  /** Approves or rejects a proposal; one already reviewed (or hired) is left as it is. */
  private async review(match: Match, fate: MatchFate): Promise<string | undefined> {
    if (match.status !== 'proposed') {
      // Reviewed otherwise by someone (in the console) is theirs to keep: it is left out of the demo's steps.
      const agrees = (match.status === 'rejected') === Boolean(fate.rejected);
      this.count(agrees ? 'matches already reviewed' : 'matches reviewed otherwise (left as they are)');
      return agrees ? match.id : undefined;
    }
    const response = fate.rejected
      ? await this.send('POST', `/matches/${match.id}/reject`, { reason: fate.rejected })
      : await this.send('POST', `/matches/${match.id}/approve`);
    if (response.status !== 200) return this.fail(`review of match ${match.id}`, response);
    this.count(fate.rejected ? 'matches rejected' : 'matches approved');
    return match.id;
  }

  /** Hires an approved match (a hire already made answers its placement), then adds the statuses its fate has and it lacks. */
  private async follow(match: Match, fate: MatchFate): Promise<string | undefined> {
    const plan = this.demo.lifecycle;
    const hired = await this.send('POST', '/placements', { matchId: match.id, at: plan.hiredAt });
    if (hired.status !== 201 && hired.status !== 200) return this.fail(`hire of match ${match.id}`, hired);
    this.count(hired.status === 201 ? 'placements hired' : 'placements already hired');
    const placement = hired.body as Placement;
    const steps = fate.cancelled
      ? [{ status: 'cancelled', at: plan.cancelledAt, note: fate.cancelled, reason: fate.cancelReason }]
      : [
          ...(fate.departed ? [{ status: 'departed', at: plan.departedAt }] : []),
          ...(fate.returned ? [{ status: 'returned', at: plan.returnedAt }] : []),
        ];
    for (const step of steps) {
      if (placement.history.some((h) => h.status === step.status)) {
        this.count('placement statuses already recorded');
        continue;
      }
      const changed = await this.send('POST', `/placements/${placement.id}/status`, step);
      if (changed.status !== 200) return this.fail(`placement ${placement.id} ${step.status}`, changed);
      this.count(`placements ${step.status}`);
    }
    return placement.id;
  }

  /** The fair of the demo by its name and start, as a loaded system holds it. */
  private async findFair(body: FairBody): Promise<string> {
    const fairs = await this.listAll<{ id: string; name: string; startsAt: string }>('/fairs', 'fairs');
    const found = fairs.find((f) => f.name === body.name && Date.parse(f.startsAt) === Date.parse(body.startsAt));
    if (!found)
      throw new Error(
        `the marker employer "${this.demo.marker}" exists but not the fair "${body.name}": an earlier load stopped early. ` +
          'Load into an empty database (npm stop, remove .local/data, npm start) or with another --seed',
      );
    return found.id;
  }

  /** Every item of a paged list route. */
  private async listAll<T>(route: string, what: string): Promise<T[]> {
    const items: T[] = [];
    let cursor: string | null = null;
    do {
      const page: ApiResponse = await this.send(
        'GET',
        `${route}${route.includes('?') ? '&' : '?'}limit=100${cursor ? `&cursor=${cursor}` : ''}`,
      );
      if (page.status !== 200)
        throw new Error(`listing ${what} failed: ${page.status} ${page.text.slice(0, 300)}; is the system up (npm start)?`);
      items.push(...(page.body.items as T[]));
      cursor = page.body.nextCursor;
    } while (cursor);
    return items;
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
    const employers = await this.listAll<{ name: string }>('/employers', 'employers');
    return employers.some((e) => e.name === this.demo.marker);
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
    work: (item: T, index: number) => Promise<string | undefined>,
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
        results[index] = await work(items[index], index);
        done++;
        if (done % step === 0 || done === items.length) {
          const seconds = (Date.now() - started) / 1000;
          const rate = seconds >= 0.1 ? `, ${(done / seconds).toFixed(1)}/s` : '';
          console.log(`demo: ${stage} ${done}/${items.length} (${seconds.toFixed(1)} s${rate})`);
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
  const demo = generateDemo({ seed: options.seed, scale: options.scale, asOf: options.asOf, loadedOn: options.loadedOn });
  const checkIns = demo.fairs.reduce((sum, fair) => sum + fair.checkIns.length, 0);
  console.log(
    `demo: seed ${demo.seed}, scale ${demo.scale}, as of ${demo.asOf} (documents dated from ${demo.loadedOn}): ` +
      `${demo.employers.length} employers, ${demo.openings.length} openings, ` +
      `${demo.seekers.length} seekers, ${demo.fairs.length} fairs (${demo.fairs.filter((f) => f.held).length} held), ${checkIns} check-ins; ` +
      `"${demo.fairs[demo.lifecycle.fair].body.name}" through matching, review, hires, departures and a return -> ${options.gateway}`,
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
