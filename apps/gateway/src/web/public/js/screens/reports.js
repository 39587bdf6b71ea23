import { api, query } from '../api.js';
import { actionButton, actionForm, errorArea, field, h, replace, table } from '../dom.js';

const GROUPS = [
  ['market', 'market (destination country)'],
  ['sector', 'sector'],
  ['province', "province (the seeker's home)"],
];

export function reportsScreen() {
  const result = h('div', { 'aria-live': 'polite' });
  const download = h('div', { class: 'actions' });
  const csvErrors = errorArea();
  const year = new Date().getFullYear();

  const form = actionForm({
    title: 'Placements summary',
    fields: h(
      'div',
      { class: 'row' },
      field({ name: 'year', label: 'Year', type: 'number', required: true, value: year, attrs: { min: 2000, max: 2100 } }),
      field({ name: 'by', label: 'By', type: 'select', options: GROUPS }),
    ),
    submitLabel: 'Show',
    submit: (values) => api(`/reports/summary${query(values)}`).then((report) => ({ report, values })),
    done: ({ report, values }) => {
      replace(result, summaryTable(report));
      replace(
        download,
        actionButton('Download CSV', () => downloadCsv(values), csvErrors, 'secondary'),
      );
    },
  });
  return h('div', {}, h('h1', {}, 'Reports'), h('section', { class: 'card' }, form), result, download, csvErrors);
}

function summaryTable(report) {
  const withPlan = report.by === 'market';
  const count = (label, key) => ({ label, cell: (row) => row[key] ?? '', num: true });
  const columns = [
    { label: report.by, cell: (row) => row.key },
    count('Hired', 'hired'),
    count('Departed', 'departed'),
    count('Returned', 'returned'),
    count('Cancelled', 'cancelled'),
    count('Placed', 'placed'),
    ...(withPlan
      ? [
          count('Plan', 'target'),
          { label: '% of plan', cell: (row) => (row.percentOfPlan === undefined ? '' : `${row.percentOfPlan}%`), num: true },
        ]
      : []),
  ];
  return table(
    `Placements hired in ${report.year}, by ${report.by}`,
    columns,
    [...report.rows, report.total],
    'No placements in that year.',
  );
}

/** The same report as CSV (`Accept: text/csv`), handed to the browser as a file. */
async function downloadCsv(values) {
  const csv = await api(`/reports/summary${query(values)}`, { accept: 'text/csv' });
  const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv' }));
  const anchor = h('a', { href: url, download: `placements-${values.year}-by-${values.by}.csv` });
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
