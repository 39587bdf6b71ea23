import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

/**
 * A tombstone for an erased seeker (as the fairs service keeps one): erasure is final, so
 * an older seeker event that arrives later (redelivery, a replayed dead letter) cannot
 * bring the person's name and national ID back. It holds the id only.
 */
@Schema({ collection: 'erased_seekers', versionKey: false })
export class ErasedSeeker {
  @Prop({ type: String, required: true }) _id!: string;
}

export const ErasedSeekerSchema = SchemaFactory.createForClass(ErasedSeeker);
