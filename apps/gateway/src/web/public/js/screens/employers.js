import { api, query, seg } from '../api.js';
import { actionButton, actionForm, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { country, formatDate, formatNumber, t, term } from '../i18n.js';
import { everyItem, loadedScreen, pagedTable } from '../lists.js';
import { byName, nameMatches, nameTag, readOnce } from '../names.js';
import { enumField } from '../vocabulary.js';

/**
 * Every employer, in Vietnamese order of their names, filtered as typed (with or without
 * diacritics): a province's employers are a list one reads whole.
 */
function employersList() {
  const errors = errorArea();
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const filter = field({ name: 'filter', label: t('employers.filter'), hint: t('employers.filterHint'), attrs: { type: 'search' } });
  const input = filter.querySelector('input');
  let employers = [];
  const columns = [
    { label: t('employers.name'), cell: (e) => link(`#/openings${query({ employerId: e.id })}`, e.name) },
    { label: t('employers.kind'), cell: (e) => term('employerKind', e.kind) },
    { label: t('employers.country'), cell: (e) => country(e.country) },
    { label: t('employers.province'), cell: (e) => e.province ?? '' },
    { label: t('employers.licence'), cell: (e) => e.licenceNumber ?? '' },
  ];
  const show = () =>
    replace(
      body,
      table(
        t('employers.heading'),
        columns,
        employers.filter((e) => nameMatches(e.name, input.value)),
        t(employers.length ? 'employers.noneMatch' : 'employers.empty'),
      ),
    );
  input.addEventListener('input', show);
  async function reload() {
    try {
      employers = byName(await everyItem('/employers'), (e) => e.name);
      show();
    } catch (error) {
      errors.show(error);
    }
  }
  void reload();
  return Object.assign(h('section', { 'aria-label': t('employers.heading') }, filter, errors, body), { reload });
}

export function employersScreen() {
  const notice = h('p', { class: 'notice', role: 'status' });
  const list = employersList();
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

/**
 * A choice of every employer by name, in Vietnamese order; `onChoose(employerId)` runs when
 * one is chosen. The API's error, if the list cannot be read, shows under it.
 */
export function employerField({ value, label = t('openings.employer'), required = true, onChoose } = {}) {
  const wrapper = field({ name: 'employerId', label, type: 'select', required, options: [['', t('common.choose')]] });
  const select = wrapper.querySelector('select');
  const errors = errorArea();
  wrapper.append(errors);
  readOnce('employers', () => everyItem('/employers'))
    .then((items) =>
      select.append(...byName(items, (e) => e.name).map((e) => h('option', { value: e.id, selected: e.id === value }, e.name))),
    )
    .catch((error) => errors.show(error));
  if (onChoose) select.addEventListener('change', () => onChoose(select.value));
  return wrapper;
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
      { label: t('openings.title'), cell: (o) => link(`#/openings/${seg(o.id)}`, o.title) },
      { label: t('openings.sector'), cell: (o) => term('sector', o.sector) },
      { label: t('openings.where'), cell: (o) => [o.district, o.province, country(o.country)].filter(Boolean).join(', ') },
      { label: t('openings.programme'), cell: (o) => term('programme', o.programme) },
      { label: t('openings.filled'), cell: (o) => `${formatNumber(o.filled)} / ${formatNumber(o.positions)}`, num: true },
      { label: t('openings.starts'), cell: (o) => formatDate(o.startDate) },
      { label: t('openings.status'), cell: (o) => statusBadge('openingStatus', o.status) },
    ],
    empty: t('openings.empty'),
  });
  const form = actionForm({
    title: t('openings.post'),
    fields: [
      centre ? employerField({ value: employerId }) : null,
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

/** A number field's value for the API: left out when empty. */
const count = (text) => (text === undefined ? undefined : Number(text));

/**
 * One opening: its facts, the form that changes what may change (title, seats, start date)
 * and closing it. Staff and the employer that owns it see the same page (the API answers
 * 404 to any other employer).
 */
export function openingScreen({ params: [openingId] }) {
  return loadedScreen(`/openings/${seg(openingId)}`, t('openings.opening'), (opening) => openingPage(opening));
}

function openingPage(initial) {
  let opening = initial;
  const root = h('div');
  const notice = h('p', { class: 'notice', role: 'status' });

  function render() {
    const o = opening;
    const closed = o.status === 'closed';
    const facts = [
      [t('openings.employer'), nameTag('employer', o.employerId)],
      [t('openings.sector'), term('sector', o.sector)],
      [t('openings.programme'), term('programme', o.programme)],
      [t('openings.where'), [o.district, o.province, country(o.country)].filter(Boolean).join(', ')],
      [t('openings.filled'), `${formatNumber(o.filled)} / ${formatNumber(o.positions)}`],
      [t('openings.firstTime'), o.quotas ? formatNumber(o.quotas.firstTime) : ''],
      [t('openings.returning'), o.quotas ? formatNumber(o.quotas.returning) : ''],
      [t('openings.startDate'), formatDate(o.startDate)],
    ];
    replace(
      root,
      h('p', {}, link(`#/openings${query({ employerId: o.employerId })}`, t('openings.back'))),
      h('h1', {}, o.title, ' ', statusBadge('openingStatus', o.status)),
      h(
        'section',
        { class: 'card', 'aria-label': t('openings.details') },
        h(
          'dl',
          { class: 'facts' },
          facts.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value || '—'))),
        ),
      ),
      notice,
      closed ? h('p', { class: 'muted' }, t('openings.closedNote')) : [editForm(o), closeCard(o)],
    );
  }

  const changed = (next, words) => {
    opening = next;
    render();
    replace(notice, words);
  };

  function editForm(o) {
    return h(
      'section',
      { class: 'card' },
      actionForm({
        title: t('openings.edit'),
        fields: [
          field({ name: 'title', label: t('openings.title'), required: true, value: o.title }),
          field({ name: 'district', label: t('openings.district'), value: o.district }),
          h(
            'div',
            { class: 'row' },
            field({
              name: 'positions',
              label: t('openings.positions'),
              type: 'number',
              required: true,
              value: o.positions,
              attrs: { min: 1 },
            }),
            field({ name: 'firstTime', label: t('openings.firstTime'), type: 'number', value: o.quotas?.firstTime, attrs: { min: 0 } }),
            field({ name: 'returning', label: t('openings.returning'), type: 'number', value: o.quotas?.returning, attrs: { min: 0 } }),
          ),
          h('p', { class: 'muted' }, t('openings.quotasHint')),
          field({ name: 'startDate', label: t('openings.startDate'), type: 'date', required: true, value: o.startDate?.slice(0, 10) }),
        ],
        submitLabel: t('openings.editSubmit'),
        submit: ({ positions, firstTime, returning, ...values }) => {
          // Seats by class only when either is given; the API checks that they add up to the positions.
          const quotas =
            firstTime === undefined && returning === undefined
              ? undefined
              : { firstTime: count(firstTime) ?? 0, returning: count(returning) ?? 0 };
          return api(`/openings/${seg(o.id)}`, { method: 'PATCH', body: { ...values, positions: count(positions), quotas } });
        },
        done: (next) => changed(next, t('openings.saved', { title: next.title })),
      }),
    );
  }

  /** Closing takes no more seekers into matching and cannot be undone: asked twice. */
  function closeCard(o) {
    const errors = errorArea();
    const confirmation = h(
      'div',
      { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('openings.closeConfirmTitle'), tabindex: '-1' },
      h('p', {}, t('openings.closeWhat', { title: o.title })),
      h(
        'div',
        { class: 'actions' },
        actionButton(
          t('openings.closeConfirm'),
          async () => changed(await api(`/openings/${seg(o.id)}/close`, { method: 'POST' }), t('openings.closed', { title: o.title })),
          errors,
          'danger',
        ),
        h('button', { type: 'button', class: 'secondary', onclick: () => (confirmation.hidden = true) }, t('common.cancel')),
      ),
      errors,
    );
    const ask = h('button', { type: 'button', class: 'danger' }, t('openings.close'));
    ask.addEventListener('click', () => {
      confirmation.hidden = false;
      confirmation.focus();
    });
    return h('section', { class: 'card' }, h('h2', {}, t('openings.close')), ask, confirmation);
  }

  render();
  return root;
}
