import { ConflictException, Injectable, NotFoundException, OnModuleInit } from '@nestjs/common';
import { InjectConnection, InjectModel } from '@nestjs/mongoose';
import { Connection, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import {
  EventContract,
  EventEnvelope,
  ExpiredDocument,
  PlacementSnapshot,
  SealedSeekerSnapshot,
  SeekerDocumentExpired,
  SeekerDocumentExpiry,
  SeekerErased,
  SeekerErasure,
  SeekerMerge,
  SeekersMerged,
  SeekerRegistered,
  SeekerRegistration,
  SeekerUpdated,
  WalkInRegistrationRequest,
} from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay, OwnedDataKeys, ReceivedDataKeys, isDuplicateKeyError } from '@jobfair/messaging';
import { DuplicatePair, findDuplicatePairs, pairKey } from '@jobfair/matching';
import { Page, findPage, badRequest, forgetIdempotentAnswers } from '@jobfair/platform';
import { DuplicatePairView, DuplicateSide, ListDuplicatesQuery, ListSeekersQuery, SeekerView, UpdateSeekerDto } from './seeker.dto';
import { absorbRecord, nameBirthKey, nameSearchPattern, normalizedName, profileProblems } from './seeker-rules';
import {
  DistinctPair,
  ERASED_FIELDS,
  NameBirthKey,
  Seeker,
  WalkInAnswer,
  erasedNationalId,
  mergedNationalId,
  seekerEvent,
  seekerSnapshot,
} from './seeker.schema';

type SeekerEvent = SealedSeekerSnapshot | SeekerDocumentExpiry | SeekerErasure | SeekerMerge;
type Decision = { set: Partial<Seeker>; event: EventContract<SeekerEvent>; extra?: Record<string, unknown> } | null;

/** Validated input holds class instances with unset fields; stored as they are they would come back as nulls. */
const plain = <T extends object>(input: T): T => JSON.parse(JSON.stringify(input)) as T;

const DEFAULT_DUPLICATES_PAGE = 20;

/** Where a candidate pair stands in the list's order: its place for the next page. */
const pairCursor = (pair: DuplicatePair) => `${pair.score}:${pairKey(pair.a, pair.b)}`;

/** A side of a pair: the staff view's identity and contact fields, and when the record was made. */
function duplicateSide(s: Seeker): DuplicateSide {
  const { createdAt } = s as Seeker & { createdAt?: Date };
  const { id, nationalId, fullName, birthDate, gender, province, district } = seekerSnapshot(s);
  return {
    id,
    nationalId,
    fullName,
    birthDate,
    gender,
    phone: s.phone,
    province,
    district,
    createdAt: (createdAt ?? new Date(0)).toISOString(),
  };
}

/** Placement statuses after which the placement no longer holds the seeker. */
const RELEASING = ['cancelled', 'returned'];

@Injectable()
export class SeekersService implements OnModuleInit {
  private readonly seekers: AggregateRepository<Seeker, SeekerEvent>;

  constructor(
    @InjectModel(Seeker.name) model: Model<Seeker>,
    @InjectModel(NameBirthKey.name) private readonly keys: Model<NameBirthKey>,
    @InjectModel(WalkInAnswer.name) private readonly walkInAnswers: Model<WalkInAnswer>,
    @InjectModel(DistinctPair.name) private readonly distinctPairs: Model<DistinctPair>,
    @InjectConnection() private readonly connection: Connection,
    relay: OutboxRelay,
    private readonly dataKeys: OwnedDataKeys,
    private readonly walkInKeys: ReceivedDataKeys,
  ) {
    this.seekers = new AggregateRepository(model, relay, (seeker) => seekerEvent(seeker, dataKeys));
  }

  /** The national ID's unique index must exist before the first registration, or duplicates could slip in. */
  async onModuleInit(): Promise<void> {
    await this.seekers.model.init();
    await this.addSearchNames();
    await this.shredErasedKeys();
  }

