import { api, query, seg } from '../api.js';
import { actionButton, actionForm, date, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { pagedTable } from '../lists.js';

/** Between two refreshes of a fair's live figures. */
const STATS_REFRESH_MS = 3000;
const RECOMMENDATION_ATTEMPTS = 5;
const RECOMMENDATION_RETRY_MS = 800;

const STAT_LABELS = [
  ['registrations', 'Registrations'],
  ['checkIns', 'Check-ins'],
  ['walkIns', 'Walk-ins'],
  ['pendingWalkIns', 'Walk-ins pending'],
  ['employers', 'Employers'],
  ['openings', 'Openings'],
  ['positions', 'Positions'],
  ['matches', 'Matches'],
  ['placements', 'Placements'],
];

/** `datetime-local` gives local wall time without a zone; the API wants an instant. */
function instant(local) {
  return local ? new Date(local).toISOString() : undefined;
}

/**
 * A device's reference for one check-in, so a retried upload is stored once. Random
 * bytes rather than crypto.randomUUID, which exists only on https or localhost.
 */
export function newClientRef() {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function fairsScreen() {
  const list = pagedTable({
    caption: 'Fairs',
    path: '/fairs',
    columns: [
      { label: 'Name', cell: (f) => link(`#/fairs/${seg(f.id)}`, f.name) },
      { label: 'Kind', cell: (f) => f.kind },
      { label: 'Place', cell: (f) => [f.venue, f.district, f.province].filter(Boolean).join(', ') },
      { label: 'Starts', cell: (f) => date(f.startsAt) },
      { label: 'Ends', cell: (f) => date(f.endsAt) },
      { label: 'Status', cell: (f) => statusBadge(f.status) },
    ],
    empty: 'No fairs yet: schedule the first one.',
  });
  const notice = h('p', { class: 'notice', role: 'status' });
  const form = actionForm({
    title: 'Schedule a fair',
    fields: [
      field({ name: 'name', label: 'Name', required: true }),
      h(
        'div',
        { class: 'row' },
        field({
          name: 'kind',
          label: 'Kind',
          type: 'select',
          options: [
            ['fixed', 'fixed (at the centre)'],
            ['mobile', 'mobile (district, commune)'],
          ],
        }),
        field({ name: 'province', label: 'Province', required: true }),
      ),
      h('div', { class: 'row' }, field({ name: 'district', label: 'District' }), field({ name: 'venue', label: 'Venue', required: true })),
      h(
        'div',
        { class: 'row' },
        field({ name: 'startsAt', label: 'Starts', type: 'datetime-local', required: true }),
        field({ name: 'endsAt', label: 'Ends', type: 'datetime-local', required: true }),
      ),
    ],
    submitLabel: 'Schedule fair',
    submit: (values) =>
      api('/fairs', {
        method: 'POST',
        body: { ...values, startsAt: instant(values.startsAt), endsAt: instant(values.endsAt) },
      }),
    done: (fair, form) => {
      form.reset();
      replace(notice, 'Scheduled ', link(`#/fairs/${seg(fair.id)}`, fair.name), '.');
      return list.reload();
    },
  });
  return h('div', {}, h('h1', {}, 'Fairs'), h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)));
}

export function fairScreen({ params: [fairId], onLeave }) {
  const root = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  const errors = errorArea();
  api(`/fairs/${seg(fairId)}`)
    .then((fair) => replace(root, fairPage(fair, onLeave)))
    .catch((error) => {
      replace(root, h('h1', {}, 'Fair'), errors);
      errors.show(error);
    });
  return root;
}

function fairPage(initial, onLeave) {
  let fair = initial;
  const heading = h('h1', {});
  const details = h('dl', { class: 'stats' });
  const actionErrors = errorArea();
  const stats = liveStats(fair.id, onLeave);
  const recommendations = recommendationsPanel(fair.id);

  const change = (action) => async () => {
    fair = await api(`/fairs/${seg(fair.id)}/${action}`, { method: 'POST' });
    render();
    stats.refresh();
  };
  const openButton = actionButton('Open the fair', change('open'), actionErrors);
  const closeButton = actionButton('Close the fair', change('close'), actionErrors, 'danger');

  function render() {
    replace(heading, fair.name, ' ', statusBadge(fair.status));
    replace(
      details,
      [
        ['Kind', fair.kind],
        ['Place', [fair.venue, fair.district, fair.province].filter(Boolean).join(', ')],
        ['Starts', date(fair.startsAt)],
        ['Ends', date(fair.endsAt)],
        ['Booths', fair.booths.length],
      ].map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', { class: 'text' }, value))),
    );
    openButton.hidden = fair.status !== 'scheduled';
    closeButton.hidden = fair.status !== 'open';
  }
  render();

  return h(
    'div',
    {},
    h('p', {}, link('#/fairs', '← All fairs')),
    heading,
    h(
      'section',
      { class: 'card', 'aria-label': 'Fair details' },
      details,
      h(
        'div',
        { class: 'actions', style: 'margin-top:12px' },
        openButton,
        closeButton,
        link(`#/matching${query({ fairId: fair.id })}`, 'Start a matching run for this fair'),
      ),
      actionErrors,
    ),
    h(
      'div',
      { class: 'grid' },
      h('div', {}, stats, recommendations),
      h(
        'div',
        {},
        checkInPanel(fair.id, (seekerId) => {
          stats.refresh();
          recommendations.show(seekerId);
        }),
      ),
    ),
  );
}

