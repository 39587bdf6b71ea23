import type { FilterQuery } from 'mongoose';
import type { MatchingRunStatus } from '@jobfair/contracts';

/** Who works on a run (one matcher process) and until when, unless it renews the lease. */
export interface RunLease {
  owner: string;
  until: Date;
}

interface LeasedRun {
  status: MatchingRunStatus;
  lease?: RunLease;
}

const OPEN: MatchingRunStatus[] = ['queued', 'running'];

export function leaseFor(owner: string, now: Date, leaseMs: number): RunLease {
  return { owner, until: new Date(now.getTime() + leaseMs) };
}

/** Queued or running, and nobody holds it any more: its lease ran out (a run from before leases has none). */
export function abandoned(run: LeasedRun, now: Date): boolean {
  return OPEN.includes(run.status) && (!run.lease || new Date(run.lease.until) < now);
}

/** The same as a query, so that the write that fails a run happens only if no renewal came in between. */
export function abandonedFilter(now: Date): FilterQuery<LeasedRun> {
  return { status: { $in: OPEN }, $or: [{ lease: { $exists: false } }, { 'lease.until': { $lt: now } }] };
}

/** Only the owner of a running run may record its result: a run another process failed stays failed. */
export function mayComplete(run: LeasedRun, owner: string): boolean {
  return run.status === 'running' && run.lease?.owner === owner;
}

export function ownedFilter(owner: string): FilterQuery<LeasedRun> {
  return { status: 'running', 'lease.owner': owner };
}
