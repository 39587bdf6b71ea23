// A completed run's page, below its summary: "what if" (the run's own inputs with other
// settings, side by side with its figures; nothing is stored) and "recompute" (the run
// computed again from what it recorded: the same or not, and why one seeker was or was
// not matched that day).
import { api, query, seg } from '../api.js';
import { actionForm, field, h, replace, table } from '../dom.js';
import { codesOf, country, formatNumber, t, term } from '../i18n.js';
import { byNameOf, nameOf, nameTag } from '../names.js';
import { breakdown, reasonWords, shortlistRatioField } from './match-words.js';

/** Matched and unmatched seekers offered to explain, of each (a run's page lists as many). */
const SEEKERS_OFFERED = 50;

/** A select's options filled in with the names of the ids, in Vietnamese order, once they are read. */
function fillWithNames(select, kind, ids) {
  const unique = [...new Set(ids)];
  void byNameOf(kind, unique, (id) => id).then(async (ordered) => {
    const names = await Promise.all(ordered.map((id) => nameOf(kind, id)));
    select.append(...ordered.map((id, i) => h('option', { value: id }, names[i] ?? id)));
  });
}

/** A seeker's outcome on one side: the opening's name and the score, or "not matched". */
function outcome(side) {
  if (!side) return h('span', { class: 'muted' }, t('replay.notMatched'));
  return [
    nameTag('opening', side.openingId),
    ' ',
    h('small', { class: 'muted' }, t('replay.scoreOf', { score: formatNumber(side.score) })),
  ];
}

/** `matched / of`, e.g. priority households matched of those taking part. */
const outOf = (matched, of) => t('replay.outOf', { matched: formatNumber(matched), of: formatNumber(of) });

/** The run's figures and the what-if's, one row per figure (markets of either side). */
function comparison({ current, whatIf }) {
  const market = (side, code) => side.markets.find((m) => m.market === code) ?? { seats: 0, matched: 0 };
  const markets = [...new Set([...current.markets, ...whatIf.markets].map((m) => m.market))].sort();
  // A shortlist on either side: its candidates per seat and the alternates on its lists.
  const shortlist = current.shortlistRatio > 1 || whatIf.shortlistRatio > 1;
  const rows = [
    { label: t('matching.mode'), cell: (side) => term('matchingMode', side.mode) },
    { label: t('replay.householdWeight'), cell: (side) => formatNumber(side.weights.household) },
    ...(shortlist ? [{ label: t('matching.shortlistRatio'), cell: (side) => formatNumber(side.shortlistRatio) }] : []),
    { label: t('matching.matched'), cell: (side) => formatNumber(side.matched) },
    ...(shortlist ? [{ label: t('matching.alternates'), cell: (side) => formatNumber(side.alternates) }] : []),
    { label: t('matching.totalScore'), cell: (side) => formatNumber(side.totalScore) },
    { label: t('replay.priorityServed'), cell: (side) => outOf(side.priorityHouseholds.matched, side.priorityHouseholds.seekers) },
    ...markets.map((code) => ({
      label: t('replay.inMarket', { market: country(code) }),
      cell: (side) => outOf(market(side, code).matched, market(side, code).seats),
    })),
  ];
  return table(
    t('replay.comparison'),
    [
      { label: t('replay.figure'), cell: (row) => row.label },
      { label: t('replay.thisRun'), cell: (row) => row.cell(current), num: true },
      { label: t('replay.whatIf'), cell: (row) => row.cell(whatIf), num: true },
    ],
    rows,
  );
}

/** The seekers whose outcome differs between two sides, by name. */
function changesTable(caption, changes, [before, after], [beforeLabel, afterLabel], withPriority) {
  const area = h('div');
  void byNameOf('seeker', changes, (c) => c.seekerId).then((ordered) =>
    replace(
      area,
      table(
        caption,
        [
          { label: t('matching.seeker'), cell: (c) => nameTag('seeker', c.seekerId) },
          ...(withPriority ? [{ label: t('replay.priorityHousehold'), cell: (c) => (c.priorityHousehold ? t('replay.yes') : '') }] : []),
          { label: beforeLabel, cell: (c) => outcome(c[before]) },
          { label: afterLabel, cell: (c) => outcome(c[after]) },
        ],
        ordered,
        '',
      ),
    ),
  );
  return area;
}

