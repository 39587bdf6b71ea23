import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import type { MatchingOptions, ScoreWeights } from '@jobfair/matching';

/** A shortlist run's settings, as asked for (the allowance resolved from the matcher's default). */
export interface RunShortlist {
  ratio: number;
  perSeeker: number;
}

/** The library's options for them. */
export function shortlistOptions(shortlist?: RunShortlist): Pick<MatchingOptions, 'shortlistRatio' | 'shortlistsPerSeeker'> {
  return shortlist ? { shortlistRatio: shortlist.ratio, shortlistsPerSeeker: shortlist.perSeeker } : {};
}

/** What a run records of how it was computed, so that it can be recomputed later (`POST /matching/runs/:id/recompute`). */
export interface RunInputRecord {
  /** The RunInput holding the seekers' and openings' profiles. */
  snapshotId: string;
  seekers: number;
  openings: number;
  /** Every weight, the library's defaults filled in. */
  weights: ScoreWeights;
  /** The programmes' caps it kept (none recorded: a run from before them, computed without). */
  programmeCaps?: MatchingOptions['programmeCaps'];
  /** A shortlist run's candidates per seat and lists per seeker (none recorded: one-to-one). */
  shortlist?: RunShortlist;
  /** The matching code that computed it (a hash of libs/matching as deployed). */
  codeVersion: string;
}

/**
 * What matching runs were computed from, content-addressed: `_id` is the SHA-256 of the
 * recorded JSON (the seekers' and openings' profiles as given to libs/matching), `data` that
 * JSON gzipped. Runs over the same inputs share one. It holds sensitive personal data
 * (household status) and stays here, on the centre's side: no route gives it out, and an
 * erased seeker is taken out of it (listed in `erasedSeekerIds`; the content then no longer
 * hashes to `_id`).
 */
@Schema({ collection: 'run_inputs', versionKey: false })
export class RunInput {
  @Prop({ type: String, required: true }) _id!: string;
  @Prop({ type: Buffer, required: true }) data!: Buffer;
  /** The seekers in `data`, so that an erasure finds the inputs that hold the person. */
  @Prop({ type: [String], default: [] }) seekerIds!: string[];
  @Prop({ type: [String], default: [] }) erasedSeekerIds!: string[];
  @Prop({ required: true }) recordedAt!: string;
  /** Bumped by each erasure's rewrite of `data`: two erasures at once do not undo each other. */
  @Prop({ required: true, default: 0 }) revision!: number;
}

export const RunInputSchema = SchemaFactory.createForClass(RunInput);
