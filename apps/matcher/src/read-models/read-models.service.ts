import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import {
  CheckIn,
  FairRegistration,
  consentGiven,
  EventEnvelope,
  FairSnapshot,
  OpeningSnapshot,
  SealedSeekerSnapshot,
  SeekerErasure,
  SeekerSealedFields,
  SeekerSnapshot,
} from '@jobfair/contracts';
import { ReceivedDataKeys, applyAllIfNewer } from '@jobfair/messaging';
import { ShortLivedCache } from '@jobfair/platform';
import { OpeningIndex, buildOpeningIndex } from '@jobfair/matching';
import { openingProfile } from './matching-profiles';
import { RunInputsService } from '../runs/run-inputs.service';
import { MatcherConfig } from '../service-spec';
import { ErasedSeeker } from './erased-seeker.schema';
import { FairAttendee, FairRegistrant, FairView, OpeningView, SeekerView, attendeeId } from './read-model.schemas';

/** A fair with its booths' open openings, as recommendations read it at every check-in, indexed once for scoring. */
export interface FairOffer {
  fair: FairView;
  openings: OpeningSnapshot[];
  byId: Map<string, OpeningSnapshot>;
  index: OpeningIndex;
}

/** Keeps the read models current; every method is idempotent under redelivery. */
@Injectable()
export class ReadModelsService {
  /** Recent offers by fair id, so a check-in does not read the fair and its openings again. */
  private readonly offers: ShortLivedCache<FairOffer>;

  constructor(
    @InjectModel(OpeningView.name) readonly openings: Model<OpeningView>,
    @InjectModel(SeekerView.name) readonly seekers: Model<SeekerView>,
    @InjectModel(FairView.name) readonly fairs: Model<FairView>,
    @InjectModel(FairAttendee.name) private readonly attendees: Model<FairAttendee>,
    @InjectModel(FairRegistrant.name) private readonly registrants: Model<FairRegistrant>,
    config: MatcherConfig,
    @InjectModel(ErasedSeeker.name) private readonly erased: Model<ErasedSeeker>,
    private readonly seekerKeys: ReceivedDataKeys,
    private readonly runInputs: RunInputsService,
  ) {
    this.offers = new ShortLivedCache(config.recommendationCacheMs);
  }

  async applyOpenings(events: EventEnvelope<OpeningSnapshot>[]) {
    return this.forgetOffersIf((await applyAllIfNewer(this.openings, events, (e) => ({ opening: e.data }))) > 0);
  }

  /**
   * An erased seeker's older events change nothing: the tombstone outlives every snapshot, and
   * once the seeker's key is shredded its events do not even open (applied as erased: nothing kept).
   * Before the key has come an event waits for it, and comes back here then.
   */
  async applySeekers(events: EventEnvelope<SealedSeekerSnapshot>[]) {
    const ids = [...new Set(events.map((e) => e.data.id))];
    const erased = new Set((await this.erased.find({ _id: { $in: ids } }, { _id: 1 }).lean()).map((doc) => doc._id));
    const opened = await this.seekerKeys.openEach(
      events.filter((e) => !erased.has(e.data.id)),
      SeekerSealedFields,
    );
    const seekers = new Map(
      opened.map(({ event, fields }): [EventEnvelope<SealedSeekerSnapshot>, SeekerSnapshot] => [
        event,
        JSON.parse(JSON.stringify({ ...fields, id: event.data.id, walkInRef: event.data.walkInRef })),
      ]),
    );
    return applyAllIfNewer(this.seekers, [...seekers.keys()], (e) => ({ seeker: seekers.get(e)! }));
  }

  /** Erasure: the matcher forgets the person entirely, keeping only a tombstone (written first, so a crash keeps it). */
  async eraseSeeker(event: EventEnvelope<SeekerErasure>) {
    await this.erased.updateOne({ _id: event.data.id }, {}, { upsert: true });
    await this.seekers.deleteOne({ _id: event.data.id });
    await this.runInputs.forgetSeeker(event.data.id);
    await this.seekerKeys.shred(event.data.id);
  }

  async applyFairs(events: EventEnvelope<FairSnapshot>[]) {
    return this.forgetOffersIf(
      (await applyAllIfNewer(this.fairs, events, ({ data: { status, booths, startsAt } }) => ({
        status,
        booths,
        // In UTC, so that periods compare as strings whatever offset the fair was given in.
        startsAt: new Date(startsAt).toISOString(),
      }))) > 0,
    );
  }

