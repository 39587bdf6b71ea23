import { api, query, seg } from '../api.js';
import { actionButton, actionForm, errorArea, field, h, link, replace, statusBadge, table } from '../dom.js';
import { pagedTable } from '../lists.js';

const RUN_POLL_MS = 1000;
/** Runs started in this tab, newest first: the API has no list of runs. */
const RECENT_RUNS_KEY = 'jobfair.recentRuns';
const RECENT_RUNS_KEPT = 10;
/** Unmatched seekers shown on a run's page (the run keeps a capped list; its summary counts them all). */
const UNMATCHED_SHOWN = 50;

function recentRuns() {
  return JSON.parse(sessionStorage.getItem(RECENT_RUNS_KEY) ?? '[]');
}

function remember(run) {
  sessionStorage.setItem(RECENT_RUNS_KEY, JSON.stringify([run, ...recentRuns()].slice(0, RECENT_RUNS_KEPT)));
}

export function matchingScreen({ query: address }) {
  // The fair asked for (from a fair's page) is chosen at once, so a quick submit cannot fall back to the roster.
  const chosenFair = address.get('fairId');
  const fairSelect = field({
    name: 'fairId',
    label: 'Over',
    type: 'select',
    value: chosenFair,
    options: [['', 'the whole roster'], ...(chosenFair ? [[chosenFair, `fair ${chosenFair}`]] : [])],
  });
  const fairLabel = (fair) => `fair: ${fair.name} (${fair.status})`;
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
    title: 'Start a matching run',
    fields: [
      fairSelect,
      field({
        name: 'mode',
        label: 'Mode',
        type: 'select',
        options: [
          ['optimal', 'optimal: the largest total score'],
          ['stable', 'stable: no seeker and opening would both rather have each other'],
        ],
      }),
    ],
    submitLabel: 'Start run',
    submit: (values) => api('/matching/runs', { method: 'POST', body: values }),
    done: ({ id }, form) => {
      const fairOption = form.elements.namedItem('fairId').selectedOptions[0];
      remember({ id, over: fairOption.textContent, mode: form.elements.namedItem('mode').value, at: new Date().toISOString() });
      location.hash = `#/matching/runs/${seg(id)}`;
    },
  });
  return h(
    'div',
    {},
    h('h1', {}, 'Matching'),
    h(
      'div',
      { class: 'grid' },
      h('section', { class: 'card' }, form),
      h(
        'section',
        { class: 'card' },
        h('h2', {}, 'Runs started in this tab'),
        table(
          'Recent runs',
          [
            { label: 'Run', cell: (r) => link(`#/matching/runs/${seg(r.id)}`, r.id) },
            { label: 'Over', cell: (r) => r.over },
            { label: 'Mode', cell: (r) => r.mode },
          ],
          recentRuns(),
          'None yet.',
        ),
      ),
    ),
  );
}

export function runScreen({ params: [runId], actor, onLeave }) {
  const heading = h('h1', {}, 'Matching run');
  const progress = h('progress', { max: 100, value: 0, 'aria-label': 'Progress of the run' });
  const state = h('p', { 'aria-live': 'polite' });
  const summary = h('div');
  const matches = h('div');
  const errors = errorArea();
  let timer;

  async function poll() {
    try {
      const run = await api(`/matching/runs/${seg(runId)}`);
      replace(heading, `Matching run (${run.mode}) `, statusBadge(run.status));
      progress.value = run.progress;
      replace(
        state,
        `${run.progress}% — ${run.fairId ? 'fair ' : 'whole roster'}`,
        run.fairId ? link(`#/fairs/${seg(run.fairId)}`, run.fairId) : null,
      );
      if (run.status === 'failed') errors.show(new Error(`the run failed: ${run.failure ?? 'no reason given'}`));
      if (run.status === 'completed' || run.status === 'failed') {
        clearInterval(timer);
        if (run.summary) replace(summary, runSummary(run));
        if (run.status === 'completed') replace(matches, matchesTable({ runId }, actor));
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
    h('p', {}, link('#/matching', '← Matching')),
    heading,
    h('section', { class: 'card' }, progress, state, errors),
    summary,
    matches,
  );
}

function runSummary({ summary: s, unmatched }) {
  const figures = [
    ['Matched', s.matched],
    ['Unmatched', s.unmatched],
    ['Total score', s.totalScore],
    ['Seekers', s.seekers],
    ['Openings', s.openings],
    ['First-time seats', s.byQuotaClass?.firstTime],
    ['Returning seats', s.byQuotaClass?.returning],
    ['Named (designated)', s.designated],
  ].filter(([, value]) => value !== undefined);
  return h(
    'div',
    { class: 'grid' },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Summary'),
      h(
        'dl',
        { class: 'stats' },
        figures.map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, value))),
      ),
    ),
    h(
      'section',
      { class: 'card' },
      h('h2', {}, 'Why seekers were not matched'),
      table(
        'Unmatched seekers by kind of reason',
        [
          { label: 'Reason', cell: ([reason]) => reason },
          { label: 'Seekers', cell: ([, count]) => count, num: true },
        ],
        Object.entries(s.unmatchedReasons ?? {}),
        'Every seeker was matched.',
      ),
      table(
        `Unmatched seekers (first ${UNMATCHED_SHOWN})`,
        [
          { label: 'Seeker', cell: (u) => u.seekerId },
          {
            label: 'Reasons',
            cell: (u) =>
              h(
                'ul',
                { class: 'reasons' },
                u.reasons.map((r) => h('li', {}, r)),
              ),
          },
        ],
        unmatched.slice(0, UNMATCHED_SHOWN),
        '',
      ),
    ),
  );
}

