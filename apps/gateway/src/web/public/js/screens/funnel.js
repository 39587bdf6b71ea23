import { api, query } from '../api.js';
import { barChart } from '../charts.js';
import { actionButton, errorArea, field, h, table } from '../dom.js';
import { country, formatNumber, t, term } from '../i18n.js';
import { downloadCsv } from '../download.js';

const GROUPS = ['market', 'sector', 'province', 'household'];
/** The API's key of the people a grouping cannot place (never matched, or erased). */
const NO_GROUP = '-';
/** A group's key in words. */
const KEY_WORDS = {
  market: country,
  sector: (code) => term('sector', code),
  province: (name) => name,
  household: (code) => term('householdStatus', code),
};

/** A drop reason in words: codes in the console's words, reviewers' and recorders' own words as they wrote them. */
function reasonWords({ kind, reason }) {
  if (kind === 'ineligible') return term('reason', reason);
  if (kind === 'rejected' || kind === 'cancelled') return reason === 'unstated' ? t('funnel.reason.unstated') : reason;
  return t(`funnel.reason.${reason}`);
}

function groupWords(by, key) {
  return key === NO_GROUP ? t(`funnel.noGroup.${by}`) : KEY_WORDS[by](key);
}

/**
 * A fair's funnel (GET /reports/funnel): who came how far, the drop at each step and why, as
 * a chart with its numbers, a table of the reasons, by group on request, and as CSV.
 */
export function funnelCard(params) {
  const result = h('div', { 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  const errors = errorArea();
  const by = field({
    name: 'by',
    label: t('reports.by'),
    type: 'select',
    options: [['', t('funnel.allTogether')], ...GROUPS.map((group) => [group, term('reportGroup', group)])],
  });
  const select = by.querySelector('select');
  const chosen = () => ({ ...params, by: select.value || undefined });
  const show = () =>
    api(`/reports/funnel${query(chosen())}`).then(
      (report) => result.replaceChildren(...funnelBody(report)),
      (error) => result.replaceChildren(h('p', { role: 'alert' }, error.message)),
    );
  select.addEventListener('change', show);
  void show();
  const csv = actionButton(
    t('reports.downloadCsv'),
    () =>
      downloadCsv(
        `/reports/funnel${query(chosen())}`,
        `funnel-${params.fairId ?? 'period'}${select.value ? `-by-${select.value}` : ''}.csv`,
      ),
    errors,
    'secondary',
  );
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('funnel.heading')),
    h('div', { class: 'row' }, by),
    result,
    h('div', { class: 'actions' }, csv),
    errors,
  );
}

function funnelBody(report) {
  const title = t('funnel.heading');
  return [
    barChart({
      title,
      labels: report.steps.map((s) => t(`funnel.step.${s.step}`)),
      series: [
        { label: t('funnel.reached'), values: report.steps.map((s) => s.reached) },
        { label: t('funnel.dropped'), values: report.steps.map((s) => s.dropped) },
      ],
    }),
    stepsTable(t('funnel.caption'), report.steps),
    ...(report.groups ?? []).map((group) =>
      h(
        'details',
        {},
        h('summary', {}, groupWords(report.by, group.key)),
        stepsTable(`${title}: ${groupWords(report.by, group.key)}`, group.steps),
      ),
    ),
  ];
}

/** One line per step: how many came, joined, went no further, and why. */
function stepsTable(caption, steps) {
  const count = (key) => ({ label: t(`funnel.${key}`), cell: (s) => formatNumber(s[key]), num: true });
  return table(
    caption,
    [
      { label: t('funnel.stepColumn'), cell: (s) => t(`funnel.step.${s.step}`) },
      count('reached'),
      count('joined'),
      count('dropped'),
      {
        label: t('funnel.why'),
        cell: (s) => s.reasons.map((r) => `${t(`funnel.kind.${r.kind}`)}: ${reasonWords(r)} (${formatNumber(r.count)})`).join('; '),
      },
    ],
    steps,
  );
}
