import { api, query } from '../api.js';
import { barChart } from '../charts.js';
import { actionButton, actionForm, errorArea, field, h, replace, table } from '../dom.js';
import { centreInstant, country, formatNumber, t, term } from '../i18n.js';
import { downloadCsv } from '../download.js';
import { funnelCard } from './funnel.js';

const GROUPS = ['market', 'sector', 'province'];
/** A row's key in words: markets are countries, sectors codes, provinces names already. */
const KEY_WORDS = { market: country, sector: (code) => term('sector', code), province: (name) => name };

export function reportsScreen() {
  const result = h('div', { 'aria-live': 'polite' });
  const download = h('div', { class: 'actions' });
  const csvErrors = errorArea();
  const year = new Date().getFullYear();

  const form = actionForm({
    title: t('reports.summary'),
    fields: h(
      'div',
      { class: 'row' },
      field({ name: 'year', label: t('reports.year'), type: 'number', required: true, value: year, attrs: { min: 2000, max: 2100 } }),
      field({ name: 'by', label: t('reports.by'), type: 'select', options: GROUPS.map((group) => [group, term('reportGroup', group)]) }),
    ),
    submitLabel: t('reports.show'),
    submit: (values) => api(`/reports/summary${query(values)}`).then((report) => ({ report, values })),
    done: ({ report, values }) => {
      replace(result, summaryChart(report), summaryTable(report));
      replace(
        download,
        actionButton(
          t('reports.downloadCsv'),
          () => downloadCsv(`/reports/summary${query(values)}`, `placements-${values.year}-by-${values.by}.csv`),
          csvErrors,
          'secondary',
        ),
      );
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, t('reports.heading')),
    h('section', { class: 'card' }, form),
    result,
    download,
    csvErrors,
    periodFunnel(),
  );
}

/** The funnel of the fairs that start in a period (dates at the centre, from the first day's start to the last one's end). */
function periodFunnel() {
  const funnel = h('div');
  const form = actionForm({
    title: t('funnel.period'),
    fields: h(
      'div',
      { class: 'row' },
      field({ name: 'from', label: t('funnel.from'), type: 'date', required: true }),
      field({ name: 'to', label: t('funnel.to'), type: 'date', required: true }),
    ),
    submitLabel: t('reports.show'),
    submit: async (values) => ({ from: centreInstant(`${values.from}T00:00`), to: nextDay(centreInstant(`${values.to}T00:00`)) }),
    done: (period) => replace(funnel, funnelCard(period)),
  });
  return h('div', {}, h('section', { class: 'card' }, form), funnel);
}

const DAY_MS = 86_400_000;

function nextDay(instant) {
  return new Date(Date.parse(instant) + DAY_MS).toISOString();
}

/** Placed workers per group; by market, side by side with the year's plan. */
function summaryChart(report) {
  if (!report.rows.length) return null;
  const withPlan = report.by === 'market';
  const series = [{ label: t('reports.placed'), values: report.rows.map((row) => row.placed) }];
  if (withPlan) series.push({ label: t('reports.target'), values: report.rows.map((row) => row.target ?? 0) });
  return barChart({
    title: t(withPlan ? 'reports.chartWithPlan' : 'reports.chart', { year: report.year, by: term('reportGroup', report.by) }),
    labels: report.rows.map((row) => KEY_WORDS[report.by](row.key)),
    series,
  });
}

function summaryTable(report) {
  const withPlan = report.by === 'market';
  const count = (key) => ({ label: t(`reports.${key}`), cell: (row) => formatNumber(row[key]), num: true });
  const columns = [
    { label: term('reportGroup', report.by), cell: (row) => (row === report.total ? t('reports.total') : KEY_WORDS[report.by](row.key)) },
    count('hired'),
    count('departed'),
    count('returned'),
    count('cancelled'),
    count('placed'),
    ...(withPlan
      ? [
          count('target'),
          {
            label: t('reports.percentOfPlan'),
            cell: (row) => (row.percentOfPlan === undefined ? '' : `${formatNumber(row.percentOfPlan)}%`),
            num: true,
          },
        ]
      : []),
  ];
  return table(
    t('reports.caption', { year: report.year, by: term('reportGroup', report.by) }),
    columns,
    [...report.rows, report.total],
    t('reports.empty'),
  );
}