  /** An erasure or merge that crashed after its document write and before its key's shredding is finished here. */
  private async shredErasedKeys(): Promise<void> {
    const erased = await this.seekers.model
      .find({ $or: [{ erasedAt: { $exists: true } }, { mergedInto: { $exists: true } }] }, { _id: 1 })
      .lean();
    for (const id of await this.dataKeys.notShredded(erased.map((seeker) => seeker._id))) await this.dataKeys.shred(id);
  }

  /** Seekers registered before the name search have no search name yet: given once, by `_id`. */
  private async addSearchNames(): Promise<void> {
    // Erased and merged records have no name left to search by (a merged one crashed the start here).
    const missing = await this.seekers.model
      .find({ searchName: { $exists: false }, erasedAt: { $exists: false }, mergedInto: { $exists: false } }, { fullName: 1 })
      .lean();
    if (!missing.length) return;
    await this.seekers.model.bulkWrite(
      missing.map((seeker) => ({
        updateOne: { filter: { _id: seeker._id }, update: { $set: { searchName: normalizedName(seeker.fullName) } } },
      })),
    );
  }

  async register(
    registration: SeekerRegistration,
    options: { id?: string; walkInRef?: string; correlationId?: string } = {},
  ): Promise<SeekerView> {
    this.refuse(profileProblems(registration));
    const id = options.id ?? uuidv7();
    const key = nameBirthKey(registration.fullName, registration.birthDate);
    // The key is written first: a crash in between leaves a dangling id (filtered on read), never a missing one.
    const entry = await this.addToKey(key, id);
    let seeker: Seeker;
    try {
      seeker = await this.seekers.create(
        {
          _id: id,
          ...plain(registration),
          searchName: normalizedName(registration.fullName),
          available: true,
          walkInRef: options.walkInRef ?? null,
          walkInRefs: options.walkInRef ? [options.walkInRef] : [],
          appliedPlacements: [],
          activePlacements: [],
          expiredDocuments: [],
        },
        SeekerRegistered,
        { correlationId: options.correlationId },
      );
    } catch (error) {
      await this.forgetNameBirthKey(key, id);
      if (isDuplicateKeyError(error)) throw new ConflictException(`nationalId: ${registration.nationalId} is already registered`);
      throw error;
    }
    // The key as just written tells the near-duplicates: no second read of it.
    return (await this.views([seeker], [entry]))[0];
  }

  async list(query: ListSeekersQuery): Promise<Page<SeekerView>> {
    // By national ID: the unique index answers; an erased seeker's ID is replaced, so it never matches.
    // By name: an erased seeker has no search name left.
    const filter = query.nationalId
      ? { nationalId: query.nationalId }
      : query.name
        ? { searchName: { $regex: nameSearchPattern(query.name) } }
        : { erasedAt: { $exists: false }, mergedInto: { $exists: false } };
    const page = await findPage(this.seekers.model, filter, query, (seeker) => seeker);
    return { items: await this.views(page.items), nextCursor: page.nextCursor };
  }

  async get(id: string): Promise<SeekerView> {
    return this.view(await this.visible(id));
  }

  async update(id: string, dto: UpdateSeekerDto): Promise<SeekerView> {
    const before = await this.visible(id);
    const after = { ...before, ...dto };
    this.refuse(profileProblems(after));
    const oldKey = nameBirthKey(before.fullName, before.birthDate);
    const newKey = nameBirthKey(after.fullName, after.birthDate);
    if (newKey !== oldKey) await this.addToKey(newKey, id);
    const updated = await this.change(id, (current) => {
      if (current.erasedAt || current.mergedInto) throw new NotFoundException(`seeker ${id} not found`);
      const changes: Partial<Seeker> = plain(dto);
      if (changes.fullName !== undefined) changes.searchName = normalizedName(changes.fullName);
      return Object.keys(changes).length ? { set: changes, event: SeekerUpdated } : null;
    });
    if (newKey !== oldKey) await this.forgetNameBirthKey(oldKey, id);
    return this.view(updated!);
  }

