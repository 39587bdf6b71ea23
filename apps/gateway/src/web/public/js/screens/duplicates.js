import { api, query, seg } from '../api.js';
import { errorArea, h, link, replace } from '../dom.js';
import { formatDate, formatDateTime, formatNumber, t, term } from '../i18n.js';

const PAGE_SIZE = 20;

/** One record of a pair, as staff compare it. */
function side(record) {
  const rows = [
    [t('seekers.nationalId'), record.nationalId],
    [t('seekers.birthDate'), formatDate(record.birthDate)],
    [t('seekers.gender'), term('gender', record.gender)],
    [t('seekers.phone'), record.phone ?? '—'],
    [t('seekers.province'), [record.province, record.district].filter(Boolean).join(', ')],
    [t('duplicates.createdAt'), formatDateTime(record.createdAt)],
  ];
  return h(
    'div',
    { class: 'card' },
    h('h3', {}, link(`#/seekers/${seg(record.id)}`, record.fullName)),
    h('dl', {}, ...rows.flatMap(([label, value]) => [h('dt', {}, label), h('dd', {}, value)])),
  );
}

/**
 * A decision on one pair, asked once more before it is made: nothing is merged or set apart
 * without a person's confirmation. `act` calls the API; the pair then leaves the list.
 */
function decision(label, question, act, onDone, className) {
  const errors = errorArea();
  const confirmation = h(
    'div',
    { class: 'confirm', hidden: true, role: 'group', 'aria-label': label, tabindex: '-1' },
    h('p', {}, question),
    h(
      'div',
      { class: 'actions' },
      h(
        'button',
        {
          type: 'button',
          class: className,
          onclick: async (event) => {
            errors.clear();
            event.target.disabled = true;
            try {
              await act();
              onDone();
            } catch (error) {
              errors.show(error);
              event.target.disabled = false;
            }
          },
        },
        t('duplicates.confirm'),
      ),
      h('button', { type: 'button', class: 'secondary', onclick: () => (confirmation.hidden = true) }, t('common.cancel')),
    ),
    errors,
  );
  const ask = h(
    'button',
    {
      type: 'button',
      class: className,
      onclick: () => {
        confirmation.hidden = false;
        confirmation.focus();
      },
    },
    label,
  );
  return { ask, confirmation };
}

/** A candidate pair side by side, with its score, why, and the three decisions. */
function pairCard(pair) {
  const card = h('section', { class: 'card' });
  const done = (words) => () => {
    replace(card, h('p', { class: 'muted' }, words));
  };
  const merge = (survivor, duplicate) =>
    decision(
      t('duplicates.keep', { name: survivor.fullName, nationalId: survivor.nationalId }),
      t('duplicates.mergeQuestion', { survivor: survivor.nationalId, duplicate: duplicate.nationalId }),
      () => api(`/seekers/${seg(survivor.id)}/merge`, { method: 'POST', body: { duplicateId: duplicate.id } }),
      done(t('duplicates.merged', { name: survivor.fullName })),
    );
  const distinct = decision(
    t('duplicates.distinct'),
    t('duplicates.distinctQuestion'),
    () => api('/seekers/duplicates/distinct', { method: 'POST', body: { a: pair.a.id, b: pair.b.id } }),
    done(t('duplicates.markedDistinct')),
    'secondary',
  );
  const choices = [merge(pair.a, pair.b), merge(pair.b, pair.a), distinct];
  replace(
    card,
    h(
      'p',
      {},
      h('strong', {}, t('duplicates.score', { score: formatNumber(pair.score) })),
      ' ',
      pair.reasons.map((reason) => term('duplicateReason', reason)).join(', '),
    ),
    h('div', { class: 'pair' }, side(pair.a), side(pair.b)),
    h('div', { class: 'actions' }, ...choices.map((choice) => choice.ask)),
    ...choices.map((choice) => choice.confirmation),
  );
  return card;
}

/**
 * One person, one record: the records that may be one person (the same name and birth date,
 * or the same phone), surest first; staff merge a pair into the record to keep or mark it distinct.
 */
export function duplicatesScreen() {
  const errors = errorArea();
  const list = h('div', {}, h('p', { class: 'muted' }, t('common.loading')));
  const more = h('button', { type: 'button', class: 'secondary', hidden: true }, t('common.showMore'));
  let cursor;
  let shown = 0;

  async function load() {
    errors.clear();
    try {
      const page = await api(`/seekers/duplicates${query({ limit: PAGE_SIZE, cursor })}`);
      if (!cursor) list.replaceChildren();
      shown += page.items.length;
      list.append(...page.items.map(pairCard));
      if (!shown) replace(list, h('p', { class: 'muted' }, t('duplicates.none')));
      cursor = page.nextCursor;
      more.hidden = !cursor;
    } catch (error) {
      errors.show(error);
    }
  }
  more.addEventListener('click', load);
  void load();
  return h('div', {}, h('h1', {}, t('duplicates.heading')), h('p', { class: 'muted' }, t('duplicates.intro')), errors, list, more);
}
