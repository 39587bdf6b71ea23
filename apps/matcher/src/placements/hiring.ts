import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { PlacementHired, PlacementSnapshot } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay, isDuplicateKeyError } from '@jobfair/messaging';
import { Match } from '../matches/match.schema';
import { MatchesService } from '../matches/matches.service';
import { OpeningView } from '../read-models/read-model.schemas';
import { ReadModelsService } from '../read-models/read-models.service';
import { MatcherConfig } from '../service-spec';
import { HireClaim, HireHoldings, HireRecord, NewPlacement } from './hire-record.schema';
import { OpeningSeatsService } from './opening-seats.service';
import { Placement, placementSnapshot } from './placement.schema';
import type { Leftover } from './repair-plan';
import { SeekerCommitments } from './seeker-commitments';

/**
 * The steps of a hire, each idempotent for its placement id, so that the hire itself, a
 * retry of it and the reconciler may run them again, even at the same time: record the hire,
 * take the seeker, take the seat, commit, write the placement, mark the match hired, drop
 * the record. No clock decides whether a hire is undone: only a refused step does. A clock decides
 * only when an undo whose instance stopped half way (its claim ran out) is taken over by another.
 */
@Injectable()
export class Hiring {
  private readonly placements: AggregateRepository<Placement, PlacementSnapshot>;
  /** This process, as the owner of its claims. */
  private readonly owner = uuidv7();

