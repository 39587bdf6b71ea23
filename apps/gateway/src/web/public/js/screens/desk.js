import { NATIONAL_ID, api, query, seg } from '../api.js';
import { actionForm, errorArea, h, link, replace, table } from '../dom.js';
import { country, formatNumber, formatTime, t, term } from '../i18n.js';
import { nameOf, nameTag } from '../names.js';
import { keep, upload, waitingCount } from '../offline.js';
import { newClientRef } from './fairs.js';
import { registrationOf, seekerFields } from './seekers.js';

const RECOMMENDATION_ATTEMPTS = 3;
/** How long each ask for recommendations waits on the server for a check-in not applied yet (waitMs). */
const RECOMMENDATION_WAIT_MS = 2000;
const RETRY_MS = 700;
const WALK_IN_ATTEMPTS = 15;
/** The parts of a score named as reasons: the largest few, as the matcher names them. */
const REASONS_SHOWN = 3;

/**
 * The check-in desk of a fair, for a queue of people: one field takes a national ID typed
 * or read by a scanner (which types it and presses Enter), or a seeker's QR code (their
 * profile's, js/qr.js, or the citizen ID card's) read the same way; Enter checks the person in, and
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
  const walkIn = h('div');
  // Not a live region: the outcome of each scan already says when a check-in was kept.
  const waiting = h('p', { class: 'waiting', 'data-testid': 'waiting' });
  const showWaiting = () => {
    const count = waitingCount(fairId);
    waiting.hidden = count === 0;
    replace(waiting, t('desk.waiting', { count: formatNumber(count) }));
  };
  const showRefused = ({ detail: { item, error } }) => {
    const who = item.nationalId ?? item.registration?.fullName ?? item.seekerId;
    if (item.fairId === fairId) errors.show(new Error(t('desk.refused', { id: who, error })));
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

  /**
   * Checks one person in (`identity`: a national ID, a seeker id or a walk-in's registration)
   * and shows their openings; without a network the check-in waits in this browser. The
   * clientRef is made here, once, so a later upload of a check-in that did arrive is harmless.
   */
  async function arrive(identity, who) {
    const turn = ++turns;
    const arrival = { ...identity, clientRef: newClientRef() };
    errors.clear();
    replace(recommendations);
    replace(outcome, t('desk.checkingIn', { id: who }));
    let checkIn;
    try {
      if (!navigator.onLine) throw Object.assign(new Error('offline'), { status: 0 });
      checkIn = await api(`/fairs/${seg(fairId)}/check-ins`, { method: 'POST', body: arrival });
    } catch (error) {
      if (error.status !== 0) throw error;
      keep(fairId, arrival);
      replace(outcome, t('desk.kept', { id: who }));
      return;
    }
    if (!checkIn.seekerId) {
      replace(outcome, t('desk.walkInPending', { name: who }));
      checkIn = await registeredWalkIn(fairId, checkIn.id);
    }
    const name = (await nameOf('seeker', checkIn.seekerId)) ?? who;
    replace(outcome, t('desk.checkedIn', { name, time: formatTime(new Date(checkIn.at)) }));
    // The next person may be scanned meanwhile: the check-in is done, the openings follow.
    recommendationsOf(fairId, checkIn.seekerId, name)
      .then((found) => turn === turns && replace(recommendations, found))
      .catch((error) => turn === turns && errors.show(error));
  }

  /** Someone not registered yet: registered and checked in at once, from the same desk. */
  function offerWalkIn(nationalId) {
    const walkInForm = actionForm({
      title: t('desk.walkIn'),
      fields: seekerFields(nationalId),
      submitLabel: t('desk.walkInSubmit'),
      submit: (values, registrationForm) => arrive({ registration: registrationOf(values, registrationForm) }, values.fullName),
      done: () => {
        replace(walkIn);
        input.focus();
      },
    });
    replace(walkIn, h('section', { class: 'card' }, walkInForm));
    walkInForm.elements.namedItem('fullName').focus();
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const identity = identityOf(input.value);
    if (!identity) return;
    const scanned = identity.nationalId ?? identity.seekerId;
    replace(walkIn);
    try {
      await arrive(identity, scanned);
      input.value = '';
    } catch (error) {
      replace(outcome);
      if (error.status === 404 && identity.nationalId) {
        replace(outcome, t('desk.unknown', { id: scanned }));
        offerWalkIn(scanned);
        return;
      }
      // A seeker's code that nobody has (an erased person's card, a misread): said in words, no walk-in form.
      if (error.status === 404) replace(outcome, t('desk.unknownCode', { id: scanned }));
      else errors.show(error);
    }
    input.select();
    input.focus();
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
    walkIn,
    recommendations,
  );
}

/** A seeker's id (a UUID), as the QR code of their profile carries it (js/qr.js); a scanner may type it in capitals. */
const SEEKER_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Who the desk's field names, typed or scanned: a national ID (also as the first part of the
 * QR code on a citizen identity card, `ID|old ID|name|...`), the QR code of a seeker's
 * profile (their id), or other text taken as a seeker's id as it is; nothing for a blank field.
 */
function identityOf(typed) {
  const text = typed.trim();
  if (!text) return undefined;
  const nationalId = text.split('|')[0].trim().toUpperCase();
  if (NATIONAL_ID.test(nationalId)) return { nationalId };
  if (SEEKER_ID.test(text)) return { seekerId: text.toLowerCase() };
  return { seekerId: text };
}

/** A walk-in's check-in completes once the seekers service registered the person (a Kafka round trip). */
async function registeredWalkIn(fairId, checkInId) {
  for (let attempt = 1; ; attempt++) {
    const checkIn = await api(`/fairs/${seg(fairId)}/check-ins/${seg(checkInId)}`);
    if (checkIn.seekerId) return checkIn;
    if (attempt === WALK_IN_ATTEMPTS) throw new Error(t('desk.walkInSlow'));
    await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
  }
}

/**
 * The matcher computes them when the check-in event reaches it; the route waits for that. Asked
 * again only when it came before the person did (a walk-in registered a moment ago).
 */
async function recommendationsOf(fairId, seekerId, name) {
  for (let attempt = 1; ; attempt++) {
    try {
      const found = await api(`/fairs/${seg(fairId)}/recommendations${query({ seekerId, waitMs: RECOMMENDATION_WAIT_MS })}`);
      return recommendationsTable(found.items, name);
    } catch (error) {
      if (error.status !== 404 || attempt === RECOMMENDATION_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, RETRY_MS));
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
