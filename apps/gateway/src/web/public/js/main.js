import { api, session } from './api.js';
import { h, replace } from './dom.js';
import { signInScreen } from './screens/sign-in.js';
import { fairsScreen, fairScreen } from './screens/fairs.js';
import { matchingScreen, runScreen, matchesScreen } from './screens/matching.js';
import { placementsScreen } from './screens/placements.js';
import { reportsScreen } from './screens/reports.js';
import { employersScreen, openingsScreen } from './screens/employers.js';

const CENTRE = ['admin', 'staff'];
const EVERYONE = ['admin', 'staff', 'employer'];

/** Hash routes (no server fallback needed): pattern, screen, who sees it, and the menu entry if any. */
const ROUTES = [
  { path: /^\/fairs$/, screen: fairsScreen, roles: CENTRE, menu: ['#/fairs', 'Fairs'] },
  { path: /^\/fairs\/([^/]+)$/, screen: fairScreen, roles: CENTRE, section: '#/fairs' },
  { path: /^\/matching$/, screen: matchingScreen, roles: CENTRE, menu: ['#/matching', 'Matching'] },
  { path: /^\/matching\/runs\/([^/]+)$/, screen: runScreen, roles: CENTRE, section: '#/matching' },
  { path: /^\/matches$/, screen: matchesScreen, roles: ['employer'], menu: ['#/matches', 'Matches'] },
  { path: /^\/placements$/, screen: placementsScreen, roles: EVERYONE, menu: ['#/placements', 'Placements'] },
  { path: /^\/reports$/, screen: reportsScreen, roles: CENTRE, menu: ['#/reports', 'Reports'] },
  { path: /^\/employers$/, screen: employersScreen, roles: CENTRE, menu: ['#/employers', 'Employers'] },
  { path: /^\/openings$/, screen: openingsScreen, roles: EVERYONE, menu: ['#/openings', 'Openings'] },
];

const view = document.getElementById('view');
const nav = document.getElementById('nav');
const userBox = document.getElementById('user');

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

function renderChrome() {
  const visible = actor ? ROUTES.filter((r) => r.menu && r.roles.includes(actor.role)) : [];
  replace(
    nav,
    visible.map(({ menu: [href, label] }) => h('a', { href }, label)),
  );
  if (!actor) {
    replace(userBox);
    return;
  }
  const signOut = h('button', { type: 'button', class: 'secondary' }, 'Sign out');
  signOut.addEventListener('click', () => session.end());
  replace(userBox, h('span', { 'data-testid': 'username' }, actor.username), h('span', { class: 'role' }, actor.role), signOut);
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
  } catch {
    // A rejected token has already ended the session (api.js); any other failure ends it here.
    if (session.token) session.end();
    return;
  }
  renderChrome();
  await route();
}

window.addEventListener('hashchange', () => void route());
window.addEventListener('session-ended', () => {
  actor = null;
  void route();
});

if (session.token) void start();
else void route();
