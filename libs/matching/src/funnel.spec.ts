import fc from 'fast-check';
import { DROP_REASONS, FUNNEL_STEPS, FunnelMatch, FunnelPath, FunnelStepCount, countFunnel, leadingMatch } from './funnel';

const path = (over: Partial<FunnelPath> = {}): FunnelPath => ({ registered: true, checkedIn: true, ineligible: [], matches: [], ...over });
const hired = (placement: FunnelMatch['placement']): FunnelMatch => ({ status: 'hired', placement });
const figures = (steps: FunnelStepCount[], key: 'reached' | 'joined' | 'dropped') => steps.map((s) => s[key]);

describe('countFunnel', () => {
  it('counts each person at every step up to the last one reached, dropped there with the reason', () => {
    const { total } = countFunnel([
      path({ checkedIn: false }),
      path({ ineligible: ['language-score-below', 'skill-missing'] }),
      path({ registered: false, ineligible: ['language-score-below'] }),
      path({ matches: [{ status: 'rejected', reason: '  no show at interview ' }] }),
      path({ matches: [{ status: 'proposed' }] }),
      path({ matches: [{ status: 'approved' }] }),
      path({ matches: [hired({ status: 'cancelled', departed: false, note: 'failed the medical' })] }),
      path({ matches: [hired({ status: 'departed', departed: false })] }),
      path({ matches: [hired({ status: 'cancelled', departed: true })] }),
      path({ registered: false, matches: [hired({ status: 'returned', departed: true })] }),
    ]);
    expect(total.map((s) => s.step)).toEqual([...FUNNEL_STEPS]);
    expect(figures(total, 'reached')).toEqual([8, 9, 7, 5, 4, 3, 1]);
    expect(figures(total, 'joined')).toEqual([8, 2, 0, 0, 0, 0, 0]);
    expect(figures(total, 'dropped')).toEqual([1, 2, 2, 1, 1, 2, 0]);
    expect(total.map((s) => s.reasons)).toEqual([
      [{ kind: 'absent', reason: DROP_REASONS.noShow, count: 1 }],
      [
        { kind: 'ineligible', reason: 'language-score-below', count: 2 },
        { kind: 'ineligible', reason: 'skill-missing', count: 1 },
      ],
      [
        { kind: 'pending', reason: DROP_REASONS.awaitingReview, count: 1 },
        { kind: 'rejected', reason: 'no show at interview', count: 1 },
      ],
      [{ kind: 'pending', reason: DROP_REASONS.awaitingHire, count: 1 }],
      [{ kind: 'cancelled', reason: 'failed the medical', count: 1 }],
      [
        { kind: 'cancelled', reason: DROP_REASONS.unstated, count: 1 },
        { kind: 'pending', reason: DROP_REASONS.abroad, count: 1 },
      ],
      [],
    ]);
  });

  it('follows the match that went furthest, one still in play before one that ended at the same step', () => {
    const rejected: FunnelMatch = { status: 'rejected', reason: 'too far' };
    const proposed: FunnelMatch = { status: 'proposed' };
    const approved: FunnelMatch = { status: 'approved' };
    expect(leadingMatch(path({ matches: [rejected, proposed] }))).toBe(proposed);
    expect(leadingMatch(path({ matches: [rejected, approved, proposed] }))).toBe(approved);
    const cancelled = hired({ status: 'cancelled', departed: false });
    expect(leadingMatch(path({ matches: [cancelled, { status: 'hired' }] }))).not.toBe(cancelled);
    const { total } = countFunnel([path({ matches: [rejected, proposed] })]);
    expect(total[FUNNEL_STEPS.indexOf('matched')].reasons).toEqual([{ kind: 'pending', reason: DROP_REASONS.awaitingReview, count: 1 }]);
  });

  it('groups people by the key given, the groups adding up to the total; without any step, nobody', () => {
    const paths = [
      path({ matches: [{ status: 'approved' }] }),
      path({ ineligible: ['outscored'] }),
      path({ registered: false, checkedIn: false }),
    ];
    const { total, groups } = countFunnel(paths, (_, lead) => (lead ? 'KR' : '-'));
    expect(groups.map((g) => [g.key, figures(g.steps, 'reached')])).toEqual([
      ['-', [1, 1, 0, 0, 0, 0, 0]],
      ['KR', [1, 1, 1, 1, 0, 0, 0]],
    ]);
    expect(figures(total, 'reached')).toEqual([2, 2, 1, 1, 0, 0, 0]);
    expect(countFunnel(paths).groups).toEqual([]);
  });

  const placementArb = fc.record({
    status: fc.constantFrom('hired' as const, 'departed' as const, 'returned' as const, 'cancelled' as const),
    departed: fc.boolean(),
    note: fc.option(fc.constantFrom('visa', ''), { nil: undefined }),
  });
  const matchArb = fc.oneof(
    fc.record({ status: fc.constantFrom('proposed' as const, 'approved' as const, 'rejected' as const) }),
    fc.record({ status: fc.constant('hired' as const), placement: fc.option(placementArb, { nil: undefined }) }),
  );
  const pathArb = fc.record({
    registered: fc.boolean(),
    checkedIn: fc.boolean(),
    ineligible: fc.array(fc.constantFrom('outscored', 'skill-missing'), { maxLength: 2 }),
    matches: fc.array(matchArb, { maxLength: 3 }),
  });

  it('adds up step by step: reached = the step before, less its drop, plus who joined; the groups sum to the total', () => {
    fc.assert(
      fc.property(fc.array(pathArb, { maxLength: 30 }), (paths) => {
        const { total, groups } = countFunnel(paths, (p) => String(p.matches.length));
        total.forEach((s, i) => {
          const before = i ? total[i - 1].reached - total[i - 1].dropped : 0;
          expect(s.reached).toBe(before + s.joined);
          const people = s.reasons.filter((r) => r.kind !== 'ineligible').reduce((sum, r) => sum + r.count, 0);
          if (!s.reasons.some((r) => r.kind === 'ineligible')) expect(people).toBe(s.dropped);
        });
        const last = total[total.length - 1];
        expect(last.dropped).toBe(0);
        expect(total.reduce((sum, s) => sum + s.joined, 0)).toBe(total.reduce((sum, s) => sum + s.dropped, 0) + last.reached);
        for (const key of ['reached', 'joined', 'dropped'] as const) {
          expect(FUNNEL_STEPS.map((_, i) => groups.reduce((sum, g) => sum + g.steps[i][key], 0))).toEqual(figures(total, key));
        }
      }),
    );
  });
});
