import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';

export type CountedKind = 'matches' | 'placements';

/**
 * How many of its latest counted steps a fair's counters remember (about 10 KB). A step is
 * repeated only by the redelivery of an event whose handling was killed between the counter
 * and the fact's flag: the same partition resumes at that event, so the only steps in between
 * are other partitions' and other instances', in the seconds of a restart.
 */
export const REMEMBERED_STEPS = 200;

/** A fair's counters: one small document, read in one go by the statistics. */
@Schema({ collection: 'fair_stats', versionKey: false })
export class FairStats {
  /** The fair id. */
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ default: 0 }) matches!: number;
  @Prop({ default: 0 }) placements!: number;
  /** The latest steps taken (`<fact>@<version>`), so that a repeated one is not counted again. */
  @Prop({ type: [String], default: [] }) steps!: string[];
}

export const FairStatsSchema = SchemaFactory.createForClass(FairStats);

/**
 * One match or placement the matcher reported about a fair, as of its latest event
 * (`version`): whether it should count (`counted`) and whether the fair's counter
 * includes it (`inTotal`). Events move it forward only, so a redelivered or late event
 * (a PlacementHired after its PlacementCancelled) changes nothing; the counter follows
 * `counted` by one conditional step. `_id` is `<kind>:<id>`.
 */
@Schema({ collection: 'fair_stat_facts', versionKey: false })
export class CountedFact {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ required: true }) fairId!: string;
  @Prop({ required: true }) kind!: CountedKind;
  @Prop({ required: true }) version!: number;
  @Prop({ required: true }) counted!: boolean;
  @Prop({ required: true }) inTotal!: boolean;
}

export const CountedFactSchema = SchemaFactory.createForClass(CountedFact);
