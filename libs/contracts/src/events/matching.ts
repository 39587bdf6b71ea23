import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsInt,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { defineEvent } from '../registry';
import { Topics } from '../topics';
import {
  MATCHING_MODES,
  MATCH_STATUSES,
  MatchStatus,
  MatchingMode,
  PLACEMENT_STATUSES,
  PlacementStatus,
  QUOTA_CLASSES,
  QuotaClass,
} from '../vocabulary';

export class QuotaClassCounts {
  @IsInt()
  @Min(0)
  firstTime!: number;

  @IsInt()
  @Min(0)
  returning!: number;
}

export class RunSummary {
  @IsInt()
  @Min(0)
  matched!: number;

  @IsInt()
  @Min(0)
  unmatched!: number;

  @IsNumber()
  totalScore!: number;

  /** Seekers and openings that took part (after the fair, availability and status filters). */
  @IsOptional()
  @IsInt()
  @Min(0)
  seekers?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  openings?: number;

  /** Matches per quota class: how first-time and returning seats were filled. */
  @IsOptional()
  @ValidateNested()
  @Type(() => QuotaClassCounts)
  byQuotaClass?: QuotaClassCounts;

  /** Matches that seated a designated (named) returning worker. */
  @IsOptional()
  @IsInt()
  @Min(0)
  designated?: number;

  /** Shortlist runs: candidates per seat asked for, and entries on the alternates' layers. Added in issue 14, optional. */
  @IsOptional()
  @IsInt()
  @Min(1)
  shortlistRatio?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  alternates?: number;

  /** Unmatched seekers per kind of reason (a seeker counts once under each kind that held it back). */
  @IsOptional()
  @IsObject()
  unmatchedReasons?: Record<string, number>;
}

/** What every run event says of the run: which one, over what, how. */
class MatchingRunIdentity {
  @IsString()
  @IsNotEmpty()
  id!: string;

  /** Absent for a run over the whole roster. */
  @IsOptional()
  @IsString()
  fairId?: string;

  @IsIn(MATCHING_MODES)
  mode!: MatchingMode;
}

export class MatchingRunSnapshot extends MatchingRunIdentity {
  @ValidateNested()
  @Type(() => RunSummary)
  summary!: RunSummary;

  @IsISO8601()
  completedAt!: string;
}

export const MATCHING_RUN_STATUSES = ['queued', 'running', 'completed', 'failed'] as const;
export type MatchingRunStatus = (typeof MATCHING_RUN_STATUSES)[number];

/** A run before it completes (requested, started) or when it failed; completion carries MatchingRunSnapshot. */
export class MatchingRunState extends MatchingRunIdentity {
  @IsIn(MATCHING_RUN_STATUSES)
  status!: MatchingRunStatus;

  /** Why it failed, when it did. */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  failure?: string;

  @IsISO8601()
  at!: string;
}

/** A rule that applied in the seeker's favour: the matching library's reason code and its words. */
export class MatchNote {
  @IsString()
  @IsNotEmpty()
  @MaxLength(60)
  code!: string;

  @IsString()
  @MaxLength(500)
  text!: string;
}

/** A seeker paired with an opening, as matches and placements both are: ids only, no personal data. */
class SeekerAtOpening {
  @IsString()
  @IsNotEmpty()
  id!: string;

  /** The fair where they met, if they met at one. */
  @IsOptional()
  @IsString()
  fairId?: string;

  @IsString()
  @IsNotEmpty()
  seekerId!: string;

  @IsString()
  @IsNotEmpty()
  openingId!: string;

  @IsString()
  @IsNotEmpty()
  employerId!: string;

  @IsIn(QUOTA_CLASSES)
  quotaClass!: QuotaClass;
}

/** Whose place an alternate took. Why that worker failed (a medical check, say) is health data: it stays in the matcher. */
export class MatchPromotion {
  @IsString()
  @IsNotEmpty()
  placementId!: string;

  @IsISO8601()
  at!: string;
}

/** A proposed pairing; no seeker personal data travels with it, only ids and the score. */
export class MatchSnapshot extends SeekerAtOpening {
  @IsString()
  @IsNotEmpty()
  runId!: string;

  @IsNumber()
  @Min(0)
  @Max(100)
  score!: number;

  @IsObject()
  breakdown!: Record<string, number>;

  @IsBoolean()
  designated!: boolean;

  /** Rules applied in the seeker's favour, e.g. faithful-worker-no-language-test. Added in issue 14, optional. */
  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => MatchNote)
  notes?: MatchNote[];

  @IsIn(MATCH_STATUSES)
  status!: MatchStatus;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  /**
   * Shortlist runs (issue 14, optional): the layer (1 = first choice), the place on the
   * opening's list, and whether it is an alternate still waiting (not to be counted or
   * reviewed until it moves up).
   */
  @IsOptional()
  @IsInt()
  @Min(1)
  layer?: number;

  @IsOptional()
  @IsInt()
  @Min(1)
  rank?: number;

  @IsOptional()
  @IsBoolean()
  alternate?: boolean;

  /** An alternate that moved up: the cancelled placement whose worker it replaces. */
  @IsOptional()
  @ValidateNested()
  @Type(() => MatchPromotion)
  promotion?: MatchPromotion;
}

export class PlacementSnapshot extends SeekerAtOpening {
  @IsString()
  @IsNotEmpty()
  matchId!: string;

  @IsIn(PLACEMENT_STATUSES)
  status!: PlacementStatus;

  @IsISO8601()
  at!: string;
}

export const MatchingRunCompleted = defineEvent('MatchingRunCompleted', Topics.matchingRun, MatchingRunSnapshot);
export const MatchingRunRequested = defineEvent('MatchingRunRequested', Topics.matchingRun, MatchingRunState);
export const MatchingRunStarted = defineEvent('MatchingRunStarted', Topics.matchingRun, MatchingRunState);
export const MatchingRunFailed = defineEvent('MatchingRunFailed', Topics.matchingRun, MatchingRunState);

export const MatchProposed = defineEvent('MatchProposed', Topics.match, MatchSnapshot);
export const MatchApproved = defineEvent('MatchApproved', Topics.match, MatchSnapshot);
export const MatchRejected = defineEvent('MatchRejected', Topics.match, MatchSnapshot);
/** An alternate moved up to a proposed match because a chosen worker failed (its `promotion` says whose place). */
export const MatchPromoted = defineEvent('MatchPromoted', Topics.match, MatchSnapshot);

export const PlacementHired = defineEvent('PlacementHired', Topics.placement, PlacementSnapshot);
export const PlacementDeparted = defineEvent('PlacementDeparted', Topics.placement, PlacementSnapshot);
export const PlacementReturned = defineEvent('PlacementReturned', Topics.placement, PlacementSnapshot);
export const PlacementCancelled = defineEvent('PlacementCancelled', Topics.placement, PlacementSnapshot);
/** An approved match became a placement (its PlacementHired carries the placement). */
export const MatchHired = defineEvent('MatchHired', Topics.match, MatchSnapshot);
