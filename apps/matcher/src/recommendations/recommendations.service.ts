import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CheckIn, EventEnvelope } from '@jobfair/contracts';
import { recommend } from '@jobfair/matching';
import { seekerProfile } from '../read-models/matching-profiles';
import { ReadModelsService } from '../read-models/read-models.service';
import { MatcherConfig } from '../service-spec';
import { Arrivals } from './arrivals';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS, RecommendationsQuery } from './recommendation.dto';
import { SeekerRecommendations } from './recommendation.schema';

/**
 * Live recommendations: computed when a seeker checks in, served from one document.
 * Events on different topics have no mutual order, so when the seeker or the fair's
 * openings were not known at check-in, nothing is stored and the first request computes.
 * (The openings come from the read models' per-fair offer, indexed once and dropped when
 * an opening or fair event is applied.)
 */
@Injectable()
export class RecommendationsService {
  private readonly arrivals = new Arrivals<SeekerRecommendations>();

  constructor(
    @InjectModel(SeekerRecommendations.name) private readonly model: Model<SeekerRecommendations>,
    private readonly readModels: ReadModelsService,
    private readonly config: MatcherConfig,
  ) {}

  /**
   * A batch of check-ins: the memberships in one write, the recommendations computed from
   * the fairs' indexed openings and stored in one write. A person checked in twice in the
   * batch (another device) is computed once. The two writes are independent: both at once.
   */
  async onCheckIns(events: EventEnvelope<CheckIn>[]): Promise<void> {
    const arrivals = [...new Map(events.map(({ data }) => [recommendationsId(data.fairId, data.seekerId), data])).values()];
    const [, computed] = await Promise.all([this.readModels.recordCheckIns(arrivals), this.compute(arrivals)]);
    const byId = new Map(computed.map((r) => [r._id, r]));
    this.arrivals.applied(
      new Map(arrivals.map(({ fairId, seekerId }) => [recommendationsId(fairId, seekerId), byId.get(recommendationsId(fairId, seekerId))])),
    );
  }

  async get(fairId: string, query: RecommendationsQuery) {
    const stored = (await this.stored(fairId, query)) ?? (await this.computeOnRequest(fairId, query.seekerId));
    return {
      fairId,
      seekerId: query.seekerId,
      computedAt: stored.computedAt,
      items: stored.items.slice(0, query.limit ?? DEFAULT_RECOMMENDATIONS),
    };
  }

  /**
   * The stored recommendations (one read by `_id`: stored only for a known fair and a checked-in
   * seeker), waiting up to `waitMs` for them while the check-in is not applied yet. Nothing when
   * the check-in was applied without them, or the wait ran out.
   */
  private async stored(fairId: string, query: RecommendationsQuery): Promise<SeekerRecommendations | null> {
    const id = recommendationsId(fairId, query.seekerId);
    const deadline = Date.now() + (query.waitMs ?? 0);
    let fairKnown: Promise<boolean> | undefined;
    // Each look doubles the next pause: a backlog of waiting desks does not become a stream of reads.
    for (let tick = this.config.recommendationRecheckMs; ; tick *= 2) {
      const left = deadline - Date.now();
      // Waiting starts before the read, so a check-in applied in between still wakes it.
      const wait = left > 0 ? this.arrivals.wait(id, Math.min(left, tick)) : undefined;
      const found = await this.model.findById(id).lean<SeekerRecommendations>();
      if (found || !wait) {
        wait?.cancel();
        return found;
      }
      // Nothing to wait for at a fair the matcher does not know (asked once): its 404 comes at once.
      // The fair's offer is kept in memory for the check-ins; only without one is the fair read.
      fairKnown ??= this.readModels.fairOffer(fairId).then((offer) => Boolean(offer) || this.readModels.fair(fairId).then(Boolean));
      if (!(await fairKnown)) {
        wait.cancel();
        return null;
      }
      const end = await wait.ended;
      if (end.applied) return end.computed ?? null;
    }
  }

  /** When the seeker or the fair's openings were not known at check-in. */
  private async computeOnRequest(fairId: string, seekerId: string): Promise<SeekerRecommendations> {
    const [fair, checkedIn] = await Promise.all([this.readModels.fair(fairId), this.readModels.checkedIn(fairId, seekerId)]);
    if (!fair) throw new NotFoundException(`fair ${fairId} not found`);
    if (!checkedIn) throw new NotFoundException(`seeker ${seekerId} has not checked in at fair ${fairId}`);
    const [computed] = await this.compute([{ fairId, seekerId }]);
    if (!computed) throw new NotFoundException(`seeker ${seekerId} not found`);
    return computed;
  }

  /** Stores the seekers' top openings at their fairs; none for a seeker, fair or openings not known yet. */
  private async compute(arrivals: Pick<CheckIn, 'fairId' | 'seekerId'>[]): Promise<SeekerRecommendations[]> {
    const fairIds = [...new Set(arrivals.map((a) => a.fairId))];
    const [offers, seekers] = await Promise.all([
      Promise.all(fairIds.map((id) => this.readModels.fairOffer(id))),
      this.readModels.seekersById(arrivals.map((a) => a.seekerId)),
    ]);
    const offerAt = new Map(fairIds.map((id, i) => [id, offers[i]]));
    const computedAt = new Date().toISOString();
    const computed = arrivals.flatMap(({ fairId, seekerId }) => {
      const offer = offerAt.get(fairId);
      const seeker = seekers.get(seekerId);
      if (!offer || !seeker) return [];
      const items = recommend(seekerProfile(seeker), offer.index, undefined, MAX_RECOMMENDATIONS).map((item) => {
        const { title, employerId, sector, country, province } = offer.byId.get(item.openingId)!;
        return { ...item, title, employerId, sector, country, province };
      });
      return [{ _id: recommendationsId(fairId, seekerId), fairId, seekerId, items, computedAt }];
    });
    if (computed.length) {
      await this.model.bulkWrite(computed.map((r) => ({ replaceOne: { filter: { _id: r._id }, replacement: r, upsert: true } })));
    }
    return computed;
  }
}

function recommendationsId(fairId: string, seekerId: string): string {
  return `${fairId}:${seekerId}`;
}
