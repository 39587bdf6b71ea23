import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { EMPLOYER_KINDS, EmployerKind, EmployerSnapshot } from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

@Schema({ collection: 'employers', versionKey: false, timestamps: true })
export class Employer extends AggregateDocument {
  @Prop({ required: true }) name!: string;
  @Prop({ required: true, enum: EMPLOYER_KINDS }) kind!: EmployerKind;
  @Prop() licenceNumber?: string;
  @Prop({ required: true }) country!: string;
  @Prop() province?: string;
}

export const EmployerSchema = SchemaFactory.createForClass(Employer);

export function employerSnapshot(e: Employer): EmployerSnapshot {
  return { id: e._id, name: e.name, kind: e.kind, licenceNumber: e.licenceNumber, country: e.country, province: e.province };
}
