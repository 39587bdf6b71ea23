// Charts for figures people would rather look at than read. The library (Chart.js) comes
// from the gateway itself and is loaded with the first chart, so screens without one never
// pay for it; every chart keeps its numbers one click away, in a table under it.
import { h, table } from './dom.js';
import { currentLanguage, formatNumber, t } from './i18n.js';
import { vendorLibrary } from './vendor.js';

/** Colours of the series in order: the console's accent, then hues that stay apart for colour-blind readers. */
const SERIES_COLOURS = ['#0b5cad', '#c2570c', '#1a7f37', '#6b3fa0'];

const chartLibrary = () => vendorLibrary('chart.umd.min.js', 'Chart');

/**
 * A bar chart by category. `labels` are words (or promises of words, e.g. names being read);
 * each of `series` is `{label, values}` with one value per label. Returns the figure at once
 * and draws into it when the library and the labels are there.
 */
export function barChart({ title, labels, series, horizontal = false }) {
  const canvas = h('canvas', { role: 'img', 'aria-label': title });
  const box = h('div', { class: 'chart-box' }, canvas);
  box.style.height = `${chartHeight(labels.length, horizontal)}px`;
  const numbers = h('div');
  const figure = h(
    'figure',
    { class: 'chart' },
    h('figcaption', {}, title),
    box,
    h('details', { class: 'chart-numbers' }, h('summary', {}, t('chart.numbers')), numbers),
  );
  const words = Promise.all(labels);
  void words.then((names) => {
    const rows = names.map((name, i) => ({ name, values: series.map((s) => s.values[i]) }));
    const columns = [
      { label: t('chart.category'), cell: (row) => row.name },
      ...series.map((s, k) => ({ label: s.label, cell: (row) => formatNumber(row.values[k]), num: true })),
    ];
    numbers.replaceChildren(table(title, columns, rows));
  });
  void Promise.all([chartLibrary(), words]).then(
    ([Chart, names]) =>
      new Chart(canvas, {
        type: 'bar',
        data: {
          labels: names,
          datasets: series.map((s, k) => ({ label: s.label, data: s.values, backgroundColor: SERIES_COLOURS[k % SERIES_COLOURS.length] })),
        },
        options: {
          indexAxis: horizontal ? 'y' : 'x',
          locale: currentLanguage() === 'vi' ? 'vi-VN' : 'en-GB',
          maintainAspectRatio: false,
          // A cheap laptop and people who asked for less motion both do better without it.
          animation: false,
          plugins: { legend: { display: series.length > 1 } },
          scales: { [horizontal ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
        },
      }),
    () => box.replaceChildren(h('p', { class: 'muted' }, t('chart.unavailable'))),
  );
  return figure;
}

/** Tall enough for every bar's label when they are stacked; a fixed height when side by side. */
function chartHeight(count, horizontal) {
  return horizontal ? Math.max(160, 28 * count + 60) : 280;
}
