import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import { PlacementStatus } from '@jobfair/contracts';

/** The latest state of one placement, by the placement's version. */
export interface PlacementState {
  status: PlacementStatus;
  version: number;
}

/**
 * The placements of one opening (`_id` = the opening's id), each at the latest version the
 * employers service has seen: an older or redelivered event (a hire after its cancellation)
 * changes nothing, and the opening's `filled` is counted from these states, never incremented.
 * One document per opening, read by `_id`: counting never scans other openings' placements.
 */
@Schema({ collection: 'opening_fills', versionKey: false, minimize: false })
export class OpeningFill {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: SchemaTypes.Mixed, default: {} }) placements!: Record<string, PlacementState>;
}

export const OpeningFillSchema = SchemaFactory.createForClass(OpeningFill);

/** Positions taken: every placement that is not cancelled. */
export function activePlacements(fill: Pick<OpeningFill, 'placements'> | null): number {
  return Object.values(fill?.placements ?? {}).filter((placement) => placement.status !== 'cancelled').length;
}
