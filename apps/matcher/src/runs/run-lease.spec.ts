import { MATCHING_RUN_STATUSES } from '@jobfair/contracts';
import { abandoned, leaseFor, mayComplete } from './run-lease';

describe('run leases', () => {
  const now = new Date('2026-12-01T10:00:00Z');
  const live = leaseFor('me', now, 30_000);
  const expired = { owner: 'me', until: new Date('2026-12-01T09:59:59Z') };

  it('a queued or running run is abandoned only when its lease ran out, or it has none (a run from before leases)', () => {
    for (const status of MATCHING_RUN_STATUSES) {
      const open = status === 'queued' || status === 'running';
      expect([
        status,
        abandoned({ status, lease: live }, now),
        abandoned({ status, lease: expired }, now),
        abandoned({ status }, now),
      ]).toEqual([status, false, open, open]);
    }
  });

  it('only the owner of a running run completes it: not a failed, queued or completed one, not another process', () => {
    expect(mayComplete({ status: 'running', lease: live }, 'me')).toBe(true);
    expect(mayComplete({ status: 'running', lease: live }, 'another')).toBe(false);
    for (const status of MATCHING_RUN_STATUSES.filter((s) => s !== 'running'))
      expect([status, mayComplete({ status, lease: live }, 'me')]).toEqual([status, false]);
  });
});