  /**
   * Erasure on request: the personal data is removed from the stored profile, which stays
   * only as a tombstone (it carries the SeekerErased event through the outbox), and the
   * other services forget the person on that event. Then the seeker's data key is shredded:
   * every seeker event about the person, in any topic or dead-letter copy, no longer opens.
   * Afterwards the seeker is "not found", also to a retried registration of the person (its
   * kept answer is forgotten).
   */
  async erase(id: string): Promise<void> {
    const seeker = await this.visible(id);
    // Before the erasure is stored: after a crash in between the DELETE can be repeated, after it the seeker is gone (404).
    await forgetIdempotentAnswers(this.connection, id, `seeker ${id} not found`);
    const erasedAt = new Date().toISOString();
    await this.change(id, (current) => {
      if (current.erasedAt) throw new NotFoundException(`seeker ${id} not found`);
      return {
        set: { nationalId: erasedNationalId(id), erasedAt, available: false },
        event: SeekerErased,
        extra: { $unset: Object.fromEntries(ERASED_FIELDS.map((field) => [field, 1])) },
      };
    });
    await this.forgetNameBirthKey(nameBirthKey(seeker.fullName, seeker.birthDate), id);
    // After the erasure is stored: a crash in between is finished at the next start (shredErasedKeys).
    await this.dataKeys.shred(id);
    // The records merged into the person were shredded at their merge; a merge cut short is finished here.
    const merged = await this.seekers.model.find({ mergedInto: id }, { _id: 1 }).lean();
    for (const id of await this.dataKeys.notShredded(merged.map((record) => record._id))) await this.dataKeys.shred(id);
  }

  /**
   * Candidate pairs of records that may be one person (libs/matching: the same name, diacritics,
   * spacing and word order aside, and birth date; the same phone), surest first, without the pairs
   * staff marked distinct. Computed from one read of every live record's name, birth date and
   * phone (a scan: a review screen's list, never a hot path). The cursor is the last pair's
   * place in that order (`<score>:<pair key>`).
   */
  async duplicates(query: ListDuplicatesQuery): Promise<Page<DuplicatePairView>> {
    const live = await this.seekers.model
      .find({ erasedAt: { $exists: false }, mergedInto: { $exists: false } }, { fullName: 1, birthDate: 1, phone: 1 })
      .lean();
    const found = findDuplicatePairs(live.map((s) => ({ id: s._id, fullName: s.fullName, birthDate: s.birthDate, phone: s.phone })));
    const decided = new Set(
      (await this.distinctPairs.find({ _id: { $in: found.map((p) => pairKey(p.a, p.b)) } }, { _id: 1 }).lean()).map((d) => d._id),
    );
    const open = found.filter((p) => !decided.has(pairKey(p.a, p.b)) && (!query.seekerId || [p.a, p.b].includes(query.seekerId)));
    const start = query.cursor ? open.findIndex((p) => pairCursor(p) === query.cursor) + 1 : 0;
    const limit = query.limit ?? DEFAULT_DUPLICATES_PAGE;
    const page = open.slice(start, start + limit);
    const sides = new Map(
      (await this.seekers.model.find({ _id: { $in: page.flatMap((p) => [p.a, p.b]) } }, { outbox: 0 }).lean()).map((s) => [
        s._id,
        duplicateSide(s),
      ]),
    );
    return {
      items: page
        .filter((p) => sides.has(p.a) && sides.has(p.b))
        .map((p) => ({ a: sides.get(p.a)!, b: sides.get(p.b)!, score: p.score, reasons: p.reasons })),
      nextCursor: start + limit < open.length ? pairCursor(page[page.length - 1]) : null,
    };
  }

