import { PLACEMENT_STATUSES, PlacementStatus } from '@jobfair/contracts';
import { canMove, holdsSeat } from './placement-rules';

describe('placement status rules', () => {
  const allowed: [PlacementStatus, PlacementStatus][] = [
    ['hired', 'departed'],
    ['departed', 'returned'],
    ['hired', 'cancelled'],
    ['departed', 'cancelled'],
  ];

  it('allows exactly hired -> departed -> returned and hired/departed -> cancelled', () => {
    for (const from of PLACEMENT_STATUSES) {
      for (const to of PLACEMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canMove(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('a cancelled placement frees its seat; a returned one keeps it (the position was filled)', () => {
    expect(PLACEMENT_STATUSES.filter(holdsSeat)).toEqual(['hired', 'departed', 'returned']);
  });
});
