import { api, seg } from '../api.js';
import { date, h, link, table } from '../dom.js';
import { barChart } from '../charts.js';
import { country, formatDateTime, formatHour, formatNumber, t, term } from '../i18n.js';
import { loadedScreen } from '../lists.js';
import { place } from './fairs.js';
import { funnelCard } from './funnel.js';

const COUNTS = ['hired', 'departed', 'returned', 'cancelled', 'placed'];

/**
 * One fair's report, on screen and on paper: who came, what was matched, who was hired and
 * has left, by market and sector. Only counts: nothing on it names a person.
 */
export function fairReportScreen({ params: [fairId] }) {
  return loadedScreen(`/fairs/${seg(fairId)}`, t('fairReport.heading'), (fair) => {
    const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
    void Promise.all([
      api(`/fairs/${seg(fairId)}/stats`),
      api(`/reports/fairs/${seg(fairId)}`),
      api(`/fairs/${seg(fairId)}/check-ins/hourly`),
    ]).then(
      ([stats, report, hourly]) => body.replaceChildren(...reportBody(stats, report), funnelCard({ fairId }), arrivalsCard(hourly.hours)),
      (error) => body.replaceChildren(h('p', { role: 'alert' }, error.message)),
    );
    const print = h('button', { type: 'button', class: 'secondary' }, t('fairReport.print'));
    print.addEventListener('click', () => window.print());
    return h(
      'div',
      {},
      h('p', {}, link(`#/fairs/${seg(fairId)}`, t('fairReport.back'))),
      h('h1', {}, t('fairReport.headingOf', { name: fair.name })),
      h('p', {}, `${place(fair)} · ${date(fair.startsAt)} – ${date(fair.endsAt)} · `, term('fairStatus', fair.status)),
      h('div', { class: 'actions' }, print),
      body,
    );
  });
}

/** From sign-up to departure, each step's count (a step's drop is the gap to the one before). */
function funnel(stats, report) {
  return [
    ['registered', stats.registrations],
    ['checkedIn', stats.checkIns],
    ['matched', report.matches.proposed],
    ['approved', report.matches.approved],
    ['hired', report.placements.placed],
    ['departed', report.placements.departed + report.placements.returned],
  ];
}

function reportBody(stats, report) {
  const steps = funnel(stats, report);
  const groupTable = (caption, rows, words) =>
    table(
      caption,
      [
        { label: t('fairReport.group'), cell: (row) => words(row.key) },
        ...COUNTS.map((key) => ({ label: t(`reports.${key}`), cell: (row) => formatNumber(row[key]), num: true })),
      ],
      rows,
      t('fairReport.nobodyHired'),
    );
  return [
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('fairReport.funnel')),
      barChart({
        title: t('fairReport.funnel'),
        labels: steps.map(([step]) => t(`fairReport.step.${step}`)),
        series: [{ label: t('fairReport.people'), values: steps.map(([, count]) => count) }],
      }),
      h(
        'dl',
        { class: 'stats' },
        [
          ['walkIns', stats.walkIns],
          ['employers', stats.employers],
          ['openings', stats.openings],
          ['positions', stats.positions],
        ].map(([key, value]) => h('div', {}, h('dt', {}, t(`fairs.stat.${key}`)), h('dd', {}, formatNumber(value ?? 0)))),
      ),
    ),
    h('section', { class: 'card' }, h('h2', {}, t('fairReport.byMarket')), groupTable(t('fairReport.byMarket'), report.byMarket, country)),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('fairReport.bySector')),
      groupTable(t('fairReport.bySector'), report.bySector, (code) => term('sector', code)),
    ),
  ];
}

/** A day at a glance: no longer than a day, the hour alone names each bar; longer, with its date. */
const HOURS_IN_A_DAY = 24;

/** How many people arrived in each hour, from the check-ins' own times (offline ones at the time taken). */
function arrivalsCard(hours) {
  const label = hours.length > HOURS_IN_A_DAY ? formatDateTime : formatHour;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('fairReport.byHour')),
    hours.length
      ? barChart({
          title: t('fairReport.byHour'),
          labels: hours.map((hour) => label(hour.from)),
          series: [{ label: t('fairs.stat.checkIns'), values: hours.map((hour) => hour.checkIns) }],
        })
      : h('p', { class: 'muted' }, t('fairReport.nobodyArrived')),
  );
}
