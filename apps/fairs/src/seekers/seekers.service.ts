import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, SealedSeekerSnapshot, SeekerErasure, SeekerMerge, SeekerSealedFields } from '@jobfair/contracts';
import { ReceivedDataKeys, applyAllIfNewer, applyIfNewer, latestPerAggregate } from '@jobfair/messaging';
import { NationalIdEntry, Seeker } from './seeker.schema';

@Injectable()
export class SeekersService {
  constructor(
    @InjectModel(Seeker.name) private readonly seekers: Model<Seeker>,
    @InjectModel(NationalIdEntry.name) private readonly byNationalId: Model<NationalIdEntry>,
    private readonly seekerKeys: ReceivedDataKeys,
  ) {}

  /**
   * Seekers' snapshots of a batch, each opened with the seeker's key (once that key is shredded the
   * person is erased and nothing is kept; before it has come the event waits for it and comes back
   * here); each seeker's latest one counts, older ones change nothing.
   */
  async applyAll(events: EventEnvelope<SealedSeekerSnapshot>[]): Promise<void> {
    const opened = new Map((await this.seekerKeys.openEach(events, SeekerSealedFields)).map(({ event, fields }) => [event, fields]));
    const applicable = [...opened.keys()];
    const applied = await applyAllIfNewer(this.seekers, applicable, (e) => ({
      nationalId: opened.get(e)!.nationalId,
      available: opened.get(e)!.available,
      erased: false,
    }));
    // Indexed only while the event is the seeker's current state: a stale redelivery never
    // re-points a national ID, and a redelivery after a crash between the writes completes it.
    // When every one was just applied, each is current without reading it back (the usual batch).
    const latest = latestPerAggregate(applicable);
    const indexed = applied === latest.length ? latest : await this.stillCurrent(latest);
    if (!indexed.length) return;
    await this.byNationalId.bulkWrite(
      indexed.map((e) => ({
        updateOne: { filter: { _id: opened.get(e)!.nationalId }, update: { $set: { seekerId: e.data.id } }, upsert: true },
      })),
    );
  }

  /** Of these events, those whose seeker is held at exactly their version, and not erased. */
  private async stillCurrent(latest: EventEnvelope<SealedSeekerSnapshot>[]): Promise<EventEnvelope<SealedSeekerSnapshot>[]> {
    const current = new Map((await this.seekers.find({ _id: { $in: latest.map((e) => e.data.id) } }).lean()).map((s) => [s._id, s]));
    return latest.filter((e) => current.get(e.data.id)?.version === e.aggregateVersion && !current.get(e.data.id)!.erased);
  }

  /** Erasure: the national ID goes first, so a crash in between leaves nothing that still finds the person. */
  async erase(event: EventEnvelope<SeekerErasure>): Promise<void> {
    await this.forget(event.data.id, event);
    await this.seekerKeys.shred(event.data.id);
  }

  /** A record merged into another is forgotten as an erased one (its key is shredded by its owner's key event). */
  async forgetMerged(event: EventEnvelope<SeekerMerge>): Promise<void> {
    await this.forget(event.data.mergedId, event);
  }

  private async forget(id: string, event: EventEnvelope<object>): Promise<void> {
    const current = await this.seekers.findById(id).lean();
    if (current?.nationalId) await this.byNationalId.deleteOne({ _id: current.nationalId, seekerId: id });
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
