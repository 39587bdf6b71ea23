import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, SeekerErasure, SeekerSnapshot } from '@jobfair/contracts';
import { applyIfNewer } from '@jobfair/messaging';
import { NationalIdEntry, Seeker } from './seeker.schema';

@Injectable()
export class SeekersService {
  constructor(
    @InjectModel(Seeker.name) private readonly seekers: Model<Seeker>,
    @InjectModel(NationalIdEntry.name) private readonly byNationalId: Model<NationalIdEntry>,
  ) {}

  async apply(event: EventEnvelope<SeekerSnapshot>): Promise<void> {
    const { id, nationalId, available } = event.data;
    await applyIfNewer(this.seekers, event, { nationalId, available, erased: false });
    // Indexed only while this event is the seeker's current state: a stale redelivery never
    // re-points a national ID, and a redelivery after a crash between the two writes completes it.
    const current = await this.seekers.findById(id).lean();
    if (current?.version === event.aggregateVersion && !current.erased) {
      await this.byNationalId.updateOne({ _id: nationalId }, { $set: { seekerId: id } }, { upsert: true });
    }
  }

  /** Erasure: the national ID goes first, so a crash in between leaves nothing that still finds the person. */
  async erase(event: EventEnvelope<SeekerErasure>): Promise<void> {
    const current = await this.seekers.findById(event.data.id).lean();
    if (current?.nationalId) await this.byNationalId.deleteOne({ _id: current.nationalId, seekerId: event.data.id });
    await applyIfNewer(this.seekers, event, { nationalId: null, available: false, erased: true });
  }

  async findById(id: string): Promise<Seeker | null> {
    const seeker = await this.seekers.findById(id).lean();
    return seeker && !seeker.erased ? seeker : null;
  }

  async findByNationalId(nationalId: string): Promise<Seeker | null> {
    const entry = await this.byNationalId.findById(nationalId).lean();
    const seeker = entry ? await this.findById(entry.seekerId) : null;
    return seeker?.nationalId === nationalId ? seeker : null;
  }
}
