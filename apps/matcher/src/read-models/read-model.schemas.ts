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
  /** When the fair starts (reports over a period take the fairs that start in it); absent on views older than it. */
  @Prop() startsAt?: string;
}
export const FairViewSchema = SchemaFactory.createForClass(FairView);

/**
 * A seeker checked in at a fair: one small document per membership, so a check-in costs
 * the same for the first and the ten-thousandth person, and testing membership is one
 * read by `_id` (`<fairId>:<seekerId>`). A fair run reads a fair's attendees by `fairId`.
 */
@Schema({ collection: 'fair_attendees', versionKey: false })
export class FairAttendee {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) fairId!: string;
  @Prop({ required: true }) seekerId!: string;
}
export const FairAttendeeSchema = SchemaFactory.createForClass(FairAttendee);

/**
 * A seeker registered for a fair before it started (the fairs service's pre-registration), kept
 * as a membership like a check-in: `_id` is `<fairId>:<seekerId>`, a redelivery changes nothing.
 */
@Schema({ collection: 'fair_registrants', versionKey: false })
export class FairRegistrant {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true, index: true }) fairId!: string;
  @Prop({ required: true }) seekerId!: string;
}
export const FairRegistrantSchema = SchemaFactory.createForClass(FairRegistrant);

export function attendeeId(fairId: string, seekerId: string): string {
  return `${fairId}:${seekerId}`;
}
