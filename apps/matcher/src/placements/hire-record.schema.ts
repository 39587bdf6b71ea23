import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import type { Placement } from './placement.schema';

/** The placement a hire will write, as the hire computed it. */
export type NewPlacement = Omit<Placement, 'version' | 'outbox'>;

/**
 * pending: taking the seeker and the seat; committing: both taken, the placement is (being)
 * written; aborted: being undone, nothing of it may be taken any more.
 */
export const HIRE_STATES = ['pending', 'committing', 'aborted'] as const;
export type HireState = (typeof HIRE_STATES)[number];

/** Who undoes an aborted hire (one matcher instance) and until when; after that another may take it over. */
export interface HireClaim {
  owner: string;
  until: Date;
}

/** Where a hire's seats and person may be held. */
export interface HireHoldings {
  openingIds: string[];
  seekerIds: string[];
}

/**
 * A hire in progress (`_id` = the match id = the placement id), written before the hire takes
 * anything and removed once its placement is stored or it is undone: whatever a crash leaves
 * half done, this record says what it was, so a retried hire or the reconciler can finish it.
 * The change from pending to committing or aborted is one conditional write: once it is
 * committing nobody undoes it, once it is aborted nobody completes it.
 */
@Schema({ collection: 'hires_in_progress', versionKey: false })
export class HireRecord {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: String, required: true, enum: HIRE_STATES }) state!: HireState;
  /** Absent on the fence the reconciler puts up to free what a record-less hire left. */
  @Prop({ type: SchemaTypes.Mixed }) placement?: NewPlacement;
  /** On an aborted record: the instance freeing what it holds. Only it frees them and drops the record. */
  @Prop({ type: SchemaTypes.Mixed }) claim?: HireClaim;
  /** On a fence: where the leftover it guards is held, so that an instance taking the fence over frees it too. */
  @Prop({ type: SchemaTypes.Mixed }) holdings?: HireHoldings;
}

export const HireRecordSchema = SchemaFactory.createForClass(HireRecord);
