import { Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { SchemaTypes } from 'mongoose';
import {
  CancelReason,
  MATCH_STATUSES,
  MatchNote,
  MatchPromotion,
  MatchSnapshot,
  MatchStatus,
  QUOTA_CLASSES,
  QuotaClass,
} from '@jobfair/contracts';
import { AggregateDocument } from '@jobfair/messaging';

/** A proposed pairing from a matching run, then reviewed by the centre (proposed -> approved/rejected -> hired). */
@Schema({ collection: 'matches', versionKey: false })
export class Match extends AggregateDocument {
  @Prop({ required: true }) runId!: string;
  @Prop() fairId?: string;
  @Prop({ required: true }) seekerId!: string;
  @Prop({ required: true }) openingId!: string;
  @Prop({ required: true }) employerId!: string;
  @Prop({ required: true }) score!: number;
  /** Score parts that explain it (skills, language margin, ...). */
  @Prop({ type: SchemaTypes.Mixed, required: true }) breakdown!: Record<string, number>;
  @Prop({ type: String, required: true, enum: QUOTA_CLASSES }) quotaClass!: QuotaClass;
  @Prop({ required: true }) designated!: boolean;
  /** Rules applied in the seeker's favour (a faithful worker's waived language test), when any. */
  @Prop({ type: [SchemaTypes.Mixed], default: undefined }) notes?: MatchNote[];
  @Prop({ type: String, required: true, enum: MATCH_STATUSES }) status!: MatchStatus;
  /** Why it was rejected (review), when it was. */
  @Prop() reason?: string;
  /** Shortlist runs: layer (1 = first choice) and place on the opening's list. */
  @Prop() layer?: number;
  @Prop() rank?: number;
  /** An alternate waiting on the list: not in the review queue until it moves up (`promotion`). */
  @Prop() alternate?: boolean;
  @Prop({ type: SchemaTypes.Mixed }) promotion?: StoredPromotion;
}

/** Whose place an alternate took, and why that worker failed: the reason stays on the centre's side (it may be health). */
export interface StoredPromotion extends MatchPromotion {
  reason: CancelReason;
}

export const MatchSchema = SchemaFactory.createForClass(Match);

/**
 * The household-priority part of a score would tell whoever reads it that the seeker comes
 * from a poor, near-poor or ethnic-minority household: the score and breakdown without it,
 * so the parts still add up to the score (and the score does not give the part away).
 */
export function withoutHousehold(match: MatchSnapshot): MatchSnapshot {
  const { household = 0, ...breakdown } = match.breakdown;
  return { ...match, score: Math.round((match.score - household) * 100) / 100, breakdown };
}

/** What match events carry: sensitive score parts stay on the centre's side (employers and other services read the topic). */
export function matchEvent(m: Match): MatchSnapshot {
  return withoutHousehold(matchSnapshot(m));
}

export function matchSnapshot(m: Match): MatchSnapshot {
  return {
    id: m._id,
    runId: m.runId,
    fairId: m.fairId,
    seekerId: m.seekerId,
    openingId: m.openingId,
    employerId: m.employerId,
    score: m.score,
    breakdown: m.breakdown,
    quotaClass: m.quotaClass,
    designated: m.designated,
    ...(m.notes?.length ? { notes: m.notes } : {}),
    status: m.status,
    reason: m.reason,
    ...(m.layer === undefined ? {} : { layer: m.layer, rank: m.rank, alternate: m.alternate ?? false }),
    ...(m.promotion ? { promotion: { placementId: m.promotion.placementId, at: m.promotion.at } } : {}),
  };
}
