import {
  EventContract,
  PlacementCancelled,
  PlacementDeparted,
  PlacementReturned,
  PlacementSnapshot,
  PlacementStatus,
} from '@jobfair/contracts';

/** The statuses a placement moves to after `hired`, i.e. what `POST /placements/:id/status` accepts. */
export const LATER_STATUSES = ['departed', 'returned', 'cancelled'] as const;
export type LaterStatus = (typeof LATER_STATUSES)[number];

/** hired -> departed -> returned; hired or departed -> cancelled. Returned and cancelled are final. */
const NEXT: Record<PlacementStatus, readonly PlacementStatus[]> = {
  hired: ['departed', 'cancelled'],
  departed: ['returned', 'cancelled'],
  returned: [],
  cancelled: [],
};

export function canMove(from: PlacementStatus, to: PlacementStatus): boolean {
  return NEXT[from].includes(to);
}

export const STATUS_EVENTS: Record<LaterStatus, EventContract<PlacementSnapshot>> = {
  departed: PlacementDeparted,
  returned: PlacementReturned,
  cancelled: PlacementCancelled,
};

/** A placement that holds a seat: every status but cancelled (a returned worker filled the position). */
export function holdsSeat(status: PlacementStatus): boolean {
  return status !== 'cancelled';
}

/** A placement that holds its seeker: one job at a time, until it is cancelled or the worker has come back. */
export function holdsSeeker(status: PlacementStatus): boolean {
  return status === 'hired' || status === 'departed';
}
