import { ConflictException, Injectable } from '@nestjs/common';
import { InjectModel, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { Placement } from './placement.schema';
import { holdsSeeker } from './placement-rules';
import { isDuplicateKeyError } from '@jobfair/messaging';

/**
 * One person, one job at a time (`_id` = seeker id): the placement that holds the seeker
 * until it is cancelled or the worker has returned. Taken by an insert on `_id`, so two
 * hires of one seeker at two openings can never both succeed, however they race.
 */
@Schema({ collection: 'seeker_commitments', versionKey: false })
export class SeekerCommitment {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) placementId!: string;
  @Prop({ required: true }) takenAt!: Date;
}

export const SeekerCommitmentSchema = SchemaFactory.createForClass(SeekerCommitment);

@Injectable()
export class SeekerCommitments {
  constructor(
    @InjectModel(SeekerCommitment.name) private readonly commitments: Model<SeekerCommitment>,
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
  ) {}

  /** Holds the seeker for the placement; the same placement again is a no-op (a retried hire). */
  async take(seekerId: string, placementId: string): Promise<void> {
    try {
      await this.commitments.create({ _id: seekerId, placementId, takenAt: new Date() });
      return;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const held = await this.commitments.findById(seekerId).lean();
    if (!held || held.placementId === placementId) return;
    // Held by a placement that has ended (a crash after its cancel, before the release): an ended placement never
    // comes back, so the person is free. A holder without a placement may be a hire in progress: the reconciler decides.
    const holder = await this.placements.findById(held.placementId, { status: 1 }).lean();
    if (
      holder &&
      !holdsSeeker(holder.status) &&
      (await this.commitments.deleteOne({ _id: seekerId, placementId: held.placementId })).deletedCount === 1
    ) {
      return this.take(seekerId, placementId);
    }
    throw new ConflictException(`seeker ${seekerId} is already placed (placement ${held.placementId})`);
  }

  /** Frees the seeker when its placement is cancelled or the worker has come back. */
  async release(seekerId: string, placementId: string): Promise<void> {
    await this.commitments.deleteOne({ _id: seekerId, placementId });
  }

  /** The commitments the placement id holds of these seekers now (taken when: see `OpeningSeatsService.heldBy`). */
  heldBy(placementId: string, seekerIds: string[]): Promise<SeekerCommitment[]> {
    return this.commitments.find({ _id: { $in: seekerIds }, placementId }).lean();
  }

  /** Frees exactly this commitment, never one the same placement id took after it. */
  async releaseCommitment(commitment: SeekerCommitment): Promise<void> {
    await this.commitments.deleteOne({ _id: commitment._id, placementId: commitment.placementId, takenAt: commitment.takenAt });
  }
}
