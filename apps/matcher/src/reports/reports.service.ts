import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MatchStatus, PlacementStatus } from '@jobfair/contracts';
import { Match } from '../matches/match.schema';
import { Placement } from '../placements/placement.schema';
import { PlansService } from '../plans/plans.service';
import { ReadModelsService } from '../read-models/read-models.service';
import { FairReport, SummaryQuery, SummaryReport } from './report.dto';
import { fairMatchCounts, tally, withPlan } from './report-tables';

interface PlacementGroup {
  _id: { key?: string; market?: string; sector?: string; status: PlacementStatus };
  count: number;
}

/** Figures computed with one aggregation per collection: placements against plans, and per fair. */
@Injectable()
export class ReportsService {
  constructor(
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
    @InjectModel(Match.name) private readonly matches: Model<Match>,
    private readonly plans: PlansService,
    private readonly readModels: ReadModelsService,
  ) {}

  async summary(query: SummaryQuery): Promise<SummaryReport> {
    const [groups, targets] = await Promise.all([
      this.placements.aggregate<PlacementGroup>([
        { $match: { year: query.year } },
        { $group: { _id: { key: `$${query.by}`, status: '$status' }, count: { $sum: 1 } } },
      ]),
      query.by === 'market' ? this.plans.targetsByMarket(query.year) : new Map<string, number>(),
    ]);
    const { rows, total } = tally(groups.map((g) => ({ key: g._id.key!, status: g._id.status, count: g.count })));
    return { year: query.year, by: query.by, ...withPlan(rows, total, targets) };
  }

  async fair(fairId: string): Promise<FairReport> {
    const [fair, matchGroups, placementGroups] = await Promise.all([
      this.readModels.fairs.exists({ _id: fairId }),
      this.matches.aggregate<{ _id: MatchStatus; count: number }>([
        { $match: { fairId } },
        { $group: { _id: '$status', count: { $sum: 1 } } },
      ]),
      this.placements.aggregate<PlacementGroup>([
        { $match: { fairId } },
        { $group: { _id: { market: '$market', sector: '$sector', status: '$status' }, count: { $sum: 1 } } },
      ]),
    ]);
    if (!fair) throw new NotFoundException(`fair ${fairId} not found`);
    const byMarket = tally(placementGroups.map((g) => ({ key: g._id.market!, status: g._id.status, count: g.count })));
    const bySector = tally(placementGroups.map((g) => ({ key: g._id.sector!, status: g._id.status, count: g.count })));
    return {
      fairId,
      matches: fairMatchCounts(matchGroups.map((g) => ({ status: g._id, count: g.count }))),
      placements: byMarket.total,
      byMarket: byMarket.rows,
      bySector: bySector.rows,
    };
  }
}
