import { api, query, seg } from '../api.js';
import { actionButton, actionForm, date, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { centreInstant, formatNumber, formatTime, t, term } from '../i18n.js';
import { everyItem, loadedScreen, pagedTable } from '../lists.js';
import { byName, nameOf, nameTag } from '../names.js';
import { employerField } from './employers.js';

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
    boothsCard(fair, (next) => {
      fair = next;
      render();
      stats.refresh();
    }),
  );
}

/**
 * Who is at the fair with which openings, by name; until the fair is closed, staff add an
 * employer's open openings and take openings (or the whole booth) away again.
 */
function boothsCard(initial, changed) {
  let fair = initial;
  const card = h('section', { class: 'card', 'aria-label': t('fairs.booths') });
  const notice = h('p', { class: 'notice', role: 'status' });
  const errors = errorArea();

  async function apply(path, method, body, words) {
    fair = await api(`/fairs/${seg(fair.id)}${path}`, { method, body });
    changed(fair);
    render();
    replace(notice, words);
  }

  /** A button that takes something away; its accessible name says what, once the name is read. */
  function removeButton(label, path, words, what) {
    const button = actionButton(label, () => apply(path, 'DELETE', undefined, words), errors, 'secondary');
    void what.then((name) => name && button.setAttribute('aria-label', `${label}: ${name}`));
    return button;
  }

  const openingItem = (booth, id, editable) =>
    h(
      'li',
      {},
      nameTag('opening', id),
      editable
        ? [
            ' ',
            removeButton(
              t('fairs.withdrawOpening'),
              `/booths/${seg(booth.employerId)}/openings/${seg(id)}`,
              t('fairs.withdrawn'),
              nameOf('opening', id),
            ),
          ]
        : null,
    );

  function render() {
    const editable = fair.status !== 'closed';
    const columns = [
      { label: t('fairs.employer'), cell: (b) => nameTag('employer', b.employerId) },
      {
        label: t('fairs.boothOpenings'),
        cell: (b) =>
          h(
            'ul',
            { class: 'reasons' },
            b.openingIds.map((id) => openingItem(b, id, editable)),
          ),
      },
    ];
    if (editable) {
      columns.push({
        label: t('fairs.boothAction'),
        cell: (b) =>
          removeButton(t('fairs.takeDown'), `/booths/${seg(b.employerId)}`, t('fairs.takenDown'), nameOf('employer', b.employerId)),
      });
    }
    replace(
      card,
      h('h2', {}, t('fairs.booths')),
      notice,
      errors,
      table(t('fairs.booths'), columns, fair.booths, t('fairs.noBooths')),
      editable ? boothForm((body) => apply('/booths', 'POST', body, t('fairs.boothSetUp'))) : null,
    );
  }
  render();
  return card;
}

/** An employer (by name, in Vietnamese order) and which of its open openings it brings. */
function boothForm(setUp) {
  const choices = h(
    'fieldset',
    { class: 'checks' },
    h('legend', {}, t('fairs.boothOpenings')),
    h('p', { class: 'muted' }, t('fairs.chooseEmployer')),
  );
  const errors = errorArea();
  const employer = employerField({ label: t('fairs.employer'), onChoose: (employerId) => void showOpenings(employerId) });

  async function showOpenings(employerId) {
    const legend = choices.querySelector('legend');
    replace(choices, legend, h('p', { class: 'muted' }, employerId ? t('common.loading') : t('fairs.chooseEmployer')));
    if (!employerId) return;
    try {
      const items = await everyItem('/openings', { employerId, status: 'open' });
      replace(
        choices,
        legend,
        items.length
          ? byName(items, (o) => o.title).map((o) =>
              h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'openingIds', value: o.id }), ' ', o.title),
            )
          : h('p', { class: 'muted' }, t('fairs.noOpenOpenings')),
      );
    } catch (error) {
      errors.show(error);
    }
  }
  return h(
    'div',
    {},
    errors,
    actionForm({
      title: t('fairs.setUpBooth'),
      fields: [employer, choices],
      submitLabel: t('fairs.setUpBoothSubmit'),
      submit: (values, form) =>
        setUp({
          employerId: values.employerId,
          openingIds: [...form.querySelectorAll('input[name="openingIds"]:checked')].map((box) => box.value),
        }),
    }),
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
