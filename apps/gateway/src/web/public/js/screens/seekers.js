import { NATIONAL_ID, api, query, seg } from '../api.js';
import { actionButton, actionForm, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { codesOf, country, formatDate, formatDateTime, formatNumber, t, term } from '../i18n.js';
import { everyItem, loadedScreen, pagedTable } from '../lists.js';
import { byName, nameTag } from '../names.js';
import { qrFigure, seekerQrPayload } from '../qr.js';
import { matchesTable } from './matching.js';
import { placementOutcome } from './placements.js';

// Seekers are centre staff's (the routes are admin and staff only), so a profile shows all
// of it, household status included; nothing here is reachable by an employer.
const options = (kind) => [['', t('common.choose')], ...codesOf(kind).map((code) => [code, term(kind, code)])];
const list = (text) =>
  (text ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
/** A number from a form's value (formValues leaves the empty ones out). */
const number = (value) => (value === undefined ? undefined : Number(value));

/** Search by name (with or without diacritics) or by national ID, in one field. */
export function seekersScreen({ query: address }) {
  const asked = address.get('q') ?? '';
  const results = h('div');
  const form = actionForm({
    title: t('seekers.search'),
    fields: field({ name: 'q', label: t('seekers.searchLabel'), value: asked, hint: t('seekers.searchHint'), attrs: { type: 'search' } }),
    submitLabel: t('seekers.searchSubmit'),
    submit: async ({ q = '' }) => {
      // The address keeps the search, so "back" from a profile shows it again.
      history.replaceState(null, '', `#/seekers${query({ q })}`);
      replace(results, q ? searchResults(q) : null);
    },
  });
  if (asked) replace(results, searchResults(asked));
  return h(
    'div',
    {},
    h('h1', {}, t('seekers.heading')),
    h('p', {}, link('#/seekers/new', t('seekers.register'))),
    h('section', { class: 'card' }, form),
    results,
  );
}

function searchResults(q) {
  const byId = NATIONAL_ID.test(q.toUpperCase());
  return pagedTable({
    caption: t('seekers.found', { q }),
    path: '/seekers',
    params: byId ? { nationalId: q.toUpperCase() } : { name: q },
    columns: [
      { label: t('seekers.fullName'), cell: (s) => link(`#/seekers/${seg(s.id)}`, s.fullName) },
      { label: t('seekers.nationalId'), cell: (s) => s.nationalId },
      { label: t('seekers.birthDate'), cell: (s) => formatDate(s.birthDate) },
      { label: t('seekers.province'), cell: (s) => [s.district, s.province].filter(Boolean).join(', ') },
      { label: t('seekers.available'), cell: (s) => t(s.available ? 'seekers.availableYes' : 'seekers.availableNo') },
    ],
    empty: t('seekers.noneFound'),
    order: (rows) => byName(rows, (s) => s.fullName),
  });
}

/** The fields of a registration (a seeker's own screen and a walk-in at the desk), the national ID given or empty. */
export function seekerFields(nationalId) {
  return [
    h(
      'div',
      { class: 'row' },
      field({ name: 'nationalId', label: t('seekers.nationalId'), required: true, value: nationalId }),
      field({ name: 'fullName', label: t('seekers.fullName'), required: true }),
    ),
    h(
      'div',
      { class: 'row' },
      field({ name: 'birthDate', label: t('seekers.birthDate'), type: 'date', required: true }),
      field({ name: 'gender', label: t('seekers.gender'), type: 'select', required: true, options: options('gender') }),
      field({ name: 'phone', label: t('seekers.phone'), type: 'tel' }),
    ),
    h(
      'div',
      { class: 'row' },
      field({ name: 'province', label: t('seekers.province'), required: true }),
      field({ name: 'district', label: t('seekers.district') }),
      field({ name: 'education', label: t('seekers.education') }),
    ),
    checkboxes(
      'scopes',
      t('seekers.scopes'),
      codesOf('scope').map((scope) => [scope, term('scope', scope)]),
    ),
    field({ name: 'countries', label: t('seekers.countries'), hint: t('seekers.countriesHint') }),
    checkboxes(
      'sectors',
      t('seekers.sectors'),
      codesOf('sector').map((sector) => [sector, term('sector', sector)]),
      'checks',
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, t('seekers.languageTest')),
      h(
        'div',
        { class: 'row' },
        field({ name: 'test', label: t('seekers.test'), type: 'select', options: options('languageTest') }),
        field({ name: 'score', label: t('seekers.score'), type: 'number', attrs: { min: 0 } }),
        field({ name: 'level', label: t('seekers.level') }),
        field({ name: 'takenAt', label: t('seekers.takenAt'), type: 'date' }),
      ),
    ),
    h(
      'div',
      { class: 'row' },
      field({ name: 'skill', label: t('seekers.skill') }),
      field({ name: 'years', label: t('seekers.years'), type: 'number', attrs: { min: 0, max: 50 } }),
    ),
    field({
      name: 'householdStatus',
      label: t('seekers.householdStatus'),
      type: 'select',
      required: true,
      options: options('householdStatus'),
      hint: t('seekers.householdHint'),
    }),
    // Consent is asked per purpose and given only by a tick: none is ticked beforehand.
    checkboxes(
      'consents',
      t('seekers.consents'),
      codesOf('consentPurpose').map((purpose) => [purpose, term('consentPurpose', purpose)]),
    ),
  ];
}

export function registerSeekerScreen({ query: address }) {
  const form = actionForm({
    title: t('seekers.register'),
    fields: seekerFields(address.get('nationalId') ?? undefined),
    submitLabel: t('seekers.registerSubmit'),
    submit: (values, form) => api('/seekers', { method: 'POST', body: registrationOf(values, form) }),
    done: (seeker) => {
      location.hash = `#/seekers/${seg(seeker.id)}`;
    },
  });
  return h(
    'div',
    {},
    h('p', {}, link('#/seekers', t('seekers.back'))),
    h('h1', {}, t('seekers.register')),
    h('section', { class: 'card' }, form),
  );
}

/** Ticks to choose from; `ticked` are the values ticked already (an edit), none otherwise. */
function checkboxes(name, legend, choices, className, ticked = []) {
  return h(
    'fieldset',
    { class: className },
    h('legend', {}, legend),
    choices.map(([value, label]) =>
      h('label', { class: 'check' }, h('input', { type: 'checkbox', name, value, checked: ticked.includes(value) }), ' ', label),
    ),
  );
}

/** The API's registration from the form: every purpose answered (ticked or not), so a refusal is recorded too. */
export function registrationOf(values, form) {
  const ticked = (name) => [...form.querySelectorAll(`input[name="${name}"]:checked`)].map((box) => box.value);
  const now = new Date().toISOString();
  const granted = ticked('consents');
  return {
    nationalId: values.nationalId?.toUpperCase(),
    fullName: values.fullName,
    birthDate: values.birthDate,
    gender: values.gender,
    phone: values.phone,
    province: values.province,
    district: values.district,
    education: values.education,
    householdStatus: values.householdStatus,
    preferences: { scopes: ticked('scopes'), countries: list(values.countries?.toUpperCase()), sectors: ticked('sectors') },
    languageTests: values.test ? [{ test: values.test, score: number(values.score), level: values.level, takenAt: values.takenAt }] : [],
    skills: values.skill ? [{ name: values.skill, years: number(values.years) ?? 0 }] : [],
    overseasHistory: [],
    consents: codesOf('consentPurpose').map((purpose) => ({ purpose, granted: granted.includes(purpose), at: now })),
  };
}

export function seekerScreen({ params: [seekerId], actor, query: address }) {
  if (address.get('edit') === '1') return loadedScreen(`/seekers/${seg(seekerId)}`, t('seekers.edit'), editScreen);
  return loadedScreen(`/seekers/${seg(seekerId)}`, t('seekers.profile'), (seeker) => profile(seeker, actor));
}

/**
 * Every field that `PATCH /seekers/:id` takes: contact, address, household, preferences (with
 * the lowest salary wanted), language results, skills, work abroad and consents. Identity (the
 * national ID) stays, and availability is the placements'.
 */
function editScreen(s) {
  const profilePath = `#/seekers/${seg(s.id)}`;
  const form = actionForm({
    title: t('seekers.editOf', { name: s.fullName }),
    fields: [
      h(
        'div',
        { class: 'row' },
        field({ name: 'fullName', label: t('seekers.fullName'), required: true, value: s.fullName }),
        field({ name: 'birthDate', label: t('seekers.birthDate'), type: 'date', required: true, value: s.birthDate?.slice(0, 10) }),
        field({ name: 'gender', label: t('seekers.gender'), type: 'select', required: true, value: s.gender, options: options('gender') }),
      ),
      h(
        'div',
        { class: 'row' },
        field({ name: 'phone', label: t('seekers.phone'), type: 'tel', value: s.phone }),
        field({ name: 'province', label: t('seekers.province'), required: true, value: s.province }),
        field({ name: 'district', label: t('seekers.district'), value: s.district }),
        field({ name: 'education', label: t('seekers.education'), value: s.education }),
      ),
      checkboxes(
        'scopes',
        t('seekers.scopes'),
        codesOf('scope').map((scope) => [scope, term('scope', scope)]),
        undefined,
        s.preferences.scopes,
      ),
      field({
        name: 'countries',
        label: t('seekers.countries'),
        hint: t('seekers.countriesHint'),
        value: s.preferences.countries.join(', '),
      }),
      checkboxes(
        'sectors',
        t('seekers.sectors'),
        codesOf('sector').map((sector) => [sector, term('sector', sector)]),
        'checks',
        s.preferences.sectors,
      ),
      h(
        'div',
        { class: 'row' },
        field({
          name: 'minSalary',
          label: t('seekers.minSalary'),
          type: 'number',
          value: s.preferences.minSalary?.amount,
          attrs: { min: 0 },
        }),
        field({
          name: 'minSalaryCurrency',
          label: t('seekers.currency'),
          value: s.preferences.minSalary?.currency,
          hint: t('seekers.currencyHint'),
          attrs: { maxlength: 3, autocapitalize: 'characters' },
        }),
      ),
      PROFILE_LISTS.map((list) => entriesEditor(list, s[list.name])),
      field({
        name: 'householdStatus',
        label: t('seekers.householdStatus'),
        type: 'select',
        required: true,
        value: s.householdStatus,
        options: options('householdStatus'),
        hint: t('seekers.householdHint'),
      }),
      checkboxes(
        'consents',
        t('seekers.consents'),
        codesOf('consentPurpose').map((purpose) => [purpose, term('consentPurpose', purpose)]),
        undefined,
        s.consents.filter((c) => c.granted).map((c) => c.purpose),
      ),
    ],
    submitLabel: t('seekers.editSubmit'),
    submit: (values, form) => api(`/seekers/${seg(s.id)}`, { method: 'PATCH', body: changesOf(s, values, form) }),
    done: () => {
      location.hash = profilePath;
    },
  });
  return h(
    'div',
    {},
    h('p', {}, link(profilePath, t('seekers.backToProfile'))),
    h('h1', {}, s.fullName),
    h('section', { class: 'card' }, form),
  );
}

/** The edit as `PATCH /seekers/:id` takes it: a consent keeps its time unless its answer changed. */
function changesOf(seeker, values, form) {
  const registration = registrationOf(values, form);
  const before = new Map(seeker.consents.map((c) => [c.purpose, c]));
  const edited = ['fullName', 'birthDate', 'gender', 'phone', 'province', 'district', 'education', 'householdStatus'];
  const minSalary =
    values.minSalary === undefined
      ? undefined
      : { amount: Number(values.minSalary), currency: values.minSalaryCurrency?.toUpperCase() ?? '' };
  return {
    ...Object.fromEntries(edited.map((key) => [key, registration[key]])),
    preferences: { ...registration.preferences, minSalary },
    ...Object.fromEntries(PROFILE_LISTS.map((list) => [list.name, entriesOf(form, list)])),
    consents: registration.consents.map((c) => (before.get(c.purpose)?.granted === c.granted ? before.get(c.purpose) : c)),
  };
}

const text = (value) => value || undefined;
const day = (value) => value?.slice(0, 10);

/**
 * The profile's lists, each entry a group of fields: `fields(entry)` draws one (empty for a new
 * entry), `read(values)` makes the API's entry from its values by key (an entry left empty is
 * dropped); the rest are the list's words.
 */
const PROFILE_LISTS = [
  {
    name: 'languageTests',
    legend: () => t('seekers.languageTests'),
    add: () => t('seekers.languageTestsAdd'),
    entry: (n) => t('seekers.languageTestsEntry', { n }),
    remove: (n) => t('seekers.languageTestsRemove', { n }),
    fields: (r) => [
      field({ name: 'test', label: t('seekers.test'), type: 'select', value: r.test, options: options('languageTest') }),
      field({ name: 'score', label: t('seekers.score'), type: 'number', value: r.score, attrs: { min: 0 } }),
      field({ name: 'level', label: t('seekers.level'), value: r.level, hint: t('seekers.levelHint') }),
      field({ name: 'takenAt', label: t('seekers.takenAt'), type: 'date', value: day(r.takenAt) }),
    ],
    read: (v) => ({ test: v.test, score: number(v.score), level: text(v.level?.toUpperCase()), takenAt: v.takenAt }),
  },
  {
    name: 'skills',
    legend: () => t('seekers.skills'),
    add: () => t('seekers.skillsAdd'),
    entry: (n) => t('seekers.skillsEntry', { n }),
    remove: (n) => t('seekers.skillsRemove', { n }),
    fields: (k) => [
      field({ name: 'name', label: t('seekers.skill'), value: k.name }),
      field({ name: 'years', label: t('seekers.years'), type: 'number', value: k.years, attrs: { min: 0, max: 50 } }),
    ],
    read: (v) => ({ name: v.name, years: number(v.years) ?? 0 }),
  },
  {
    name: 'overseasHistory',
    legend: () => t('seekers.overseasHistory'),
    add: () => t('seekers.overseasHistoryAdd'),
    entry: (n) => t('seekers.overseasHistoryEntry', { n }),
    remove: (n) => t('seekers.overseasHistoryRemove', { n }),
    fields: (o) => [
      field({ name: 'country', label: t('seekers.stintCountry'), value: o.country, attrs: { maxlength: 2, autocapitalize: 'characters' } }),
      field({ name: 'employer', label: t('seekers.stintEmployer'), value: o.employer }),
      // The API takes any programme's name: one recorded outside the known codes stays a choice, so a save keeps it.
      field({
        name: 'programme',
        label: t('seekers.programme'),
        type: 'select',
        value: o.programme,
        options: [...options('programme'), ...(o.programme && !codesOf('programme').includes(o.programme) ? [o.programme] : [])],
      }),
      field({ name: 'from', label: t('seekers.from'), type: 'date', value: day(o.from) }),
      field({ name: 'to', label: t('seekers.to'), type: 'date', value: day(o.to) }),
      h(
        'label',
        { class: 'check' },
        h('input', { type: 'checkbox', name: 'rehireRecommended', value: 'yes', checked: o.rehireRecommended }),
        ' ',
        t('seekers.rehireRecommended'),
      ),
    ],
    read: (v) => ({
      country: v.country?.toUpperCase(),
      employer: text(v.employer),
      programme: text(v.programme),
      from: v.from,
      to: text(v.to),
      rehireRecommended: v.rehireRecommended === 'yes' || undefined,
    }),
  },
];

/**
 * One list of the profile as groups of fields ("Language result 2"), each with its own
 * remove button; "Add" appends an empty group and moves the focus into it.
 */
function entriesEditor(list, entries) {
  const groups = h('div', { class: 'entries' });
  const add = h('button', { type: 'button', class: 'secondary' }, list.add());
  const renumber = () =>
    [...groups.children].forEach((group, i) => {
      replace(group.querySelector('legend'), list.entry(formatNumber(i + 1)));
      replace(group.querySelector('button'), list.remove(formatNumber(i + 1)));
    });
  const append = (entry) => {
    const remove = h('button', { type: 'button', class: 'secondary' }, '');
    const group = h(
      'fieldset',
      { class: 'entry', 'data-list': list.name },
      h('legend'),
      h('div', { class: 'row' }, list.fields(entry)),
      remove,
    );
    remove.addEventListener('click', () => {
      group.remove();
      renumber();
      add.focus();
    });
    groups.append(group);
    renumber();
    return group;
  };
  for (const entry of entries) append(entry);
  add.addEventListener('click', () => append({}).querySelector('input, select')?.focus());
  return h('fieldset', {}, h('legend', {}, list.legend()), groups, add);
}

/** The entries of one list as the API takes them, in their order on the form; a group left empty is none. */
function entriesOf(form, list) {
  return [...form.querySelectorAll(`fieldset[data-list="${list.name}"]`)]
    .map((group) => {
      const values = {};
      for (const control of group.querySelectorAll('input, select')) {
        const value = control.type === 'checkbox' ? (control.checked ? control.value : '') : control.value.trim();
        if (value) values[control.name] = value;
      }
      return values;
    })
    .filter((values) => Object.keys(values).length)
    .map(list.read);
}

function profile(s, actor) {
  // Read once: the history tables and the erasure's confirmation both say what there is.
  const history = {
    fairs: everyItem('/attendance', { seekerId: s.id }),
    matches: everyItem('/matches', { seekerId: s.id }),
    placements: everyItem('/placements', { seekerId: s.id }),
  };
  const facts = [
    [t('seekers.nationalId'), s.nationalId],
    [t('seekers.birthDate'), formatDate(s.birthDate)],
    [t('seekers.gender'), term('gender', s.gender)],
    [t('seekers.phone'), s.phone ?? ''],
    [t('seekers.province'), [s.district, s.province].filter(Boolean).join(', ')],
    [t('seekers.education'), s.education ?? ''],
    [t('seekers.householdStatus'), term('householdStatus', s.householdStatus)],
    [t('seekers.available'), t(s.available ? 'seekers.availableYes' : 'seekers.availableNo')],
    [t('seekers.scopes'), s.preferences.scopes.map((scope) => term('scope', scope)).join(', ')],
    [t('seekers.countries'), s.preferences.countries.map(country).join(', ')],
    [t('seekers.sectors'), s.preferences.sectors.map((sector) => term('sector', sector)).join(', ')],
    [
      t('seekers.languageTest'),
      s.languageTests
        .map(
          (r) =>
            `${term('languageTest', r.test)} ${r.score === undefined ? (r.level ?? '') : formatNumber(r.score)} (${formatDate(r.takenAt)})`,
        )
        .join('; '),
    ],
    [t('seekers.skill'), s.skills.map((k) => t('seekers.skillYears', { skill: k.name, years: formatNumber(k.years) })).join('; ')],
    [
      t('seekers.overseas'),
      s.overseasHistory.map((o) => `${country(o.country)} ${formatDate(o.from)}–${formatDate(o.to)} ${o.employer ?? ''}`.trim()).join('; '),
    ],
  ];
  return h(
    'div',
    {},
    h('p', {}, link('#/seekers', t('seekers.back'))),
    h('h1', {}, s.fullName),
    s.possibleDuplicates.length
      ? h(
          'p',
          { class: 'notice' },
          t('seekers.possibleDuplicates'),
          ' ',
          s.possibleDuplicates.map((id) => [link(`#/seekers/${seg(id)}`, nameTag('seeker', id)), ' ']),
        )
      : null,
    h(
      'section',
      { class: 'card', 'aria-label': t('seekers.profile') },
      h(
        'dl',
        { class: 'facts' },
        facts.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value || '—'))),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('seekers.consents')),
      h(
        'ul',
        {},
        s.consents.map((c) =>
          h(
            'li',
            {},
            t(c.granted ? 'seekers.consentGiven' : 'seekers.consentRefused', {
              purpose: term('consentPurpose', c.purpose),
              at: formatDateTime(c.at),
            }),
          ),
        ),
      ),
    ),
    h('p', {}, link(`#/seekers/${seg(s.id)}?edit=1`, t('seekers.edit'))),
    checkInCode(s),
    fairsAttended(s.id, history),
    matchesTable({ seekerId: s.id }, actor, { title: t('seekers.history') }),
    placementsOf(s.id),
    actor.role === 'admin' ? erasure(s, history) : null,
  );
}

