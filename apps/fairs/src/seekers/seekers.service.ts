import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, SealedSeekerSnapshot, SeekerErasure, SeekerSealedFields } from '@jobfair/contracts';
import { ReceivedDataKeys, applyIfNewer } from '@jobfair/messaging';
import { NationalIdEntry, Seeker } from './seeker.schema';

@Injectable()
export class SeekersService {
  constructor(
    @InjectModel(Seeker.name) private readonly seekers: Model<Seeker>,
    @InjectModel(NationalIdEntry.name) private readonly byNationalId: Model<NationalIdEntry>,
    private readonly seekerKeys: ReceivedDataKeys,
  ) {}

  /**
   * A seeker event, opened with the seeker's key; once that key is shredded the person is erased
   * and nothing is kept; before the key has come the event waits for it (and comes back here).
   */
  async apply(event: EventEnvelope<SealedSeekerSnapshot>): Promise<void> {
    const { id } = event.data;
    const opened = await this.seekerKeys.open(event, id, event.data.personal, SeekerSealedFields);
    if (opened.state !== 'open') return;
    const { nationalId, available } = opened.fields;
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
    await this.seekerKeys.shred(event.data.id);
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
