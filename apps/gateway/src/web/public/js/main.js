import { api, session } from './api.js';
import { h, replace } from './dom.js';
import { LANGUAGES, currentLanguage, preferredLanguage, rememberLanguage, t, term, useLanguage } from './i18n.js';
import { forgetNames } from './names.js';
import { uploadWhenOnline } from './offline.js';
import { signInScreen } from './screens/sign-in.js';
import { fairsScreen, fairScreen } from './screens/fairs.js';
import { matchingScreen, runScreen, matchesScreen } from './screens/matching.js';
import { placementsScreen } from './screens/placements.js';
import { reportsScreen } from './screens/reports.js';
import { employersScreen, openingScreen, openingsScreen } from './screens/employers.js';
import { deskScreen } from './screens/desk.js';
import { fairReportScreen } from './screens/fair-report.js';
import { plansScreen } from './screens/plans.js';
import { expiriesScreen } from './screens/expiries.js';
import { duplicatesScreen } from './screens/duplicates.js';
import { usersScreen } from './screens/users.js';
import { registerSeekerScreen, seekerScreen, seekersScreen } from './screens/seekers.js';

const CENTRE = ['admin', 'staff'];
const EVERYONE = ['admin', 'staff', 'employer'];

/** Hash routes (no server fallback needed): pattern, screen, who sees it, and the menu entry if any. */
const ROUTES = [
  { path: /^\/fairs$/, screen: fairsScreen, roles: CENTRE, menu: ['#/fairs', 'nav.fairs'] },
  { path: /^\/fairs\/([^/]+)$/, screen: fairScreen, roles: CENTRE, section: '#/fairs' },
  { path: /^\/fairs\/([^/]+)\/desk$/, screen: deskScreen, roles: CENTRE, section: '#/fairs' },
  { path: /^\/fairs\/([^/]+)\/report$/, screen: fairReportScreen, roles: CENTRE, section: '#/fairs' },
  { path: /^\/seekers$/, screen: seekersScreen, roles: CENTRE, menu: ['#/seekers', 'nav.seekers'] },
  { path: /^\/seekers\/duplicates$/, screen: duplicatesScreen, roles: CENTRE, menu: ['#/seekers/duplicates', 'nav.duplicates'] },
  { path: /^\/seekers\/new$/, screen: registerSeekerScreen, roles: CENTRE, section: '#/seekers' },
  { path: /^\/seekers\/([^/]+)$/, screen: seekerScreen, roles: CENTRE, section: '#/seekers' },
  { path: /^\/matching$/, screen: matchingScreen, roles: CENTRE, menu: ['#/matching', 'nav.matching'] },
  { path: /^\/matching\/runs\/([^/]+)$/, screen: runScreen, roles: CENTRE, section: '#/matching' },
  { path: /^\/matches$/, screen: matchesScreen, roles: ['employer'], menu: ['#/matches', 'nav.matches'] },
  { path: /^\/placements$/, screen: placementsScreen, roles: EVERYONE, menu: ['#/placements', 'nav.placements'] },
  { path: /^\/reports$/, screen: reportsScreen, roles: CENTRE, menu: ['#/reports', 'nav.reports'] },
  { path: /^\/plans$/, screen: plansScreen, roles: CENTRE, menu: ['#/plans', 'nav.plans'] },
  { path: /^\/expiries$/, screen: expiriesScreen, roles: CENTRE, menu: ['#/expiries', 'nav.expiries'] },
  { path: /^\/employers$/, screen: employersScreen, roles: CENTRE, menu: ['#/employers', 'nav.employers'] },
  { path: /^\/openings$/, screen: openingsScreen, roles: EVERYONE, menu: ['#/openings', 'nav.openings'] },
  { path: /^\/openings\/([^/]+)$/, screen: openingScreen, roles: EVERYONE, section: '#/openings' },
  { path: /^\/users$/, screen: usersScreen, roles: ['admin'], menu: ['#/users', 'nav.users'] },
];

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const userBox = document.getElementById('user');
const languageBox = document.getElementById('language');

let actor = null;
/** What the current screen asked to stop when it is left (timers). */
let leaving = [];

