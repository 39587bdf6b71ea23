import { runMatching } from './run';
import { generateFair } from './synthetic-instance';
import { RecordedRun, UnknownOpeningError, compareWhatIf, outcomeChanges, resolvedWeights, withChanges } from './what-if';

const solve = (run: RecordedRun) => runMatching(run);

describe('what-if and recomputation', () => {
  const fair = generateFair(600, 60, 3);
  const run: RecordedRun = { ...fair, mode: 'optimal', weights: resolvedWeights() };

  it('recomputing the same recorded inputs gives the same matches, scores included', () => {
    const first = solve(run);
    const again = solve(JSON.parse(JSON.stringify(run)) as RecordedRun);
    expect(first.matches.length).toBeGreaterThan(0);
    expect(outcomeChanges(first.matches, again.matches, { scores: true })).toEqual([]);
  });

  it('reports the seekers whose outcome differs when an input changed', () => {
    const first = solve(run);
    const taken = first.matches[0];
    const without = { ...run, seekers: run.seekers.filter((seeker) => seeker.id !== taken.seekerId) };
    const changes = outcomeChanges(first.matches, solve(without).matches, { scores: true });
    expect(changes).toContainEqual({ seekerId: taken.seekerId, before: { openingId: taken.openingId, score: taken.score }, after: null });
  });

  it('changes only the settings asked for and leaves the run as it was', () => {
    const opening = run.openings.find((o) => o.quotas)!;
    const changed = withChanges(run, {
      weights: { household: 60 },
      openings: [{ openingId: opening.id, positions: 1, quotas: { firstTime: 0, returning: 1 } }],
    });
    expect(changed.weights).toEqual({ ...run.weights, household: 60 });
    expect(changed.openings.find((o) => o.id === opening.id)).toMatchObject({ positions: 1, quotas: { firstTime: 0, returning: 1 } });
    expect(changed.openings.filter((o) => o !== run.openings.find((x) => x.id === o.id)).map((o) => o.id)).toEqual([opening.id]);
    expect(run.openings.find((o) => o.id === opening.id)).toBe(opening);
    expect(changed.seekers).toBe(run.seekers);
    expect(() => withChanges(run, { openings: [{ openingId: 'nope', positions: 1 }] })).toThrow(UnknownOpeningError);
  });

  it('side by side: a heavier household priority serves more priority households, and names who changes', () => {
    const current = { run, result: solve(run) };
    const heavier = withChanges(run, { weights: { household: 100 } });
    const comparison = compareWhatIf(current, { run: heavier, result: solve(heavier) }, 5);
    expect(comparison.current.matched).toBe(current.result.summary.matched);
    expect(comparison.whatIf.priorityHouseholds.seekers).toBe(comparison.current.priorityHouseholds.seekers);
    expect(comparison.whatIf.priorityHouseholds.matched).toBeGreaterThanOrEqual(comparison.current.priorityHouseholds.matched);
    expect(comparison.changed).toBeGreaterThan(0);
    expect(comparison.changes.length).toBe(Math.min(5, comparison.changed));
    const markets = comparison.current.markets;
    expect(markets.reduce((n, m) => n + m.matched, 0)).toBe(comparison.current.matched);
    expect(markets.map((m) => m.market)).toEqual([...markets.map((m) => m.market)].sort());
  });

  it('closing an opening in a what-if unseats its seekers, deterministically', () => {
    const current = { run, result: solve(run) };
    const busiest = [...current.result.summary.openingFill].sort((a, b) => b.matched - a.matched)[0];
    const closed = withChanges(run, { openings: [{ openingId: busiest.openingId, positions: 0 }] });
    const one = compareWhatIf(current, { run: closed, result: solve(closed) }, 1000);
    const two = compareWhatIf(current, { run: closed, result: solve(closed) }, 1000);
    expect(one).toEqual(two);
    expect(one.whatIf.openingFill.find((f) => f.openingId === busiest.openingId)?.matched).toBe(0);
    const unseated = one.changes.filter((c) => c.current?.openingId === busiest.openingId);
    expect(unseated.length).toBe(busiest.matched);
  });
});
