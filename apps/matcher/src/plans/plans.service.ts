import { Injectable } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { Page, findPage } from '@jobfair/platform';
import { ListPlansQuery, PlanView, SetPlanDto } from './plan.dto';
import { Plan } from './plan.schema';
import { isDuplicateKeyError } from '@jobfair/messaging';

export function planView(p: Plan): PlanView {
  return { id: p._id, centre: p.centre, year: p.year, market: p.market, target: p.target };
}

@Injectable()
export class PlansService {
  constructor(@InjectModel(Plan.name) private readonly plans: Model<Plan>) {}

  /** Sets the target of the (centre, year, market) plan, creating it the first time; `created` says which. */
  async set(dto: SetPlanDto): Promise<{ plan: PlanView; created: boolean }> {
    const key = { centre: dto.centre, year: dto.year, market: dto.market };
    for (let attempt = 1; ; attempt++) {
      try {
        const written = await this.plans.updateOne(
          key,
          { $set: { target: dto.target }, $setOnInsert: { _id: uuidv7() } },
          { upsert: true },
        );
        const plan = await this.plans.findOne(key).lean();
        return { plan: planView(plan!), created: written.upsertedCount === 1 };
      } catch (error) {
        // Two first POSTs of one key raced: the loser finds the winner's plan on the next pass.
        if (!isDuplicateKeyError(error) || attempt > 1) throw error;
      }
    }
  }

  list(query: ListPlansQuery): Promise<Page<PlanView>> {
    const filter: FilterQuery<Plan> = {};
    if (query.year) filter.year = query.year;
    if (query.centre) filter.centre = query.centre;
    return findPage(this.plans, filter, query, planView);
  }

  /** Targets per market for a year, summed over the centres. */
  async targetsByMarket(year: number): Promise<Map<string, number>> {
    const targets = new Map<string, number>();
    for (const plan of await this.plans.find({ year }, { market: 1, target: 1 }).lean()) {
      targets.set(plan.market, (targets.get(plan.market) ?? 0) + plan.target);
    }
    return targets;
  }
}