  /** Two records staff judged to be two people: the pair leaves the duplicate list for good (a repeat changes nothing). */
  async markDistinct(a: string, b: string): Promise<{ a: string; b: string }> {
    if (a === b) throw badRequest(['b: must be another seeker than a']);
    await Promise.all([this.visible(a), this.visible(b)]);
    await this.distinctPairs.updateOne({ _id: pairKey(a, b) }, { $setOnInsert: { decidedAt: new Date().toISOString() } }, { upsert: true });
    return { a, b };
  }

  /**
   * One person, one record, by staff decision: the survivor takes in the duplicate's history,
   * consents and placements (absorbRecord, once per duplicate), then the duplicate becomes a
   * tombstone pointing at the survivor (personal data removed as on erasure, national ID freed)
   * whose SeekersMerged event tells the other services to move what they hold; then its data key
   * is shredded (its data lives on in the survivor's events). The survivor goes first: a crash in
   * between is finished by repeating the request, which, once done, answers the survivor again.
   * Two records both held by a placement are refused (409): one person is placed once; cancel one first.
   */
  async merge(survivorId: string, duplicateId: string): Promise<SeekerView> {
    if (survivorId === duplicateId) throw badRequest(['duplicateId: must be another seeker than the survivor']);
    const duplicate = await this.seekers.model.findById(duplicateId, { outbox: 0 }).lean();
    if (duplicate?.mergedInto === survivorId) return this.get(survivorId);
    if (!duplicate || duplicate.erasedAt || duplicate.mergedInto) throw new NotFoundException(`seeker ${duplicateId} not found`);
    const survivor = await this.visible(survivorId);
    if (survivor.activePlacements.length && duplicate.activePlacements.length && !survivor.absorbedIds?.includes(duplicateId)) {
      throw new ConflictException(
        `both records are placed (${[...survivor.activePlacements, ...duplicate.activePlacements].join(', ')}): cancel one placement first`,
      );
    }
    await this.change(survivorId, (current) => {
      if (current.erasedAt || current.mergedInto) throw new NotFoundException(`seeker ${survivorId} not found`);
      if (current.absorbedIds?.includes(duplicateId)) return null;
      return {
        set: { ...plain(absorbRecord(current, duplicate)), absorbedIds: [...(current.absorbedIds ?? []), duplicateId] },
        event: SeekerUpdated,
      };
    });
    await forgetIdempotentAnswers(this.connection, duplicateId, `seeker ${duplicateId} was merged into ${survivorId}`);
    const mergedAt = new Date().toISOString();
    await this.change(duplicateId, (current) => {
      if (current.mergedInto === survivorId) return null;
      if (current.erasedAt || current.mergedInto) throw new NotFoundException(`seeker ${duplicateId} not found`);
      return {
        set: { nationalId: mergedNationalId(duplicateId), mergedInto: survivorId, mergedAt, available: false },
        event: SeekersMerged,
        extra: { $unset: Object.fromEntries(ERASED_FIELDS.map((field) => [field, 1])) },
      };
    });
    await this.forgetNameBirthKey(nameBirthKey(duplicate.fullName, duplicate.birthDate), duplicateId);
    // After the tombstone is stored: a crash in between is finished at the next start (shredErasedKeys).
    await this.dataKeys.shred(duplicateId);
    return this.get(survivorId);
  }

  /** The name and birth date are the key's `_id`: a key left with nobody goes, or it would keep both. */
  private async forgetNameBirthKey(key: string, id: string): Promise<void> {
    await this.keys.updateOne({ _id: key }, { $pull: { seekerIds: id } });
    await this.keys.deleteOne({ _id: key, seekerIds: { $size: 0 } });
  }

