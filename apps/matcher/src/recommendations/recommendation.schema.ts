import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { Recommendation } from '@jobfair/matching';

/** A recommended opening, with what staff need to talk about it at the booth. */
export interface RecommendedOpening extends Recommendation {
  title: string;
  employerId: string;
  sector: string;
  country: string;
  province: string;
}

/** A seeker's top openings at one fair, computed at check-in. `_id` is `<fairId>:<seekerId>`. */
@Schema({ collection: 'recommendations', versionKey: false })
export class SeekerRecommendations {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) fairId!: string;
  @Prop({ required: true }) seekerId!: string;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) items!: RecommendedOpening[];
  @Prop({ required: true }) computedAt!: string;
}

export const SeekerRecommendationsSchema = SchemaFactory.createForClass(SeekerRecommendations);
