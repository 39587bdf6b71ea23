import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { PROMOTING_CANCEL_REASONS, PlacementSnapshot } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { Actor, Page, employerScope, findPage, badRequest } from '@jobfair/platform';
import { MatchesService } from '../matches/matches.service';
import { ReadModelsService } from '../read-models/read-models.service';
import { AlternatePromotion } from './alternates';
import { Hiring } from './hiring';
import { OpeningSeatsService } from './opening-seats.service';
import { SeekerCommitments } from './seeker-commitments';
import { ChangePlacementStatusDto, HireDto, ListPlacementsQuery, PlacementView } from './placement.dto';
import { canMove, STATUS_EVENTS } from './placement-rules';
import { Placement, placementSnapshot } from './placement.schema';

/** The reason of a cancel may be health: centre staff see it, employers do not. */
export function placementView(p: Placement, forEmployer = false): PlacementView {
  return {
    ...placementSnapshot(p),
    hiredAt: p.hiredAt,
    market: p.market,
    sector: p.sector,
    history: p.history.map(({ status, at, note, by }) => ({ status, at, note, by })),
    ...(p.cancelReason && !forEmployer ? { cancelReason: p.cancelReason } : {}),
    ...(p.promotion
      ? { promotion: p.promotion.status, ...(p.promotion.status === 'done' ? { promotedMatchId: p.promotion.matchId } : {}) }
      : {}),
  };
}

/** Hiring from approved matches and following the placement's life after it. */
@Injectable()
export class PlacementsService {
  private readonly placements: AggregateRepository<Placement, PlacementSnapshot>;

  constructor(
    @InjectModel(Placement.name) placementModel: Model<Placement>,
    relay: OutboxRelay,
    private readonly matches: MatchesService,
    private readonly seats: OpeningSeatsService,
    private readonly commitments: SeekerCommitments,
    private readonly hiring: Hiring,
    private readonly readModels: ReadModelsService,
    private readonly alternates: AlternatePromotion,
  ) {
    this.placements = new AggregateRepository(placementModel, relay, placementSnapshot);
  }

  /**
   * Records the hire, then takes the seeker, the seat, writes the placement and marks the match
   * (`Hiring`): a crash anywhere leaves the record, from which a retried hire or the reconciler
   * finishes it. A hire of a match that already has its placement (a client retrying after a lost
   * answer) is not a new hire: it answers that placement, `created: false`.
   */
  async hire(dto: HireDto, actor: Actor): Promise<{ created: boolean; placement: PlacementView }> {
    const match = await this.matches.stored(dto.matchId);
    const scope = employerScope(actor);
    if (!match || (scope !== undefined && match.employerId !== scope)) throw new NotFoundException(`match ${dto.matchId} not found`);
    const earlier = await this.placements.model.findById(match._id, { outbox: 0 }).lean();
    if (earlier) {
      await this.matches.markHired(earlier.matchId); // a crash may have left this last step undone
      return { created: false, placement: placementView(earlier) };
    }
    if (match.status !== 'approved')
      throw new ConflictException(`match ${match._id} is ${match.status}: only an approved match can be hired`);

    const [opening, seeker] = await Promise.all([
      this.readModels.openings.findById(match.openingId).lean(),
      this.readModels.seekers.findById(match.seekerId, { 'seeker.province': 1 }).lean(),
    ]);
    if (!opening) throw new ConflictException(`opening ${match.openingId} is not known to the matcher yet; try again`);
    if (opening.opening.status === 'closed') throw new ConflictException(`opening ${match.openingId} is closed`);

    const at = dto.at ?? new Date().toISOString();
    const record = await this.hiring.begin({
      _id: match._id,
      matchId: match._id,
      seekerId: match.seekerId,
      openingId: match.openingId,
      employerId: match.employerId,
      fairId: match.fairId,
      quotaClass: match.quotaClass,
      status: 'hired',
      at,
      hiredAt: at,
      year: new Date(at).getUTCFullYear(),
      market: opening.opening.country,
      sector: opening.opening.sector,
      province: seeker?.seeker.province ?? 'unknown',
      history: [{ status: 'hired', at, note: dto.note, by: actor.username }],
    });
    const { created, placement } = await this.hiring.complete(record, { match, opening });
    return { created, placement: placementView(placement) };
  }

  async changeStatus(id: string, dto: ChangePlacementStatusDto, actor: Actor): Promise<PlacementView> {
    const read = await this.visible(id, actor);
    if (dto.reason !== undefined && dto.status !== 'cancelled') throw badRequest(['reason: only for a cancel (status cancelled)']);
    const failed = dto.reason !== undefined && PROMOTING_CANCEL_REASONS.includes(dto.reason);
    const at = dto.at ?? new Date().toISOString();
    const updated = await this.placements.update(
      id,
      (current) => {
        if (!canMove(current.status, dto.status)) {
          throw new ConflictException(`placement ${id} is ${current.status}: it cannot become ${dto.status}`);
        }
        if (new Date(at) < new Date(current.at)) {
          throw badRequest([`at: must not be before ${current.at} (${current.status})`]);
        }
        return {
          set: {
            status: dto.status,
            at,
            history: [...current.history, { status: dto.status, at, note: dto.note, by: actor.username }],
            ...(dto.reason ? { cancelReason: dto.reason } : {}),
            // The duty to move an alternate up is stored with the cancel, so a crash does not lose it.
            ...(failed ? { promotion: { status: 'owed' as const } } : {}),
          },
          event: STATUS_EVENTS[dto.status],
        };
      },
      { current: read },
    );
    // After the cancel or return is stored: a crash in between leaves holdings of an ended placement, which the
    // reconciler frees (and a hire that meets them frees at once).
    if (dto.status === 'cancelled') await this.seats.release(updated!.openingId, id);
    if (dto.status === 'cancelled' || dto.status === 'returned') await this.commitments.release(updated!.seekerId, id);
    const promotion = failed ? await this.alternates.settle(id) : updated!.promotion;
    return placementView({ ...updated!, promotion }, employerScope(actor) !== undefined);
  }

  async get(id: string, actor: Actor): Promise<PlacementView> {
    return placementView(await this.visible(id, actor), employerScope(actor) !== undefined);
  }

  list(query: ListPlacementsQuery, actor: Actor): Promise<Page<PlacementView>> {
    const filter: FilterQuery<Placement> = {};
    const scope = employerScope(actor);
    if (scope !== undefined) filter.employerId = scope;
    for (const field of ['openingId', 'seekerId', 'fairId', 'status'] as const) if (query[field]) filter[field] = query[field];
    return findPage(this.placements.model, filter, query, (placement) => placementView(placement, scope !== undefined));
  }

  /** Another employer's placement is "not found" to an employer. */
  private async visible(id: string, actor: Actor): Promise<Placement> {
    const scope = employerScope(actor);
    const placement = await this.placements.model.findById(id, { outbox: 0 }).lean();
    if (!placement || (scope !== undefined && placement.employerId !== scope)) throw new NotFoundException(`placement ${id} not found`);
    return placement;
  }
}
