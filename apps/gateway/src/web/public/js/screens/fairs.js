import { api, query, seg } from '../api.js';
import { actionButton, actionForm, date, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { centreInstant, formatNumber, formatTime, t, term } from '../i18n.js';
import { loadedScreen, pagedTable } from '../lists.js';
import { nameTag } from '../names.js';

/** Between two refreshes of a fair's live figures. */
const STATS_REFRESH_MS = 3000;

const STAT_KEYS = ['registrations', 'checkIns', 'walkIns', 'pendingWalkIns', 'employers', 'openings', 'positions', 'matches', 'placements'];

/**
 * A device's reference for one check-in, so a retried upload is stored once. Random
 * bytes rather than crypto.randomUUID, which exists only on https or localhost.
 */
export function newClientRef() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export const place = (fair) => [fair.venue, fair.district, fair.province].filter(Boolean).join(', ');

export function fairsScreen() {
  const list = pagedTable({
    caption: t('fairs.heading'),
    path: '/fairs',
    columns: [
      { label: t('fairs.name'), cell: (f) => link(`#/fairs/${seg(f.id)}`, f.name) },
      { label: t('fairs.kind'), cell: (f) => term('fairKind', f.kind) },
      { label: t('fairs.place'), cell: place },
      { label: t('fairs.starts'), cell: (f) => date(f.startsAt) },
      { label: t('fairs.ends'), cell: (f) => date(f.endsAt) },
      { label: t('fairs.status'), cell: (f) => statusBadge('fairStatus', f.status) },
    ],
    empty: t('fairs.empty'),
  });
  const notice = h('p', { class: 'notice', role: 'status' });
  const form = actionForm({
    title: t('fairs.schedule'),
    fields: [
      field({ name: 'name', label: t('fairs.name'), required: true }),
      h(
        'div',
        { class: 'row' },
        field({
          name: 'kind',
          label: t('fairs.kind'),
          type: 'select',
          options: ['fixed', 'mobile'].map((kind) => [kind, t(`fairs.kindHint.${kind}`)]),
        }),
        field({ name: 'province', label: t('fairs.province'), required: true }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'district', label: t('fairs.district') }),
        field({ name: 'venue', label: t('fairs.venue'), required: true }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'startsAt', label: t('fairs.starts'), type: 'datetime-local', required: true }),
        field({ name: 'endsAt', label: t('fairs.ends'), type: 'datetime-local', required: true }),
      ),
      h('p', { class: 'muted' }, t('fairs.timeZoneHint')),
    ],
    submitLabel: t('fairs.scheduleSubmit'),
    submit: (values) =>
      api('/fairs', {
        method: 'POST',
        body: { ...values, startsAt: centreInstant(values.startsAt), endsAt: centreInstant(values.endsAt) },
      }),
    done: (fair, form) => {
      form.reset();
      replace(notice, t('fairs.scheduled'), ' ', link(`#/fairs/${seg(fair.id)}`, fair.name), '.');
      return list.reload();
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, t('fairs.heading')),
    h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)),
  );
}

export function fairScreen({ params: [fairId], onLeave }) {
  return loadedScreen(`/fairs/${seg(fairId)}`, t('fairs.fair'), (fair) => fairPage(fair, onLeave));
}

function fairPage(initial, onLeave) {
  let fair = initial;
  const heading = h('h1', {});
  const details = h('dl', { class: 'stats' });
  const actionErrors = errorArea();
  const stats = liveStats(fair.id, onLeave);

  const change = (action) => async () => {
    fair = await api(`/fairs/${seg(fair.id)}/${action}`, { method: 'POST' });
    render();
    stats.refresh();
  };
  const openButton = actionButton(t('fairs.open'), change('open'), actionErrors);
  const closeButton = actionButton(t('fairs.close'), change('close'), actionErrors, 'danger');

  function render() {
    replace(heading, fair.name, ' ', statusBadge('fairStatus', fair.status));
    replace(
      details,
      [
        [t('fairs.kind'), term('fairKind', fair.kind)],
        [t('fairs.place'), place(fair)],
        [t('fairs.starts'), date(fair.startsAt)],
        [t('fairs.ends'), date(fair.endsAt)],
        [t('fairs.booths'), formatNumber(fair.booths.length)],
      ].map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', { class: 'text' }, value))),
    );
    openButton.hidden = fair.status !== 'scheduled';
    closeButton.hidden = fair.status !== 'open';
  }
  render();

  return h(
    'div',
    {},
    h('p', {}, link('#/fairs', t('fairs.back'))),
    heading,
    h(
      'section',
      { class: 'card', 'aria-label': t('fairs.details') },
      details,
      h(
        'div',
        { class: 'actions', style: 'margin-top:12px' },
        openButton,
        closeButton,
        link(`#/fairs/${seg(fair.id)}/desk`, t('fairs.toDesk')),
        link(`#/matching${query({ fairId: fair.id })}`, t('fairs.startRun')),
        link(`#/fairs/${seg(fair.id)}/report`, t('fairs.toReport')),
      ),
      actionErrors,
    ),
    stats,
    boothsCard(fair.booths),
  );
}

/** Who is at the fair with which openings, by name. */
function boothsCard(booths) {
  return h(
    'section',
    { class: 'card', 'aria-label': t('fairs.booths') },
    h('h2', {}, t('fairs.booths')),
    table(
      t('fairs.booths'),
      [
        { label: t('fairs.employer'), cell: (b) => nameTag('employer', b.employerId) },
        {
          label: t('fairs.boothOpenings'),
          cell: (b) =>
            h(
              'ul',
              { class: 'reasons' },
              b.openingIds.map((id) => h('li', {}, nameTag('opening', id))),
            ),
        },
      ],
      booths,
      t('fairs.noBooths'),
    ),
  );
}

function liveStats(fairId, onLeave) {
  const figures = h('dl', { class: 'stats' });
  // Not a live region: a figure refreshed every few seconds must not be read out each time.
  const updated = h('p', { class: 'muted' });
  const errors = errorArea();
  async function refresh() {
    try {
      const stats = await api(`/fairs/${seg(fairId)}/stats`);
      replace(
        figures,
        STAT_KEYS.map((key) => h('div', {}, h('dt', {}, t(`fairs.stat.${key}`)), h('dd', {}, formatNumber(stats[key] ?? 0)))),
      );
      replace(updated, t('fairs.updated', { time: formatTime(new Date()) }));
      errors.clear();
    } catch (error) {
      errors.show(error);
    }
  }
  void refresh();
  const timer = setInterval(refresh, STATS_REFRESH_MS);
  onLeave(() => clearInterval(timer));
  return Object.assign(h('section', { class: 'card' }, h('h2', {}, t('fairs.live')), figures, updated, errors), { refresh });
}
