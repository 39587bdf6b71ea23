import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { PlacementHired, PlacementSnapshot } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay, isDuplicateKeyError } from '@jobfair/messaging';
import { MatchesService } from '../matches/matches.service';
import { ReadModelsService } from '../read-models/read-models.service';
import { HireRecord, NewPlacement } from './hire-record.schema';
import { OpeningSeatsService } from './opening-seats.service';
import { Placement, placementSnapshot } from './placement.schema';
import type { Leftover } from './repair-plan';
import { SeekerCommitments } from './seeker-commitments';

/**
 * The steps of a hire, each idempotent for its placement id, so that the hire itself, a
 * retry of it and the reconciler may run them again, even at the same time: record the hire,
 * take the seeker, take the seat, commit, write the placement, mark the match hired, drop
 * the record. No clock decides anything: a hire is undone only when a step of it is refused.
 */
@Injectable()
export class Hiring {
  private readonly placements: AggregateRepository<Placement, PlacementSnapshot>;

  constructor(
    @InjectModel(Placement.name) placementModel: Model<Placement>,
    @InjectModel(HireRecord.name) private readonly records: Model<HireRecord>,
    relay: OutboxRelay,
    private readonly matches: MatchesService,
    private readonly seats: OpeningSeatsService,
    private readonly commitments: SeekerCommitments,
    private readonly readModels: ReadModelsService,
  ) {
    this.placements = new AggregateRepository(placementModel, relay, placementSnapshot);
  }

  /** Records the hire before it takes anything; a record already there is the same hire begun before (a retry). */
  async begin(placement: NewPlacement): Promise<HireRecord> {
    try {
      return (await this.records.create({ _id: placement._id, state: 'pending', placement })).toObject();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const held = await this.records.findById(placement._id).lean();
    if (!held?.placement) throw new ConflictException(`the hire of match ${placement._id} is being repaired; try again`);
    return held;
  }

  /** Carries a recorded hire on from wherever it stopped: the placement, or a 409 when its seeker or seat is taken. */
  async complete(record: HireRecord): Promise<{ created: boolean; placement: Placement }> {
    const placement = record.placement!;
    const id = placement._id;
    if (record.state !== 'committing') {
      if (record.state === 'aborted') throw new ConflictException(`the hire of match ${id} was undone; try again`);
      await this.takeOrUndo(placement);
      const committed = await this.records.updateOne(
        { _id: id, state: { $in: ['pending', 'committing'] } },
        { $set: { state: 'committing' } },
      );
      if (committed.matchedCount === 0 && !(await this.placements.model.exists({ _id: id }))) {
        throw new ConflictException(`the hire of match ${id} was undone; try again`);
      }
    }
    let created = true;
    try {
      await this.placements.create(placement, PlacementHired);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      created = false; // another run of these steps wrote it
    }
    await this.matches.markHired(placement.matchId);
    await this.records.deleteOne({ _id: id, state: 'committing' });
    return { created, placement: (await this.placements.model.findById(id, { outbox: 0 }).lean())! };
  }

  /** Carries on the recorded hire of this id, if there still is one (the reconciler's resume). */
  async resume(id: string): Promise<void> {
    const record = await this.records.findById(id).lean();
    if (!record) return;
    // An undo that stopped half way: finish it (a fence of the reconciler's guards nothing of its own, and
    // what it guarded is found again next time).
    if (record.state === 'aborted') return this.freeLeftover(id, record.placement);
    await this.complete(record).catch((error) => {
      if (!(error instanceof ConflictException)) throw error;
    });
  }

  /**
   * Frees what an id holds with no placement and no hire record behind it. The fence (an
   * aborted record) makes a hire of the same match wait until the seats are free again.
   */
  async undo(leftover: Leftover): Promise<void> {
    try {
      await this.records.create({ _id: leftover.placementId, state: 'aborted' });
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const fence = await this.records.findById(leftover.placementId).lean();
      if (fence?.state !== 'aborted') return; // a hire of it began after the read: it is that hire's now
    }
    await this.release(leftover);
    await this.records.deleteOne({ _id: leftover.placementId, state: 'aborted' });
  }

  /** Frees what an ended placement still holds. */
  async release(leftover: Leftover): Promise<void> {
    for (const seat of leftover.seats) await this.seats.release(seat.openingId, seat.placementId);
    for (const commitment of leftover.commitments) await this.commitments.release(commitment.seekerId, commitment.placementId);
  }

  private async takeOrUndo(placement: NewPlacement): Promise<void> {
    try {
      await this.commitments.take(placement.seekerId, placement._id);
      const opening = await this.readModels.openings.findById(placement.openingId).lean();
      if (!opening) throw new ConflictException(`opening ${placement.openingId} is not known to the matcher yet; try again`);
      await this.seats.reserve(opening, placement._id, placement.quotaClass);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error; // a crash-like failure: the record stays for a retry
      const aborted = await this.records.updateOne({ _id: placement._id, state: 'pending' }, { $set: { state: 'aborted' } });
      if (aborted.modifiedCount === 1) await this.freeLeftover(placement._id, placement);
      throw error;
    }
  }

  /** The record is aborted: nothing takes for it any more, so what it holds can be freed and the record dropped. */
  private async freeLeftover(id: string, placement?: NewPlacement): Promise<void> {
    if (placement) {
      await this.release({
        placementId: id,
        seats: [{ openingId: placement.openingId, placementId: id }],
        commitments: [{ seekerId: placement.seekerId, placementId: id }],
      });
    }
    await this.records.deleteOne({ _id: id, state: 'aborted' });
  }
}