function leave() {
  for (const stop of leaving) stop();
  leaving = [];
}

/** `#/path?x=1` -> the path and its query (screens may take options from it). */
function currentAddress() {
  const [path, search = ''] = location.hash.replace(/^#/, '').split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

/** The other language, named in its own words (someone who cannot read this one still finds theirs). */
function languageSwitch() {
  const other = LANGUAGES.find((language) => language !== currentLanguage());
  const button = h('button', { type: 'button', class: 'secondary', lang: other }, t(`language.${other}`));
  button.addEventListener('click', async () => {
    rememberLanguage(other, actor?.username);
    await useLanguage(other);
    renderChrome();
    await route();
  });
  return button;
}

function renderChrome() {
  document.title = t('app.title');
  document.querySelector('.skip').textContent = t('app.skip');
  document.querySelector('.brand').textContent = t('app.brand');
  nav.setAttribute('aria-label', t('app.menu'));
  const visible = actor ? ROUTES.filter((r) => r.menu && r.roles.includes(actor.role)) : [];
  replace(
    nav,
    visible.map(({ menu: [href, label] }) => h('a', { href }, t(label))),
  );
  replace(languageBox, languageSwitch());
  if (!actor) {
    replace(userBox);
    return;
  }
  const signOut = h('button', { type: 'button', class: 'secondary' }, t('app.signOut'));
  signOut.addEventListener('click', () => session.end());
  replace(
    userBox,
    h('span', { 'data-testid': 'username' }, actor.username),
    h('span', { class: 'role' }, term('role', actor.role)),
    signOut,
  );
}

function markCurrent(route) {
  const section = route?.section ?? route?.menu?.[0];
  for (const a of nav.querySelectorAll('a')) {
    if (a.getAttribute('href') === section) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  leave();
  forgetNames();
  if (!session.token) {
    actor = null;
    renderChrome();
    replace(view, signInScreen({ signedIn: start }));
    view.querySelector('input')?.focus();
    return;
  }
  const { path, query } = currentAddress();
  const allowed = ROUTES.filter((r) => r.roles.includes(actor.role));
  const match = allowed.map((r) => ({ r, params: path.match(r.path) })).find(({ params }) => params);
  if (!match) {
    location.hash = allowed.find((r) => r.menu).menu[0];
    return;
  }
  markCurrent(match.r);
  const context = {
    actor,
    params: match.params.slice(1).map(decodeURIComponent),
    query,
    onLeave: (stop) => leaving.push(stop),
  };
  replace(view, match.r.screen(context));
  view.focus();
}

/** After sign-in (or a reload with a token): who am I, then the screen of the address. */
async function start() {
  try {
    actor = await api('/auth/me');
    session.remember(actor);
  } catch (error) {
    // Offline (a reload at a fair without network): the tab's last answer stands in, so the desk keeps working.
    if (error.status === 0 && session.actor) actor = session.actor;
    else {
      // A rejected token has already ended the session (api.js); any other failure ends it here.
      if (session.token) session.end();
      return;
    }
  }
  const language = preferredLanguage(actor.username);
  if (language !== currentLanguage()) await useLanguage(language);
  renderChrome();
  await route();
}

window.addEventListener('hashchange', () => void route());
// On paper nothing can be clicked open: the numbers under each chart print with it.
let closedForPrint = [];
window.addEventListener('beforeprint', () => {
  const closed = [...view.querySelectorAll('details:not([open])')];
  for (const details of closed) details.open = true;
  closedForPrint.push(...closed);
});
window.addEventListener('afterprint', () => {
  for (const details of closedForPrint) details.open = false;
  closedForPrint = [];
});
// The next person at the desk gets the sign-in screen in the device's language, not the last user's.
window.addEventListener('session-ended', async () => {
  actor = null;
  await useLanguage(preferredLanguage());
  renderChrome();
  await route();
});

await useLanguage(preferredLanguage());
renderChrome();
uploadWhenOnline();
// The console's files kept for a reload without a network (sw.js); without it the console still works online.
navigator.serviceWorker?.register('sw.js').catch(() => undefined);
if (session.token) void start();
else void route();
