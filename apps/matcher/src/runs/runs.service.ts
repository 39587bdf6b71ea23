import {
  BadRequestException,
  ConflictException,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import {
  MatchingRunCompleted,
  MatchingRunFailed,
  MatchingRunRequested,
  MatchingRunSnapshot,
  MatchingRunStarted,
  MatchingRunState,
  OpeningSnapshot,
  PROGRAMME_CAPS,
  RunSummary,
  SeekerSnapshot,
} from '@jobfair/contracts';
import {
  MAX_LISTED_CHANGES,
  Match as ProposedMatch,
  MatchingRunResult,
  RecordedRun,
  alternateDifferences,
  ScoreWeights,
  UnknownOpeningError,
  compareWhatIf,
  outcomeChanges,
  resolvedWeights,
  seekerOutcome,
  withChanges,
} from '@jobfair/matching';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { badRequest, findPage } from '@jobfair/platform';
import { MatchesService } from '../matches/matches.service';
import { openingProfile, seekerProfile } from '../read-models/matching-profiles';
import { ReadModelsService, openingIdsAt } from '../read-models/read-models.service';
import { MatcherConfig } from '../service-spec';
import { runMatchingInWorker } from './matching-worker';
import { MatchingRun, runListItem, runSnapshot, runView } from './matching-run.schema';
import { countReasonCodes } from './reason-codes';
import { abandoned, abandonedFilter, leaseFor, mayComplete, ownedFilter } from './run-lease';
import { RunInputRecord, RunShortlist, shortlistOptions } from './run-input.schema';
import { LoadedRunInput, RunInputsService, RunProfiles, matchingCodeVersion } from './run-inputs.service';
import { ListRunsQuery, RecomputeDto, StartRunDto, WhatIfDto } from './run.dto';
import { runDuration, runOpenings, runSeekers } from './run-metrics';

/** Unmatched seekers listed on a run with their reasons; the summary counts every one. */
export const MAX_LISTED_UNMATCHED = 1000;
/** Reasons kept per listed seeker, most frequent first, in words for people (the summary counts codes). */
const REASONS_PER_SEEKER = 5;

export const INTERRUPTED = 'interrupted: the matcher working on it stopped before the run finished (its lease ran out); start a new run';

/**
 * Matching runs as background jobs: an in-memory queue in this process, one run at a time.
 * Each queued or running run is leased to the process that queued it, which renews the lease
 * while it waits or computes; a run whose lease ran out (its process crashed) is failed by
 * whichever matcher instance sees it first, at start-up or on the renewal interval, so no run
 * stays "running" forever and no live run of another instance is failed.
 */
@Injectable()
export class RunsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(RunsService.name);
  private readonly runs: AggregateRepository<MatchingRun, MatchingRunSnapshot | MatchingRunState>;
  /** The queue: each run starts when the one before it has ended. */
  private queue: Promise<void> = Promise.resolve();
  /** Recomputations and what-ifs of this process, one at a time (each holds a run's inputs and two results in memory). */
  private replays: Promise<unknown> = Promise.resolve();
  /** This process, as the owner of its leases. */
  private readonly owner = uuidv7();
  /** The runs this process holds the lease of (queued or running here). */
  private readonly owned = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectModel(MatchingRun.name) model: Model<MatchingRun>,
    relay: OutboxRelay,
    private readonly readModels: ReadModelsService,
    private readonly matches: MatchesService,
    private readonly config: MatcherConfig,
    private readonly inputs: RunInputsService,
  ) {
    this.runs = new AggregateRepository(model, relay, runSnapshot);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.failAbandoned();
    this.timer = setInterval(
      () =>
        void this.renewLeases()
          .then(() => this.failAbandoned())
          .catch((error: Error) => this.logger.warn(`run leases not kept: ${error.message}; next interval retries`)),
      this.config.runLeaseMs / 3,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** Queues a run and answers at once; a fair must be known to the matcher (404 otherwise). */
  async start(dto: StartRunDto): Promise<{ id: string; status: string }> {
    const shortlist = this.shortlistOf(dto);
    if (dto.fairId !== undefined && !(await this.readModels.fair(dto.fairId))) throw new NotFoundException(`fair ${dto.fairId} not found`);
    const id = uuidv7();
    const run = await this.runs.create(
      {
        _id: id,
        fairId: dto.fairId,
        mode: dto.mode,
        weights: definedWeights(dto.weights),
        ...(shortlist ? { shortlist } : {}),
        status: 'queued',
        progress: 0,
        requestedAt: new Date().toISOString(),
        unmatched: [],
        openingFill: [],
        lease: leaseFor(this.owner, new Date(), this.config.runLeaseMs),
      },
      MatchingRunRequested,
      { correlationId: id },
    );
    this.owned.add(id);
    this.queue = this.queue.then(() => this.execute(id)).finally(() => this.owned.delete(id));
    return { id, status: run.status };
  }

  /** A shortlist run's settings (none for one-to-one); an allowance of lists without a ratio above 1 is a contradiction (400). */
  private shortlistOf(dto: StartRunDto): RunShortlist | undefined {
    const ratio = dto.shortlistRatio ?? 1;
    if (ratio > 1) return { ratio, perSeeker: dto.shortlistsPerSeeker ?? this.config.shortlistsPerSeeker };
    if (dto.shortlistsPerSeeker !== undefined) throw badRequest(['shortlistsPerSeeker: only for a shortlist run (shortlistRatio above 1)']);
    return undefined;
  }

  /** Runs are few (a handful a fair): the filter may scan them. */
  list(query: ListRunsQuery) {
    const filter = { ...(query.fairId ? { fairId: query.fairId } : {}), ...(query.status ? { status: query.status } : {}) };
    return findPage(this.runs.model, filter, query, runListItem, { newestFirst: true });
  }

  async get(id: string) {
    const run = await this.runs.model.findById(id, { outbox: 0 }).lean<MatchingRun>();
    if (!run) throw new NotFoundException(`matching run ${id} not found`);
    return runView(run);
  }

  /**
   * The run computed again from its recorded inputs, settings and weights (with this process's
   * code), compared with the matches it proposed: `same` when every seeker has the same opening
   * at the same score. Writes nothing. With `seekerId`, that seeker's outcome and its reasons.
   */
  recompute(id: string, dto: RecomputeDto) {
    return this.replay(async () => {
      const { run, record, loaded, recorded } = await this.recordedRun(id);
      const [result, proposed] = await Promise.all([solve(recorded), this.matches.proposedBy(id)]);
      const firstChoices = proposed.filter((match) => (match.layer ?? 1) === 1);
      const alternates = proposed.filter((match) => (match.layer ?? 1) > 1);
      const changes = outcomeChanges(firstChoices, result.matches, { scores: true });
      const alternatesDiffer = alternateDifferences(alternates, result.alternates);
      return {
        runId: id,
        snapshotId: record.snapshotId,
        codeVersion: { recorded: record.codeVersion, current: matchingCodeVersion() },
        inputIntact: loaded.intact,
        erasedSeekers: loaded.erasedSeekerIds.length,
        same: changes.length === 0 && alternatesDiffer === 0 && result.summary.totalScore === run.summary?.totalScore,
        recorded: { matched: firstChoices.length, alternates: alternates.length, totalScore: run.summary?.totalScore },
        recomputed: { matched: result.summary.matched, alternates: result.alternates.length, totalScore: result.summary.totalScore },
        differences: changes.length,
        alternateDifferences: alternatesDiffer,
        changes: changes.slice(0, MAX_LISTED_CHANGES),
        ...(dto.seekerId === undefined
          ? {}
          : { seeker: { ...seekerOutcome(result, dto.seekerId), erased: loaded.erasedSeekerIds.includes(dto.seekerId) } }),
      };
    });
  }

  /** The run's inputs with changed settings, side by side with its own settings over the same inputs. Writes nothing, tells nobody. */
  whatIf(id: string, dto: WhatIfDto) {
    return this.replay(async () => {
      const { recorded } = await this.recordedRun(id);
      let changed: RecordedRun;
      try {
        changed = withChanges(recorded, { ...dto, weights: definedWeights(dto.weights) });
      } catch (error) {
        if (error instanceof UnknownOpeningError) throw new BadRequestException(error.message);
        throw error;
      }
      const [current, whatIf] = await Promise.all([solve(recorded), solve(changed)]);
      return { runId: id, ...compareWhatIf({ run: recorded, result: current }, { run: changed, result: whatIf }, MAX_LISTED_CHANGES) };
    });
  }

  private replay<T>(work: () => Promise<T>): Promise<T> {
    const done = this.replays.then(work, work);
    this.replays = done.catch(() => undefined);
    return done;
  }

  /** A completed run with its recorded inputs (404 for no run, 409 for one without them). */
  private async recordedRun(
    id: string,
  ): Promise<{ run: MatchingRun; record: RunInputRecord; loaded: LoadedRunInput; recorded: RecordedRun }> {
    const run = await this.runs.model.findById(id, { outbox: 0, unmatched: 0, openingFill: 0 }).lean<MatchingRun>();
    if (!run) throw new NotFoundException(`matching run ${id} not found`);
    if (run.status !== 'completed')
      throw new ConflictException(`matching run ${id} is ${run.status}: only a completed run can be computed again`);
    const record = run.input;
    if (!record) throw new ConflictException(`matching run ${id} ran before runs recorded their inputs: it cannot be computed again`);
    const loaded = await this.inputs.load(record.snapshotId);
    if (!loaded) throw new ConflictException(`matching run ${id}: its recorded input ${record.snapshotId} is missing`);
    return {
      run,
      record,
      loaded,
      recorded: {
        seekers: loaded.seekers,
        openings: loaded.openings,
        mode: run.mode,
        weights: record.weights,
        // A what-if that asks for shortlists of a one-to-one run gets the matcher's allowance of lists.
        options: {
          programmeCaps: record.programmeCaps,
          shortlistsPerSeeker: this.config.shortlistsPerSeeker,
          ...shortlistOptions(record.shortlist),
        },
      },
    };
  }

  /** Stores what the run is computed from before computing it: the profiles (content-addressed), every weight, the code. */
  private async recordInput(profiles: RunProfiles, weights?: Partial<ScoreWeights>, shortlist?: RunShortlist): Promise<RunInputRecord> {
    return {
      snapshotId: await this.inputs.record(profiles),
      seekers: profiles.seekers.length,
      openings: profiles.openings.length,
      weights: resolvedWeights(weights),
      programmeCaps: PROGRAMME_CAPS,
      ...(shortlist ? { shortlist } : {}),
      codeVersion: matchingCodeVersion(),
    };
  }

  /** Never throws: a failure is recorded on the run, and the queue goes on. */
  private async execute(id: string): Promise<void> {
    let ended: (outcome: 'completed' | 'failed') => void = () => undefined;
    try {
      const run = await this.runs.update(
        id,
        (current) =>
          current.status === 'queued' && current.lease?.owner === this.owner
            ? { set: { status: 'running', startedAt: new Date().toISOString() }, event: MatchingRunStarted }
            : null,
        { correlationId: id, where: { 'lease.owner': this.owner } },
      );
      if (run?.status !== 'running') return;
      const measured = runDuration.startTimer({ mode: run.mode });
      ended = (outcome) => measured({ outcome });
      const { seekers, openings } = await this.workingSet(run.fairId);
      runSeekers.observe({ mode: run.mode }, seekers.length);
      runOpenings.observe({ mode: run.mode }, openings.length);
      const profiles: RunProfiles = { seekers: seekers.map(seekerProfile), openings: openings.map(openingProfile) };
      const input = await this.recordInput(profiles, run.weights, run.shortlist);
      let progressWrites = Promise.resolve();
      const result = await runMatchingInWorker(
        {
          ...profiles,
          mode: run.mode,
          weights: input.weights,
          options: { programmeCaps: input.programmeCaps, ...shortlistOptions(input.shortlist) },
        },
        (percent) => (progressWrites = progressWrites.then(() => this.recordProgress(id, percent))),
      );
      await progressWrites;
      // Another instance failed it meanwhile (this process stalled past its lease): its result is not proposed.
      if (!(await this.runs.model.exists({ _id: id, ...ownedFilter(this.owner) }))) return this.lost(id);
      await this.propose(run, result, openings);
      const completed = await this.runs.update(
        id,
        (current) => (mayComplete(current, this.owner) ? { set: completion(result, input), event: MatchingRunCompleted } : null),
        { correlationId: id, where: ownedFilter(this.owner) },
      );
      if (completed?.status === 'completed') ended('completed');
      else this.lost(id);
    } catch (error) {
      ended('failed');
      this.logger.error(`matching run ${id} failed: ${(error as Error).stack}`);
      await this.fail(id, `failed: ${(error as Error).message}`.slice(0, 500)).catch((e: Error) =>
        this.logger.error(`matching run ${id} could not be marked failed: ${e.message}`),
      );
    }
  }

  /**
   * A fair run: the fair's checked-in seekers and its booths' openings. A roster run:
   * every available seeker and every open opening. One find per collection.
   */
  private async workingSet(fairId?: string): Promise<{ seekers: SeekerSnapshot[]; openings: OpeningSnapshot[] }> {
    const fair = fairId === undefined ? undefined : await this.readModels.fair(fairId);
    if (fair === null) throw new Error(`fair ${fairId} is no longer known`);
    const [seekers, openings] = await Promise.all([
      fair
        ? this.readModels.attendeeIds(fair._id).then((ids) => this.readModels.availableSeekers(ids))
        : this.readModels.availableSeekers(),
      this.readModels.openOpenings(fair ? openingIdsAt(fair) : undefined),
    ]);
    return { seekers, openings };
  }

  private async propose(run: MatchingRun, result: MatchingRunResult, openings: OpeningSnapshot[]): Promise<void> {
    const employerOf = new Map(openings.map((opening) => [opening.id, opening.employerId]));
    await this.matches.propose(
      [...result.matches, ...result.alternates].map((match: ProposedMatch) => ({
        _id: uuidv7(),
        runId: run._id,
        ...(run.fairId ? { fairId: run.fairId } : {}),
        seekerId: match.seekerId,
        openingId: match.openingId,
        employerId: employerOf.get(match.openingId)!,
        score: match.score,
        breakdown: { ...match.breakdown },
        quotaClass: match.quotaClass,
        designated: match.designated,
        ...(match.notes ? { notes: match.notes } : {}),
        ...(match.layer === undefined ? {} : { layer: match.layer, rank: match.rank, alternate: match.layer > 1 }),
        status: 'proposed',
      })),
      run._id,
    );
  }

  /** Progress is telemetry: one field, no version bump and no event, only while the run is running. */
  private async recordProgress(id: string, percent: number): Promise<void> {
    await this.runs.model.updateOne({ _id: id, status: 'running' }, { $set: { progress: percent } });
  }

  /** A failure of this process's own run: only while it still holds the lease. */
  private async fail(id: string, failure: string): Promise<void> {
    await this.runs.update(
      id,
      (current) =>
        current.status !== 'completed' && current.status !== 'failed' && current.lease?.owner === this.owner
          ? { set: { status: 'failed', failure, finishedAt: new Date().toISOString() }, event: MatchingRunFailed }
          : null,
      { correlationId: id, where: { 'lease.owner': this.owner } },
    );
  }

  private lost(id: string): void {
    this.logger.warn(`matching run ${id} was failed by another matcher while this one computed it (its lease ran out): result dropped`);
  }

  /** One conditional write for all of this process's runs: only those it still holds are extended. */
  private async renewLeases(): Promise<void> {
    if (!this.owned.size) return;
    await this.runs.model.updateMany(
      { _id: { $in: [...this.owned] }, 'lease.owner': this.owner, status: { $in: ['queued', 'running'] } },
      { $set: { lease: leaseFor(this.owner, new Date(), this.config.runLeaseMs) } },
    );
  }

  /** Fails the queued or running runs whose lease ran out: their process is gone. */
  private async failAbandoned(): Promise<void> {
    const left = await this.runs.model.find(abandonedFilter(new Date()), { _id: 1 }).lean();
    for (const { _id } of left) {
      const now = new Date();
      await this.runs.update(
        _id,
        (current) =>
          abandoned(current, now)
            ? { set: { status: 'failed', failure: INTERRUPTED, finishedAt: now.toISOString() }, event: MatchingRunFailed }
            : null,
        { correlationId: _id, where: abandonedFilter(now) },
      );
    }
    if (left.length) this.logger.warn(`${left.length} runs whose matcher stopped before they finished were marked failed`);
  }
}

/** Only the weights given: a part left out keeps the library's default. */
function definedWeights(weights?: StartRunDto['weights']): Partial<ScoreWeights> | undefined {
  return weights && Object.fromEntries(Object.entries(weights).filter(([, value]) => value !== undefined));
}

/** A recorded run solved off the main thread, as a run is. */
function solve(run: RecordedRun): Promise<MatchingRunResult> {
  return runMatchingInWorker(run, () => undefined);
}

function completion(result: MatchingRunResult, input: RunInputRecord): Partial<MatchingRun> {
  const s = result.summary;
  const summary: RunSummary = {
    matched: s.matched,
    unmatched: s.unmatched,
    totalScore: s.totalScore,
    seekers: s.seekers,
    openings: s.openings,
    byQuotaClass: s.byQuotaClass,
    designated: s.designated,
    ...(s.alternates === undefined ? {} : { shortlistRatio: input.shortlist?.ratio, alternates: s.alternates }),
    unmatchedReasons: countReasonCodes(result.unmatched),
  };
  return {
    status: 'completed',
    input,
    progress: 100,
    finishedAt: new Date().toISOString(),
    summary,
    openingFill: s.openingFill,
    unmatched: result.unmatched.slice(0, MAX_LISTED_UNMATCHED).map((seeker) => {
      const listed = seeker.reasons.slice(0, REASONS_PER_SEEKER);
      return { seekerId: seeker.seekerId, reasons: listed.map((reason) => reason.text), reasonCodes: listed.map((reason) => reason.code) };
    }),
  };
}
