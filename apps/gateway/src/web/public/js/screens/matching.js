import { api, query, seg } from '../api.js';
import { actionButton, actionForm, date, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { codesOf, formatNumber, t, term } from '../i18n.js';
import { pagedTable } from '../lists.js';
import { barChart } from '../charts.js';
import { byName, byNameOf, nameOf, nameTag } from '../names.js';
import { MAX_SHORTLISTS_PER_SEEKER, breakdown, reasonWords, shortlistRatioField } from './match-words.js';
import { recomputeCard, whatIfCard } from './run-replay.js';

const RUN_POLL_MS = 1000;
/** Unmatched seekers shown on a run's page (the run keeps a capped list; its summary counts them all). */
const UNMATCHED_SHOWN = 50;

export function matchingScreen({ query: address }) {
  // The fair asked for (from a fair's page) is chosen at once, so a quick submit cannot fall back to the roster.
  const chosenFair = address.get('fairId');
  const fairSelect = field({
    name: 'fairId',
    label: t('matching.over'),
    type: 'select',
    value: chosenFair,
    options: [['', t('matching.roster')], ...(chosenFair ? [[chosenFair, t('matching.fairLoading')]] : [])],
  });
  const fairLabel = (fair) => t('matching.fairOption', { name: fair.name, status: term('fairStatus', fair.status) });
  api(`/fairs${query({ limit: 100 })}`)
    .then(({ items }) => {
      const select = fairSelect.querySelector('select');
      for (const fair of items) {
        const known = [...select.options].find((option) => option.value === fair.id);
        if (known) known.textContent = fairLabel(fair);
        else select.append(h('option', { value: fair.id }, fairLabel(fair)));
      }
    })
    .catch(() => undefined); // the roster stays selectable; starting a run reports any real problem
  const form = actionForm({
    title: t('matching.start'),
    fields: [
      fairSelect,
      field({
        name: 'mode',
        label: t('matching.mode'),
        type: 'select',
        options: codesOf('matchingMode').map((mode) => [mode, t(`matching.modeHint.${mode}`)]),
      }),
      shortlistFields(),
    ],
    submitLabel: t('matching.startSubmit'),
    submit: (values) => api('/matching/runs', { method: 'POST', body: runOf(values) }),
    done: ({ id }) => {
      location.hash = `#/matching/runs/${seg(id)}`;
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, t('matching.heading')),
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card' }, form),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, t('matching.recent')),
        pagedTable({
          caption: t('matching.recent'),
          path: '/matching/runs',
          columns: [
            { label: t('matching.startedAt'), cell: (r) => link(`#/matching/runs/${seg(r.id)}`, date(r.requestedAt)) },
            { label: t('matching.over'), cell: (r) => (r.fairId ? nameTag('fair', r.fairId) : t('matching.roster')) },
            { label: t('matching.mode'), cell: (r) => term('matchingMode', r.mode) },
            { label: t('matching.status'), cell: (r) => statusBadge('runStatus', r.status) },
            { label: t('matching.matched'), cell: (r) => formatNumber(r.summary?.matched), num: true },
          ],
          empty: t('matching.noRuns'),
        }),
      ),
    ),
  );
}

/** Candidates per seat and, for a shortlist (above 1), the lists one seeker may be on: shown only then. */
function shortlistFields() {
  const ratio = shortlistRatioField({ value: 1, hint: t('matching.shortlistRatioHint') });
  const perSeeker = field({
    name: 'shortlistsPerSeeker',
    label: t('matching.shortlistsPerSeeker'),
    type: 'number',
    attrs: { min: 1, max: MAX_SHORTLISTS_PER_SEEKER, step: 1 },
    hint: t('matching.shortlistsPerSeekerHint'),
  });
  const input = ratio.querySelector('input');
  const toggle = () => {
    perSeeker.hidden = !(Number(input.value) > 1);
  };
  input.addEventListener('input', toggle);
  toggle();
  return h('div', { class: 'row' }, ratio, perSeeker);
}

/** A run's body: the shortlist's settings only for a shortlist (a ratio above 1; the API refuses lists per seeker without one). */
function runOf({ shortlistRatio, shortlistsPerSeeker, ...values }) {
  if (!(Number(shortlistRatio) > 1)) return values;
  return {
    ...values,
    shortlistRatio: Number(shortlistRatio),
    ...(shortlistsPerSeeker ? { shortlistsPerSeeker: Number(shortlistsPerSeeker) } : {}),
  };
}