function liveStats(fairId, onLeave) {
  const figures = h('dl', { class: 'stats' });
  const updated = h('p', { class: 'muted', 'aria-live': 'polite' });
  const errors = errorArea();
  async function refresh() {
    try {
      const stats = await api(`/fairs/${seg(fairId)}/stats`);
      replace(
        figures,
        STAT_LABELS.map(([key, label]) => h('div', {}, h('dt', {}, label), h('dd', {}, stats[key] ?? 0))),
      );
      replace(updated, `Live: updated ${new Date().toLocaleTimeString()}`);
      errors.clear();
    } catch (error) {
      errors.show(error);
    }
  }
  void refresh();
  const timer = setInterval(refresh, STATS_REFRESH_MS);
  onLeave(() => clearInterval(timer));
  return Object.assign(h('section', { class: 'card' }, h('h2', {}, 'Live figures'), figures, updated, errors), { refresh });
}

function checkInPanel(fairId, checkedIn) {
  const notice = h('p', { class: 'notice', role: 'status' });
  const clientRef = field({
    name: 'clientRef',
    label: 'Client reference',
    required: true,
    value: newClientRef(),
    hint: 'Generated for this check-in; sending it again stores it once.',
  });
  const form = actionForm({
    title: 'Check in a seeker',
    fields: [
      h('p', { class: 'muted' }, 'By national ID or by seeker id (one of them).'),
      h(
        'div',
        { class: 'row' },
        field({ name: 'nationalId', label: 'National ID', attrs: { inputmode: 'numeric', autocomplete: 'off' } }),
        field({ name: 'seekerId', label: 'Seeker id', attrs: { autocomplete: 'off' } }),
      ),
      clientRef,
    ],
    submitLabel: 'Check in',
    submit: (values) => api(`/fairs/${seg(fairId)}/check-ins`, { method: 'POST', body: values }),
    done: (checkIn, form) => {
      form.reset();
      clientRef.querySelector('input').value = newClientRef();
      replace(notice, `${checkIn.seekerId ? `Seeker ${checkIn.seekerId}` : 'Walk-in'}: ${checkIn.status} at ${date(checkIn.at)}.`);
      if (checkIn.seekerId) checkedIn(checkIn.seekerId);
    },
  });
  return h('section', { class: 'card' }, form, notice);
}

function recommendationsPanel(fairId) {
  const results = h('div', { 'aria-live': 'polite' });
  const seekerField = field({ name: 'seekerId', label: 'Seeker id (checked in)', required: true });
  async function show(seekerId) {
    const found = await api(`/fairs/${seg(fairId)}/recommendations${query({ seekerId })}`);
    replace(
      results,
      table(
        `Top openings for seeker ${found.seekerId}`,
        [
          { label: 'Opening', cell: (r) => r.title },
          { label: 'Sector', cell: (r) => r.sector },
          { label: 'Where', cell: (r) => [r.province, r.country].filter(Boolean).join(', ') },
          { label: 'Score', cell: (r) => r.score, num: true },
          {
            label: 'Why',
            cell: (r) =>
              h(
                'ul',
                { class: 'reasons' },
                r.reasons.map((reason) => h('li', {}, reason)),
                r.designated ? h('li', {}, 'asked for by name') : null,
              ),
          },
        ],
        found.items,
        'No opening at this fair fits this seeker.',
      ),
    );
  }
  /** The matcher computes them when the check-in event reaches it: a fresh check-in may take a moment. */
  async function showWhenReady(seekerId) {
    for (let attempt = 1; ; attempt++) {
      try {
        return await show(seekerId);
      } catch (error) {
        if (error.status !== 404 || attempt === RECOMMENDATION_ATTEMPTS) throw error;
        await new Promise((resolve) => setTimeout(resolve, RECOMMENDATION_RETRY_MS));
      }
    }
  }
  const form = actionForm({
    title: 'Recommendations',
    fields: [seekerField],
    submitLabel: 'Show recommendations',
    submit: ({ seekerId }) => showWhenReady(seekerId),
    secondary: true,
  });
  return Object.assign(h('section', { class: 'card' }, form, results), {
    show(seekerId) {
      seekerField.querySelector('input').value = seekerId;
      form.requestSubmit();
    },
  });
}
