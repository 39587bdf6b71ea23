import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CheckIn, consentGiven, EventEnvelope, FairSnapshot, OpeningSnapshot, SeekerErasure, SeekerSnapshot } from '@jobfair/contracts';
import { applyIfNewer } from '@jobfair/messaging';
import { FairAttendee, FairView, OpeningView, SeekerView, attendeeId } from './read-model.schemas';

/** Keeps the read models current; every method is idempotent under redelivery. */
@Injectable()
export class ReadModelsService {
  constructor(
    @InjectModel(OpeningView.name) readonly openings: Model<OpeningView>,
    @InjectModel(SeekerView.name) readonly seekers: Model<SeekerView>,
    @InjectModel(FairView.name) readonly fairs: Model<FairView>,
    @InjectModel(FairAttendee.name) private readonly attendees: Model<FairAttendee>,
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
    const { fairId, seekerId } = event.data;
    await this.attendees.updateOne({ _id: attendeeId(fairId, seekerId) }, { $setOnInsert: { fairId, seekerId } }, { upsert: true });
  }

  async checkedIn(fairId: string, seekerId: string): Promise<boolean> {
    return (await this.attendees.exists({ _id: attendeeId(fairId, seekerId) })) !== null;
  }

  /** Everyone checked in at the fair: one find, for a fair run. */
  async attendeeIds(fairId: string): Promise<string[]> {
    const docs = await this.attendees.find({ fairId }, { seekerId: 1 }).lean();
    return docs.map((doc) => doc.seekerId);
  }
}

/** The openings a fair's booths bring. */
export function openingIdsAt(fair: FairView): string[] {
  return [...new Set(fair.booths.flatMap((booth) => booth.openingIds))];
}
