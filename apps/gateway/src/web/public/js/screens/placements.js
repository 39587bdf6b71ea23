import { api, seg } from '../api.js';
import { actionForm, date, field, h, statusBadge } from '../dom.js';
import { country, t, term } from '../i18n.js';
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
        cell: (p) => [statusBadge('placementStatus', p.status), h('br'), h('small', {}, t('placements.since', { at: date(p.at) }))],
      },
      { label: t('placements.change'), cell: (p) => statusForm(p, () => placements.reload()) },
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
    h('section', { class: 'card' }, h('h2', {}, t('placements.heading')), placements),
  );
}

function statusForm(placement, changed) {
  const next = LATER_STATUSES.filter((status) => status !== placement.status);
  return actionForm({
    inline: true,
    title: t('placements.changeTitle'),
    fields: [
      field({
        name: 'status',
        label: t('placements.newStatus'),
        type: 'select',
        options: next.map((status) => [status, term('placementStatus', status)]),
      }),
      field({ name: 'note', label: t('placements.note') }),
    ],
    submitLabel: t('common.save'),
    secondary: true,
    submit: (values) => api(`/placements/${seg(placement.id)}/status`, { method: 'POST', body: values }),
    done: changed,
  });
}
