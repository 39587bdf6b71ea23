import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { CheckIn, EventEnvelope } from '@jobfair/contracts';
import { recommend } from '@jobfair/matching';
import { openingProfile, seekerProfile } from '../read-models/matching-profiles';
import { ReadModelsService } from '../read-models/read-models.service';
import { DEFAULT_RECOMMENDATIONS, MAX_RECOMMENDATIONS, RecommendationsQuery } from './recommendation.dto';
import { SeekerRecommendations } from './recommendation.schema';

/**
 * Live recommendations: computed when a seeker checks in, served from one document.
 * Events on different topics have no mutual order, so when the seeker or the fair's
 * openings were not known at check-in, nothing is stored and the first request computes.
 */
@Injectable()
export class RecommendationsService {
  constructor(
    @InjectModel(SeekerRecommendations.name) private readonly model: Model<SeekerRecommendations>,
    private readonly readModels: ReadModelsService,
  ) {}

  /** The membership and the recommendations are independent writes: both at once. */
  async onCheckIn(event: EventEnvelope<CheckIn>): Promise<void> {
    await Promise.all([this.readModels.recordCheckIn(event), this.compute(event.data.fairId, event.data.seekerId)]);
  }

  async get(fairId: string, query: RecommendationsQuery) {
    // Three reads by `_id`, at once.
    const [fair, checkedIn, found] = await Promise.all([
      this.readModels.fair(fairId),
      this.readModels.checkedIn(fairId, query.seekerId),
      this.model.findById(recommendationsId(fairId, query.seekerId)).lean<SeekerRecommendations>(),
    ]);
    if (!fair) throw new NotFoundException(`fair ${fairId} not found`);
    if (!checkedIn) throw new NotFoundException(`seeker ${query.seekerId} has not checked in at fair ${fairId}`);
    const stored = found ?? (await this.compute(fairId, query.seekerId));
    if (!stored) throw new NotFoundException(`seeker ${query.seekerId} not found`);
    return {
      fairId,
      seekerId: query.seekerId,
      computedAt: stored.computedAt,
      items: stored.items.slice(0, query.limit ?? DEFAULT_RECOMMENDATIONS),
    };
  }

  /** Stores the seeker's top openings at the fair; null when the seeker, the fair or its openings are not known yet. */
  private async compute(fairId: string, seekerId: string): Promise<SeekerRecommendations | null> {
    const [offer, seekers] = await Promise.all([this.readModels.fairOffer(fairId), this.readModels.seekersById([seekerId])]);
    const seeker = seekers.get(seekerId);
    if (!offer || !seeker) return null;
    const { openings } = offer;
    const byId = new Map(openings.map((opening) => [opening.id, opening]));
    const items = recommend(seekerProfile(seeker), openings.map(openingProfile), undefined, MAX_RECOMMENDATIONS).map((item) => {
      const { title, employerId, sector, country, province } = byId.get(item.openingId)!;
      return { ...item, title, employerId, sector, country, province };
    });
    const recommendations = { _id: recommendationsId(fairId, seekerId), fairId, seekerId, items, computedAt: new Date().toISOString() };
    await this.model.replaceOne({ _id: recommendations._id }, recommendations, { upsert: true });
    return recommendations;
  }
}

function recommendationsId(fairId: string, seekerId: string): string {
  return `${fairId}:${seekerId}`;
}
