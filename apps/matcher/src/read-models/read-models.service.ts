import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CheckIn, EventEnvelope, FairSnapshot, OpeningSnapshot, SeekerErasure, SeekerSnapshot } from '@jobfair/contracts';
import { applyIfNewer } from '@jobfair/messaging';
import { FairView, OpeningView, SeekerView } from './read-model.schemas';

/** Keeps the read models current; every method is idempotent under redelivery. */
@Injectable()
export class ReadModelsService {
  constructor(
    @InjectModel(OpeningView.name) readonly openings: Model<OpeningView>,
    @InjectModel(SeekerView.name) readonly seekers: Model<SeekerView>,
    @InjectModel(FairView.name) readonly fairs: Model<FairView>,
  ) {}

  applyOpening(event: EventEnvelope<OpeningSnapshot>) {
    return applyIfNewer(this.openings, event, { opening: event.data });
  }

  applySeeker(event: EventEnvelope<SeekerSnapshot>) {
    return applyIfNewer(this.seekers, event, { seeker: event.data });
  }

  /** Erasure: the matcher forgets the person entirely. */
  async eraseSeeker(event: EventEnvelope<SeekerErasure>) {
    await this.seekers.deleteOne({ _id: event.data.id });
  }

  applyFair(event: EventEnvelope<FairSnapshot>) {
    return applyIfNewer(this.fairs, event, { status: event.data.status, booths: event.data.booths });
  }

  /** A check-in is a set membership: adding the same seeker twice changes nothing. */
  async recordCheckIn(event: EventEnvelope<CheckIn>) {
    await this.fairs.updateOne(
      { _id: event.data.fairId },
      { $addToSet: { checkedIn: event.data.seekerId }, $setOnInsert: { version: 0, status: 'open', booths: [] } },
      { upsert: true },
    );
  }
}