function whatIfAnswer(answer) {
  return h(
    'div',
    { 'data-testid': 'what-if-answer' },
    h('p', { class: 'muted' }, t('replay.nothingStored')),
    comparison(answer),
    h(
      'p',
      { 'data-changed': answer.changed },
      answer.changed ? t('replay.changed', { count: formatNumber(answer.changed) }) : t('replay.noneChanged'),
    ),
    answer.changes.length
      ? changesTable(t('replay.changedList'), answer.changes, ['current', 'whatIf'], [t('replay.thisRun'), t('replay.whatIf')], true)
      : null,
    answer.changes.length < answer.changed ? h('p', { class: 'muted' }, t('replay.firstOnly', { count: answer.changes.length })) : null,
  );
}

/**
 * What-if: the household priority weight, the mode, candidates per seat, one opening's
 * positions; the answer beside the run's own figures.
 */
export function whatIfCard(run) {
  const answer = h('div', { 'aria-live': 'polite' });
  const weights = run.input.weights;
  const ratio = run.shortlist?.ratio ?? 1;
  const openingField = field({ name: 'openingId', label: t('replay.opening'), type: 'select', options: [['', t('replay.noOpening')]] });
  fillWithNames(
    openingField.querySelector('select'),
    'opening',
    (run.openingFill ?? []).map((fill) => fill.openingId),
  );
  const form = actionForm({
    title: t('replay.whatIfTitle'),
    fields: [
      h('p', { class: 'muted' }, t('replay.whatIfHint')),
      field({
        name: 'mode',
        label: t('matching.mode'),
        type: 'select',
        options: [
          ['', t('replay.sameMode', { mode: term('matchingMode', run.mode) })],
          ...codesOf('matchingMode').map((m) => [m, term('matchingMode', m)]),
        ],
      }),
      field({
        name: 'household',
        label: t('replay.householdWeight'),
        type: 'number',
        value: weights.household,
        attrs: { min: 0, max: 100, step: 'any' },
        hint: t('replay.householdHint', { weight: formatNumber(weights.household) }),
      }),
      shortlistRatioField({ value: ratio, hint: t('replay.shortlistHint', { ratio: formatNumber(ratio) }) }),
      openingField,
      field({
        name: 'positions',
        label: t('replay.positions'),
        type: 'number',
        attrs: { min: 0, step: 1 },
        hint: t('replay.positionsHint'),
      }),
    ],
    submitLabel: t('replay.try'),
    submit: (values) => {
      const body = {};
      if (values.mode) body.mode = values.mode;
      if (values.household !== undefined) body.weights = { household: Number(values.household) };
      if (values.shortlistRatio !== undefined && Number(values.shortlistRatio) !== ratio)
        body.shortlistRatio = Number(values.shortlistRatio);
      if (values.openingId && values.positions !== undefined)
        body.openings = [{ openingId: values.openingId, positions: Number(values.positions) }];
      return api(`/matching/runs/${seg(run.id)}/what-if`, { method: 'POST', body });
    },
    done: (result) => replace(answer, whatIfAnswer(result)),
  });
  return h('section', { class: 'card', 'aria-label': t('replay.whatIfTitle') }, form, answer);
}

/** Why one seeker was or was not matched, as computed again from the run's inputs. */
function seekerAnswer(seeker) {
  const who = nameTag('seeker', seeker.seekerId);
  if (seeker.erased) return h('p', {}, t('replay.seekerErased'));
  if (!seeker.inInput) return h('p', {}, who, ' ', t('replay.seekerNotInRun'));
  if (seeker.match) {
    return h(
      'div',
      {},
      h(
        'p',
        {},
        who,
        ' ',
        t('replay.seekerMatched', { score: formatNumber(seeker.match.score) }),
        ' ',
        nameTag('opening', seeker.match.openingId),
      ),
      breakdown(seeker.match.breakdown),
    );
  }
  return h(
    'div',
    {},
    h('p', {}, who, ' ', t('replay.seekerUnmatched')),
    h(
      'ul',
      { class: 'reasons' },
      seeker.reasons.map((reason) =>
        h(
          'li',
          {},
          reasonWords(reason.code, reason.text),
          ' ',
          h('small', { class: 'muted' }, t('replay.reasonOpenings', { count: formatNumber(reason.openings) })),
        ),
      ),
    ),
  );
}

