import { api, seg } from '../api.js';
import { actionForm, date, field, h, replace, statusBadge } from '../dom.js';
import { codesOf, country, t, term } from '../i18n.js';
import { pagedTable } from '../lists.js';
import { byNameOf, nameTag } from '../names.js';
import { matchesTable } from './matching.js';

/**
 * What `POST /placements/:id/status` takes. Which move is allowed from which status is
 * the matcher's rule: the form offers them all and shows the API's 409 when one is not.
 */
const LATER_STATUSES = ['departed', 'returned', 'cancelled'];

export function placementsScreen({ actor }) {
  // An employer gets no seeker's name (EPS style): its placements name the opening only.
  const centre = actor.role !== 'employer';
  const notice = h('p', { class: 'notice', role: 'status' });
  const placements = pagedTable({
    caption: t('placements.heading'),
    path: '/placements',
    columns: [
      centre ? { label: t('placements.seeker'), cell: (p) => nameTag('seeker', p.seekerId) } : null,
      { label: t('placements.opening'), cell: (p) => nameTag('opening', p.openingId) },
      { label: t('placements.market'), cell: (p) => country(p.market) },
      { label: t('placements.sector'), cell: (p) => term('sector', p.sector) },
      { label: t('placements.hired'), cell: (p) => date(p.hiredAt) },
      {
        label: t('placements.status'),
        cell: (p) => [
          statusBadge('placementStatus', p.status),
          h('br'),
          h('small', {}, t('placements.since', { at: date(p.at) })),
          placementOutcome(p),
        ],
      },
      {
        label: t('placements.change'),
        cell: (p) =>
          statusForm(p, (changed) => {
            replace(notice, savedWords(changed));
            return placements.reload();
          }),
      },
    ].filter(Boolean),
    empty: t('placements.empty'),
    // Staff look for a person; an employer sees no names, so its placements stay in the order they were made.
    order: centre ? (rows) => byNameOf('seeker', rows, (p) => p.seekerId) : undefined,
  });
  return h(
    'div',
    {},
    h('h1', {}, t('placements.heading')),
    h('p', { class: 'muted' }, t('placements.intro')),
    matchesTable({ status: 'approved' }, actor, { title: t('placements.toHire'), changed: () => placements.reload() }),
    h('section', { class: 'card' }, h('h2', {}, t('placements.heading')), notice, placements),
  );
}

/**
 * A cancelled placement's reason (centre staff only) and, for a worker who failed, whether
 * the next alternate of the opening's shortlist moved up into the place.
 */
export function placementOutcome(p) {
  return [
    p.cancelReason ? [h('br'), h('small', {}, t('placements.cancelledFor', { reason: term('cancelReason', p.cancelReason) }))] : null,
    p.promotion ? [h('br'), h('small', { 'data-promotion': p.promotion }, term('placementPromotion', p.promotion))] : null,
  ];
}

/** What was saved, and after a cancel whether an alternate moved up. */
function savedWords(p) {
  const saved = t('placements.saved', { status: term('placementStatus', p.status) });
  return p.promotion ? `${saved} ${term('placementPromotion', p.promotion)}.` : saved;
}

function statusForm(placement, changed) {
  const next = LATER_STATUSES.filter((status) => status !== placement.status);
  const statuses = field({
    name: 'status',
    label: t('placements.newStatus'),
    type: 'select',
    options: next.map((status) => [status, term('placementStatus', status)]),
  });
  // The reason is asked for a cancel only (the API refuses it with another status).
  const reason = field({
    name: 'reason',
    label: t('placements.reason'),
    type: 'select',
    required: true,
    options: [['', t('common.choose')], ...codesOf('cancelReason').map((code) => [code, term('cancelReason', code)])],
  });
  const select = statuses.querySelector('select');
  const toggle = () => {
    reason.hidden = select.value !== 'cancelled';
  };
  select.addEventListener('change', toggle);
  toggle();
  return actionForm({
    inline: true,
    title: t('placements.changeTitle'),
    fields: [statuses, reason, field({ name: 'note', label: t('placements.note') })],
    submitLabel: t('common.save'),
    secondary: true,
    submit: (values) => api(`/placements/${seg(placement.id)}/status`, { method: 'POST', body: statusOf(values) }),
    done: changed,
  });
}

/** A status change's body: a cancel with its reason (asked for: it decides whether an alternate moves up), another without. */
function statusOf({ reason, ...values }) {
  if (values.status !== 'cancelled') return values;
  if (!reason) throw new Error(t('placements.reasonNeeded'));
  return { ...values, reason };
}
