import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import {
  EventEnvelope,
  FairSnapshot,
  OpeningClosed,
  OpeningPosted,
  OpeningSnapshot,
  OpeningUpdated,
  PlacementSnapshot,
  PlacementStatus,
  Requirements,
} from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay, isDuplicateKeyError } from '@jobfair/messaging';
import { Actor, Page, employerScope, findPage, badRequest } from '@jobfair/platform';
import { EmployersService } from '../employers/employers.service';
import { capacityProblems } from './opening-rules';
import { ListOpeningsQuery, PostOpeningDto, UpdateOpeningDto } from './opening.dto';
import { OpeningFill, PlacementState, activePlacements } from './opening-fill.schema';
import { Opening, openingSnapshot } from './opening.schema';

/** Where an earlier release kept one document per placement state; folded into the fills at start-up. */
const LEGACY_PLACEMENT_STATES = 'opening_placements';

const NO_REQUIREMENTS: Requirements = { languageTests: [], skills: [] };

@Injectable()
export class OpeningsService implements OnModuleInit {
  private readonly openings: AggregateRepository<Opening, OpeningSnapshot>;

  constructor(
    @InjectModel(Opening.name) model: Model<Opening>,
    @InjectModel(OpeningFill.name) private readonly fills: Model<OpeningFill>,
    relay: OutboxRelay,
    private readonly employers: EmployersService,
  ) {
    this.openings = new AggregateRepository(model, relay, openingSnapshot);
  }

  /**
   * Placements counted by an earlier release are folded into the openings' fills: those listed
   * in an opening's `countedPlacements` as hired at version 0 (any real event of them wins), and
   * the one-document-per-placement states of `opening_placements` at their versions; each old
   * form goes once folded. Idempotent, so instances starting together may both run it.
   */
  async onModuleInit(): Promise<void> {
    const listed = this.openings.model.collection.find<{ _id: string; countedPlacements?: string[] }>(
      { countedPlacements: { $exists: true } },
      { projection: { countedPlacements: 1 } },
    );
    for await (const doc of listed) {
      for (const id of doc.countedPlacements ?? []) await this.recordPlacement(doc._id, id, { status: 'hired', version: 0 });
      await this.openings.model.collection.updateOne({ _id: doc._id as never }, { $unset: { countedPlacements: 1 } });
    }
    const states = this.fills.db.collection<{ _id: string; openingId: string; status: PlacementStatus; version: number }>(
      LEGACY_PLACEMENT_STATES,
    );
    for await (const state of states.find()) {
      await this.recordPlacement(state.openingId, state._id, { status: state.status, version: state.version });
      await states.deleteOne({ _id: state._id });
    }
  }

  async post(dto: PostOpeningDto, actor: Actor): Promise<OpeningSnapshot> {
    const scope = employerScope(actor);
    const employerId = scope ?? dto.employerId;
    if (!employerId) throw badRequest(['employerId: is required']);
    // An employer user cannot post for another employer: that employer is "not found" to it.
    if ((scope !== undefined && dto.employerId !== undefined && dto.employerId !== scope) || !(await this.employers.exists(employerId))) {
      throw new NotFoundException(`employer ${dto.employerId ?? employerId} not found`);
    }
    const terms = {
      positions: dto.positions,
      quotas: dto.quotas,
      designatedWorkers: dto.designatedWorkers ?? [],
      scope: dto.scope,
      country: dto.country,
      requirements: dto.requirements ?? NO_REQUIREMENTS,
    };
    this.refuse(capacityProblems(terms));
    const opening = await this.openings.create(
      {
        _id: uuidv7(),
        employerId,
        title: dto.title,
        sector: dto.sector,
        province: dto.province,
        district: dto.district,
        programme: dto.programme,
        household: dto.household,
        filled: 0,
        salary: dto.salary,
        costs: dto.costs ?? [],
        startDate: dto.startDate,
        status: 'open',
        fairIds: [],
        ...terms,
      },
      OpeningPosted,
    );
    return openingSnapshot(opening);
  }

  list(query: ListOpeningsQuery, actor: Actor): Promise<Page<OpeningSnapshot>> {
    const scope = employerScope(actor);
    if (scope !== undefined && query.employerId !== undefined && query.employerId !== scope) {
      return Promise.resolve({ items: [], nextCursor: null });
    }
    const filter: FilterQuery<Opening> = {};
    const employerId = scope ?? query.employerId;
    if (employerId) filter.employerId = employerId;
    if (query.fairId) filter.fairIds = query.fairId;
    for (const field of ['scope', 'country', 'sector', 'status'] as const) if (query[field]) filter[field] = query[field];
    return findPage(this.openings.model, filter, query, openingSnapshot);
  }

