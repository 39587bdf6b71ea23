import { ConflictException, HttpException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import {
  EventContract,
  EventEnvelope,
  FairRegistration,
  SeekerCheckedIn,
  SealedSeekerSnapshot,
  SeekerMerge,
  SeekerPreRegistered,
  WalkInRegistrationRequest,
  WalkInRegistrationRequested,
  describeValidationErrors,
} from '@jobfair/contracts';
import { AggregateConflictError, AggregateRepository, OutboxRelay, OwnedDataKeys, isDuplicateKeyError } from '@jobfair/messaging';
import { FairsService } from '../fairs/fairs.service';
import { SeekersService } from '../seekers/seekers.service';
import { CheckInDto, OfflineCheckInDto, identityProblems } from './attendance.dto';
import { Arrival, Attendance, AttendanceSnapshot, attendanceId, attendanceSnapshot } from './attendance.schema';
import { CheckInRecord, CheckInView, checkInKey, checkInView, walkInRequest } from './check-in.schema';
import { Page, PageQuery, badRequest, findPage } from '@jobfair/platform';
import { HourCount, checkInsByHour } from './hourly';

export type CheckInOutcome = 'created' | 'duplicate' | 'pending';

export interface CheckInResult {
  outcome: CheckInOutcome;
  checkIn: CheckInView;
}

export interface BatchItemResult {
  index: number;
  clientRef?: string;
  status: CheckInOutcome | 'rejected';
  checkInId?: string;
  error?: string;
}

/** On site a check-in needs an open fair; an offline device may upload after the fair closed. */
type Channel = 'on-site' | 'offline';

type AttendanceChange = { set: Partial<Attendance>; event: EventContract<AttendanceSnapshot> } | null;

@Injectable()
export class AttendanceService {
  private readonly attendance: AggregateRepository<Attendance, AttendanceSnapshot>;
  private readonly checkIns: AggregateRepository<CheckInRecord, WalkInRegistrationRequest>;

  constructor(
    @InjectModel(Attendance.name) attendanceModel: Model<Attendance>,
    @InjectModel(CheckInRecord.name) checkInModel: Model<CheckInRecord>,
    private readonly relay: OutboxRelay,
    private readonly fairs: FairsService,
    private readonly seekers: SeekersService,
    private readonly walkInKeys: OwnedDataKeys,
  ) {
    this.attendance = new AggregateRepository(attendanceModel, relay, attendanceSnapshot);
    this.checkIns = new AggregateRepository(checkInModel, relay, (checkIn) => walkInRequest(checkIn, walkInKeys));
  }

  /** A sign-up before the fair; the same seeker again is the same registration. */
  async register(fairId: string, seekerId: string): Promise<{ created: boolean; registration: FairRegistration }> {
    const fair = await this.fairs.find(fairId);
    if (fair.status !== 'scheduled') throw new ConflictException(`fair ${fairId} is ${fair.status}: registration is before the fair`);
    if (!(await this.seekers.findById(seekerId))) throw new NotFoundException(`seeker ${seekerId} not found`);
    const registeredAt = new Date().toISOString();
    const { changed, state } = await this.record(fairId, seekerId, (current) =>
      current?.registeredAt ? null : { set: { registeredAt }, event: SeekerPreRegistered },
    );
    return { created: changed, registration: { fairId, seekerId, registeredAt: state.registeredAt! } };
  }

  async checkIn(fairId: string, dto: CheckInDto, channel: Channel = 'on-site'): Promise<CheckInResult> {
    const problems = identityProblems(dto);
    if (problems.length) throw badRequest(problems);
    const key = checkInKey(fairId, dto.clientRef);
    // The reads are independent: a check-in waits for one round trip, not four. The attendance
    // can be read at once when the seeker is named (not when found by national ID).
    const [fair, stored, seeker, attendance] = await Promise.all([
      this.fairs.findRecent(fairId),
      this.checkIns.model.findOne({ key }, { outbox: 0 }).lean(),
      dto.seekerId ? this.seekers.findById(dto.seekerId) : this.seekers.findByNationalId(dto.registration?.nationalId ?? dto.nationalId!),
      dto.seekerId ? this.attendance.model.findById(attendanceId(fairId, dto.seekerId), { outbox: 0 }).lean<Attendance>() : undefined,
    ]);
    // A replay is answered from what was stored, even after the fair closed.
    if (stored) return { outcome: 'duplicate', checkIn: checkInView(stored) };
    if (fair.status === 'scheduled' || (fair.status === 'closed' && channel === 'on-site')) {
      throw new ConflictException(`fair ${fairId} is ${fair.status}: check-ins are taken while it is open`);
    }
    const arrival = { clientRef: dto.clientRef, at: dto.at ? new Date(dto.at).toISOString() : new Date().toISOString() };
    if (dto.registration) {
      // A walk-in the centre already knows (one person, one record) is checked in as that seeker.
      if (!seeker) return this.requestWalkIn(fairId, key, arrival, dto.registration);
      return this.arrive(fairId, seeker._id, { ...arrival, checkInId: uuidv7(), walkIn: false }, { attendance });
    }
    if (!seeker) {
      throw new NotFoundException(dto.seekerId ? `seeker ${dto.seekerId} not found` : 'nationalId: no seeker has this national ID');
    }
    return this.arrive(fairId, seeker._id, { ...arrival, checkInId: uuidv7(), walkIn: false }, { attendance });
  }

  /**
   * An offline device's upload: each item is checked and stored on its own, in order, so
   * a bad item is rejected with its reason and the same upload again stores nothing new.
   */
  async checkInBatch(fairId: string, items: Record<string, unknown>[]): Promise<BatchItemResult[]> {
    const fair = await this.fairs.find(fairId);
    if (fair.status === 'scheduled') throw new ConflictException(`fair ${fairId} is scheduled: it has no check-ins yet`);
    // One Kafka batch for the whole upload, not a round trip per item.
    return this.relay.inOneBatch(() => this.checkInEach(fairId, items));
  }

  private async checkInEach(fairId: string, items: Record<string, unknown>[]): Promise<BatchItemResult[]> {
    const results: BatchItemResult[] = [];
    for (const [index, raw] of items.entries()) {
      const clientRef = typeof raw.clientRef === 'string' ? raw.clientRef : undefined;
      const item = plainToInstance(OfflineCheckInDto, raw);
      const problems = describeValidationErrors(validateSync(item, { whitelist: true, forbidNonWhitelisted: true }));
      if (problems.length) {
        results.push({ index, clientRef, status: 'rejected', error: problems.join('; ') });
        continue;
      }
      try {
        const { outcome, checkIn } = await this.checkIn(fairId, item, 'offline');
        results.push({ index, clientRef, status: outcome, checkInId: checkIn.id });
      } catch (error) {
        // Refusals belong to the item; anything else (the database away) fails the upload, which is safe to repeat.
        if (!(error instanceof HttpException)) throw error;
        results.push({ index, clientRef, status: 'rejected', error: refusalText(error) });
      }
    }
    return results;
  }

  async getCheckIn(fairId: string, checkInId: string): Promise<CheckInView> {
    const stored = await this.checkIns.model.findById(checkInId, { outbox: 0 }).lean();
    if (!stored || stored.fairId !== fairId) throw new NotFoundException(`check-in ${checkInId} not found`);
    return checkInView(stored);
  }

  /**
   * The seekers service answered a walk-in (`walkInRef` = the pending check-in): complete the
   * check-in, drop the registration, and shred the request's key, so that its copies on the
   * attendance topic (and any dead-letter copy) no longer open. Also when the person was
   * erased before this answer came: the answer's `walkInRef` is in clear for this.
   */
  async completeWalkIn(event: EventEnvelope<SealedSeekerSnapshot>): Promise<void> {
    const ref = event.data.walkInRef;
    if (!ref) return;
    const pending = await this.checkIns.model.findById(ref, { outbox: 0 }).lean();
    if (!pending) return;
    if (pending.status === 'pending') await this.arriveWalkIn(pending, event);
    // Last, and also for an answer redelivered after a crash: the key goes once the request is done.
    await this.walkInKeys.shred(ref);
  }

  private async arriveWalkIn(pending: CheckInRecord, event: EventEnvelope<SealedSeekerSnapshot>): Promise<void> {
    const seekerId = event.data.id;
    await this.arrive(
      pending.fairId,
      seekerId,
      { checkInId: pending._id, clientRef: pending.clientRef, at: pending.at, walkIn: true },
      { correlationId: event.correlationId },
    );
    // After the arrival is recorded: a crash in between leaves it pending, and the redelivered event completes it.
    await this.checkIns.model.updateOne(
      { _id: pending._id, status: 'pending' },
      { $set: { status: 'checked-in', seekerId }, $unset: { registration: 1 } },
    );
  }

  /** A seeker's registrations and arrivals at every fair, oldest fair first. */
  forSeeker(seekerId: string, query: PageQuery): Promise<Page<AttendanceSnapshot>> {
    return findPage(this.attendance.model, { seekerId }, query, attendanceSnapshot);
  }

  /** How many arrived in each hour of the fair (by the time of each arrival, offline ones included). */
  async hourly(fairId: string): Promise<{ fairId: string; hours: HourCount[] }> {
    await this.fairs.find(fairId);
    const arrived = await this.attendance.model.find({ fairId, checkIn: { $exists: true } }, { 'checkIn.at': 1 }).lean();
    return { fairId, hours: checkInsByHour(arrived.map((a) => a.checkIn!.at)) };
  }

  async counts(fairId: string) {
    const [registrations, checkIns, walkIns, pendingWalkIns] = await Promise.all([
      this.attendance.model.countDocuments({ fairId, registeredAt: { $exists: true } }),
      this.attendance.model.countDocuments({ fairId, checkIn: { $exists: true } }),
      this.attendance.model.countDocuments({ fairId, 'checkIn.walkIn': true }),
      this.checkIns.model.countDocuments({ fairId, status: 'pending' }),
    ]);
    return { registrations, checkIns, walkIns, pendingWalkIns };
  }

  /**
   * Records a seeker's arrival on the attendance (once per seeker and fair), then the
   * check-in under its client reference. The attendance goes first: after a crash in
   * between, the device's retry finds the arrival and writes the missing record.
   */
  private async arrive(fairId: string, seekerId: string, arrival: Arrival, read: AttendanceRead = {}): Promise<CheckInResult> {
    const { changed, state } = await this.record(
      fairId,
      seekerId,
      (current) => (current?.checkIn ? null : { set: { checkIn: arrival }, event: SeekerCheckedIn }),
      read,
    );
    const recorded = state.checkIn!;
    const view: CheckInView = {
      id: recorded.checkInId,
      fairId,
      seekerId,
      clientRef: recorded.clientRef,
      at: recorded.at,
      walkIn: recorded.walkIn,
      status: 'checked-in',
    };
    if (recorded.clientRef === arrival.clientRef) {
      const { id, ...fields } = view;
      await this.checkIns.model.updateOne(
        { _id: id },
        { $setOnInsert: { ...fields, key: checkInKey(fairId, arrival.clientRef), version: 0, outbox: [] } },
        { upsert: true },
      );
    }
    return { outcome: changed ? 'created' : 'duplicate', checkIn: view };
  }

  private async requestWalkIn(
    fairId: string,
    key: string,
    arrival: Pick<Arrival, 'clientRef' | 'at'>,
    registration: object,
  ): Promise<CheckInResult> {
    try {
      const pending = await this.checkIns.create(
        {
          _id: uuidv7(),
          key,
          fairId,
          ...arrival,
          walkIn: true,
          status: 'pending',
          registration: JSON.parse(JSON.stringify(registration)),
        },
        WalkInRegistrationRequested,
      );
      return { outcome: 'pending', checkIn: checkInView(pending) };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      // The same walk-in sent twice at once: the first one stored it.
      const stored = await this.checkIns.model.findOne({ key }, { outbox: 0 }).lean();
      return { outcome: 'duplicate', checkIn: checkInView(stored!) };
    }
  }

  /**
   * Two records made one (SeekersMerged): the merged record's sign-ups and arrivals become the
   * survivor's, fair by fair, and its own attendance goes, so a fair counts the person once. Where
   * both came to the same fair the survivor's registration and check-in stay (one arrival per
   * person and fair) and the merged one's is dropped; the merged one's device check-ins point at
   * the survivor, so a replayed upload still answers. A redelivery finds the survivor's attendance
   * already holding the facts (nothing changes) and the merged one gone.
   */
  async moveMerged(event: EventEnvelope<SeekerMerge>): Promise<void> {
    const { mergedId, survivorId } = event.data;
    const held = await this.attendance.model.find({ seekerId: mergedId }, { outbox: 0 }).lean();
    for (const moved of held) {
      if (moved.registeredAt || moved.checkIn) {
        await this.record(moved.fairId, survivorId, (current) => takeOver(current, moved), { correlationId: event.correlationId });
      }
      await this.attendance.model.deleteOne({ _id: moved._id });
    }
    await this.checkIns.model.updateMany({ seekerId: mergedId }, { $set: { seekerId: survivorId } });
  }

  /** Applies a change to the attendance of a seeker at a fair, creating it with its first fact. */
  private async record(
    fairId: string,
    seekerId: string,
    change: (current: Attendance | undefined) => AttendanceChange,
    { correlationId, attendance }: AttendanceRead = {},
  ): Promise<{ changed: boolean; state: Attendance }> {
    const id = attendanceId(fairId, seekerId);
    for (let attempt = 0; attempt < 2; attempt++) {
      let changed = false;
      // Read with the check-in's other reads: none yet goes straight to creating it.
      const known = attempt === 0 ? attendance : undefined;
      const updated =
        known === null
          ? null
          : await this.attendance.update(
              id,
              (current) => {
                const decision = change(current);
                changed = decision !== null;
                return decision;
              },
              { correlationId, current: known },
            );
      if (updated) return { changed, state: updated };
      const first = change(undefined)!;
      try {
        const state = await this.attendance.create({ _id: id, fairId, seekerId, ...first.set } as Attendance, first.event, {
          correlationId,
        });
        return { changed: true, state };
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error; // created at the same moment by another request: decide on it
      }
    }
    throw new AggregateConflictError(`attendance ${id} kept changing; try again`);
  }
}

/** How an attendance change came: its flow, and the attendance when already read (null: there is none yet). */
interface AttendanceRead {
  correlationId?: string;
  attendance?: Attendance | null;
}

/** What the survivor takes of a merged record's attendance at one fair: only what it lacks; its own facts stay. */
function takeOver(current: Attendance | undefined, moved: Attendance): AttendanceChange {
  const set: Partial<Attendance> = {};
  if (moved.registeredAt && !current?.registeredAt) set.registeredAt = moved.registeredAt;
  if (moved.checkIn && !current?.checkIn) set.checkIn = moved.checkIn;
  if (!Object.keys(set).length) return null;
  // One event per write: a check-in's snapshot carries the registration too.
  return { set, event: set.checkIn ? SeekerCheckedIn : SeekerPreRegistered };
}

function refusalText(error: HttpException): string {
  const body = error.getResponse();
  const message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? error.message);
  return Array.isArray(message) ? message.join('; ') : message;
}
