import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * What the matcher reported about a fair, as sets of ids: a redelivered event adds
 * nothing (`$addToSet`), so the counts are each id once.
 */
@Schema({ collection: 'fair_stats', versionKey: false })
export class FairStats {
  /** The fair id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: [String], default: [] }) matchIds!: string[];
  @Prop({ type: [String], default: [] }) placementIds!: string[];
}

export const FairStatsSchema = SchemaFactory.createForClass(FairStats);
