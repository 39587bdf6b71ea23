import { MatchStatus, PLACEMENT_STATUSES, PlacementStatus } from '@jobfair/contracts';
import { stringify } from 'csv-stringify/sync';
import { FunnelReport, FunnelStepCount } from './funnel.dto';
import { FairMatchCounts, FairReport, GroupCounts, StatusCounts, SummaryReport, SummaryRow } from './report.dto';

/** One group-by result: how many placements of a group are in a status. */
export interface StatusCount {
  key: string;
  status: PlacementStatus;
  count: number;
}

export function emptyCounts(): StatusCounts {
  return { hired: 0, departed: 0, returned: 0, cancelled: 0, placed: 0 };
}

function add(counts: StatusCounts, status: PlacementStatus, count: number): void {
  counts[status] += count;
  if (status !== 'cancelled') counts.placed += count;
}

/** Folds status counts into one row per key, sorted by key, and the total. */
export function tally(counts: StatusCount[]): { rows: GroupCounts[]; total: StatusCounts } {
  const rows = new Map<string, GroupCounts>();
  const total = emptyCounts();
  for (const { key, status, count } of counts) {
    const row = rows.get(key) ?? { key, ...emptyCounts() };
    rows.set(key, row);
    add(row, status, count);
    add(total, status, count);
  }
  return { rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)), total };
}

/** Placed against the plan, in percent with one decimal (13,820 of 10,606 is 130.3). */
export function percentOfPlan(placed: number, target: number): number | undefined {
  return target > 0 ? Math.round((placed * 1000) / target) / 10 : undefined;
}

/** Adds each market's target (markets with a plan and no placement yet get a row of zeros). */
export function withPlan(
  rows: GroupCounts[],
  total: StatusCounts,
  targets: Map<string, number>,
): { rows: SummaryRow[]; total: SummaryRow } {
  const byKey = new Map<string, SummaryRow>(rows.map((row) => [row.key, row]));
  for (const market of targets.keys()) if (!byKey.has(market)) byKey.set(market, { key: market, ...emptyCounts() });
  const planned = (row: SummaryRow, target: number | undefined): SummaryRow =>
    target === undefined ? row : { ...row, target, percentOfPlan: percentOfPlan(row.placed, target) };
  const allTargets = [...targets.values()].reduce((sum, t) => sum + t, 0);
  return {
    rows: [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key)).map((row) => planned(row, targets.get(row.key))),
    total: planned({ key: 'total', ...total }, targets.size ? allTargets : undefined),
  };
}

export function fairMatchCounts(byStatus: { status: MatchStatus; count: number }[]): FairMatchCounts {
  const of = (status: MatchStatus) => byStatus.find((s) => s.status === status)?.count ?? 0;
  return {
    proposed: byStatus.reduce((sum, s) => sum + s.count, 0),
    approved: of('approved') + of('hired'),
    rejected: of('rejected'),
    awaitingReview: of('proposed'),
  };
}

const STATUS_COLUMNS = [...PLACEMENT_STATUSES, 'placed'] as const;

/** One line per group (and a last `total` line); by=market adds target and percentOfPlan. */
export function summaryCsv(report: SummaryReport): string {
  const planColumns = report.by === 'market' ? ['target', 'percentOfPlan'] : [];
  const columns = [report.by, ...STATUS_COLUMNS, ...planColumns];
  const line = (row: SummaryRow) => [
    row.key,
    ...STATUS_COLUMNS.map((c) => row[c]),
    ...(planColumns.length ? [row.target ?? '', row.percentOfPlan ?? ''] : []),
  ];
  return stringify([columns, ...report.rows.map(line), line(report.total)]);
}

/** Long format, one figure per line: `section,key,status,count` (sections: matches, placements, market, sector). */
export function fairCsv(report: FairReport): string {
  const lines: (string | number)[][] = [['section', 'key', 'status', 'count']];
  for (const [status, count] of Object.entries(report.matches)) lines.push(['matches', 'all', status, count]);
  for (const status of STATUS_COLUMNS) lines.push(['placements', 'all', status, report.placements[status]]);
  for (const [section, rows] of [
    ['market', report.byMarket],
    ['sector', report.bySector],
  ] as const) {
    for (const row of rows) for (const status of STATUS_COLUMNS) lines.push([section, row.key, status, row[status]]);
  }
  return stringify(lines);
}

/** The funnel's group in CSV when it is not by group. */
const ALL = 'all';

/**
 * Long format, one figure per line: `group,step,figure,reason,count`, the figures `reached`,
 * `joined` and `dropped` (no reason), then one line per drop reason with its kind as the figure;
 * the funnel of all (`all`) first, then each group's.
 */
export function funnelCsv(report: FunnelReport): string {
  const lines: (string | number)[][] = [['group', 'step', 'figure', 'reason', 'count']];
  const add = (group: string, steps: FunnelStepCount[]) => {
    for (const s of steps) {
      for (const figure of ['reached', 'joined', 'dropped'] as const) lines.push([group, s.step, figure, '', s[figure]]);
      for (const r of s.reasons) lines.push([group, s.step, r.kind, r.reason, r.count]);
    }
  };
  add(ALL, report.steps);
  for (const group of report.groups ?? []) add(group.key, group.steps);
  return stringify(lines);
}
