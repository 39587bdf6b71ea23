import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, MatchSnapshot, PlacementSnapshot } from '@jobfair/contracts';
import { bulkWriteIgnoringDuplicates, latestPerAggregate } from '@jobfair/messaging';
import { AttendanceService } from '../attendance/attendance.service';
import { FairsService } from '../fairs/fairs.service';
import { OpeningsService } from '../openings/openings.service';
import { CountedFact, CountedKind } from './fair-stats.schema';

@Injectable()
export class StatsService {
  constructor(
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
    const [counts, openings, matches, placements] = await Promise.all([
      this.attendance.counts(fairId),
      this.openings.find(openingIds),
      this.countOf(fairId, 'matches'),
      this.countOf(fairId, 'placements'),
    ]);
    return {
      fairId,
      status: fair.status,
      ...counts,
      employers: fair.booths.length,
      openings: openingIds.length,
      positions: openings.reduce((sum, o) => sum + o.positions, 0),
      matches,
      placements,
    };
  }

  /**
   * Each fact of a batch is upserted by `_id` only if its event is newer than the one held: one
   * round trip per batch, the same at the first and the ten-thousandth fact, and a redelivery
   * or a late event changes nothing. An upsert that meets a newer version is old news (skipped).
   */
  private async record<T extends MatchSnapshot | PlacementSnapshot>(
    kind: CountedKind,
    events: EventEnvelope<T>[],
    counts: (snapshot: T) => boolean,
  ): Promise<void> {
    const facts = latestPerAggregate(events.filter((e) => e.data.fairId));
    await bulkWriteIgnoringDuplicates(
      this.facts,
      facts.map(({ aggregateVersion: version, data }) => ({
        updateOne: {
          filter: { _id: factId(kind, data.id), version: { $lt: version } },
          update: { $set: { version, counted: counts(data) }, $setOnInsert: { fairId: data.fairId, kind } },
          upsert: true,
        },
      })),
    );
  }

  /** On a real MongoDB an index range (fairId, kind, counted); the local stand-in reads the collection. */
  private countOf(fairId: string, kind: CountedKind): Promise<number> {
    return this.facts.countDocuments({ fairId, kind, counted: true });
  }
}

function factId(kind: CountedKind, id: string): string {
  return `${kind}:${id}`;
}
