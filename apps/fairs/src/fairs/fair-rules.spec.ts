import { checkBooth, transitionProblem, windowProblems, withBooth, withoutOpenings } from './fair-rules';

describe('fair rules', () => {
  it('moves a fair only scheduled -> open -> closed', () => {
    expect(transitionProblem('scheduled', 'open')).toBeNull();
    expect(transitionProblem('open', 'closed')).toBeNull();
    expect(transitionProblem('scheduled', 'closed')).toBe('a scheduled fair cannot become closed');
    expect(transitionProblem('open', 'open')).not.toBeNull();
    expect(transitionProblem('closed', 'open')).not.toBeNull();
  });

  it('wants the end of the time window after its start, across time zones', () => {
    expect(windowProblems('2030-09-12T08:00:00+07:00', '2030-09-12T02:00:00Z')).toEqual([]);
    expect(windowProblems('2030-09-12T08:00:00+07:00', '2030-09-12T01:00:00Z')).toEqual(['endsAt: must be after startsAt']);
  });

  it('sorts what is wrong with a booth: unknown, foreign and not-open openings', () => {
    const known = [
      { _id: 'o1', employerId: 'e1', status: 'open' as const },
      { _id: 'o2', employerId: 'e2', status: 'open' as const },
      { _id: 'o3', employerId: 'e1', status: 'filled' as const },
    ];
    expect(checkBooth('e1', ['o1', 'o2', 'o3', 'o4'], known)).toEqual({ unknown: ['o4'], foreign: ['o2'], notOpen: [known[2]] });
    expect(checkBooth('e1', ['o1'], known)).toEqual({ unknown: [], foreign: [], notOpen: [] });
  });

  it('keeps one booth per employer and extends it, or says nothing changed', () => {
    const booths = [{ employerId: 'e1', openingIds: ['o1'] }];
    expect(withBooth(booths, 'e2', ['o2'])).toEqual([...booths, { employerId: 'e2', openingIds: ['o2'] }]);
    expect(withBooth(booths, 'e1', ['o1', 'o3'])).toEqual([{ employerId: 'e1', openingIds: ['o1', 'o3'] }]);
    expect(withBooth(booths, 'e1', ['o1'])).toBeNull();
  });

  it("takes openings out of an employer's booth, the booth with its last one, or says nothing changed", () => {
    const booths = [
      { employerId: 'e1', openingIds: ['o1', 'o2'] },
      { employerId: 'e2', openingIds: ['o3'] },
    ];
    expect(withoutOpenings(booths, 'e1', ['o1'])).toEqual([{ employerId: 'e1', openingIds: ['o2'] }, booths[1]]);
    expect(withoutOpenings(booths, 'e2', ['o3'])).toEqual([booths[0]]);
    expect(withoutOpenings(booths, 'e1')).toEqual([booths[1]]);
    expect(withoutOpenings(booths, 'e1', ['o3'])).toBeNull();
    expect(withoutOpenings(booths, 'e9')).toBeNull();
  });
});