export function runScreen({ params: [runId], actor, onLeave }) {
  const heading = h('h1', {}, t('matching.run'));
  const progress = h('progress', { max: 100, value: 0, 'aria-label': t('matching.progress') });
  const state = h('p', { 'aria-live': 'polite' });
  const summary = h('div');
  const matches = h('div');
  const replays = h('div');
  const errors = errorArea();
  let timer;

  async function poll() {
    try {
      const run = await api(`/matching/runs/${seg(runId)}`);
      replace(heading, t('matching.runOf', { mode: term('matchingMode', run.mode) }), ' ', statusBadge('runStatus', run.status));
      progress.value = run.progress;
      replace(
        state,
        `${formatNumber(run.progress)}% — `,
        run.fairId ? link(`#/fairs/${seg(run.fairId)}`, nameTag('fair', run.fairId)) : t('matching.roster'),
      );
      if (run.status === 'failed') errors.show(new Error(t('matching.failed', { why: run.failure ?? t('matching.noReason') })));
      if (run.status === 'completed' || run.status === 'failed') {
        clearInterval(timer);
        if (run.summary) replace(summary, runSummary(run));
        if (run.status === 'completed') replace(matches, matchesTable({ runId }, actor, { shortlist: Boolean(run.shortlist) }));
        // A run from before runs recorded their inputs cannot be computed again.
        if (run.status === 'completed' && run.input) replace(replays, h('div', { class: 'grid' }, whatIfCard(run), recomputeCard(run)));
      }
    } catch (error) {
      errors.show(error);
      if (error.status === 404) clearInterval(timer);
    }
  }
  timer = setInterval(poll, RUN_POLL_MS);
  onLeave(() => clearInterval(timer));
  void poll();

  return h(
    'div',
    {},
    h('p', {}, link('#/matching', t('matching.back'))),
    heading,
    h('section', { class: 'card' }, progress, state, errors),
    summary,
    replays,
    matches,
  );
}

function runSummary({ summary: s, shortlist, openingFill = [], unmatched }) {
  const figures = [
    [t('matching.matched'), s.matched],
    [t('matching.alternates'), s.alternates],
    [t('matching.unmatched'), s.unmatched],
    [t('matching.totalScore'), s.totalScore],
    [t('matching.seekers'), s.seekers],
    [t('matching.openings'), s.openings],
    [t('matching.firstTimeSeats'), s.byQuotaClass?.firstTime],
    [t('matching.returningSeats'), s.byQuotaClass?.returning],
    [t('matching.designated'), s.designated],
    [t('matching.shortlistRatio'), shortlist?.ratio],
    [t('matching.shortlistsPerSeeker'), shortlist?.perSeeker],
  ].filter(([, value]) => value !== undefined);
  return h(
    'div',
    { class: 'grid' },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('matching.summary')),
      h(
        'dl',
        { class: 'stats' },
        figures.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, formatNumber(value)))),
      ),
      openingFill.length
        ? barChart({
            title: t('matching.fillChart'),
            labels: openingFill.map((fill) => nameOf('opening', fill.openingId).then((name) => name ?? fill.openingId)),
            series: [
              { label: t('matching.seats'), values: openingFill.map((fill) => fill.seats) },
              { label: t('matching.matched'), values: openingFill.map((fill) => fill.matched) },
            ],
            horizontal: true,
          })
        : null,
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('matching.whyUnmatched')),
      unmatchedChart(s.unmatchedReasons ?? {}),
      unmatchedTable(unmatched.slice(0, UNMATCHED_SHOWN)),
    ),
  );
}

/** The unmatched seekers shown, by name in Vietnamese order, each with the reasons in words. */
function unmatchedTable(shown) {
  const area = h('div');
  void byNameOf('seeker', shown, (u) => u.seekerId).then((ordered) =>
    replace(
      area,
      table(
        t('matching.unmatchedFirst', { count: UNMATCHED_SHOWN }),
        [
          { label: t('matching.seeker'), cell: (u) => nameTag('seeker', u.seekerId) },
          {
            label: t('matching.reasons'),
            cell: (u) =>
              h(
                'ul',
                { class: 'reasons' },
                u.reasons.map((text, i) => h('li', {}, reasonWords(u.reasonCodes?.[i], text))),
              ),
          },
        ],
        ordered,
        '',
      ),
    ),
  );
  return area;
}

/** How many seekers each kind of reason left unmatched, most first. */
function unmatchedChart(reasons) {
  const counts = Object.entries(reasons).sort(([, a], [, b]) => b - a);
  if (!counts.length) return h('p', { class: 'muted' }, t('matching.allMatched'));
  return barChart({
    title: t('matching.byReason'),
    labels: counts.map(([reason]) => term('reason', reason)),
    series: [{ label: t('matching.seekers'), values: counts.map(([, count]) => count) }],
    horizontal: true,
  });
}