  async get(id: string, actor: Actor): Promise<OpeningSnapshot> {
    return openingSnapshot(await this.visible(id, actor));
  }

  async update(id: string, dto: UpdateOpeningDto, actor: Actor): Promise<OpeningSnapshot> {
    await this.visible(id, actor);
    const updated = await this.openings.update(id, (current) => {
      if (current.status === 'closed') throw new ConflictException(`opening ${id} is closed`);
      const next = { ...current, ...dto };
      this.refuse(capacityProblems(next));
      if (next.positions < current.filled) {
        throw new ConflictException(`positions: ${current.filled} already filled, cannot go down to ${next.positions}`);
      }
      const status = next.positions === current.filled ? 'filled' : 'open';
      return { set: { ...dto, status }, event: status === 'filled' ? OpeningClosed : OpeningUpdated };
    });
    return openingSnapshot(updated!);
  }

  async close(id: string, actor: Actor): Promise<OpeningSnapshot> {
    await this.visible(id, actor);
    const closed = await this.openings.update(id, (current) =>
      current.status === 'closed' ? null : { set: { status: 'closed' }, event: OpeningClosed },
    );
    return openingSnapshot(closed!);
  }

  /**
   * Records a placement's latest state (by its version) and derives the opening's `filled`
   * from the latest states: every placement of the opening that is not cancelled fills a
   * position, so a redelivered or late hire counts once and never after its cancellation.
   * The opening closes itself when full and reopens when a position frees up.
   */
  async applyPlacement(event: EventEnvelope<PlacementSnapshot>): Promise<void> {
    const { openingId, status } = event.data;
    // Counted even when the event was stale, so a crash between the two writes heals on redelivery;
    // counted again afterwards, since another consumer instance may record a placement of this opening meanwhile.
    let fill = await this.recordPlacement(openingId, event.aggregateId, { status, version: event.aggregateVersion });
    for (let filled = activePlacements(fill); ;) {
      await this.openings.update(
        openingId,
        (current) => {
          if (current.filled === filled) return null;
          const next = current.status === 'closed' ? 'closed' : filled >= current.positions ? 'filled' : 'open';
          return {
            set: { filled, status: next },
            event: next === 'filled' && current.status !== 'filled' ? OpeningClosed : OpeningUpdated,
          };
        },
        { correlationId: event.correlationId },
      );
      fill = await this.fills.findById(openingId).lean();
      const recounted = activePlacements(fill);
      if (recounted === filled) return;
      filled = recounted;
    }
  }

  /** Stores a placement's state unless one of this version or newer is held; answers the opening's fill as it is then. */
  private async recordPlacement(openingId: string, placementId: string, state: PlacementState): Promise<OpeningFill | null> {
    const path = `placements.${placementId}`;
    try {
      return await this.fills
        .findOneAndUpdate(
          { _id: openingId, $or: [{ [path]: { $exists: false } }, { [`${path}.version`]: { $lt: state.version } }] },
          { $set: { [path]: state } },
          { upsert: true, new: true },
        )
        .lean();
    } catch (error) {
      // The fill exists and holds this placement at this version or newer: the upsert's insert collided with it.
      if (!isDuplicateKeyError(error)) throw error;
      return this.fills.findById(openingId).lean();
    }
  }

  /**
   * Remembers which fairs bring an opening; a fair snapshot lists all its booths, so this is
   * idempotent, and an opening no longer at any of its booths is forgotten by that fair.
   */
  async recordBooths(event: EventEnvelope<FairSnapshot>): Promise<void> {
    const fairId = event.data.id;
    const openingIds = event.data.booths.flatMap((booth) => booth.openingIds);
    await this.openings.model.updateMany({ fairIds: fairId, _id: { $nin: openingIds } }, { $pull: { fairIds: fairId } });
    if (!openingIds.length) return;
    await this.openings.model.updateMany({ _id: { $in: openingIds } }, { $addToSet: { fairIds: fairId } });
  }

  private async visible(id: string, actor: Actor): Promise<Opening> {
    const scope = employerScope(actor);
    const opening = await this.openings.model.findById(id, { outbox: 0 }).lean();
    if (!opening || (scope !== undefined && opening.employerId !== scope)) throw new NotFoundException(`opening ${id} not found`);
    return opening;
  }

  private refuse(problems: string[]): void {
    if (problems.length) throw badRequest(problems);
  }
}