  /** A hire makes the seeker unavailable; a cancelled or returned placement releases them. Once per placement and status. */
  async applyPlacement(event: EventEnvelope<PlacementSnapshot>): Promise<void> {
    const placement = event.data;
    const applied = `${placement.id}:${placement.status}`;
    // Sent before the matcher learnt of a merge: it belongs to the survivor.
    const merged = await this.seekers.model.findById(placement.seekerId, { mergedInto: 1 }).lean();
    await this.change(
      merged?.mergedInto ?? placement.seekerId,
      (current) => {
        if (current.erasedAt || current.mergedInto || current.appliedPlacements.includes(applied)) return null;
        const released = RELEASING.some((status) => current.appliedPlacements.includes(`${placement.id}:${status}`));
        let active = current.activePlacements.filter((p) => p !== placement.id);
        // A hire replayed after its own cancellation (e.g. from a dead-letter topic) must not hold the seeker again.
        if (placement.status === 'hired' && !released) active = [...active, placement.id];
        return {
          set: {
            appliedPlacements: [...current.appliedPlacements, applied],
            activePlacements: active,
            available: active.length === 0,
          },
          event: SeekerUpdated,
        };
      },
      event.correlationId,
    );
  }

  /**
   * A walk-in at a fair: registers the person, or if the national ID is known answers with
   * the existing seeker; either event carries the request's `walkInRef`. Answered once, by the
   * seeker recorded for the request first (`WalkInAnswer`): after that person's erasure a
   * replayed request changes nothing. The registration is sealed under the walk-in's key,
   * which the fairs service shreds once answered: a request whose key is gone is done with.
   */
  async registerWalkIn(event: EventEnvelope<WalkInRegistrationRequest>): Promise<void> {
    const { walkInRef } = event.data;
    const opened = await this.walkInKeys.open(event, walkInRef, event.data.registration, SeekerRegistration);
    // Shredded: answered already (or withdrawn); waiting: it comes back here with its key.
    if (opened.state !== 'open') return;
    const registration = opened.fields;
    let { seekerId } = await this.walkInAnswer(walkInRef);
    const answering = await this.seekers.model.findById(seekerId, { erasedAt: 1, mergedInto: 1 }).lean();
    if (answering?.erasedAt) return;
    // Answered by a record merged since: the survivor answers a replay.
    if (answering?.mergedInto) seekerId = answering.mergedInto;
    if (!answering) {
      const known = await this.seekers.model.findOne({ nationalId: registration.nationalId }, { _id: 1 }).lean();
      // A concurrent registration of the same national ID fails here with a duplicate key; the retry answers with it.
      if (!known) {
        await this.register(registration, { id: seekerId, walkInRef, correlationId: event.correlationId });
        return;
      }
      seekerId = known._id;
      await this.walkInAnswers.updateOne({ _id: walkInRef }, { $set: { seekerId } });
    }
    await this.change(
      seekerId,
      (current) =>
        current.walkInRefs.includes(walkInRef)
          ? null
          : { set: { walkInRef, walkInRefs: [...current.walkInRefs, walkInRef] }, event: SeekerUpdated },
      event.correlationId,
    );
  }

  /** The seeker that answers the request: recorded once, a new id until a known national ID takes its place. */
  private async walkInAnswer(walkInRef: string): Promise<WalkInAnswer> {
    const recorded = await this.walkInAnswers.findById(walkInRef).lean();
    if (recorded) return recorded;
    try {
      return (await this.walkInAnswers.create({ _id: walkInRef, seekerId: uuidv7() })).toObject();
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      return (await this.walkInAnswers.findById(walkInRef).lean())!;
    }
  }

  /**
   * Seekers whose documents may have run out: every one not erased, with only the dated fields
   * (a daily scan; `expiredDocuments` says what was told already).
   */
  datedDocuments(): Promise<Pick<Seeker, '_id' | 'languageTests' | 'medicalCheck' | 'rosterEntries' | 'expiredDocuments'>[]> {
    return this.seekers.model
      .find(
        { erasedAt: { $exists: false }, mergedInto: { $exists: false } },
        { languageTests: 1, medicalCheck: 1, rosterEntries: 1, expiredDocuments: 1 },
      )
      .lean()
      .exec();
  }

