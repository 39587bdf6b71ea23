import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { MatchStatus, OpeningSnapshot, PlacementStatus, SeekerSnapshot } from '@jobfair/contracts';
import { countFunnel } from '@jobfair/matching';
import { Match } from '../matches/match.schema';
import { Placement } from '../placements/placement.schema';
import { PlansService } from '../plans/plans.service';
import { FairView } from '../read-models/read-model.schemas';
import { ReadModelsService } from '../read-models/read-models.service';
import { MatchingRun, UnmatchedSeekerEntry } from '../runs/matching-run.schema';
import { FunnelQuery, FunnelReport } from './funnel.dto';
import { FunnelFacts, groupOf, seekerPaths } from './funnel-paths';
import { FairReport, SummaryQuery, SummaryReport } from './report.dto';
import { fairMatchCounts, tally, withPlan } from './report-tables';

interface PlacementGroup {
  _id: { key?: string; market?: string; sector?: string; status: PlacementStatus };
  count: number;
}

/** Figures computed with one aggregation per collection: placements against plans, and per fair. */
/** A shortlist's alternate still waiting is nobody's match yet: reports count it once it has moved up. */
const NOT_WAITING = { alternate: { $ne: true } };

@Injectable()
export class ReportsService {
  constructor(
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
    @InjectModel(Match.name) private readonly matches: Model<Match>,
    @InjectModel(MatchingRun.name) private readonly runs: Model<MatchingRun>,
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
        { $match: { fairId, ...NOT_WAITING } },
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

  /**
   * The funnel of one fair or of the fairs that start in a period: each person once per fair,
   * from registration to return, with the drop at each step and why (libs/matching countFunnel).
   */
  async funnel(query: FunnelQuery): Promise<FunnelReport> {
    const fairIds = await this.funnelFairIds(query);
    const facts = await this.funnelFacts(fairIds);
    const paths = seekerPaths(facts);
    const [openings, seekers] = await Promise.all([
      query.by === 'market' || query.by === 'sector'
        ? this.openingsById(facts.matches.map((m) => m.openingId))
        : new Map<string, OpeningSnapshot>(),
      query.by === 'province' || query.by === 'household'
        ? this.readModels.seekersById(paths.map((p) => p.seekerId))
        : new Map<string, SeekerSnapshot>(),
    ]);
    const { total, groups } = countFunnel(paths, query.by && groupOf(query.by, openings, seekers));
    return {
      fairId: query.fairId,
      from: query.from,
      to: query.to,
      by: query.by,
      fairs: fairIds.length,
      matches: facts.matches.length,
      placements: facts.placements.filter((p) => p.status !== 'cancelled').length,
      steps: total,
      ...(query.by ? { groups } : {}),
    };
  }

  /** The fair asked for (404 when the matcher does not know it), or those starting in the period. */
  private async funnelFairIds({ fairId, from, to }: FunnelQuery): Promise<string[]> {
    const filter: FilterQuery<FairView> = {};
    if (fairId) filter._id = fairId;
    if (from || to) {
      filter.startsAt = {
        ...(from ? { $gte: new Date(from).toISOString() } : {}),
        ...(to ? { $lt: new Date(to).toISOString() } : {}),
      };
    }
    const fairs = await this.readModels.fairs.find(filter, { _id: 1 }).lean();
    if (fairId && !fairs.length && !(await this.readModels.fairs.exists({ _id: fairId }))) {
      throw new NotFoundException(`fair ${fairId} not found`);
    }
    return fairs.map((fair) => fair._id);
  }

  private async funnelFacts(fairIds: string[]): Promise<FunnelFacts> {
    const atFairs = { fairId: { $in: fairIds } };
    const [members, matches, placements, runs] = await Promise.all([
      this.readModels.membersOf(fairIds),
      this.matches
        .find({ ...atFairs, ...NOT_WAITING }, { fairId: 1, seekerId: 1, openingId: 1, status: 1, reason: 1 })
        .sort({ _id: 1 })
        .lean(),
      this.placements.find(atFairs, { status: 1, market: 1, sector: 1, history: 1 }).lean(),
      this.runs
        .find({ ...atFairs, status: 'completed' }, { fairId: 1, finishedAt: 1, 'unmatched.seekerId': 1, 'unmatched.reasonCodes': 1 })
        .lean(),
    ]);
    // Each fair's latest completed run says why those it left out were left out.
    const latest = new Map<string, { finishedAt: string; unmatched: UnmatchedSeekerEntry[] }>();
    for (const run of runs) {
      const seen = latest.get(run.fairId!);
      if (!seen || run.finishedAt! > seen.finishedAt) latest.set(run.fairId!, { finishedAt: run.finishedAt!, unmatched: run.unmatched });
    }
    return {
      ...members,
      matches,
      placements,
      unmatched: new Map([...latest].map(([fairId, run]) => [fairId, run.unmatched])),
    };
  }

  private async openingsById(ids: string[]): Promise<Map<string, OpeningSnapshot>> {
    const docs = await this.readModels.openings.find({ _id: { $in: [...new Set(ids)] } }, { opening: 1 }).lean();
    return new Map(docs.map((doc) => [doc._id, doc.opening]));
  }
}