  /**
   * The fair and its booths' open openings, read at most once per RECOMMENDATION_CACHE_MS
   * (concurrent callers share one read); null while the fair or its openings are unknown,
   * which is not kept, so the first event that brings them counts at once.
   */
  fairOffer(fairId: string): Promise<FairOffer | null> {
    return this.offers.get(fairId, () => this.readOffer(fairId));
  }

  private async readOffer(fairId: string): Promise<FairOffer | null> {
    const fair = await this.fair(fairId);
    if (!fair) return null;
    const openings = await this.openOpenings(openingIdsAt(fair));
    if (!openings.length) return null;
    return { fair, openings, byId: new Map(openings.map((o) => [o.id, o])), index: buildOpeningIndex(openings.map(openingProfile)) };
  }

  /** What this process applies is seen at once; other instances' changes within the cache time. */
  private forgetOffersIf(applied: boolean): boolean {
    if (applied) this.offers.clear();
    return applied;
  }

  /** The fair as the matcher knows it, or null when no event about it has arrived. */
  fair(id: string): Promise<FairView | null> {
    return this.fairs.findById(id).lean<FairView>().exec();
  }

  /**
   * Open openings: all of them, or those listed (a fair's booths). One find, lean; a list is
   * looked up by `_id` alone and filtered here (with any other condition the local database scans).
   */
  async openOpenings(ids?: string[]): Promise<OpeningSnapshot[]> {
    const docs = await this.openings.find(ids ? { _id: { $in: ids } } : { 'opening.status': 'open' }, { opening: 1 }).lean();
    return docs.map((doc) => doc.opening).filter((opening) => opening.status === 'open');
  }

  /** Seekers not yet placed: all of them, or those listed (a fair's check-ins). One find, lean. */
  async availableSeekers(ids?: string[]): Promise<SeekerSnapshot[]> {
    // A list by `_id` alone, filtered here, as the openings.
    const docs = await this.seekers.find(ids ? { _id: { $in: ids } } : { 'seeker.available': true }, { seeker: 1 }).lean();
    // Only people who agreed to be matched are offered to employers.
    return docs.map((doc) => doc.seeker).filter((seeker) => seeker.available && consentGiven(seeker.consents ?? [], 'matching'));
  }

  /** Seekers by id (erased ones are simply absent). */
  async seekersById(ids: string[]): Promise<Map<string, SeekerSnapshot>> {
    const docs = await this.seekers.find({ _id: { $in: [...new Set(ids)] } }, { seeker: 1 }).lean();
    return new Map(docs.map((doc) => [doc._id, doc.seeker]));
  }

  /** A check-in is a set membership: adding the same seeker twice changes nothing. One write for a batch. */
  recordCheckIns(checkIns: Pick<CheckIn, 'fairId' | 'seekerId'>[]) {
    return addMembers(this.attendees, checkIns);
  }

  /** A registration before the fair, likewise a membership (the funnel's first step). */
  recordRegistrations(events: EventEnvelope<FairRegistration>[]) {
    return addMembers(
      this.registrants,
      events.map((e) => e.data),
    );
  }

  /** Who registered for and who checked in at these fairs, as `<fairId>:<seekerId>` sets. */
  async membersOf(fairIds: string[]): Promise<{ registered: Set<string>; checkedIn: Set<string> }> {
    const ids = (docs: { _id: string }[]) => new Set(docs.map((doc) => doc._id));
    const [registered, checkedIn] = await Promise.all([
      this.registrants.find({ fairId: { $in: fairIds } }, { _id: 1 }).lean(),
      this.attendees.find({ fairId: { $in: fairIds } }, { _id: 1 }).lean(),
    ]);
    return { registered: ids(registered), checkedIn: ids(checkedIn) };
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

/** Adds seekers to fairs' memberships (attendees or registrants, of one shape): one write for a batch, a member again changes nothing. */
async function addMembers(model: Model<FairAttendee>, members: Pick<CheckIn, 'fairId' | 'seekerId'>[]) {
  if (!members.length) return;
  await model.bulkWrite(
    members.map(({ fairId, seekerId }) => ({
      updateOne: { filter: { _id: attendeeId(fairId, seekerId) }, update: { $setOnInsert: { fairId, seekerId } }, upsert: true },
    })),
    { ordered: false },
  );
}

/** The openings a fair's booths bring. */
export function openingIdsAt(fair: FairView): string[] {
  return [...new Set(fair.booths.flatMap((booth) => booth.openingIds))];
}
