import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { EventContract, MatchApproved, MatchHired, MatchPromoted, MatchProposed, MatchRejected, MatchSnapshot } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { Actor, Page, employerScope, findPage } from '@jobfair/platform';
import { ReadModelsService } from '../read-models/read-models.service';
import { MatchingRun } from '../runs/matching-run.schema';
import { ListMatchesQuery } from './match.dto';
import { MatchView, matchView } from './match-views';
import { Match, StoredPromotion, matchEvent } from './match.schema';

/** Matches written per bulk insert: bounds one write and one Kafka batch for a large run. */
const PROPOSE_BATCH = 1000;

export type NewMatch = Omit<Match, 'version' | 'outbox'>;

@Injectable()
export class MatchesService {
  private readonly matches: AggregateRepository<Match, MatchSnapshot>;
  /** Runs seen completed: a completed run stays completed, so approving its matches need not ask again. */
  private readonly completedRuns = new Set<string>();

  constructor(
    @InjectModel(Match.name) model: Model<Match>,
    @InjectModel(MatchingRun.name) private readonly runs: Model<MatchingRun>,
    relay: OutboxRelay,
    private readonly readModels: ReadModelsService,
  ) {
    this.matches = new AggregateRepository(model, relay, matchEvent);
  }

  /** Stores a run's proposals, each with its MatchProposed event, in bulk writes. */
  async propose(matches: NewMatch[], correlationId: string): Promise<void> {
    for (let start = 0; start < matches.length; start += PROPOSE_BATCH) {
      await this.matches.createMany(matches.slice(start, start + PROPOSE_BATCH), MatchProposed, { correlationId });
    }
  }

  /** What a run proposed, as it proposed it (whatever was decided since): seeker, opening and score. */
  proposedBy(runId: string): Promise<Pick<Match, 'seekerId' | 'openingId' | 'score' | 'layer'>[]> {
    return this.matches.model.find({ runId }, { _id: 0, seekerId: 1, openingId: 1, score: 1, layer: 1 }).lean();
  }

  /** One query; an employer sees only matches for its own openings. */
  async list(query: ListMatchesQuery, actor: Actor): Promise<Page<MatchView>> {
    const filter: FilterQuery<Match> = {};
    for (const field of ['runId', 'fairId', 'openingId', 'seekerId', 'status'] as const) if (query[field]) filter[field] = query[field];
    // Alternates wait on their lists, out of the review queue, until one moves up.
    if (query.alternates !== 'include') filter.alternate = query.alternates === 'only' ? true : { $ne: true };
    const scope = employerScope(actor);
    if (scope !== undefined) filter.employerId = scope;
    const page = await findPage(this.matches.model, filter, query, (match) => match);
    return { items: await this.views(page.items, actor), nextCursor: page.nextCursor };
  }

  async get(id: string, actor: Actor): Promise<MatchView> {
    const scope = employerScope(actor);
    const match = await this.matches.model.findById(id, { outbox: 0 }).lean<Match>();
    if (!match || (scope !== undefined && match.employerId !== scope)) throw new NotFoundException(`match ${id} not found`);
    return (await this.views([match], actor))[0];
  }

  /** The match as stored, for hiring from it (no view, no scope: the caller checks). */
  stored(id: string): Promise<Match | null> {
    return this.matches.model.findById(id, { outbox: 0 }).lean<Match>();
  }

  /** An approved match became a placement; a retried hire finds it hired already and changes nothing. `read`: the match as just read. */
  async markHired(id: string, read?: Match): Promise<void> {
    await this.matches.update(id, (current) => (current.status === 'approved' ? { set: { status: 'hired' }, event: MatchHired } : null), {
      current: read,
    });
  }

  /** Only a completed run's matches: a run that failed (its matcher crashed after proposing) proposed nothing to act on. */
  async approve(id: string, actor: Actor): Promise<MatchView> {
    const match = await this.stored(id);
    if (match && !this.completedRuns.has(match.runId)) {
      const run = await this.runs.findById(match.runId, { status: 1 }).lean();
      if (run?.status !== 'completed') {
        throw new ConflictException(
          `match ${id} is from run ${match.runId}, which is ${run?.status ?? 'gone'}: only a completed run's matches can be approved`,
        );
      }
      this.completedRuns.add(match.runId);
    }
    return this.review(id, actor, 'approved', MatchApproved, { read: match ?? undefined });
  }

  reject(id: string, reason: string, actor: Actor): Promise<MatchView> {
    return this.review(id, actor, 'rejected', MatchRejected, { reason });
  }

  /** The alternates still waiting on an opening's list in a run, first in rank first. */
  waitingAlternates(runId: string, openingId: string): Promise<Pick<Match, '_id' | 'seekerId' | 'rank'>[]> {
    return this.matches.model
      .find({ runId, openingId, alternate: true, status: 'proposed' }, { seekerId: 1, rank: 1 })
      .sort({ rank: 1, _id: 1 })
      .lean();
  }

  /** Of these seekers, those with an approved or hired match: already chosen elsewhere. */
  async chosenSeekers(seekerIds: string[]): Promise<Set<string>> {
    const chosen = await this.matches.model
      .find({ seekerId: { $in: seekerIds }, status: { $in: ['approved', 'hired'] } }, { seekerId: 1 })
      .lean();
    return new Set(chosen.map((match) => match.seekerId));
  }

  /**
   * The alternate moves up to a proposed match in the review queue, in the place of a failed
   * worker's placement: once (a repeat for the same placement changes nothing), and only while
   * it still waits. True when it is (now or already) that placement's replacement.
   */
  async promote(id: string, promotion: StoredPromotion): Promise<boolean> {
    const promoted = await this.matches.update(
      id,
      (current) =>
        current.alternate === true && current.status === 'proposed' ? { set: { alternate: false, promotion }, event: MatchPromoted } : null,
      { correlationId: promotion.placementId },
    );
    return promoted?.promotion?.placementId === promotion.placementId;
  }

  /** Review decides once: only a proposed match can be approved or rejected (409 otherwise, also for a repeat). */
  private async review(
    id: string,
    actor: Actor,
    status: 'approved' | 'rejected',
    event: EventContract<MatchSnapshot>,
    { reason, read }: { reason?: string; read?: Match } = {},
  ): Promise<MatchView> {
    const reviewed = await this.matches.update(
      id,
      (current) => {
        if (current.status !== 'proposed') throw new ConflictException(`match ${id} is already ${current.status}`);
        if (current.alternate) {
          throw new ConflictException(`match ${id} is an alternate (rank ${current.rank}): it moves up when a chosen worker fails`);
        }
        return { set: reason === undefined ? { status } : { status, reason }, event };
      },
      { current: read },
    );
    if (!reviewed) throw new NotFoundException(`match ${id} not found`);
    return (await this.views([reviewed], actor))[0];
  }

  private async views(matches: Match[], actor: Actor): Promise<MatchView[]> {
    const seekers = await this.readModels.seekersById(matches.map((match) => match.seekerId));
    const forEmployer = employerScope(actor) !== undefined;
    const today = new Date();
    return matches.map((match) => matchView(match, seekers.get(match.seekerId), forEmployer, today));
  }
}
