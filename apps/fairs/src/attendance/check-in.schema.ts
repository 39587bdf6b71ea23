import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import { SeekerRegistration, WalkInRegistrationRequest } from '@jobfair/contracts';
import type { OwnedDataKeys } from '@jobfair/messaging';
import { AggregateDocument } from '@jobfair/messaging';

export const CHECK_IN_STATUSES = ['pending', 'checked-in'] as const;
export type CheckInStatus = (typeof CHECK_IN_STATUSES)[number];

/**
 * One check-in as a device sent it, found again by its client reference. A walk-in's
 * check-in is an aggregate of its own (it asks the seekers service to register the
 * person) and stays pending until that registration comes back.
 */
@Schema({ collection: 'check_ins', versionKey: false, timestamps: true })
export class CheckInRecord extends AggregateDocument {
  /** `<fairId>:<clientRef>`: the same check-in uploaded twice is stored once. */
  @Prop({ required: true, unique: true }) key!: string;
  @Prop({ required: true }) fairId!: string;
  @Prop({ required: true }) clientRef!: string;
  @Prop({ required: true }) at!: string;
  @Prop({ required: true }) walkIn!: boolean;
  @Prop({ required: true, enum: CHECK_IN_STATUSES }) status!: CheckInStatus;
  @Prop() seekerId?: string;
  /** Only while pending: the walk-in's personal data is dropped once the seekers service has it. */
  @Prop({ type: SchemaTypes.Mixed }) registration?: SeekerRegistration;
}

export const CheckInRecordSchema = SchemaFactory.createForClass(CheckInRecord);

export interface CheckInView {
  id: string;
  fairId: string;
  seekerId?: string;
  clientRef: string;
  at: string;
  walkIn: boolean;
  status: CheckInStatus;
}

export function checkInView(c: CheckInRecord): CheckInView {
  return { id: c._id, fairId: c.fairId, seekerId: c.seekerId, clientRef: c.clientRef, at: c.at, walkIn: c.walkIn, status: c.status };
}

export function checkInKey(fairId: string, clientRef: string): string {
  return `${fairId}:${clientRef}`;
}

/**
 * The walk-in's request to the seekers service; its check-in id comes back as `walkInRef`.
 * The registration is sealed under the walk-in's own key (subject: the check-in id), shredded
 * once the seekers service has answered.
 */
export async function walkInRequest(c: CheckInRecord, keys: OwnedDataKeys): Promise<WalkInRegistrationRequest> {
  return { fairId: c.fairId, checkInId: c._id, walkInRef: c._id, registration: await keys.seal(c._id, c.registration!) };
}
