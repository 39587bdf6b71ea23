import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import {
  MATCHING_MODES,
  MATCHING_RUN_STATUSES,
  MatchingMode,
  MatchingRunSnapshot,
  MatchingRunState,
  MatchingRunStatus,
  RunSummary,
} from '@jobfair/contracts';
import type { OpeningFill, ReasonCode, ScoreWeights } from '@jobfair/matching';
import { AggregateDocument } from '@jobfair/messaging';
import type { RunInputRecord, RunShortlist } from './run-input.schema';
import type { RunLease } from './run-lease';

/** An unmatched seeker and why, as stored on its run (the list is capped; the summary counts all). */
export interface UnmatchedSeekerEntry {
  seekerId: string;
  /** The words with figures, in English (e.g. "EPS-TOPIK 118 below the required 140"). */
  reasons: string[];
  /** The same reasons' codes, one for each, for clients that say them in their own words (absent on older runs). */
  reasonCodes?: ReasonCode[];
}

/** One computation of matches over a fair or the whole roster: queued -> running -> completed or failed. */
@Schema({ collection: 'runs', versionKey: false })
export class MatchingRun extends AggregateDocument {
  @Prop() fairId?: string;
  @Prop({ type: String, required: true, enum: MATCHING_MODES }) mode!: MatchingMode;
  @Prop({ type: SchemaTypes.Mixed }) weights?: Partial<ScoreWeights>;
  /** A shortlist run's candidates per seat and lists per seeker; absent: one-to-one. */
  @Prop({ type: SchemaTypes.Mixed }) shortlist?: RunShortlist;
  @Prop({ type: String, required: true, enum: MATCHING_RUN_STATUSES }) status!: MatchingRunStatus;
  /** 0..100. Telemetry, not state: written without a version or an event (RunsService.recordProgress). */
  @Prop({ required: true, default: 0 }) progress!: number;
  @Prop({ required: true }) requestedAt!: string;
  @Prop() startedAt?: string;
  /** When it completed or failed. */
  @Prop() finishedAt?: string;
  @Prop() failure?: string;
  @Prop({ type: SchemaTypes.Mixed }) summary?: RunSummary;
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) unmatched!: UnmatchedSeekerEntry[];
  @Prop({ type: [SchemaTypes.Mixed], default: [] }) openingFill!: OpeningFill[];
  /** What it was computed from, recorded as it ran (absent on runs from before, and on failed ones). */
  @Prop({ type: SchemaTypes.Mixed }) input?: RunInputRecord;
  /** The process working on it while queued or running (renewed without a version: it is not the run's state). */
  @Prop({ type: SchemaTypes.Mixed }) lease?: RunLease;
}

export const MatchingRunSchema = SchemaFactory.createForClass(MatchingRun);

/** Completion carries the summary (MatchingRunSnapshot); the other steps carry the run's state. */
export function runSnapshot(run: MatchingRun): MatchingRunSnapshot | MatchingRunState {
  if (run.status === 'completed') {
    return { id: run._id, fairId: run.fairId, mode: run.mode, summary: run.summary!, completedAt: run.finishedAt! };
  }
  return {
    id: run._id,
    fairId: run.fairId,
    mode: run.mode,
    status: run.status,
    failure: run.failure,
    at: run.finishedAt ?? run.startedAt ?? run.requestedAt,
  };
}

/** A run in a list: what it was and how it went, without its per-opening and per-seeker lists. */
export function runListItem(run: MatchingRun) {
  return {
    id: run._id,
    fairId: run.fairId,
    mode: run.mode,
    weights: run.weights,
    ...(run.shortlist ? { shortlist: run.shortlist } : {}),
    status: run.status,
    progress: run.progress,
    requestedAt: run.requestedAt,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    failure: run.failure,
    summary: run.summary,
    input: run.input,
  };
}

export function runView(run: MatchingRun) {
  return { ...runListItem(run), openingFill: run.openingFill, unmatched: run.unmatched };
}
