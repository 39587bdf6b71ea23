import { Injectable, Logger } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { MatchesService } from '../matches/matches.service';
import { Placement, PlacementPromotion } from './placement.schema';
import { SeekerCommitment } from './seeker-commitments';

/** Choosing again when the alternate chosen was taken by another failed placement meanwhile: a few tries, then the reconciler. */
const ATTEMPTS = 5;

/**
 * When a chosen worker fails (a placement cancelled for medical, visa or withdrawal), the next
 * alternate on the opening's shortlist in the same run moves up as a proposed match.
 *
 * The cancel writes `promotion: owed` with the placement itself, so the duty survives a crash;
 * this settles it in steps that a retry (the same request's, the reconciler's, another
 * instance's) resumes: the placement claims one alternate (`promotion.matchId`, one
 * conditional write, so two settlers never promote two), the match moves up (once, only while
 * it waits), the placement records it done. Alternates already chosen or placed elsewhere are
 * passed over; with none left, the duty ends as `none`.
 */
@Injectable()
export class AlternatePromotion {
  private readonly logger = new Logger(AlternatePromotion.name);

  constructor(
    @InjectModel(Placement.name) private readonly placements: Model<Placement>,
    @InjectModel(SeekerCommitment.name) private readonly commitments: Model<SeekerCommitment>,
    private readonly matches: MatchesService,
  ) {}

  /** The placements whose promotion is still owed (a crash between the steps), for the reconciler. */
  async owed(): Promise<string[]> {
    const left = await this.placements.find({ 'promotion.status': 'owed' }, { _id: 1 }).lean();
    return left.map((placement) => placement._id);
  }

  /** Answers the promotion as this left it: done, none, or still owed (the reconciler tries again). */
  async settle(placementId: string): Promise<PlacementPromotion | undefined> {
    let promotion: PlacementPromotion | undefined;
    for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
      const placement = await this.placements
        .findById(placementId, { matchId: 1, openingId: 1, promotion: 1, cancelReason: 1, at: 1 })
        .lean();
      promotion = placement?.promotion;
      if (promotion?.status !== 'owed' || !placement?.cancelReason) return promotion;
      let matchId = promotion.matchId;
      if (!matchId) {
        const unclaimed = { _id: placementId, 'promotion.status': 'owed', 'promotion.matchId': { $exists: false } };
        const next = await this.nextAlternate(placement);
        if (!next) {
          if ((await this.placements.updateOne(unclaimed, { $set: { 'promotion.status': 'none' } })).modifiedCount !== 1) continue;
          this.logger.warn(`placement ${placementId} was cancelled (${placement.cancelReason}): no alternate is left on its shortlist`);
          return { status: 'none' };
        }
        if ((await this.placements.updateOne(unclaimed, { $set: { 'promotion.matchId': next } })).modifiedCount !== 1) continue;
        matchId = next;
      }
      const claim = { _id: placementId, 'promotion.status': 'owed', 'promotion.matchId': matchId };
      if (await this.matches.promote(matchId, { placementId, reason: placement.cancelReason, at: placement.at })) {
        await this.placements.updateOne(claim, { $set: { 'promotion.status': 'done' } });
        return { status: 'done', matchId };
      }
      await this.placements.updateOne(claim, { $unset: { 'promotion.matchId': 1 } }); // moved up for another: choose again
    }
    this.logger.warn(`placement ${placementId}: its alternate was taken ${ATTEMPTS} times in a row; the reconciler tries again`);
    return promotion;
  }

  /** The first alternate in rank still waiting on the failed match's list, not chosen or placed elsewhere. */
  private async nextAlternate(placement: Pick<Placement, 'matchId' | 'openingId'>): Promise<string | undefined> {
    const failed = await this.matches.stored(placement.matchId);
    if (!failed) return undefined;
    const waiting = await this.matches.waitingAlternates(failed.runId, placement.openingId);
    if (!waiting.length) return undefined;
    const seekerIds = waiting.map((match) => match.seekerId);
    const [chosen, placed] = await Promise.all([
      this.matches.chosenSeekers(seekerIds),
      this.commitments.find({ _id: { $in: seekerIds } }, { _id: 1 }).lean(),
    ]);
    const busy = new Set([...chosen, ...placed.map((commitment) => commitment._id)]);
    return waiting.find((match) => !busy.has(match.seekerId))?._id;
  }
}
