import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { PLACEMENT_STATUSES, PlacementStatus } from '@jobfair/contracts';

/**
 * The latest state the employers service knows of one placement, kept by the placement's
 * version: an older or redelivered event (a hire after its cancellation) changes nothing,
 * and an opening's `filled` is counted from these states, never incremented.
 */
@Schema({ collection: 'opening_placements', versionKey: false })
export class OpeningPlacement {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) openingId!: string;
  @Prop({ required: true, enum: PLACEMENT_STATUSES }) status!: PlacementStatus;
  @Prop({ required: true }) version!: number;
}

export const OpeningPlacementSchema = SchemaFactory.createForClass(OpeningPlacement);
