import { Booth, FairStatus, OpeningStatus } from '@jobfair/contracts';

/** The contract's cap on booths per fair. */
export const MAX_BOOTHS = 1000;

/** A fair moves one way: scheduled -> open -> closed. */
const NEXT: Record<FairStatus, FairStatus | null> = { scheduled: 'open', open: 'closed', closed: null };

export function transitionProblem(from: FairStatus, to: FairStatus): string | null {
  return NEXT[from] === to ? null : `a ${from} fair cannot become ${to}`;
}

export function windowProblems(startsAt: string, endsAt: string): string[] {
  return Date.parse(endsAt) > Date.parse(startsAt) ? [] : ['endsAt: must be after startsAt'];
}

export interface OpeningFacts {
  _id: string;
  employerId: string;
  status: OpeningStatus;
}

export interface BoothCheck {
  unknown: string[];
  /** Openings of another employer. */
  foreign: string[];
  /** Openings that are filled or closed. */
  notOpen: OpeningFacts[];
}

/** What is wrong with a booth that brings `openingIds` for `employerId`, given the openings known. */
export function checkBooth(employerId: string, openingIds: string[], known: OpeningFacts[]): BoothCheck {
  const byId = new Map(known.map((o) => [o._id, o]));
  const found = openingIds.flatMap((id) => byId.get(id) ?? []);
  return {
    unknown: openingIds.filter((id) => !byId.has(id)),
    foreign: found.filter((o) => o.employerId !== employerId).map((o) => o._id),
    notOpen: found.filter((o) => o.employerId === employerId && o.status !== 'open'),
  };
}

/**
 * The fair's booths with this employer's booth added or extended (one booth per
 * employer), or null when it already brings all these openings.
 */
export function withBooth(booths: Booth[], employerId: string, openingIds: string[]): Booth[] | null {
  const existing = booths.find((b) => b.employerId === employerId);
  if (!existing) return [...booths, { employerId, openingIds }];
  const added = openingIds.filter((id) => !existing.openingIds.includes(id));
  if (!added.length) return null;
  return booths.map((b) => (b === existing ? { employerId, openingIds: [...b.openingIds, ...added] } : b));
}

/**
 * The fair's booths with this employer's booth brought down to the openings kept (all of
 * them go when `openingIds` is undefined; a booth left with none goes too), or null when
 * the employer has no booth or it brings none of these openings.
 */
export function withoutOpenings(booths: Booth[], employerId: string, openingIds?: string[]): Booth[] | null {
  const existing = booths.find((b) => b.employerId === employerId);
  if (!existing) return null;
  const kept = openingIds ? existing.openingIds.filter((id) => !openingIds.includes(id)) : [];
  if (kept.length === existing.openingIds.length) return null;
  return kept.length ? booths.map((b) => (b === existing ? { employerId, openingIds: kept } : b)) : booths.filter((b) => b !== existing);
}
