import { api, seg } from '../api.js';
import { actionForm, date, field, h, statusBadge } from '../dom.js';
import { pagedTable } from '../lists.js';
import { matchesTable } from './matching.js';

/**
 * What `POST /placements/:id/status` takes. Which move is allowed from which status is
 * the matcher's rule: the form offers them all and shows the API's 409 when one is not.
 */
const LATER_STATUSES = ['departed', 'returned', 'cancelled'];

export function placementsScreen({ actor }) {
  const placements = pagedTable({
    caption: 'Placements',
    path: '/placements',
    columns: [
      { label: 'Seeker', cell: (p) => h('code', {}, p.seekerId) },
      { label: 'Opening', cell: (p) => h('code', {}, p.openingId) },
      { label: 'Market', cell: (p) => p.market },
      { label: 'Sector', cell: (p) => p.sector },
      { label: 'Hired', cell: (p) => date(p.hiredAt) },
      { label: 'Status', cell: (p) => [statusBadge(p.status), h('br'), h('small', {}, `since ${date(p.at)}`)] },
      { label: 'Change', cell: (p) => statusForm(p, () => placements.reload()) },
    ],
    empty: 'No placements yet: hire from an approved match.',
  });
  return h(
    'div',
    {},
    h('h1', {}, 'Placements'),
    h('p', { class: 'muted' }, 'Approved matches are hired here; a placement then follows the worker: departed, returned, or cancelled.'),
    matchesTable({ status: 'approved' }, actor, { title: 'Approved matches to hire', changed: () => placements.reload() }),
    h('section', { class: 'card' }, h('h2', {}, 'Placements'), placements),
  );
}

function statusForm(placement, changed) {
  const next = LATER_STATUSES.filter((status) => status !== placement.status);
  return actionForm({
    inline: true,
    title: `Change the status of placement ${placement.id}`,
    fields: [field({ name: 'status', label: 'New status', type: 'select', options: next }), field({ name: 'note', label: 'Note' })],
    submitLabel: 'Save',
    secondary: true,
    submit: (values) => api(`/placements/${seg(placement.id)}/status`, { method: 'POST', body: values }),
    done: changed,
  });
}