/**
 * The seeker's QR code for the check-in desk, to show on a screen or print on a card (the
 * profile's print view keeps it): a scanner at the desk reads it, types it and presses Enter.
 */
function checkInCode(s) {
  const print = h('button', { type: 'button', class: 'secondary' }, t('seekers.qrPrint'));
  print.addEventListener('click', () => window.print());
  return h(
    'section',
    { class: 'card check-in-code', 'aria-label': t('seekers.qrTitle') },
    h('h2', {}, t('seekers.qrTitle')),
    qrFigure({
      payload: seekerQrPayload(s),
      label: t('seekers.qrLabel', { name: s.fullName }),
      caption: t('seekers.qrCaption'),
    }),
    h('p', { class: 'muted' }, t('seekers.qrHint')),
    h('div', { class: 'actions' }, print),
  );
}

/** The fairs the seeker signed up for or came to, the latest first. */
function fairsAttended(seekerId, history) {
  const body = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const errors = errorArea();
  history.fairs.then(
    (visits) =>
      replace(
        body,
        table(
          t('seekers.fairs'),
          [
            { label: t('seekers.fair'), cell: (a) => link(`#/fairs/${seg(a.fairId)}`, nameTag('fair', a.fairId)) },
            { label: t('seekers.registeredAt'), cell: (a) => formatDateTime(a.registeredAt) },
            { label: t('seekers.checkedInAt'), cell: (a) => formatDateTime(a.at) },
            { label: t('seekers.walkIn'), cell: (a) => (a.at ? t(a.walkIn ? 'seekers.availableYes' : 'seekers.walkInNo') : '') },
          ],
          [...visits].sort((a, b) => String(b.at ?? b.registeredAt).localeCompare(String(a.at ?? a.registeredAt))),
          t('seekers.noFairs'),
        ),
      ),
    (error) => {
      body.replaceChildren();
      errors.show(error);
    },
  );
  return h('section', { class: 'card' }, h('h2', {}, t('seekers.fairs')), body, errors);
}

