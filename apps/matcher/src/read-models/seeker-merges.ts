import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, SeekerMerge } from '@jobfair/contracts';
import { isDuplicateKeyError } from '@jobfair/messaging';
import { Match } from '../matches/match.schema';
import { Placement } from '../placements/placement.schema';
import { SeekerCommitment } from '../placements/seeker-commitments';
import { SeekerRecommendations } from '../recommendations/recommendation.schema';
import { ErasedSeeker } from './erased-seeker.schema';
import { FairAttendee, FairRegistrant, SeekerView, attendeeId } from './read-model.schemas';

/**
 * Two records made one (SeekersMerged): what the matcher holds under the merged record becomes
 * the survivor's, so runs, reports and quotas count the person once. Memberships (check-ins,
 * registrations) are sets, so a fair both records came to keeps one; matches and placements
 * are re-pointed (a placement's next event tells the survivor); the commitment that holds a
 * placed person moves unless the survivor holds one already (the seekers service refuses a
 * merge of two placed records); the merged record's live recommendations go (the survivor has
 * its own from its check-in). Then the merged record is forgotten behind a tombstone, as after
 * an erasure, so a stale event cannot bring it back. Every step is idempotent: a redelivery
 * finds nothing left under the merged id.
 */
@Injectable()
export class SeekerMerges {
  constructor(
    @InjectModel(FairAttendee.name) private readonly attendees: Model<FairAttendee>,
    @InjectModel(FairRegistrant.name) private readonly registrants: Model<FairRegistrant>,
    @InjectModel(Match.name) private readonly matches: Model<Match>,
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
    @InjectModel(SeekerCommitment.name) private readonly commitments: Model<SeekerCommitment>,
    @InjectModel(SeekerRecommendations.name) private readonly recommendations: Model<SeekerRecommendations>,
    @InjectModel(SeekerView.name) private readonly seekers: Model<SeekerView>,
    @InjectModel(ErasedSeeker.name) private readonly erased: Model<ErasedSeeker>,
  ) {}

  async apply(event: EventEnvelope<SeekerMerge>): Promise<void> {
    const { mergedId, survivorId } = event.data;
    for (const members of [this.attendees, this.registrants] as Model<FairAttendee>[]) await moveMembers(members, mergedId, survivorId);
    await this.matches.updateMany({ seekerId: mergedId }, { $set: { seekerId: survivorId } });
    await this.placements.updateMany({ seekerId: mergedId }, { $set: { seekerId: survivorId } });
    await this.moveCommitment(mergedId, survivorId);
    await this.recommendations.deleteMany({ seekerId: mergedId });
    await this.erased.updateOne({ _id: mergedId }, {}, { upsert: true });
    await this.seekers.deleteOne({ _id: mergedId });
  }

  private async moveCommitment(mergedId: string, survivorId: string): Promise<void> {
    const held = await this.commitments.findById(mergedId).lean();
    if (!held) return;
    try {
      await this.commitments.create({ _id: survivorId, placementId: held.placementId, takenAt: held.takenAt });
    } catch (error) {
      // The survivor is held already (by this placement after a redelivery, or by its own).
      if (!isDuplicateKeyError(error)) throw error;
    }
    await this.commitments.deleteOne({ _id: mergedId });
  }
}

/** The merged record's memberships become the survivor's (one per fair), then its own go. */
async function moveMembers(model: Model<FairAttendee>, mergedId: string, survivorId: string): Promise<void> {
  const held = await model.find({ seekerId: mergedId }, { fairId: 1 }).lean();
  if (!held.length) return;
  await model.bulkWrite(
    held.map(({ fairId }) => ({
      updateOne: {
        filter: { _id: attendeeId(fairId, survivorId) },
        update: { $setOnInsert: { fairId, seekerId: survivorId } },
        upsert: true,
      },
    })),
    { ordered: false },
  );
  await model.deleteMany({ _id: { $in: held.map((member) => member._id) } });
}
