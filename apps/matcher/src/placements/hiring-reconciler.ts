import { ConflictException, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MatcherConfig } from '../service-spec';
import { AlternatePromotion } from './alternates';
import { Hiring } from './hiring';
import { HireRecord } from './hire-record.schema';
import { OpeningSeats } from './opening-seats.schema';
import { OpeningSeatsService } from './opening-seats.service';
import { Placement } from './placement.schema';
import { HiringState, RepairPlan, planRepairs } from './repair-plan';
import { SeekerCommitment, SeekerCommitments } from './seeker-commitments';

/**
 * Brings seats and seeker commitments back to the placements after a crash between two
 * writes of a hire, a cancel or a return: at start-up (before the service is ready) and every
 * `RECONCILE_INTERVAL_MS`. It reads, `planRepairs` decides, and this applies.
 */
@Injectable()
export class HiringReconciler implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(HiringReconciler.name);
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(
    @InjectModel(OpeningSeats.name) private readonly seatDocs: Model<OpeningSeats>,
    @InjectModel(SeekerCommitment.name) private readonly commitmentDocs: Model<SeekerCommitment>,
    @InjectModel(HireRecord.name) private readonly records: Model<HireRecord>,
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
    private readonly hiring: Hiring,
    private readonly seats: OpeningSeatsService,
    private readonly commitments: SeekerCommitments,
    private readonly config: MatcherConfig,
    private readonly alternates: AlternatePromotion,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.reconcile();
    this.timer = setInterval(
      () =>
        void this.reconcile().catch((error: Error) => this.logger.warn(`reconciling seats failed: ${error.message}; next round retries`)),
      this.config.reconcileIntervalMs,
    );
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One round; overlapping calls share the round in progress. */
  reconcile(): Promise<void> {
    this.running ??= this.round().finally(() => (this.running = undefined));
    return this.running;
  }

  private async round(): Promise<void> {
    const plan = planRepairs(await this.read());
    for (const id of plan.resume) await this.hiring.resume(id);
    for (const leftover of plan.release) await this.hiring.release(leftover);
    for (const leftover of plan.undo) await this.hiring.undo(leftover);
    for (const placement of plan.retakeSeats) await this.seats.hold(placement.openingId, placement.id, placement.quotaClass);
    for (const placement of plan.retakeCommitments) {
      await this.commitments.take(placement.seekerId, placement.id).catch((error) => {
        if (!(error instanceof ConflictException)) throw error; // taken by another live placement: reported below
      });
    }
    // After the seats: an alternate moving up for a cancelled placement finds its seat free.
    const promotionsOwed = await this.alternates.owed();
    for (const placementId of promotionsOwed) await this.alternates.settle(placementId);
    this.report(plan, promotionsOwed.length);
  }

  /** In the order `planRepairs` relies on: what is held, then the hire records, then the placements. */
  private async read(): Promise<HiringState> {
    const seatDocs = await this.seatDocs.find({}, { firstTime: 1, returning: 1 }).lean();
    const commitments = await this.commitmentDocs.find({}, { placementId: 1 }).lean();
    const records = await this.records.find({}, { _id: 1 }).lean();
    const placements = await this.placements.find({}, { status: 1, seekerId: 1, openingId: 1, quotaClass: 1 }).lean();
    return {
      seats: seatDocs.flatMap((doc) =>
        [...doc.firstTime, ...doc.returning].map((seat) => ({ openingId: doc._id, placementId: seat.placementId })),
      ),
      commitments: commitments.map((c) => ({ seekerId: c._id, placementId: c.placementId })),
      hiresInProgress: records.map((r) => r._id),
      placements: placements.map((p) => ({
        id: p._id,
        status: p.status,
        seekerId: p.seekerId,
        openingId: p.openingId,
        quotaClass: p.quotaClass,
      })),
    };
  }

  private report(plan: RepairPlan, promotionsOwed: number): void {
    const repaired = {
      promotionsOwed,
      resumed: plan.resume.length,
      released: plan.release.length,
      undone: plan.undo.length,
      seatsRetaken: plan.retakeSeats.length,
      seekersRetaken: plan.retakeCommitments.length,
    };
    if (Object.values(repaired).some((n) => n > 0)) this.logger.warn(`seats and commitments repaired: ${JSON.stringify(repaired)}`);
    if (plan.doublyPlaced.length)
      this.logger.error(`seekers with more than one live placement (staff must decide): ${plan.doublyPlaced.join(', ')}`);
  }
}
