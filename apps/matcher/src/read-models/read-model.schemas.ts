import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { Booth, FairStatus, OpeningSnapshot, SeekerSnapshot } from '@jobfair/contracts';

/**
 * The matcher's own copies of other services' facts, built from their events
 * (event-carried snapshots, applied only when newer). Whole snapshots are kept as
 * they came, so libs/matching reads exactly what the owners published.
 */
@Schema({ collection: 'openings', versionKey: false })
export class OpeningView {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: SchemaTypes.Mixed, required: true }) opening!: OpeningSnapshot;
}
export const OpeningViewSchema = SchemaFactory.createForClass(OpeningView);

/** Holds personal and sensitive data: never returned to an employer as it is. */
@Schema({ collection: 'seekers', versionKey: false })
export class SeekerView {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ type: SchemaTypes.Mixed, required: true }) seeker!: SeekerSnapshot;
}
export const SeekerViewSchema = SchemaFactory.createForClass(SeekerView);

@Schema({ collection: 'fairs', versionKey: false })
export class FairView {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ required: true }) status!: FairStatus;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) booths!: Booth[];
  /** Seekers checked in at this fair: a fair run matches only them (kept in the fair's document for one read). */
  @Prop({ type: [String], default: [] }) checkedIn!: string[];
}
export const FairViewSchema = SchemaFactory.createForClass(FairView);
