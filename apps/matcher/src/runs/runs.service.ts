import { Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
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
  RunSummary,
  SeekerSnapshot,
} from '@jobfair/contracts';
import type { MatchingRunResult, ScoreWeights } from '@jobfair/matching';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { findPage } from '@jobfair/platform';
import { MatchesService } from '../matches/matches.service';
import { openingProfile, seekerProfile } from '../read-models/matching-profiles';
import { ReadModelsService, openingIdsAt } from '../read-models/read-models.service';
import { runMatchingInWorker } from './matching-worker';
import { MatchingRun, runListItem, runSnapshot, runView } from './matching-run.schema';
import { countReasonCodes } from './reason-codes';
import { ListRunsQuery, StartRunDto } from './run.dto';

/** Unmatched seekers listed on a run with their reasons; the summary counts every one. */
export const MAX_LISTED_UNMATCHED = 1000;
/** Reasons kept per listed seeker, most frequent first, in words for people (the summary counts codes). */
const REASONS_PER_SEEKER = 5;

export const INTERRUPTED = 'interrupted: the matcher stopped before the run finished (runs are in-memory jobs); start a new run';

/**
 * Matching runs as background jobs: an in-memory queue in this process, one run at a
 * time. Nothing survives a restart: start-up marks the runs a crash left queued or
 * running as failed, so no run stays "running" forever.
 */
@Injectable()
export class RunsService implements OnApplicationBootstrap {
  private readonly logger = new Logger(RunsService.name);
  private readonly runs: AggregateRepository<MatchingRun, MatchingRunSnapshot | MatchingRunState>;
  /** The queue: each run starts when the one before it has ended. */
  private queue: Promise<void> = Promise.resolve();

  constructor(
    @InjectModel(MatchingRun.name) model: Model<MatchingRun>,
    relay: OutboxRelay,
    private readonly readModels: ReadModelsService,
    private readonly matches: MatchesService,
  ) {
    this.runs = new AggregateRepository(model, relay, runSnapshot);
  }

  async onApplicationBootstrap(): Promise<void> {
    const left = await this.runs.model.find({ status: { $in: ['queued', 'running'] } }, { _id: 1 }).lean();
    for (const { _id } of left) await this.fail(_id, INTERRUPTED);
    if (left.length) this.logger.warn(`${left.length} runs interrupted by the last stop were marked failed`);
  }

  /** Queues a run and answers at once; a fair must be known to the matcher (404 otherwise). */
  async start(dto: StartRunDto): Promise<{ id: string; status: string }> {
    if (dto.fairId !== undefined && !(await this.readModels.fair(dto.fairId))) throw new NotFoundException(`fair ${dto.fairId} not found`);
    const id = uuidv7();
    const run = await this.runs.create(
      {
        _id: id,
        fairId: dto.fairId,
        mode: dto.mode,
        weights: definedWeights(dto.weights),
        status: 'queued',
        progress: 0,
        requestedAt: new Date().toISOString(),
        unmatched: [],
        openingFill: [],
      },
      MatchingRunRequested,
      { correlationId: id },
    );
    this.queue = this.queue.then(() => this.execute(id));
    return { id, status: run.status };
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

  /** Never throws: a failure is recorded on the run, and the queue goes on. */
  private async execute(id: string): Promise<void> {
    try {
      const run = await this.runs.update(
        id,
        (current) =>
          current.status === 'queued'
            ? { set: { status: 'running', startedAt: new Date().toISOString() }, event: MatchingRunStarted }
            : null,
        { correlationId: id },
      );
      if (run?.status !== 'running') return;
      const { seekers, openings } = await this.workingSet(run.fairId);
      let progressWrites = Promise.resolve();
      const result = await runMatchingInWorker(
        { seekers: seekers.map(seekerProfile), openings: openings.map(openingProfile), mode: run.mode, weights: run.weights },
        (percent) => (progressWrites = progressWrites.then(() => this.recordProgress(id, percent))),
      );
      await progressWrites;
      await this.propose(run, result, openings);
      await this.runs.update(id, () => ({ set: completion(result), event: MatchingRunCompleted }), { correlationId: id });
    } catch (error) {
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
      result.matches.map((match) => ({
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
        status: 'proposed',
      })),
      run._id,
    );
  }

  /** Progress is telemetry: one field, no version bump and no event, only while the run is running. */
  private async recordProgress(id: string, percent: number): Promise<void> {
    await this.runs.model.updateOne({ _id: id, status: 'running' }, { $set: { progress: percent } });
  }

  private async fail(id: string, failure: string): Promise<void> {
    await this.runs.update(
      id,
      (current) =>
        current.status === 'queued' || current.status === 'running'
          ? { set: { status: 'failed', failure, finishedAt: new Date().toISOString() }, event: MatchingRunFailed }
          : null,
      { correlationId: id },
    );
  }
}

/** Only the weights given: a part left out keeps the library's default. */
function definedWeights(weights?: StartRunDto['weights']): Partial<ScoreWeights> | undefined {
  return weights && Object.fromEntries(Object.entries(weights).filter(([, value]) => value !== undefined));
}

function completion(result: MatchingRunResult): Partial<MatchingRun> {
  const s = result.summary;
  const summary: RunSummary = {
    matched: s.matched,
    unmatched: s.unmatched,
    totalScore: s.totalScore,
    seekers: s.seekers,
    openings: s.openings,
    byQuotaClass: s.byQuotaClass,
    designated: s.designated,
    unmatchedReasons: countReasonCodes(result.unmatched),
  };
  return {
    status: 'completed',
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
