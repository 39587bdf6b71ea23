import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { FilterQuery, Model } from 'mongoose';
import { v7 as uuidv7 } from 'uuid';
import { BoothReduced, BoothSetUp, FairClosed, FairOpened, FairScheduled, FairSnapshot, FairStatus } from '@jobfair/contracts';
import { AggregateRepository, OutboxRelay } from '@jobfair/messaging';
import { Page, ShortLivedCache, findPage, badRequest } from '@jobfair/platform';
import { FairsConfig } from '../service-spec';
import { OpeningsService } from '../openings/openings.service';
import { MAX_BOOTHS, checkBooth, transitionProblem, windowProblems, withBooth, withoutOpenings } from './fair-rules';
import { ListFairsQuery, ScheduleFairDto, SetUpBoothDto } from './fair.dto';
import { Fair, fairSnapshot } from './fair.schema';

@Injectable()
export class FairsService {
  private readonly fairs: AggregateRepository<Fair, FairSnapshot>;
  /** The fairs check-ins came to lately: each check-in would otherwise read its fair again. */
  private readonly recent: ShortLivedCache<Fair>;

  constructor(
    @InjectModel(Fair.name) model: Model<Fair>,
    relay: OutboxRelay,
    private readonly openings: OpeningsService,
    config: FairsConfig,
  ) {
    this.fairs = new AggregateRepository(model, relay, fairSnapshot);
    this.recent = new ShortLivedCache(config.fairCacheMs);
  }

  async schedule(dto: ScheduleFairDto): Promise<FairSnapshot> {
    const problems = windowProblems(dto.startsAt, dto.endsAt);
    if (problems.length) throw badRequest(problems);
    const fair = await this.fairs.create(
      {
        _id: uuidv7(),
        name: dto.name,
        kind: dto.kind,
        province: dto.province,
        district: dto.district,
        venue: dto.venue,
        startsAt: new Date(dto.startsAt).toISOString(),
        endsAt: new Date(dto.endsAt).toISOString(),
        status: 'scheduled',
        booths: [],
      },
      FairScheduled,
    );
    return fairSnapshot(fair);
  }

  list(query: ListFairsQuery): Promise<Page<FairSnapshot>> {
    const filter: FilterQuery<Fair> = {};
    for (const field of ['status', 'kind', 'province'] as const) if (query[field]) filter[field] = query[field];
    return findPage(this.fairs.model, filter, query, fairSnapshot);
  }

  async get(id: string): Promise<FairSnapshot> {
    return fairSnapshot(await this.find(id));
  }

  async find(id: string): Promise<Fair> {
    const fair = await this.fairs.model.findById(id, { outbox: 0 }).lean();
    if (!fair) throw new NotFoundException(`fair ${id} not found`);
    return fair;
  }

  /** `find` for the check-in path: the fair as read at most FAIR_CACHE_MS ago. */
  async findRecent(id: string): Promise<Fair> {
    const fair = await this.recent.get(id, () => this.fairs.model.findById(id, { outbox: 0 }).lean().exec());
    if (!fair) throw new NotFoundException(`fair ${id} not found`);
    return fair;
  }

  open(id: string): Promise<FairSnapshot> {
    return this.transition(id, 'open');
  }

  close(id: string): Promise<FairSnapshot> {
    return this.transition(id, 'closed');
  }

  async setUpBooth(id: string, dto: SetUpBoothDto): Promise<FairSnapshot> {
    await this.find(id);
    const check = checkBooth(dto.employerId, dto.openingIds, await this.openings.find(dto.openingIds));
    if (check.unknown.length) throw new NotFoundException(`opening ${check.unknown.join(', ')} not found`);
    if (check.foreign.length) {
      throw badRequest(check.foreign.map((o) => `openingIds: opening ${o} is not an opening of employer ${dto.employerId}`));
    }
    if (check.notOpen.length) {
      throw new ConflictException(check.notOpen.map((o) => `opening ${o._id} is ${o.status}`).join('; '));
    }
    const fair = await this.fairs.update(id, (current) => {
      if (current.status === 'closed') throw new ConflictException(`fair ${id} is closed`);
      const booths = withBooth(current.booths, dto.employerId, dto.openingIds);
      if (!booths) return null;
      if (booths.length > MAX_BOOTHS) throw new ConflictException(`fair ${id} already has ${MAX_BOOTHS} booths`);
      return { set: { booths }, event: BoothSetUp };
    });
    this.recent.delete(id);
    return fairSnapshot(fair!);
  }

  /**
   * Takes openings out of an employer's booth (all of them, and so the booth, when
   * `openingIds` is undefined). 404 when the booth or the opening is not at the fair;
   * a closed fair's booths stay as they were on the day (409).
   */
  async reduceBooth(id: string, employerId: string, openingIds?: string[]): Promise<FairSnapshot> {
    const fair = await this.find(id);
    if (!withoutOpenings(fair.booths, employerId, openingIds)) {
      const what = openingIds ? `opening ${openingIds.join(', ')}` : 'booth';
      throw new NotFoundException(`${what} of employer ${employerId} not found at fair ${id}`);
    }
    const updated = await this.fairs.update(id, (current) => {
      if (current.status === 'closed') throw new ConflictException(`fair ${id} is closed`);
      const booths = withoutOpenings(current.booths, employerId, openingIds);
      return booths ? { set: { booths }, event: BoothReduced } : null;
    });
    this.recent.delete(id);
    return fairSnapshot(updated!);
  }

  private async transition(id: string, to: FairStatus): Promise<FairSnapshot> {
    await this.find(id);
    const fair = await this.fairs.update(id, (current) => {
      const problem = transitionProblem(current.status, to);
      if (problem) throw new ConflictException(`fair ${id}: ${problem}`);
      return { set: { status: to }, event: to === 'open' ? FairOpened : FairClosed };
    });
    this.recent.delete(id);
    return fairSnapshot(fair!);
  }
}