  /** Tells that a document ran out (SeekerDocumentExpired), once per `key`: a repeated or concurrent call changes nothing. */
  async tellExpiry(id: string, expired: ExpiredDocument, key: string): Promise<boolean> {
    let told = false;
    await this.change(id, (current) => {
      if (current.erasedAt || current.mergedInto || (current.expiredDocuments ?? []).includes(key)) return null;
      told = true;
      return {
        set: { expiredDocument: expired, expiredDocuments: [...(current.expiredDocuments ?? []), key] },
        event: SeekerDocumentExpired,
      };
    });
    return told;
  }

  /** Every change but a walk-in answer clears `walkInRef`, so only the answering event carries it; an expiry's likewise. */
  private change(id: string, decide: (current: Seeker) => Decision, correlationId?: string): Promise<Seeker | null> {
    return this.seekers.update(
      id,
      (current) => {
        const decision = decide(current);
        return decision && { ...decision, set: { walkInRef: null, expiredDocument: null, ...decision.set } };
      },
      { correlationId },
    );
  }

  /** Adds the seeker under its name and birth date; the key as written, with everyone under it. */
  private async addToKey(key: string, id: string): Promise<NameBirthKey> {
    const add = () =>
      this.keys.findOneAndUpdate({ _id: key }, { $addToSet: { seekerIds: id } }, { upsert: true, new: true }).lean<NameBirthKey>();
    try {
      return (await add())!;
    } catch (error) {
      // Two first registrations under one key raced to create it: it exists now.
      if (!isDuplicateKeyError(error)) throw error;
      return (await add())!;
    }
  }

  /**
   * Staff views with near-duplicates: the others under the same name and birth date that
   * still exist, are not erased and still have that key (entries left by a crash or a
   * change of name are skipped). Two reads by `_id` for a whole page, fewer when the caller has
   * the keys (`entries`) and nobody else is under them.
   */
  private async views(seekers: Seeker[], entries?: NameBirthKey[]): Promise<SeekerView[]> {
    const keyOf = (s: Pick<Seeker, 'fullName' | 'birthDate'>) => nameBirthKey(s.fullName, s.birthDate);
    entries ??= await this.keys.find({ _id: { $in: [...new Set(seekers.map(keyOf))] } }).lean();
    const idsByKey = new Map(entries.map((entry) => [entry._id, entry.seekerIds]));
    // The seekers at hand are not read again (a registration's key holds only itself, mostly).
    const held = new Set(seekers.map((seeker) => seeker._id));
    const others = [...new Set(entries.flatMap((entry) => entry.seekerIds))].filter((id) => !held.has(id));
    const candidates = others.length
      ? await this.seekers.model.find({ _id: { $in: others } }, { fullName: 1, birthDate: 1, nationalId: 1, erasedAt: 1 }).lean()
      : [];
    const live = new Map([...seekers, ...candidates].filter((c) => !c.erasedAt).map((c) => [c._id, c]));
    return seekers.map((seeker) => {
      const key = keyOf(seeker);
      const possibleDuplicates = (idsByKey.get(key) ?? []).filter((id) => {
        const other = live.get(id);
        return other !== undefined && other.nationalId !== seeker.nationalId && keyOf(other) === key;
      });
      const { walkInRef: _answeredRequest, ...profile } = seekerSnapshot(seeker);
      return { ...profile, phone: seeker.phone, possibleDuplicates };
    });
  }

  private async view(seeker: Seeker): Promise<SeekerView> {
    return (await this.views([seeker]))[0];
  }

  /** An erased seeker is "not found", like one that never existed; a merged record says where the person is now. */
  private async visible(id: string): Promise<Seeker> {
    const seeker = await this.seekers.model.findById(id, { outbox: 0 }).lean();
    if (seeker?.mergedInto) throw new NotFoundException(`seeker ${id} was merged into ${seeker.mergedInto}`);
    if (!seeker || seeker.erasedAt) throw new NotFoundException(`seeker ${id} not found`);
    return seeker;
  }

  private refuse(problems: string[]): void {
    if (problems.length) throw badRequest(problems);
  }
}