function candidate(m) {
  const c = m.candidate;
  if (!c) return h('span', { class: 'muted' }, t('matching.erased'));
  // Employers get no name (EPS style): age, experience and language results.
  const who = c.fullName ? [h('strong', {}, c.fullName), h('br'), h('small', {}, c.nationalId)] : [t('matching.age', { age: c.age })];
  const tests = c.languageTests.map((r) => `${r.test} ${r.score ?? r.level ?? ''}`.trim()).join(', ');
  return [...who, tests ? [h('br'), h('small', { class: 'muted' }, tests)] : null];
}

/** Whose place a match that moved up from the alternates took; why that worker failed, for centre staff only. */
function promotionNotice(m) {
  if (!m.promotion) return null;
  const words = m.promotionReason
    ? t('matching.promotedFor', { reason: term('promotionReason', m.promotionReason) })
    : t('matching.promoted');
  return [h('br'), h('small', { class: 'promoted' }, words)];
}

/** A shortlist run's matches opening by opening (by name), each opening's by their place on its list. */
const byOpeningAndRank = (rows) =>
  byNameOf(
    'opening',
    [...rows].sort((a, b) => (a.rank ?? 0) - (b.rank ?? 0)),
    (m) => m.openingId,
  );

/**
 * Matches with their score breakdown. Centre staff approve or reject (with a reason)
 * what is proposed; whoever may hire sees "Hire" on what is approved. `changed` runs
 * after each of those actions (e.g. to show a new placement). A shortlist run's
 * (`shortlist`) show each one's rank and, on asking, the alternates waiting on the
 * lists, which are not reviewed until one moves up.
 */
export function matchesTable(params, actor, { title = t('matching.matches'), changed, shortlist = false } = {}) {
  const centre = actor.role !== 'employer';
  const list = pagedTable({
    caption: title,
    path: '/matches',
    params,
    columns: [
      { label: t('matching.candidate'), cell: candidate },
      { label: t('matching.opening'), cell: (m) => nameTag('opening', m.openingId) },
      shortlist ? { label: t('matching.rank'), cell: (m) => formatNumber(m.rank), num: true } : null,
      { label: t('matching.score'), cell: (m) => formatNumber(m.score), num: true },
      { label: t('matching.breakdown'), cell: (m) => breakdown(m.breakdown) },
      {
        label: t('matching.seat'),
        cell: (m) => [term('quotaClass', m.quotaClass), m.designated ? t('matching.named') : null].filter(Boolean).join(', '),
      },
      {
        label: t('matching.status'),
        cell: (m) => [
          m.alternate ? statusBadge('listPlace', 'alternate') : statusBadge('matchStatus', m.status),
          m.reason ? [h('br'), h('small', {}, m.reason)] : null,
          promotionNotice(m),
        ],
      },
      { label: t('matching.action'), cell: (m) => matchActions(m, centre, () => Promise.all([list.reload(), changed?.()])) },
    ].filter(Boolean),
    empty: t('matching.noMatches'),
    // A shortlist by rank; otherwise by the candidate's name for staff; an employer's candidates have none (EPS style).
    order: shortlist ? byOpeningAndRank : centre ? (rows) => byName(rows, (m) => m.candidate?.fullName) : undefined,
  });
  return h('section', { class: 'card' }, h('h2', {}, title), shortlist ? alternatesToggle(list) : null, list);
}

/** The review queue leaves the alternates waiting out; this shows each opening's whole list (`alternates=include`). */
function alternatesToggle(list) {
  const box = h('input', { type: 'checkbox' });
  box.addEventListener('change', () => list.reload({ alternates: box.checked ? 'include' : undefined }));
  return h('label', { class: 'check' }, box, ' ', t('matching.withAlternates'));
}

function matchActions(match, centre, changed) {
  // An alternate waits on the list: approving one answers 409 until it moves up.
  if (match.alternate) return null;
  const errors = errorArea();
  const after = (call) => async () => {
    await call();
    await changed();
  };
  if (match.status === 'approved') {
    return h(
      'div',
      {},
      actionButton(
        t('matching.hire'),
        after(() => api('/placements', { method: 'POST', body: { matchId: match.id } })),
        errors,
      ),
      errors,
    );
  }
  if (match.status !== 'proposed' || !centre) return null;
  return h(
    'div',
    { class: 'actions' },
    actionButton(
      t('matching.approve'),
      after(() => api(`/matches/${seg(match.id)}/approve`, { method: 'POST' })),
      errors,
    ),
    actionForm({
      inline: true,
      title: t('matching.rejectTitle', { name: match.candidate?.fullName ?? t('matching.candidate') }),
      fields: [field({ name: 'reason', label: t('matching.reason'), required: true })],
      submitLabel: t('matching.reject'),
      secondary: true,
      submit: (values) => api(`/matches/${seg(match.id)}/reject`, { method: 'POST', body: values }),
      done: changed,
    }),
    errors,
  );
}

export function matchesScreen({ actor }) {
  return h('div', {}, h('h1', {}, t('matching.forYourOpenings')), matchesTable({}, actor));
}