function breakdown(parts) {
  const entries = Object.entries(parts).filter(([, value]) => value > 0);
  const largest = Math.max(1, ...entries.map(([, value]) => value));
  return h(
    'ul',
    { class: 'breakdown', 'aria-label': 'Score breakdown' },
    entries.map(([part, value]) =>
      h(
        'li',
        {},
        h('span', {}, part),
        h('span', { class: 'bar', style: `width:${Math.round((value / largest) * 100)}%`, 'aria-hidden': 'true' }),
        h('span', { class: 'num' }, value),
      ),
    ),
  );
}

function candidate(m) {
  const c = m.candidate;
  if (!c) return h('span', { class: 'muted' }, 'erased');
  // Employers get no name (EPS style): age, experience and language results.
  const who = c.fullName ? [h('strong', {}, c.fullName), h('br'), h('small', {}, c.nationalId)] : [`age ${c.age}`];
  const tests = c.languageTests.map((t) => `${t.test} ${t.score ?? t.level ?? ''}`.trim()).join(', ');
  return [...who, tests ? [h('br'), h('small', { class: 'muted' }, tests)] : null];
}

/**
 * Matches with their score breakdown. Centre staff approve or reject (with a reason)
 * what is proposed; whoever may hire sees "Hire" on what is approved. `changed` runs
 * after each of those actions (e.g. to show a new placement).
 */
export function matchesTable(params, actor, { title = 'Matches', changed } = {}) {
  const centre = actor.role !== 'employer';
  const list = pagedTable({
    caption: title,
    path: '/matches',
    params,
    columns: [
      { label: 'Candidate', cell: candidate },
      { label: 'Opening', cell: (m) => h('code', {}, m.openingId) },
      { label: 'Score', cell: (m) => m.score, num: true },
      { label: 'Breakdown', cell: (m) => breakdown(m.breakdown) },
      { label: 'Seat', cell: (m) => `${m.quotaClass === 'returning' ? 'returning' : 'first-time'}${m.designated ? ', named' : ''}` },
      { label: 'Status', cell: (m) => [statusBadge(m.status), m.reason ? [h('br'), h('small', {}, m.reason)] : null] },
      { label: 'Action', cell: (m) => matchActions(m, centre, () => Promise.all([list.reload(), changed?.()])) },
    ],
    empty: 'No matches.',
  });
  return h('section', { class: 'card' }, h('h2', {}, title), list);
}

function matchActions(match, centre, changed) {
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
        'Hire',
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
      'Approve',
      after(() => api(`/matches/${seg(match.id)}/approve`, { method: 'POST' })),
      errors,
    ),
    actionForm({
      inline: true,
      title: `Reject the match of ${match.candidate?.fullName ?? match.seekerId}`,
      fields: [field({ name: 'reason', label: 'Reason', required: true })],
      submitLabel: 'Reject',
      secondary: true,
      submit: (values) => api(`/matches/${seg(match.id)}/reject`, { method: 'POST', body: values }),
      done: changed,
    }),
    errors,
  );
}

export function matchesScreen({ actor }) {
  return h('div', {}, h('h1', {}, 'Matches for your openings'), matchesTable({}, actor));
}
