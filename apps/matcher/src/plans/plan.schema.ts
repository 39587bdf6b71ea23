import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * An annual target number of placements for a centre in one market. Internal to the
 * matcher (reports compare placements with it), so it publishes no event.
 */
@Schema({ collection: 'plans', versionKey: false, timestamps: true })
export class Plan {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) centre!: string;
  @Prop({ required: true }) year!: number;
  /** Destination country, ISO alpha-2; VN is domestic work. */
  @Prop({ required: true }) market!: string;
  @Prop({ required: true }) target!: number;
}

export const PlanSchema = SchemaFactory.createForClass(Plan);
// One plan per centre, year and market: the key of `POST /plans`.
PlanSchema.index({ centre: 1, year: 1, market: 1 }, { unique: true });
