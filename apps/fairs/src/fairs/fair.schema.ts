import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import { Booth, FAIR_KINDS, FAIR_STATUSES, FairKind, FairSnapshot, FairStatus } from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

@Schema({ collection: 'fairs', versionKey: false, timestamps: true })
export class Fair extends AggregateDocument {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, enum: FAIR_KINDS }) kind!: FairKind;
  @Prop({ required: true }) province!: string;
  @Prop() district?: string;
  @Prop({ required: true }) venue!: string;
  @Prop({ required: true }) startsAt!: string;
  @Prop({ required: true }) endsAt!: string;
  @Prop({ required: true, enum: FAIR_STATUSES }) status!: FairStatus;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) booths!: Booth[];
}

export const FairSchema = SchemaFactory.createForClass(Fair);

export function fairSnapshot(f: Fair): FairSnapshot {
  return {
    id: f._id,
    name: f.name,
    kind: f.kind,
    province: f.province,
    district: f.district,
    venue: f.venue,
    startsAt: f.startsAt,
    endsAt: f.endsAt,
    status: f.status,
    booths: f.booths.map((b) => ({ employerId: b.employerId, openingIds: b.openingIds })),
  };
}