  constructor(
    @InjectModel(Placement.name) placementModel: Model<Placement>,
    @InjectModel(HireRecord.name) private readonly records: Model<HireRecord>,
    relay: OutboxRelay,
    private readonly matches: MatchesService,
    private readonly seats: OpeningSeatsService,
    private readonly commitments: SeekerCommitments,
    private readonly readModels: ReadModelsService,
    private readonly config: MatcherConfig,
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

  /**
   * Carries a recorded hire on from wherever it stopped: the placement, or a 409 when its seeker
   * or seat is taken. `known`: the match and opening the hire has just read, not read again.
   */
  async complete(record: HireRecord, known: KnownToHire = {}): Promise<{ created: boolean; placement: Placement }> {
    const placement = record.placement!;
    const id = placement._id;
    if (record.state !== 'committing') {
      if (record.state === 'aborted') throw new ConflictException(`the hire of match ${id} was undone; try again`);
      await this.takeOrUndo(placement, known.opening);
      const committed = await this.records.updateOne(
        { _id: id, state: { $in: ['pending', 'committing'] } },
        { $set: { state: 'committing' } },
      );
      if (committed.matchedCount === 0 && !(await this.placements.model.exists({ _id: id }))) {
        throw new ConflictException(`the hire of match ${id} was undone; try again`);
      }
    }
    let written: Placement | undefined;
    try {
      written = await this.placements.create(placement, PlacementHired);
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error; // another run of these steps wrote it
    }
    await this.matches.markHired(placement.matchId, known.match);
    await this.records.deleteOne({ _id: id, state: 'committing' });
    if (written) return { created: true, placement: written };
    return { created: false, placement: (await this.placements.model.findById(id, { outbox: 0 }).lean())! };
  }

  /** Carries on the recorded hire of this id, if there still is one (the reconciler's resume). */
  async resume(id: string): Promise<void> {
    const record = await this.records.findById(id).lean();
    if (!record) return;
    // An undo that stopped half way: finished here once its claim has run out (before, its instance may still be at it).
    if (record.state === 'aborted') {
      if (await this.takeOver(id)) await this.freeClaimed(id, holdingsOf(record));
      return;
    }
    await this.complete(record).catch((error) => {
      if (!(error instanceof ConflictException)) throw error;
    });
  }

  /**
   * Frees what an id holds with no placement and no hire record behind it. The fence (an
   * aborted record claimed by this instance) makes a hire of the same match wait until the
   * holdings are free again, and keeps other reconcilers off them.
   */
  async undo(leftover: Leftover): Promise<void> {
    const id = leftover.placementId;
    const holdings = {
      openingIds: [...new Set(leftover.seats.map((seat) => seat.openingId))],
      seekerIds: [...new Set(leftover.commitments.map((commitment) => commitment.seekerId))],
    };
    if (!(await this.fence(id, holdings))) return; // a hire of it began after the read, or another instance is undoing it
    // A hire of it that began after the read and was done before the fence: what the id holds is that placement's.
    if (await this.placements.model.exists({ _id: id })) {
      await this.records.deleteOne({ _id: id, state: 'aborted', 'claim.owner': this.owner });
      return;
    }
    await this.freeClaimed(id, holdings);
  }

  /** Frees what an ended placement still holds. */
  async release(leftover: Leftover): Promise<void> {
    for (const seat of leftover.seats) await this.seats.release(seat.openingId, seat.placementId);
    for (const commitment of leftover.commitments) await this.commitments.release(commitment.seekerId, commitment.placementId);
  }

  private async takeOrUndo(placement: NewPlacement, known?: OpeningView): Promise<void> {
    try {
      await this.commitments.take(placement.seekerId, placement._id);
      const opening = known ?? (await this.readModels.openings.findById(placement.openingId).lean());
      if (!opening) throw new ConflictException(`opening ${placement.openingId} is not known to the matcher yet; try again`);
      await this.seats.reserve(opening, placement._id, placement.quotaClass);
    } catch (error) {
      if (!(error instanceof ConflictException)) throw error; // a crash-like failure: the record stays for a retry
      const aborted = await this.records.updateOne(
        { _id: placement._id, state: 'pending' },
        { $set: { state: 'aborted', claim: this.claim() } },
      );
      if (aborted.modifiedCount === 1) await this.freeClaimed(placement._id, holdingsOf({ placement }));
      throw error;
    }
  }

  /** Puts up this instance's fence, or takes over one whose claim ran out; false when the record is someone else's. */
  private async fence(id: string, holdings: HireHoldings): Promise<boolean> {
    try {
      await this.records.create({ _id: id, state: 'aborted', claim: this.claim(), holdings });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    return this.takeOver(id);
  }

  /** One conditional write: an aborted record whose claim ran out (or that has none, from before claims) becomes this instance's. */
  private async takeOver(id: string): Promise<boolean> {
    const now = new Date();
    const taken = await this.records.updateOne(
      { _id: id, state: 'aborted', $or: [{ claim: { $exists: false } }, { 'claim.until': { $lt: now } }] },
      { $set: { claim: this.claim(now) } },
    );
    return taken.modifiedCount === 1;
  }

  private claim(now = new Date()): HireClaim {
    return { owner: this.owner, until: new Date(now.getTime() + this.config.hireClaimMs) };
  }

  /**
   * The record is aborted and claimed by this instance: nothing takes for it any more, so what it
   * holds can be freed and the record dropped. What is read here, before the claim is checked once
   * more, was taken before a take-over; the instance taking over frees it all before it drops the
   * record, and only then can a later hire of the match begin and take a seat and the person anew.
   * So freeing exactly what was read keeps a release that arrives late (this instance stalled past
   * its claim) off the seat and the person of a later hire.
   */
  private async freeClaimed(id: string, holdings: HireHoldings): Promise<void> {
    const seats = await this.seats.heldBy(id, holdings.openingIds);
    const commitments = await this.commitments.heldBy(id, holdings.seekerIds);
    if (!(await this.records.exists({ _id: id, state: 'aborted', 'claim.owner': this.owner }))) return; // taken over
    for (const { openingId, seat } of seats) await this.seats.releaseSeat(openingId, seat);
    for (const commitment of commitments) await this.commitments.releaseCommitment(commitment);
    await this.records.deleteOne({ _id: id, state: 'aborted', 'claim.owner': this.owner });
  }
}

/** What a hire has just read and a completion need not read again. */
interface KnownToHire {
  match?: Match;
  opening?: OpeningView;
}

/** Where an aborted record's holdings are: its hire's opening and seeker, or what its fence guards (none on a fence from before). */
function holdingsOf(record: Pick<HireRecord, 'placement' | 'holdings'>): HireHoldings {
  if (record.placement) return { openingIds: [record.placement.openingId], seekerIds: [record.placement.seekerId] };
  return record.holdings ?? { openingIds: [], seekerIds: [] };
}