/** Where the seeker was hired, and how far each placement has gone. */
function placementsOf(seekerId) {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('seekers.placements')),
    pagedTable({
      caption: t('seekers.placements'),
      path: '/placements',
      params: { seekerId },
      columns: [
        { label: t('placements.opening'), cell: (p) => nameTag('opening', p.openingId) },
        { label: t('placements.market'), cell: (p) => country(p.market) },
        { label: t('placements.hired'), cell: (p) => formatDateTime(p.hiredAt) },
        {
          label: t('placements.status'),
          cell: (p) => [
            statusBadge('placementStatus', p.status),
            ' ',
            t('placements.since', { at: formatDateTime(p.at) }),
            placementOutcome(p),
          ],
        },
      ],
      empty: t('seekers.noPlacements'),
    }),
  );
}

/** Erasure on request (admin): a confirmation that says what goes, before anything goes. */
function erasure(seeker, history) {
  const errors = errorArea();
  const kept = h('p', {});
  void Promise.all([history.fairs, history.matches, history.placements]).then(
    ([fairs, matches, placements]) =>
      replace(
        kept,
        t('seekers.eraseKept', {
          fairs: formatNumber(fairs.length),
          matches: formatNumber(matches.length),
          placements: formatNumber(placements.length),
        }),
      ),
    () => replace(kept, t('seekers.eraseKeptUnknown')),
  );
  const confirmation = h(
    'div',
    { class: 'confirm', hidden: true, role: 'group', 'aria-label': t('seekers.eraseConfirmTitle'), tabindex: '-1' },
    h('p', {}, t('seekers.eraseWhat', { name: seeker.fullName })),
    kept,
    h(
      'div',
      { class: 'actions' },
      actionButton(
        t('seekers.eraseConfirm'),
        async () => {
          await api(`/seekers/${seg(seeker.id)}`, { method: 'DELETE' });
          location.hash = '#/seekers';
        },
        errors,
        'danger',
      ),
      h('button', { type: 'button', class: 'secondary', onclick: () => (confirmation.hidden = true) }, t('seekers.eraseCancel')),
    ),
    errors,
  );
  const ask = h('button', { type: 'button', class: 'danger' }, t('seekers.erase'));
  ask.addEventListener('click', () => {
    confirmation.hidden = false;
    confirmation.focus();
  });
  return h('section', { class: 'card' }, h('h2', {}, t('seekers.erase')), ask, confirmation);
}
