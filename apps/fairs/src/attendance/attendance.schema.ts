import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import { CheckIn, FairRegistration } from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

/** The arrival of a seeker at a fair, as SeekerCheckedIn tells it. */
export type Arrival = Omit<CheckIn, 'fairId' | 'seekerId'>;

/**
 * Attendance aggregate: one seeker at one fair, id `<fairId>:<seekerId>`, with its
 * own version. A seeker registers once and arrives once; a second arrival (another
 * device, another clientRef) is the same arrival.
 */
@Schema({ collection: 'attendance', versionKey: false, timestamps: true })
export class Attendance extends AggregateDocument {
  @Prop({ required: true }) fairId!: string;
  @Prop({ required: true }) seekerId!: string;
  @Prop() registeredAt?: string;
  @Prop({ type: SchemaTypes.Mixed }) checkIn?: Arrival;
}

export const AttendanceSchema = SchemaFactory.createForClass(Attendance);

/** Everything the attendance knows; SeekerPreRegistered and SeekerCheckedIn each validate the part they need. */
export type AttendanceSnapshot = Pick<FairRegistration, 'fairId' | 'seekerId'> & Partial<FairRegistration & CheckIn>;

export function attendanceSnapshot(a: Attendance): AttendanceSnapshot {
  return { fairId: a.fairId, seekerId: a.seekerId, registeredAt: a.registeredAt, ...a.checkIn };
}

export function attendanceId(fairId: string, seekerId: string): string {
  return `${fairId}:${seekerId}`;
}