function recomputeAnswer(answer) {
  const same = answer.same;
  // A shortlist run's alternates, recorded and recomputed (a one-to-one run has none on either side).
  const alternates = answer.recorded.alternates > 0 || answer.recomputed.alternates > 0;
  return h(
    'div',
    { 'data-testid': 'recompute-answer', 'data-same': String(same) },
    h(
      'p',
      { class: same ? 'notice' : null },
      same
        ? t('replay.same', { matched: formatNumber(answer.recomputed.matched), score: formatNumber(answer.recomputed.totalScore) })
        : t('replay.different', { count: formatNumber(answer.differences) }),
    ),
    alternates
      ? h(
          'p',
          { 'data-alternate-differences': answer.alternateDifferences },
          t('replay.alternates', {
            recorded: formatNumber(answer.recorded.alternates),
            recomputed: formatNumber(answer.recomputed.alternates),
          }),
          answer.alternateDifferences
            ? [' ', t('replay.alternateDifferences', { count: formatNumber(answer.alternateDifferences) })]
            : null,
        )
      : null,
    same
      ? null
      : table(
          t('replay.recomputeFigures'),
          [
            { label: t('replay.figure'), cell: (row) => row[0] },
            { label: t('replay.recorded'), cell: (row) => formatNumber(row[1]), num: true },
            { label: t('replay.recomputed'), cell: (row) => formatNumber(row[2]), num: true },
          ],
          [
            [t('matching.matched'), answer.recorded.matched, answer.recomputed.matched],
            [t('matching.totalScore'), answer.recorded.totalScore, answer.recomputed.totalScore],
            ...(alternates ? [[t('matching.alternates'), answer.recorded.alternates, answer.recomputed.alternates]] : []),
          ],
        ),
    answer.codeVersion.recorded === answer.codeVersion.current ? null : h('p', { class: 'muted' }, t('replay.codeChanged')),
    answer.inputIntact ? null : h('p', { class: 'muted' }, t('replay.erasedOut', { count: formatNumber(answer.erasedSeekers) })),
    answer.changes.length
      ? changesTable(
          t('replay.differencesList'),
          answer.changes,
          ['before', 'after'],
          [t('replay.recorded'), t('replay.recomputed')],
          false,
        )
      : null,
    answer.seeker ? seekerAnswer(answer.seeker) : null,
  );
}

/** Recompute: the run again from its record (the same or the differences), and optionally one seeker's outcome in words. */
export function recomputeCard(run) {
  const answer = h('div', { 'aria-live': 'polite' });
  const seekerField = field({ name: 'seekerId', label: t('replay.seeker'), type: 'select', options: [['', t('replay.noSeeker')]] });
  const select = seekerField.querySelector('select');
  // The first page of matches and the unmatched seekers the page shows: names read once, not a province's.
  const unmatched = (run.unmatched ?? []).slice(0, SEEKERS_OFFERED).map((u) => u.seekerId);
  api(`/matches${query({ runId: run.id, limit: SEEKERS_OFFERED })}`)
    .then(({ items }) => fillWithNames(select, 'seeker', [...items.map((m) => m.seekerId), ...unmatched]))
    .catch(() => fillWithNames(select, 'seeker', unmatched));
  const form = actionForm({
    title: t('replay.recomputeTitle'),
    fields: [h('p', { class: 'muted' }, t('replay.recomputeHint')), seekerField],
    submitLabel: t('replay.recompute'),
    submit: (values) =>
      api(`/matching/runs/${seg(run.id)}/recompute`, { method: 'POST', body: values.seekerId ? { seekerId: values.seekerId } : {} }),
    done: (result) => replace(answer, recomputeAnswer(result)),
  });
  return h('section', { class: 'card', 'aria-label': t('replay.recomputeTitle') }, form, answer);
}
