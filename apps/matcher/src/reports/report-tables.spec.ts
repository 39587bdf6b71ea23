import { FairReport, SummaryReport } from './report.dto';
import { fairCsv, fairMatchCounts, percentOfPlan, summaryCsv, tally, withPlan } from './report-tables';

describe('report tables', () => {
  it('percent of plan has one decimal, as in the province reports (13,820 workers = 130.3%)', () => {
    expect(percentOfPlan(13820, 10606)).toBe(130.3);
    expect(percentOfPlan(5075, 6000)).toBe(84.6);
    expect(percentOfPlan(3, 0)).toBeUndefined();
  });

  it('tallies statuses per key, sorted, with placed excluding cancelled', () => {
    const { rows, total } = tally([
      { key: 'TW', status: 'hired', count: 2 },
      { key: 'JP', status: 'departed', count: 1 },
      { key: 'TW', status: 'cancelled', count: 1 },
      { key: 'JP', status: 'returned', count: 3 },
    ]);
    expect(rows).toEqual([
      { key: 'JP', hired: 0, departed: 1, returned: 3, cancelled: 0, placed: 4 },
      { key: 'TW', hired: 2, departed: 0, returned: 0, cancelled: 1, placed: 2 },
    ]);
    expect(total).toEqual({ hired: 2, departed: 1, returned: 3, cancelled: 1, placed: 6 });
  });

  it('adds plan targets, including markets planned but without placements', () => {
    const { rows, total } = tally([
      { key: 'KR', status: 'hired', count: 3 },
      { key: 'VN', status: 'hired', count: 1 },
    ]);
    const planned = withPlan(
      rows,
      total,
      new Map([
        ['KR', 4],
        ['JP', 10],
      ]),
    );
    expect(planned.rows.map((r) => [r.key, r.placed, r.target, r.percentOfPlan])).toEqual([
      ['JP', 0, 10, 0],
      ['KR', 3, 4, 75],
      ['VN', 1, undefined, undefined],
    ]);
    expect(planned.total).toMatchObject({ key: 'total', placed: 4, target: 14, percentOfPlan: 28.6 });
  });

  it("counts a fair's matches: approved includes those since hired", () => {
    expect(
      fairMatchCounts([
        { status: 'proposed', count: 2 },
        { status: 'approved', count: 1 },
        { status: 'hired', count: 3 },
        { status: 'rejected', count: 4 },
      ]),
    ).toEqual({ proposed: 10, approved: 4, rejected: 4, awaitingReview: 2 });
  });

  it('writes CSV: summary with plan columns by market, the fair in long format', () => {
    const row = { hired: 1, departed: 0, returned: 0, cancelled: 1, placed: 1 };
    const summary: SummaryReport = {
      year: 2026,
      by: 'market',
      rows: [
        { key: 'KR', ...row, target: 2, percentOfPlan: 50 },
        { key: 'VN', ...row },
      ],
      total: { key: 'total', ...row, hired: 2, cancelled: 2, placed: 2, target: 2, percentOfPlan: 100 },
    };
    expect(summaryCsv(summary)).toBe(
      'market,hired,departed,returned,cancelled,placed,target,percentOfPlan\nKR,1,0,0,1,1,2,50\nVN,1,0,0,1,1,,\ntotal,2,0,0,2,2,2,100\n',
    );
    expect(summaryCsv({ ...summary, by: 'sector', rows: [{ key: 'agriculture', ...row }], total: { key: 'total', ...row } })).toBe(
      'sector,hired,departed,returned,cancelled,placed\nagriculture,1,0,0,1,1\ntotal,1,0,0,1,1\n',
    );
    const fair: FairReport = {
      fairId: 'f',
      matches: { proposed: 3, approved: 1, rejected: 1, awaitingReview: 1 },
      placements: row,
      byMarket: [{ key: 'KR', ...row }],
      bySector: [],
    };
    const lines = fairCsv(fair).trim().split('\n');
    expect(lines[0]).toBe('section,key,status,count');
    expect(lines).toContain('matches,all,proposed,3');
    expect(lines).toContain('placements,all,cancelled,1');
    expect(lines).toContain('market,KR,placed,1');
    expect(lines).toHaveLength(1 + 4 + 5 + 5);
  });
});
