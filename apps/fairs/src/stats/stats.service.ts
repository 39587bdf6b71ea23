import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, MatchSnapshot, PlacementSnapshot } from '@jobfair/contracts';
import { isDuplicateKeyError } from '@jobfair/messaging';
import { AttendanceService } from '../attendance/attendance.service';
import { FairsService } from '../fairs/fairs.service';
import { OpeningsService } from '../openings/openings.service';
import { CountedFact, CountedKind, FairStats, REMEMBERED_STEPS } from './fair-stats.schema';

@Injectable()
export class StatsService {
  constructor(
    @InjectModel(FairStats.name) private readonly stats: Model<FairStats>,
    @InjectModel(CountedFact.name) private readonly facts: Model<CountedFact>,
    private readonly fairs: FairsService,
    private readonly attendance: AttendanceService,
    private readonly openings: OpeningsService,
  ) {}

  /** A match proposed at a fair counts once, whatever becomes of it. */
  async countMatch(event: EventEnvelope<MatchSnapshot>): Promise<void> {
    if (event.data.fairId) await this.record('matches', event.data.fairId, event.data.id, event.aggregateVersion, true);
  }

  /** A placement counts while it stands: a cancelled one is taken off again. */
  async countPlacement(event: EventEnvelope<PlacementSnapshot>): Promise<void> {
    const counted = event.data.status !== 'cancelled';
    if (event.data.fairId) await this.record('placements', event.data.fairId, event.data.id, event.aggregateVersion, counted);
  }

  /** Computed on each request from the stored facts, so it is always live. */
  async forFair(fairId: string) {
    const fair = await this.fairs.find(fairId);
    const openingIds = [...new Set(fair.booths.flatMap((b) => b.openingIds))];
    const [counts, openings, totals] = await Promise.all([
      this.attendance.counts(fairId),
      this.openings.find(openingIds),
      this.stats.findById(fairId, { steps: 0 }).lean(),
    ]);
    return {
      fairId,
      status: fair.status,
      ...counts,
      employers: fair.booths.length,
      openings: openingIds.length,
      positions: openings.reduce((sum, o) => sum + o.positions, 0),
      matches: totals?.matches ?? 0,
      placements: totals?.placements ?? 0,
    };
  }

  /** Each step costs the same at the first and the ten-thousandth fact: writes by `_id`, no growing document. */
  private async record(kind: CountedKind, fairId: string, id: string, version: number, counted: boolean): Promise<void> {
    const _id = `${kind}:${id}`;
    try {
      await this.facts.updateOne(
        { _id, version: { $lt: version } },
        { $set: { version, counted }, $setOnInsert: { fairId, kind, inTotal: false } },
        { upsert: true },
      );
    } catch (error) {
      // The upsert met the fact at this version or a newer one: the event is old news.
      if (!isDuplicateKeyError(error)) throw error;
    }
    // Also after old news: a delivery that failed between the two steps is completed by its redelivery.
    await this.settle(_id);
  }

  /**
   * Brings the fair's counter in line with the fact: the fact's step (to `counted` at its
   * version) moves the counter once, and the fair's document remembers the step, so a kill
   * between the counter and the fact's flag, redelivered, does not count it twice.
   */
  private async settle(_id: string): Promise<void> {
    const fact = await this.facts.findById(_id).lean();
    if (!fact || fact.counted === fact.inTotal) return;
    const step = `${_id}@${fact.version}`;
    try {
      await this.stats.updateOne(
        { _id: fact.fairId, steps: { $ne: step } },
        { $inc: { [fact.kind]: fact.counted ? 1 : -1 }, $push: { steps: { $each: [step], $slice: -REMEMBERED_STEPS } } },
        { upsert: true },
      );
    } catch (error) {
      // The step was taken already: the filter's $ne missed the fair, and its upsert met the fair's _id.
      if (!isDuplicateKeyError(error)) throw error;
    }
    await this.facts.updateOne({ _id, inTotal: fact.inTotal, version: fact.version }, { $set: { inTotal: fact.counted } });
  }
}
