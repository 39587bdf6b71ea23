import type { OpeningSnapshot, SeekerSnapshot } from '@jobfair/contracts';
import { FunnelMatch, FunnelPath } from '@jobfair/matching';
import { attendeeId } from '../read-models/read-model.schemas';
import type { Match } from '../matches/match.schema';
import type { Placement } from '../placements/placement.schema';
import type { UnmatchedSeekerEntry } from '../runs/matching-run.schema';
import { FunnelGroup, NO_GROUP } from './funnel.dto';

/** A match as the funnel follows it, with the opening it was for. */
export interface PathMatch extends FunnelMatch {
  openingId: string;
  market?: string;
  sector?: string;
}

export interface SeekerPath extends FunnelPath<PathMatch> {
  seekerId: string;
  matches: PathMatch[];
}

/** What the matcher holds about some fairs, read in one go. */
export interface FunnelFacts {
  registered: Set<string>;
  checkedIn: Set<string>;
  /** Sorted by id, so that the leading match of equals is always the same one. */
  matches: Pick<Match, '_id' | 'fairId' | 'seekerId' | 'openingId' | 'status' | 'reason'>[];
  placements: Pick<Placement, '_id' | 'status' | 'market' | 'sector' | 'history'>[];
  /** Each fair's latest completed run's list of unmatched seekers. */
  unmatched: Map<string, UnmatchedSeekerEntry[]>;
}

/** One path per seeker and fair (`<fairId>:<seekerId>`), from the memberships, the matches and their placements. */
export function seekerPaths(facts: FunnelFacts): SeekerPath[] {
  const paths = new Map<string, SeekerPath>();
  const pathOf = (id: string) => {
    const found = paths.get(id);
    if (found) return found;
    const seekerId = id.slice(id.indexOf(':') + 1);
    const path: SeekerPath = {
      seekerId,
      registered: facts.registered.has(id),
      checkedIn: facts.checkedIn.has(id),
      ineligible: [],
      matches: [],
    };
    paths.set(id, path);
    return path;
  };
  for (const id of [...facts.registered, ...facts.checkedIn]) pathOf(id);
  const placements = new Map(facts.placements.map((p) => [p._id, p]));
  for (const match of facts.matches) {
    const placement = placements.get(match._id);
    const last = placement?.history.at(-1);
    pathOf(attendeeId(match.fairId!, match.seekerId)).matches.push({
      status: match.status,
      reason: match.reason,
      openingId: match.openingId,
      market: placement?.market,
      sector: placement?.sector,
      placement: placement && {
        status: placement.status,
        departed: placement.history.some((change) => change.status === 'departed'),
        note: placement.status === 'cancelled' ? last?.note : undefined,
      },
    });
  }
  for (const [fairId, entries] of facts.unmatched) {
    for (const entry of entries) {
      const path = paths.get(attendeeId(fairId, entry.seekerId));
      if (path) path.ineligible = entry.reasonCodes ?? [];
    }
  }
  return [...paths.values()];
}

/** Names each path's group: by the opening it came furthest with, or by the seeker. */
export function groupOf(
  by: FunnelGroup,
  openings: Map<string, OpeningSnapshot>,
  seekers: Map<string, SeekerSnapshot>,
): (path: SeekerPath, lead: PathMatch | undefined) => string {
  switch (by) {
    case 'market':
      return (_, lead) => (lead && (lead.market ?? openings.get(lead.openingId)?.country)) || NO_GROUP;
    case 'sector':
      return (_, lead) => (lead && (lead.sector ?? openings.get(lead.openingId)?.sector)) || NO_GROUP;
    case 'province':
      return (path) => seekers.get(path.seekerId)?.province ?? NO_GROUP;
    case 'household':
      return (path) => seekers.get(path.seekerId)?.householdStatus ?? NO_GROUP;
  }
}
