import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type CountedKind = 'matches' | 'placements';

/**
 * One match or placement the matcher reported about a fair, as of its latest event
 * (`version`), and whether it counts now (`counted`). Events move it forward only, so a
 * redelivered or late event (a PlacementHired after its PlacementCancelled) changes nothing.
 * A fair's statistics count these documents: there is no separate counter that a crash
 * between two writes could leave out of step with them. `_id` is `<kind>:<id>`.
 */
@Schema({ collection: 'fair_stat_facts', versionKey: false })
export class CountedFact {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) fairId!: string;
  @Prop({ required: true }) kind!: CountedKind;
  @Prop({ required: true }) version!: number;
  @Prop({ required: true }) counted!: boolean;
}

export const CountedFactSchema = SchemaFactory.createForClass(CountedFact);
// What the statistics count: a fair's facts of one kind that count.
CountedFactSchema.index({ fairId: 1, kind: 1, counted: 1 });
