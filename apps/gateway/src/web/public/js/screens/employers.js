import { api, query, seg } from '../api.js';
import { actionForm, errorArea, field, h, link, replace, statusBadge } from '../dom.js';
import { pagedTable } from '../lists.js';
import { enumField } from '../vocabulary.js';

export function employersScreen() {
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = pagedTable({
    caption: 'Employers',
    path: '/employers',
    columns: [
      { label: 'Name', cell: (e) => link(`#/openings${query({ employerId: e.id })}`, e.name) },
      { label: 'Kind', cell: (e) => e.kind },
      { label: 'Country', cell: (e) => e.country },
      { label: 'Province', cell: (e) => e.province ?? '' },
      { label: 'Licence', cell: (e) => e.licenceNumber ?? '' },
    ],
    empty: 'No employers yet.',
  });
  const form = actionForm({
    title: 'Register an employer',
    fields: [
      field({ name: 'name', label: 'Name', required: true }),
      h(
        'div',
        { class: 'row' },
        enumField({ name: 'kind', label: 'Kind', schema: 'RegisterEmployerDto', property: 'kind' }),
        field({ name: 'licenceNumber', label: 'Licence number', hint: 'for a labour-export agency' }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'country', label: 'Country (ISO code)', value: 'VN', attrs: { maxlength: 2 } }),
        field({ name: 'province', label: 'Province' }),
      ),
    ],
    submitLabel: 'Register employer',
    submit: (values) => api('/employers', { method: 'POST', body: values }),
    done: (employer, form) => {
      form.reset();
      replace(notice, `Registered ${employer.name}.`);
      return list.reload();
    },
  });
  return h('div', {}, h('h1', {}, 'Employers'), h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)));
}

/** Centre staff see every employer's openings (or one's, from the employers list); an employer user its own. */
export function openingsScreen({ actor, query: address }) {
  const centre = actor.role !== 'employer';
  const employerId = centre ? (address.get('employerId') ?? undefined) : actor.employerId;
  const heading = h('h1', {}, 'Openings');
  const errors = errorArea();
  if (employerId) {
    api(`/employers/${seg(employerId)}`)
      .then((employer) => replace(heading, `Openings of ${employer.name}`))
      .catch((error) => errors.show(error));
  }
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = pagedTable({
    caption: 'Openings',
    path: '/openings',
    params: { employerId },
    columns: [
      { label: 'Title', cell: (o) => o.title },
      { label: 'Sector', cell: (o) => o.sector },
      { label: 'Where', cell: (o) => [o.district, o.province, o.country].filter(Boolean).join(', ') },
      { label: 'Programme', cell: (o) => o.programme },
      { label: 'Filled', cell: (o) => `${o.filled} / ${o.positions}`, num: true },
      { label: 'Starts', cell: (o) => o.startDate },
      { label: 'Status', cell: (o) => statusBadge(o.status) },
    ],
    empty: 'No openings.',
  });
  const employerField = field({ name: 'employerId', label: 'Employer', type: 'select', required: true, options: [['', 'choose…']] });
  if (centre) {
    api(`/employers${query({ limit: 100 })}`)
      .then(({ items }) =>
        employerField
          .querySelector('select')
          .append(...items.map((e) => h('option', { value: e.id, selected: e.id === employerId }, e.name))),
      )
      .catch((error) => errors.show(error));
  }
  const form = actionForm({
    title: 'Post an opening',
    fields: [
      centre ? employerField : null,
      field({ name: 'title', label: 'Title', required: true }),
      h(
        'div',
        { class: 'row' },
        enumField({ name: 'sector', label: 'Sector', schema: 'PostOpeningDto', property: 'sector' }),
        enumField({ name: 'programme', label: 'Programme', schema: 'PostOpeningDto', property: 'programme' }),
      ),
      h(
        'div',
        { class: 'row' },
        enumField({ name: 'scope', label: 'Scope', schema: 'PostOpeningDto', property: 'scope', value: 'overseas' }),
        field({ name: 'country', label: 'Country (ISO code)', required: true, attrs: { maxlength: 2, placeholder: 'KR' } }),
        field({ name: 'province', label: 'Province / region', required: true }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'positions', label: 'Positions', type: 'number', required: true, attrs: { min: 1 } }),
        field({ name: 'startDate', label: 'Start date', type: 'date', required: true }),
      ),
    ],
    submitLabel: 'Post opening',
    submit: ({ positions, ...values }) =>
      api('/openings', {
        method: 'POST',
        body: { ...values, ...(positions === undefined ? {} : { positions: Number(positions) }) },
      }),
    done: (opening, form) => {
      form.reset();
      replace(notice, `Posted ${opening.title}.`);
      return list.reload();
    },
  });
  return h('div', {}, heading, errors, h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)));
}
