import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { Quotas } from '@jobfair/contracts';

/** A seat held by a placement (or by a hire in progress, which writes its placement next). */
export interface Seat {
  placementId: string;
  reservedAt: Date;
}

/**
 * The hiring guard of one opening (`_id` = opening id): its positions and quotas as
 * the matcher last learnt them, and the seats taken per quota class. A seat is taken
 * by one conditional write, so concurrent hires can never exceed the capacity.
 */
@Schema({ collection: 'opening_seats', versionKey: false })
export class OpeningSeats {
  @Prop({ type: String, required: true }) _id!: string;
  /** Version of the opening snapshot that positions and quotas come from: they only move forward. */
  @Prop({ required: true }) openingVersion!: number;
  @Prop({ required: true }) positions!: number;
  @Prop({ type: SchemaTypes.Mixed }) quotas?: Quotas;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) firstTime!: Seat[];
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) returning!: Seat[];
}

export const OpeningSeatsSchema = SchemaFactory.createForClass(OpeningSeats);
