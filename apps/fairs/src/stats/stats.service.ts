import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { EventEnvelope, MatchSnapshot, PlacementSnapshot } from '@jobfair/contracts';
import { AttendanceService } from '../attendance/attendance.service';
import { FairsService } from '../fairs/fairs.service';
import { OpeningsService } from '../openings/openings.service';
import { FairStats } from './fair-stats.schema';

@Injectable()
export class StatsService {
  constructor(
    @InjectModel(FairStats.name) private readonly stats: Model<FairStats>,
    private readonly fairs: FairsService,
    private readonly attendance: AttendanceService,
    private readonly openings: OpeningsService,
  ) {}

  async countMatch(event: EventEnvelope<MatchSnapshot>): Promise<void> {
    if (event.data.fairId) await this.add(event.data.fairId, 'matchIds', event.data.id);
  }

  async countPlacement(event: EventEnvelope<PlacementSnapshot>): Promise<void> {
    if (event.data.fairId) await this.add(event.data.fairId, 'placementIds', event.data.id);
  }

  /** Computed on each request from the stored facts, so it is always live. */
  async forFair(fairId: string) {
    const fair = await this.fairs.find(fairId);
    const openingIds = [...new Set(fair.booths.flatMap((b) => b.openingIds))];
    const [counts, openings, facts] = await Promise.all([
      this.attendance.counts(fairId),
      this.openings.find(openingIds),
      this.stats.findById(fairId).lean(),
    ]);
    return {
      fairId,
      status: fair.status,
      ...counts,
      employers: fair.booths.length,
      openings: openingIds.length,
      positions: openings.reduce((sum, o) => sum + o.positions, 0),
      matches: facts?.matchIds.length ?? 0,
      placements: facts?.placementIds.length ?? 0,
    };
  }

  private async add(fairId: string, field: 'matchIds' | 'placementIds', id: string): Promise<void> {
    await this.stats.updateOne({ _id: fairId }, { $addToSet: { [field]: id } }, { upsert: true });
  }
}
