import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import {
  OPENING_STATUSES,
  OpeningSnapshot,
  OpeningStatus,
  PROGRAMMES,
  Programme,
  Quotas,
  Requirements,
  SCOPES,
  Salary,
  Scope,
  WorkerCost,
} from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

@Schema({ collection: 'openings', versionKey: false, timestamps: true })
export class Opening extends AggregateDocument {
  @Prop({ required: true }) employerId!: string;
  @Prop({ required: true }) title!: string;
  @Prop({ required: true }) sector!: string;
  @Prop({ required: true, enum: SCOPES }) scope!: Scope;
  @Prop({ required: true }) country!: string;
  @Prop({ required: true }) province!: string;
  @Prop() district?: string;
  @Prop({ required: true, enum: PROGRAMMES }) programme!: Programme;
  @Prop() household?: string;
  @Prop({ required: true }) positions!: number;
  @Prop({ required: true, default: 0 }) filled!: number;
  @Prop({ type: SchemaTypes.Mixed }) quotas?: Quotas;
  @Prop({ type: [String], default: [] }) designatedWorkers!: string[];
  @Prop({ type: SchemaTypes.Mixed, required: true }) requirements!: Requirements;
  @Prop({ type: SchemaTypes.Mixed }) salary?: Salary;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) costs!: WorkerCost[];
  @Prop({ required: true }) startDate!: string;
  @Prop({ required: true, enum: OPENING_STATUSES, default: 'open' }) status!: OpeningStatus;
  /** Fairs whose booths bring this opening (from fair events), for `GET /openings?fairId`. */
  @Prop({ type: [String], default: [] }) fairIds!: string[];
}

export const OpeningSchema = SchemaFactory.createForClass(Opening);

export function openingSnapshot(o: Opening): OpeningSnapshot {
  return {
    id: o._id,
    employerId: o.employerId,
    title: o.title,
    sector: o.sector,
    scope: o.scope,
    country: o.country,
    province: o.province,
    district: o.district,
    programme: o.programme,
    household: o.household,
    positions: o.positions,
    filled: o.filled,
    quotas: o.quotas,
    designatedWorkers: o.designatedWorkers,
    requirements: o.requirements,
    salary: o.salary,
    costs: o.costs,
    startDate: o.startDate,
    status: o.status,
  };
}
