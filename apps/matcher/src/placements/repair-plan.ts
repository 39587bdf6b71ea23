import type { PlacementStatus, QuotaClass } from '@jobfair/contracts';
import { holdsSeat, holdsSeeker } from './placement-rules';

/** A seat of an opening's seats document, held by a placement id (the match id). */
export interface HeldSeat {
  openingId: string;
  placementId: string;
}

/** A seeker's commitment, held by a placement id. */
export interface HeldCommitment {
  seekerId: string;
  placementId: string;
}

export interface PlacementFacts {
  id: string;
  status: PlacementStatus;
  seekerId: string;
  openingId: string;
  quotaClass: QuotaClass;
}

/** What the reconciler read, in this order: seats and commitments first, then hires in progress, then placements. */
export interface HiringState {
  seats: HeldSeat[];
  commitments: HeldCommitment[];
  /** Ids of the hires begun and not finished (their record is still there, whatever its state). */
  hiresInProgress: string[];
  placements: PlacementFacts[];
}

/** What one placement id holds that nothing live stands behind. */
export interface Leftover {
  placementId: string;
  seats: HeldSeat[];
  commitments: HeldCommitment[];
}

export interface RepairPlan {
  /** Hires to carry on from their record: each completes, or is undone when its seat or person is taken. */
  resume: string[];
  /** Held by a placement that has ended (a crash after its cancel or return, before the release). */
  release: Leftover[];
  /**
   * Held by an id with neither a placement nor a hire record: a hire that began before this
   * protocol, or whose record is gone. Freed behind a fence, so that a hire of the same match
   * cannot begin meanwhile.
   */
  undo: Leftover[];
  /** Live placements whose seat is missing: the seat is theirs (a placement is the fact). */
  retakeSeats: PlacementFacts[];
  /** Live placements whose seeker holds nothing: the seeker is theirs again. */
  retakeCommitments: PlacementFacts[];
  /** Seekers with more than one live placement: staff must decide, the reconciler only reports them. */
  doublyPlaced: string[];
}

/**
 * Decides how to bring the hiring guards back to the facts: seats taken = the placements
 * that hold a seat, one live placement per person, nobody held by what has ended. The read
 * order of `HiringState` makes it safe beside a hire in progress: a hire writes its record
 * before it takes anything and removes it only after its placement is stored, so a holding
 * read first has, when the later reads see neither, nothing live behind it.
 */
export function planRepairs(state: HiringState): RepairPlan {
  const placements = new Map(state.placements.map((p) => [p.id, p]));
  const inProgress = new Set(state.hiresInProgress);
  const release = new Map<string, Leftover>();
  const undo = new Map<string, Leftover>();
  const leftover = (into: Map<string, Leftover>, placementId: string) => {
    const entry = into.get(placementId) ?? { placementId, seats: [], commitments: [] };
    into.set(placementId, entry);
    return entry;
  };
  const classify = (placementId: string, holds: (status: PlacementStatus) => boolean) => {
    if (inProgress.has(placementId)) return undefined; // resumed below
    const placement = placements.get(placementId);
    if (!placement) return undo;
    return holds(placement.status) ? undefined : release;
  };
  for (const seat of state.seats) {
    const into = classify(seat.placementId, holdsSeat);
    if (into) leftover(into, seat.placementId).seats.push(seat);
  }
  for (const commitment of state.commitments) {
    const into = classify(commitment.placementId, holdsSeeker);
    if (into) leftover(into, commitment.placementId).commitments.push(commitment);
  }

  const seated = new Set(state.seats.map((s) => s.placementId));
  const committedSeekers = new Set(state.commitments.map((c) => c.seekerId));
  const liveBySeeker = new Map<string, number>();
  for (const p of state.placements) if (holdsSeeker(p.status)) liveBySeeker.set(p.seekerId, (liveBySeeker.get(p.seekerId) ?? 0) + 1);
  return {
    resume: state.hiresInProgress,
    release: [...release.values()],
    undo: [...undo.values()],
    retakeSeats: state.placements.filter((p) => holdsSeat(p.status) && !seated.has(p.id)),
    // A seeker held by another live placement is doubly placed, not free: that is reported, never overwritten.
    retakeCommitments: state.placements.filter((p) => holdsSeeker(p.status) && !committedSeekers.has(p.seekerId)),
    doublyPlaced: [...liveBySeeker].filter(([, count]) => count > 1).map(([seekerId]) => seekerId),
  };
}
