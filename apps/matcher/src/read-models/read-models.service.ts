import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CheckIn, consentGiven, EventEnvelope, FairSnapshot, OpeningSnapshot, SeekerErasure, SeekerSnapshot } from '@jobfair/contracts';
import { applyIfNewer } from '@jobfair/messaging';
import { ErasedSeeker } from './erased-seeker.schema';
import { FairView, OpeningView, SeekerView } from './read-model.schemas';

/** Keeps the read models current; every method is idempotent under redelivery. */
@Injectable()
export class ReadModelsService {
  constructor(
    @InjectModel(OpeningView.name) readonly openings: Model<OpeningView>,
    @InjectModel(SeekerView.name) readonly seekers: Model<SeekerView>,
    @InjectModel(FairView.name) readonly fairs: Model<FairView>,
    @InjectModel(ErasedSeeker.name) private readonly erased: Model<ErasedSeeker>,
  ) {}

  applyOpening(event: EventEnvelope<OpeningSnapshot>) {
    return applyIfNewer(this.openings, event, { opening: event.data });
  }

  /** An erased seeker's older events change nothing: the tombstone outlives every snapshot. */
  async applySeeker(event: EventEnvelope<SeekerSnapshot>) {
    if (await this.erased.exists({ _id: event.data.id })) return false;
    return applyIfNewer(this.seekers, event, { seeker: event.data });
  }

  /** Erasure: the matcher forgets the person entirely, keeping only a tombstone (written first, so a crash keeps it). */
  async eraseSeeker(event: EventEnvelope<SeekerErasure>) {
    await this.erased.updateOne({ _id: event.data.id }, {}, { upsert: true });
    await this.seekers.deleteOne({ _id: event.data.id });
  }

  applyFair(event: EventEnvelope<FairSnapshot>) {
    return applyIfNewer(this.fairs, event, { status: event.data.status, booths: event.data.booths });
  }

  /** The fair as the matcher knows it, or null when no event about it has arrived. */
  fair(id: string): Promise<FairView | null> {
    return this.fairs.findById(id).lean<FairView>().exec();
  }

  /** Open openings: all of them, or those listed (a fair's booths). One find, lean. */
  async openOpenings(ids?: string[]): Promise<OpeningSnapshot[]> {
    const docs = await this.openings.find({ 'opening.status': 'open', ...(ids ? { _id: { $in: ids } } : {}) }, { opening: 1 }).lean();
    return docs.map((doc) => doc.opening);
  }

  /** Seekers not yet placed: all of them, or those listed (a fair's check-ins). One find, lean. */
  async availableSeekers(ids?: string[]): Promise<SeekerSnapshot[]> {
    const docs = await this.seekers.find({ 'seeker.available': true, ...(ids ? { _id: { $in: ids } } : {}) }, { seeker: 1 }).lean();
    // Only people who agreed to be matched are offered to employers.
    return docs.map((doc) => doc.seeker).filter((seeker) => consentGiven(seeker.consents ?? [], 'matching'));
  }

  /** Seekers by id (erased ones are simply absent). */
  async seekersById(ids: string[]): Promise<Map<string, SeekerSnapshot>> {
    const docs = await this.seekers.find({ _id: { $in: [...new Set(ids)] } }, { seeker: 1 }).lean();
    return new Map(docs.map((doc) => [doc._id, doc.seeker]));
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

/** The openings a fair's booths bring. */
export function openingIdsAt(fair: FairView): string[] {
  return [...new Set(fair.booths.flatMap((booth) => booth.openingIds))];
}
