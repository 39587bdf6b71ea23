import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { QuotaClass } from '@jobfair/contracts';
import { OpeningView } from '../read-models/read-model.schemas';
import { OpeningSeats, Seat } from './opening-seats.schema';
import { Placement } from './placement.schema';
import { holdsSeat } from './placement-rules';
import { isDuplicateKeyError } from '@jobfair/messaging';

function heldBy(placementId: string): FilterQuery<OpeningSeats> {
  return { $or: [{ 'firstTime.placementId': placementId }, { 'returning.placementId': placementId }] };
}

/**
 * The capacity guard of hiring. A hire reserves a seat (idempotent by placement id, so a
 * retried hire holds one seat) before it writes its placement; a cancellation frees it.
 */
@Injectable()
export class OpeningSeatsService {
  constructor(
    @InjectModel(OpeningSeats.name) private readonly seats: Model<OpeningSeats>,
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
  ) {}

  /** Takes a seat of the class for the placement, or refuses with 409 when the opening or its quota is full. */
  async reserve(view: OpeningView, placementId: string, quotaClass: QuotaClass): Promise<void> {
    await this.follow(view);
    const openingId = view._id;
    for (let attempt = 0; attempt < 2; attempt++) {
      const taken = await this.seats.updateOne(this.freeSeatFilter(openingId, placementId, quotaClass), {
        $push: { [quotaClass]: { placementId, reservedAt: new Date() } satisfies Seat },
      });
      if (taken.modifiedCount === 1) return;
      if (await this.seats.exists({ _id: openingId, ...heldBy(placementId) })) return; // a retried hire
      if (attempt === 0 && !(await this.reclaim(openingId))) break;
    }
    throw new ConflictException(await this.whyFull(openingId, quotaClass));
  }

  /** Gives a live placement back the seat it lost (the reconciler): the placement is the fact, even beyond the capacity. */
  async hold(openingId: string, placementId: string, quotaClass: QuotaClass): Promise<void> {
    await this.seats.updateOne(
      { _id: openingId, 'firstTime.placementId': { $ne: placementId }, 'returning.placementId': { $ne: placementId } },
      { $push: { [quotaClass]: { placementId, reservedAt: new Date() } satisfies Seat } },
    );
  }

  async release(openingId: string, placementId: string): Promise<void> {
    await this.seats.updateOne({ _id: openingId }, { $pull: { firstTime: { placementId }, returning: { placementId } } });
  }

  /**
   * The seats the placement id holds in these openings now, each with when it was taken: a later
   * hire of the same match takes its seat later, so that time tells the seats of one hire from the next.
   */
  async heldBy(placementId: string, openingIds: string[]): Promise<{ openingId: string; seat: Seat }[]> {
    const docs = await this.seats.find({ _id: { $in: openingIds } }, { firstTime: 1, returning: 1 }).lean();
    return docs.flatMap((doc) =>
      [...doc.firstTime, ...doc.returning].filter((seat) => seat.placementId === placementId).map((seat) => ({ openingId: doc._id, seat })),
    );
  }

  /** Frees exactly this seat, never a seat the same placement id took after it. */
  async releaseSeat(openingId: string, seat: Seat): Promise<void> {
    const exactly = { placementId: seat.placementId, reservedAt: seat.reservedAt };
    await this.seats.updateOne({ _id: openingId }, { $pull: { firstTime: exactly, returning: exactly } });
  }

  /**
   * Positions and quotas from the newest opening snapshot the matcher holds; an older
   * one never overwrites a newer one (the employer may have changed the positions).
   */
  private async follow(view: OpeningView): Promise<void> {
    const { positions, quotas } = view.opening;
    try {
      await this.seats.updateOne(
        { _id: view._id, openingVersion: { $lt: view.version } },
        { $set: { openingVersion: view.version, positions, quotas }, $setOnInsert: { firstTime: [], returning: [] } },
        { upsert: true },
      );
    } catch (error) {
      // The document exists with this or a newer version: nothing to follow.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  /** Free when the total is below the positions and the class below its quota (if the opening has quotas). */
  private freeSeatFilter(openingId: string, placementId: string, quotaClass: QuotaClass): FilterQuery<OpeningSeats> {
    const total = { $add: [{ $size: '$firstTime' }, { $size: '$returning' }] };
    // Without quotas a class may take every position.
    const classLimit = { $ifNull: [`$quotas.${quotaClass}`, '$positions'] };
    return {
      _id: openingId,
      'firstTime.placementId': { $ne: placementId },
      'returning.placementId': { $ne: placementId },
      $expr: { $and: [{ $lt: [total, '$positions'] }, { $lt: [{ $size: `$${quotaClass}` }, classLimit] }] },
    };
  }

  /**
   * Frees the seats of cancelled placements (a crash after the cancel, before the release).
   * A seat without a placement may belong to a hire in progress, however long it takes: the
   * reconciler frees it when no hire record stands behind it. Returns whether any seat was freed.
   */
  private async reclaim(openingId: string): Promise<boolean> {
    const doc = await this.seats.findById(openingId).lean();
    if (!doc) return false;
    const seats = [...doc.firstTime, ...doc.returning];
    const placements = await this.placements.find({ _id: { $in: seats.map((s) => s.placementId) } }, { status: 1 }).lean();
    const live = new Map(placements.map((p) => [p._id, holdsSeat(p.status)]));
    const stale = seats.filter((s) => live.get(s.placementId) === false).map((s) => s.placementId);
    if (!stale.length) return false;
    await this.seats.updateOne(
      { _id: openingId },
      { $pull: { firstTime: { placementId: { $in: stale } }, returning: { placementId: { $in: stale } } } },
    );
    return true;
  }

  private async whyFull(openingId: string, quotaClass: QuotaClass): Promise<string> {
    const doc = await this.seats.findById(openingId).lean();
    const taken = (doc?.firstTime.length ?? 0) + (doc?.returning.length ?? 0);
    if (!doc || taken >= doc.positions) return `opening ${openingId} is full: ${taken} of ${doc?.positions ?? 0} positions taken`;
    return `opening ${openingId}: the ${quotaClass} quota is full (${doc[quotaClass].length} of ${doc.quotas?.[quotaClass]})`;
  }
}
