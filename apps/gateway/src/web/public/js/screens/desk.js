import { NATIONAL_ID, api, query, seg } from '../api.js';
import { errorArea, h, link, replace, table } from '../dom.js';
import { country, formatNumber, formatTime, t, term } from '../i18n.js';
import { nameOf, nameTag } from '../names.js';
import { keep, upload, waitingCount } from '../offline.js';
import { newClientRef } from './fairs.js';

const RECOMMENDATION_ATTEMPTS = 6;
const RECOMMENDATION_RETRY_MS = 700;
/** The parts of a score named as reasons: the largest few, as the matcher names them. */
const REASONS_SHOWN = 3;

/**
 * The check-in desk of a fair, for a queue of people: one field takes a national ID typed
 * or read by a scanner (which types it and presses Enter), Enter checks the person in, and
 * their best openings at this fair appear with the reasons in words. The field keeps the
 * focus, so the whole desk works from the keyboard (or the scanner) alone.
 */
export function deskScreen({ params: [fairId], onLeave }) {
  const heading = h('h1', {}, t('desk.heading'));
  void nameOf('fair', fairId).then((name) => name && replace(heading, t('desk.headingOf', { fair: name })));
  const input = h('input', {
    id: 'desk-id',
    name: 'id',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    'aria-describedby': 'desk-id-hint',
  });
  const outcome = h('div', { role: 'status', class: 'desk-outcome' });
  const errors = errorArea();
  const recommendations = h('div');
  // Not a live region: the outcome of each scan already says when a check-in was kept.
  const waiting = h('p', { class: 'waiting', 'data-testid': 'waiting' });
  const showWaiting = () => {
    const count = waitingCount(fairId);
    waiting.hidden = count === 0;
    replace(waiting, t('desk.waiting', { count: formatNumber(count) }));
  };
  const showRefused = ({ detail: { item, error } }) => {
    if (item.fairId === fairId) errors.show(new Error(t('desk.refused', { id: item.nationalId ?? item.seekerId, error })));
  };
  window.addEventListener('offline-queue', showWaiting);
  window.addEventListener('offline-refused', showRefused);
  onLeave(() => {
    window.removeEventListener('offline-queue', showWaiting);
    window.removeEventListener('offline-refused', showRefused);
  });
  showWaiting();
  const form = h(
    'form',
    { 'aria-label': t('desk.heading'), class: 'desk', novalidate: true },
    h('label', { for: 'desk-id' }, t('desk.idLabel')),
    input,
    h('small', { id: 'desk-id-hint', class: 'muted' }, t('desk.idHint')),
  );

  /** Each person's turn at the desk: a slow answer for the previous one must not replace the current one's. */
  let turns = 0;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const scanned = input.value.trim().toUpperCase();
    if (!scanned) return;
    const turn = ++turns;
    errors.clear();
    replace(recommendations);
    replace(outcome, t('desk.checkingIn', { id: scanned }));
    const identity = NATIONAL_ID.test(scanned) ? { nationalId: scanned } : { seekerId: input.value.trim() };
    const arrival = { ...identity, clientRef: newClientRef() };
    const keepForLater = () => {
      keep(fairId, arrival);
      input.value = '';
      replace(outcome, t('desk.kept', { id: scanned }));
    };
    try {
      if (!navigator.onLine) {
        keepForLater();
        return;
      }
      const checkIn = await api(`/fairs/${seg(fairId)}/check-ins`, { method: 'POST', body: arrival });
      input.value = '';
      const name = checkIn.seekerId ? ((await nameOf('seeker', checkIn.seekerId)) ?? scanned) : scanned;
      replace(outcome, t('desk.checkedIn', { name, time: formatTime(new Date(checkIn.at)) }));
      if (checkIn.seekerId) {
        // The next person may be scanned meanwhile: the check-in is done, the openings follow.
        recommendationsOf(fairId, checkIn.seekerId, name)
          .then((found) => turn === turns && replace(recommendations, found))
          .catch((error) => turn === turns && errors.show(error));
      }
    } catch (error) {
      replace(outcome);
      // No answer at all: the network is down; the same clientRef makes a later upload of it safe.
      if (error.status === 0) keepForLater();
      else if (error.status === 404 && identity.nationalId) {
        replace(
          outcome,
          t('desk.unknown', { id: scanned }),
          ' ',
          link(`#/seekers/new${query({ nationalId: scanned })}`, t('desk.register')),
        );
      } else errors.show(error);
    } finally {
      input.select();
      input.focus();
    }
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') input.value = '';
  });
  queueMicrotask(() => input.focus());
  if (navigator.onLine && waitingCount(fairId)) void upload();

  return h(
    'div',
    {},
    h('p', {}, link(`#/fairs/${seg(fairId)}`, t('desk.back'))),
    heading,
    h('section', { class: 'card' }, form, outcome, waiting, errors),
    recommendations,
  );
}

/** The matcher computes them when the check-in event reaches it: a fresh check-in may take a moment. */
async function recommendationsOf(fairId, seekerId, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      const found = await api(`/fairs/${seg(fairId)}/recommendations${query({ seekerId })}`);
      return recommendationsTable(found.items, name);
    } catch (error) {
      if (error.status !== 404 || attempt === RECOMMENDATION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RECOMMENDATION_RETRY_MS));
    }
  }
}

/** Why an opening fits, in words: its largest score parts (household priority is counted, never named). */
export function scoreReasons(breakdown) {
  return Object.entries(breakdown)
    .filter(([part, points]) => part !== 'household' && points > 0)
    .sort(([, a], [, b]) => b - a)
    .slice(0, REASONS_SHOWN)
    .map(([part, points]) => t('desk.reason', { part: term('scorePart', part), points: formatNumber(points) }));
}

function recommendationsTable(items, name) {
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, t('desk.recommendationsFor', { name })),
    table(
      t('desk.recommendationsFor', { name }),
      [
        { label: t('desk.opening'), cell: (r) => r.title },
        { label: t('desk.employer'), cell: (r) => nameTag('employer', r.employerId) },
        { label: t('desk.sector'), cell: (r) => term('sector', r.sector) },
        { label: t('desk.where'), cell: (r) => [r.province, country(r.country)].filter(Boolean).join(', ') },
        { label: t('desk.score'), cell: (r) => formatNumber(r.score), num: true },
        {
          label: t('desk.why'),
          cell: (r) =>
            h(
              'ul',
              { class: 'reasons' },
              r.designated ? h('li', {}, t('desk.designated')) : null,
              scoreReasons(r.breakdown).map((reason) => h('li', {}, reason)),
            ),
        },
      ],
      items,
      t('desk.noneFits'),
    ),
  );
}
