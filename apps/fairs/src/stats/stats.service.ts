import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { AnyBulkWriteOperation, Model } from 'mongoose';
import { EventEnvelope, MatchSnapshot, PlacementSnapshot } from '@jobfair/contracts';
import { bulkWriteIgnoringDuplicates, latestPerAggregate } from '@jobfair/messaging';
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

  /** A match proposed at a fair counts once, whatever becomes of it; a shortlist's alternate only once it has moved up. */
  countMatches(events: EventEnvelope<MatchSnapshot>[]): Promise<void> {
    return this.record('matches', events, (match) => match.alternate !== true);
  }

  /** A placement counts while it stands: a cancelled one is taken off again. */
  countPlacements(events: EventEnvelope<PlacementSnapshot>[]): Promise<void> {
    return this.record('placements', events, (placement) => placement.status !== 'cancelled');
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

  /**
   * Each step costs the same at the first and the ten-thousandth fact, and a batch of
   * events costs four round trips however many they are: facts written and read by `_id`,
   * each fair's counters moved once, no growing document.
   */
  private async record<T extends MatchSnapshot | PlacementSnapshot>(
    kind: CountedKind,
    events: EventEnvelope<T>[],
    counts: (snapshot: T) => boolean,
  ): Promise<void> {
    const facts = latestPerAggregate(events.filter((e) => e.data.fairId));
    if (!facts.length) return;
    // An upsert that meets the fact at this version or a newer one is old news (skipped).
    await bulkWriteIgnoringDuplicates(
      this.facts,
      facts.map(({ aggregateVersion: version, data }) => ({
        updateOne: {
          filter: { _id: factId(kind, data.id), version: { $lt: version } },
          update: { $set: { version, counted: counts(data) }, $setOnInsert: { fairId: data.fairId, kind, inTotal: false } },
          upsert: true,
        },
      })),
    );
    // Also after old news: a delivery that failed between the steps is completed by its redelivery.
    await this.settle(facts.map((e) => factId(kind, e.data.id)));
  }

  /**
   * Brings the fairs' counters in line with the facts: each fact's step (to `counted` at its
   * version) moves its fair's counter once, and the fair's document remembers the step, so a
   * crash between the counters and the flags, redelivered, does not count it twice. One round
   * trip for the counters, one for the flags.
   */
  private async settle(ids: string[]): Promise<void> {
    const moving = (await this.facts.find({ _id: { $in: ids } }).lean()).filter((fact) => fact.counted !== fact.inTotal);
    if (!moving.length) return;
    // A step already taken meets the filter's $ne, upserts, and is refused as a duplicate _id: ignored.
    const steps = moving.map((fact): AnyBulkWriteOperation<FairStats> => {
      const step = `${fact._id}@${fact.version}`;
      return {
        updateOne: {
          filter: { _id: fact.fairId, steps: { $ne: step } },
          update: { $inc: { [fact.kind]: fact.counted ? 1 : -1 }, $push: { steps: { $each: [step], $slice: -REMEMBERED_STEPS } } },
          upsert: true,
        },
      };
    });
    // The helper takes untyped operations (its models are of any shape).
    await bulkWriteIgnoringDuplicates(this.stats, steps as unknown as AnyBulkWriteOperation[]);
    await this.facts.bulkWrite(
      moving.map(({ _id, inTotal, version, counted }) => ({
        updateOne: { filter: { _id, inTotal, version }, update: { $set: { inTotal: counted } } },
      })),
    );
  }
}

function factId(kind: CountedKind, id: string): string {
  return `${kind}:${id}`;
}
