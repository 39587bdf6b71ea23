import { api, query, seg } from '../api.js';
import { actionForm, errorArea, field, h, link, replace, statusBadge } from '../dom.js';
import { country, formatDate, formatNumber, t, term } from '../i18n.js';
import { pagedTable } from '../lists.js';
import { enumField } from '../vocabulary.js';

export function employersScreen() {
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = pagedTable({
    caption: t('employers.heading'),
    path: '/employers',
    columns: [
      { label: t('employers.name'), cell: (e) => link(`#/openings${query({ employerId: e.id })}`, e.name) },
      { label: t('employers.kind'), cell: (e) => term('employerKind', e.kind) },
      { label: t('employers.country'), cell: (e) => country(e.country) },
      { label: t('employers.province'), cell: (e) => e.province ?? '' },
      { label: t('employers.licence'), cell: (e) => e.licenceNumber ?? '' },
    ],
    empty: t('employers.empty'),
  });
  const form = actionForm({
    title: t('employers.register'),
    fields: [
      field({ name: 'name', label: t('employers.name'), required: true }),
      h(
        'div',
        { class: 'row' },
        enumField({ name: 'kind', label: t('employers.kind'), schema: 'RegisterEmployerDto', property: 'kind', kind: 'employerKind' }),
        field({ name: 'licenceNumber', label: t('employers.licenceNumber'), hint: t('employers.licenceHint') }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'country', label: t('common.countryCode'), value: 'VN', attrs: { maxlength: 2 } }),
        field({ name: 'province', label: t('employers.province') }),
      ),
    ],
    submitLabel: t('employers.registerSubmit'),
    submit: (values) => api('/employers', { method: 'POST', body: values }),
    done: (employer, form) => {
      form.reset();
      replace(notice, t('employers.registered', { name: employer.name }));
      return list.reload();
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, t('employers.heading')),
    h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)),
  );
}

/** Centre staff see every employer's openings (or one's, from the employers list); an employer user its own. */
export function openingsScreen({ actor, query: address }) {
  const centre = actor.role !== 'employer';
  const employerId = centre ? (address.get('employerId') ?? undefined) : actor.employerId;
  const heading = h('h1', {}, t('openings.heading'));
  const errors = errorArea();
  if (employerId) {
    api(`/employers/${seg(employerId)}`)
      .then((employer) => replace(heading, t('openings.headingOf', { name: employer.name })))
      .catch((error) => errors.show(error));
  }
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = pagedTable({
    caption: t('openings.heading'),
    path: '/openings',
    params: { employerId },
    columns: [
      { label: t('openings.title'), cell: (o) => o.title },
      { label: t('openings.sector'), cell: (o) => term('sector', o.sector) },
      { label: t('openings.where'), cell: (o) => [o.district, o.province, country(o.country)].filter(Boolean).join(', ') },
      { label: t('openings.programme'), cell: (o) => term('programme', o.programme) },
      { label: t('openings.filled'), cell: (o) => `${formatNumber(o.filled)} / ${formatNumber(o.positions)}`, num: true },
      { label: t('openings.starts'), cell: (o) => formatDate(o.startDate) },
      { label: t('openings.status'), cell: (o) => statusBadge('openingStatus', o.status) },
    ],
    empty: t('openings.empty'),
  });
  const employerField = field({
    name: 'employerId',
    label: t('openings.employer'),
    type: 'select',
    required: true,
    options: [['', t('common.choose')]],
  });
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
    title: t('openings.post'),
    fields: [
      centre ? employerField : null,
      field({ name: 'title', label: t('openings.title'), required: true }),
      h(
        'div',
        { class: 'row' },
        enumField({ name: 'sector', label: t('openings.sector'), schema: 'PostOpeningDto', property: 'sector', kind: 'sector' }),
        enumField({
          name: 'programme',
          label: t('openings.programme'),
          schema: 'PostOpeningDto',
          property: 'programme',
          kind: 'programme',
        }),
      ),
      h(
        'div',
        { class: 'row' },
        enumField({
          name: 'scope',
          label: t('openings.scope'),
          schema: 'PostOpeningDto',
          property: 'scope',
          kind: 'scope',
          value: 'overseas',
        }),
        field({ name: 'country', label: t('common.countryCode'), required: true, attrs: { maxlength: 2, placeholder: 'KR' } }),
        field({ name: 'province', label: t('openings.region'), required: true }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'positions', label: t('openings.positions'), type: 'number', required: true, attrs: { min: 1 } }),
        field({ name: 'startDate', label: t('openings.startDate'), type: 'date', required: true }),
      ),
    ],
    submitLabel: t('openings.postSubmit'),
    submit: ({ positions, ...values }) =>
      api('/openings', {
        method: 'POST',
        body: { ...values, ...(positions === undefined ? {} : { positions: Number(positions) }) },
      }),
    done: (opening, form) => {
      form.reset();
      replace(notice, t('openings.posted', { title: opening.title }));
      return list.reload();
    },
  });
  return h('div', {}, heading, errors, h('div', { class: 'grid' }, h('div', {}, list), h('div', { class: 'card' }, form, notice)));
}
