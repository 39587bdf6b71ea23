import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { OPENING_STATUSES, OpeningStatus } from '@jobfair/contracts';

/** What the fairs service knows of an opening (read model of employers.opening.v1): enough for booths and stats. */
@Schema({ collection: 'openings', versionKey: false })
export class Opening {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  @Prop({ required: true }) employerId!: string;
  @Prop({ required: true }) positions!: number;
  @Prop({ required: true, enum: OPENING_STATUSES }) status!: OpeningStatus;
}

export const OpeningSchema = SchemaFactory.createForClass(Opening);
