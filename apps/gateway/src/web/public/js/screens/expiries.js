import { query, seg } from '../api.js';
import { actionForm, field, h, link } from '../dom.js';
import { codesOf, formatDate, formatNumber, t, term } from '../i18n.js';
import { everyItem, pagedTable } from '../lists.js';
import { byName } from '../names.js';

/** The look-ahead windows of GET /reports/expiries (EXPIRY_WINDOWS_DAYS of libs/matching). */
const WINDOWS_DAYS = [30, 60, 90];

/** A document in words: the test by its name, a roster by its programme, the medical check as such. */
function documentWords(item) {
  if (item.kind === 'roster-entry') return `${term('documentKind', item.kind)}: ${term('programme', item.name)}`;
  if (item.kind === 'language-test') return `${term('documentKind', item.kind)}: ${item.name}`;
  return term('documentKind', item.kind);
}

/**
 * What runs out within 30, 60 or 90 days (test results, medical checks, roster entries), for
 * one fair's people or everyone, for one programme or all: whom to call in for a new test or check.
 */
export function expiriesScreen({ query: address }) {
  const chosen = {
    withinDays: Number(address.get('withinDays')) || WINDOWS_DAYS[0],
    fairId: address.get('fairId') ?? '',
    programme: address.get('programme') ?? '',
  };
  const fairField = field({
    name: 'fairId',
    label: t('expiries.fair'),
    type: 'select',
    value: chosen.fairId,
    options: [['', t('expiries.anyFair')]],
  });
  void everyItem('/fairs')
    .then((fairs) =>
      fairField
        .querySelector('select')
        .append(
          ...byName(fairs, (fair) => fair.name).map((fair) =>
            h('option', { value: fair.id, selected: fair.id === chosen.fairId }, fair.name),
          ),
        ),
    )
    .catch(() => undefined); // everyone stays listable; the list reports a real problem
  const filters = actionForm({
    inline: true,
    title: t('expiries.filters'),
    fields: [
      field({
        name: 'withinDays',
        label: t('expiries.within'),
        type: 'select',
        value: String(chosen.withinDays),
        options: WINDOWS_DAYS.map((days) => [String(days), t('expiries.days', { days })]),
      }),
      fairField,
      field({
        name: 'programme',
        label: t('expiries.programme'),
        type: 'select',
        value: chosen.programme,
        options: [['', t('expiries.anyProgramme')], ...codesOf('programme').map((code) => [code, term('programme', code)])],
      }),
    ],
    submitLabel: t('reports.show'),
    secondary: true,
    submit: async (values) => {
      location.hash = `#/expiries${query(values)}`;
    },
  });
  const list = pagedTable({
    caption: t('expiries.caption', { days: chosen.withinDays }),
    path: '/reports/expiries',
    params: { withinDays: chosen.withinDays, fairId: chosen.fairId || undefined, programme: chosen.programme || undefined },
    empty: t('expiries.none', { days: chosen.withinDays }),
    columns: [
      { label: t('expiries.person'), cell: (i) => link(`#/seekers/${seg(i.seekerId)}`, i.fullName) },
      { label: t('expiries.nationalId'), cell: (i) => i.nationalId },
      { label: t('expiries.document'), cell: documentWords },
      { label: t('expiries.takenOn'), cell: (i) => formatDate(i.takenOn) },
      { label: t('expiries.validUntil'), cell: (i) => formatDate(i.validUntil) },
      { label: t('expiries.daysLeft'), num: true, cell: (i) => formatNumber(i.daysLeft) },
    ],
  });
  return h('div', {}, h('h1', {}, t('expiries.heading')), h('p', { class: 'muted' }, t('expiries.intro')), filters, list);
}
