import { Match, runMatching } from './run';
import { generateFair } from './synthetic-instance';
import { alternateDifferences, compareWhatIf, resolvedWeights, withChanges } from './what-if';

describe('shortlist runs', () => {
  const fair = generateFair(800, 40, 5);
  const base = { ...fair, mode: 'optimal' as const, weights: resolvedWeights() };
  const oneToOne = runMatching(base);
  const shortlisted = runMatching({ ...base, options: { shortlistRatio: 3, shortlistsPerSeeker: 2 } });

  it('keeps the first choices of the one-to-one run and adds alternates', () => {
    expect(shortlisted.matches.map(({ seekerId, openingId, score }) => ({ seekerId, openingId, score }))).toEqual(
      oneToOne.matches.map(({ seekerId, openingId, score }) => ({ seekerId, openingId, score })),
    );
    expect(shortlisted.summary.totalScore).toBe(oneToOne.summary.totalScore);
    expect(shortlisted.alternates.length).toBeGreaterThan(0);
    expect(shortlisted.summary.alternates).toBe(shortlisted.alternates.length);
    expect(oneToOne.alternates).toEqual([]);
    expect(oneToOne.matches.every((m) => m.layer === undefined && m.rank === undefined)).toBe(true);
  });

  it('lists at most ratio x seats per opening, each layer within the seats, ranked 1.. by layer then score', () => {
    const seats = new Map(shortlisted.summary.openingFill.map((fill) => [fill.openingId, fill.seats]));
    const byOpening = new Map<string, Match[]>();
    for (const m of [...shortlisted.matches, ...shortlisted.alternates])
      byOpening.set(m.openingId, [...(byOpening.get(m.openingId) ?? []), m]);
    for (const [openingId, list] of byOpening) {
      expect(list.length).toBeLessThanOrEqual(3 * seats.get(openingId)!);
      for (const layer of [1, 2, 3]) expect(list.filter((m) => m.layer === layer).length).toBeLessThanOrEqual(seats.get(openingId)!);
      const ranked = [...list].sort((a, b) => a.rank! - b.rank!);
      expect(ranked.map((m) => m.rank)).toEqual(list.map((_, i) => i + 1));
      for (let i = 1; i < ranked.length; i++) {
        const [a, b] = [ranked[i - 1], ranked[i]];
        expect(a.layer! < b.layer! || (a.layer === b.layer && a.score >= b.score)).toBe(true);
      }
      expect(new Set(list.map((m) => m.seekerId)).size).toBe(list.length);
    }
  });

  it('puts a seeker on no more lists than allowed', () => {
    const lists = new Map<string, number>();
    for (const m of [...shortlisted.matches, ...shortlisted.alternates]) lists.set(m.seekerId, (lists.get(m.seekerId) ?? 0) + 1);
    expect(Math.max(...lists.values())).toBe(2);
    const single = runMatching({ ...base, options: { shortlistRatio: 3 } });
    const first = new Set(single.matches.map((m) => m.seekerId));
    expect(single.alternates.some((m) => first.has(m.seekerId))).toBe(false);
  });

  it('is deterministic, and a what-if of the ratio shows the alternates it adds', () => {
    const again = runMatching(JSON.parse(JSON.stringify({ ...base, options: { shortlistRatio: 3, shortlistsPerSeeker: 2 } })));
    expect(alternateDifferences(shortlisted.alternates, again.alternates)).toBe(0);
    expect(alternateDifferences(shortlisted.alternates, oneToOne.alternates)).toBe(shortlisted.alternates.length);
    const changed = withChanges(base, { shortlistRatio: 2 });
    const comparison = compareWhatIf({ run: base, result: oneToOne }, { run: changed, result: runMatching(changed) }, 10);
    expect(comparison.current).toMatchObject({ shortlistRatio: 1, alternates: 0 });
    expect(comparison.whatIf.shortlistRatio).toBe(2);
    expect(comparison.whatIf.alternates).toBeGreaterThan(0);
    expect(comparison.changed).toBe(0); // the first choices stay: layer 1 is the one-to-one run
  });
});
