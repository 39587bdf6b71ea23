import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import {
  CANCEL_REASONS,
  CancelReason,
  PLACEMENT_STATUSES,
  PlacementSnapshot,
  PlacementStatus,
  QUOTA_CLASSES,
  QuotaClass,
} from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

/** One step of a placement's life, kept so the centre can follow the worker after departure. */
export interface StatusChange {
  status: PlacementStatus;
  at: string;
  note?: string;
  /** Username of who recorded it. */
  by: string;
}

/**
 * What became of an approved match. Its id is the match's id, so one match makes at
 * most one placement even when a hire is retried. Market, sector and province are
 * copied at hire time so reports read one collection.
 */
@Schema({ collection: 'placements', versionKey: false, timestamps: true })
export class Placement extends AggregateDocument {
  @Prop({ required: true }) matchId!: string;
  @Prop({ required: true }) seekerId!: string;
  @Prop({ required: true }) openingId!: string;
  @Prop({ required: true }) employerId!: string;
  @Prop() fairId?: string;
  @Prop({ required: true, enum: QUOTA_CLASSES }) quotaClass!: QuotaClass;
  @Prop({ required: true, enum: PLACEMENT_STATUSES }) status!: PlacementStatus;
  /** When the current status began. */
  @Prop({ required: true }) at!: string;
  @Prop({ required: true }) hiredAt!: string;
  /** Year of the hire: the year a report counts the placement in. */
  @Prop({ required: true }) year!: number;
  /** Destination country (ISO alpha-2; VN is domestic), the opening's sector, the seeker's home province. */
  @Prop({ required: true }) market!: string;
  @Prop({ required: true }) sector!: string;
  @Prop({ required: true }) province!: string;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) history!: StatusChange[];
  /** Why it was cancelled, when a reason was given. It may be health (a medical check): never in events, never to employers. */
  @Prop({ type: String, enum: CANCEL_REASONS }) cancelReason?: CancelReason;
  /** A failed worker's place on the shortlist: owed until an alternate moved up (`matchId`) or none was left. */
  @Prop({ type: SchemaTypes.Mixed }) promotion?: PlacementPromotion;
}

export interface PlacementPromotion {
  status: 'owed' | 'done' | 'none';
  /** The alternate claimed (while owed) or moved up (done). */
  matchId?: string;
}

export const PlacementSchema = SchemaFactory.createForClass(Placement);

export function placementSnapshot(p: Placement): PlacementSnapshot {
  return {
    id: p._id,
    matchId: p.matchId,
    seekerId: p.seekerId,
    openingId: p.openingId,
    employerId: p.employerId,
    fairId: p.fairId,
    quotaClass: p.quotaClass,
    status: p.status,
    at: p.at,
  };
}
