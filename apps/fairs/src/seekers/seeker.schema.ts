import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/** What the fairs service knows of a seeker (read model of seekers.seeker.v2): who may register and check in. */
@Schema({ collection: 'seekers', versionKey: false })
export class Seeker {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) version!: number;
  /** Null once erased: the person is forgotten. */
  @Prop({ type: String, default: null }) nationalId!: string | null;
  @Prop({ required: true }) available!: boolean;
  @Prop({ required: true, default: false }) erased!: boolean;
}

export const SeekerSchema = SchemaFactory.createForClass(Seeker);

/**
 * National ID -> seeker, keyed by the national ID itself: check-in by national ID is a
 * lookup by `_id`, the only fast lookup besides unique indexes on the local database.
 */
@Schema({ collection: 'seekers_by_national_id', versionKey: false })
export class NationalIdEntry {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) seekerId!: string;
}

export const NationalIdEntrySchema = SchemaFactory.createForClass(NationalIdEntry);
