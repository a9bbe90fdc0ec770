// @ts-check
// The officers' dashboard: the shell (header, navigation, language, live status) and the hash router.

import { ApiError, currentUser, get, logout, onSessionChange } from './api.js';
import { h, replace, s } from './dom.js';
import { label, lang, t } from './i18n.js';
import { onLiveState, startLive, stopLive, subscribe } from './live.js';
import { errorState, langSwitch, loading } from './ui.js';
import { alertsView } from './views/alerts.js';
import { loginView } from './views/login.js';
import { overviewView } from './views/overview.js';
import { parkView } from './views/park.js';
import { reportsView } from './views/reports.js';
import { stationView } from './views/station.js';
import { lotView, wasteView } from './views/waste.js';

/** @typedef {import('./types.js').View} View */
/** @typedef {import('./types.js').Alert} Alert */

/** @type {{ pattern: RegExp, view: View, nav: string }[]} */
const ROUTES = [
  { pattern: /^\/?$/, view: overviewView, nav: 'overview' },
  { pattern: /^\/parks\/([^/]+)$/, view: parkView, nav: 'overview' },
  { pattern: /^\/stations\/([^/]+)$/, view: stationView, nav: 'overview' },
  { pattern: /^\/alerts$/, view: alertsView, nav: 'alerts' },
  { pattern: /^\/waste$/, view: wasteView, nav: 'waste' },
  { pattern: /^\/waste\/lots\/([^/]+)$/, view: lotView, nav: 'waste' },
  { pattern: /^\/reports$/, view: reportsView, nav: 'reports' },
];

const app = /** @type {HTMLElement} */ (document.getElementById('app'));

/** @type {AbortController | null} */
let active = null;
/** @type {(() => void)[]} */
let cleanups = [];
/** @type {(() => void)[]} */
let shellCleanups = [];
/** A message for the login screen (e.g. the session expired). */
let loginNotice = '';
/**
 * The header, main and footer, kept across routes while the user and the language stay the same.
 * @type {{ key: string, main: HTMLElement, setNav: (nav: string) => void } | null}
 */
let frame = null;

function parseHash() {
  const raw = decodeURIComponent(location.hash.replace(/^#/, '') || '/');
  const [path, search = ''] = raw.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

function leaveView() {
  active?.abort();
  active = null;
  for (const cleanup of cleanups.splice(0)) {
    try {
      cleanup();
    } catch {
      // a failing cleanup must not stop the others
    }
  }
}

function clearShell() {
  for (const cleanup of shellCleanups.splice(0)) cleanup();
  frame = null;
}

/**
 * The shell for this user and language, built when either changed.
 * @param {import('./types.js').SessionUser} user
 */
function ensureFrame(user) {
  const key = `${user.username}|${lang()}`;
  if (frame?.key === key) return frame;
  clearShell();
  const main = h('main', { id: 'view', class: 'view', tabindex: '-1' });
  const header = shell();
  replace(app, header, main, footer());
  frame = {
    key,
    main,
    setNav: (nav) => {
      for (const link of header.querySelectorAll('.nav-link')) {
        const on = link.getAttribute('data-testid') === `nav-${nav}`;
        link.classList.toggle('active', on);
        if (on) link.setAttribute('aria-current', 'page');
        else link.removeAttribute('aria-current');
      }
    },
  };
  return frame;
}

/** Draws the current route. */
function route() {
  leaveView();
  const { path, query } = parseHash();
  const user = currentUser();
  document.documentElement.lang = lang();
  if (path === '/login' || !user) {
    clearShell();
    stopLive();
    if (path !== '/login') {
      const next = location.hash && location.hash !== '#/login' ? location.hash : '';
      history.replaceState(null, '', `#/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
    }
    if (user) {
      // Signed in already: go where the user wanted.
      location.hash = safeNext(query.get('next'));
      return;
    }
    document.title = `${t('loginTitle')} · ${t('appShort')}`;
    const notice = loginNotice;
    loginNotice = '';
    replace(
      app,
      loginView({
        notice,
        onLangChange: route,
        onSignedIn: () => {
          location.hash = safeNext(parseHash().query.get('next'));
        },
      }),
    );
    return;
  }
  const match = ROUTES.map((r) => ({ r, m: path.match(r.pattern) })).find((x) => x.m);
  const { main, setNav } = ensureFrame(user);
  setNav(match?.r.nav ?? '');
  startLive();
  window.scrollTo(0, 0);
  if (!match || !match.m) {
    replace(main, errorState(new ApiError(404, 'NOT_FOUND', path)));
    return;
  }
  const controller = new AbortController();
  active = controller;
  replace(main, loading());
  const ctx = {
    root: main,
    params: match.m.slice(1).map((p) => p),
    query,
    signal: controller.signal,
    /** @param {() => void} fn */
    onCleanup: (fn) => {
      cleanups.push(fn);
    },
    user,
  };
  Promise.resolve(match.r.view(ctx)).catch((error) => {
    if (controller.signal.aborted) return;
    if (error instanceof DOMException && error.name === 'AbortError') return;
    replace(main, errorState(error, route));
  });
}

/** @param {string | null} next */
function safeNext(next) {
  return next && next.startsWith('#/') && !next.startsWith('#/login') ? next : '#/';
}

function shell() {
  const user = /** @type {import('./types.js').SessionUser} */ (currentUser());
  const count = h('span', { class: 'nav-count', 'data-testid': 'open-alert-count', hidden: true });
  const liveDot = h('span', { class: 'live', 'data-testid': 'live-status', 'data-state': 'offline' });
  shellCleanups.push(
    onLiveState((state) => {
      liveDot.dataset['state'] = state;
      const text =
        state === 'live' ? t('live') : state === 'connecting' ? t('liveConnecting') : t('liveOffline');
      liveDot.title = text;
      replace(liveDot, h('span', { class: 'live-text' }, text));
    }),
  );
  // The open-alert count in the navigation follows the live stream.
  let timer = 0;
  const refreshCount = () => {
    get('/alerts?status=open&limit=1000').then(
      (body) => {
        const n = /** @type {Alert[]} */ (body).length;
        count.textContent = n >= 1000 ? '999+' : String(n);
        count.hidden = n === 0;
      },
      () => undefined,
    );
  };
  refreshCount();
  shellCleanups.push(
    subscribe(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(refreshCount, 800);
    }),
  );
  shellCleanups.push(() => window.clearTimeout(timer));

  /**
   * @param {string} key
   * @param {string} href
   * @param {import('./dom.js').Child} text
   * @param {import('./dom.js').Child} [extra]
   * @param {string} [title] the full name, when the text is short
   */
  const link = (key, href, text, extra, title) =>
    h('a', { href, class: 'nav-link', 'data-testid': `nav-${key}`, title }, text, extra ?? null);
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h(
        'a',
        { class: 'brand', href: '#/' },
        logo(),
        h(
          'span',
          { class: 'brand-text' },
          h('strong', { class: 'wide-only' }, t('appShort')),
          h('strong', { class: 'phone-only' }, t('brandPhone')),
          h('small', {}, t('appSubtitle')),
        ),
      ),
      h(
        'nav',
        { class: 'nav', 'aria-label': t('mainNav') },
        link('overview', '#/', t('navOverview')),
        link('alerts', '#/alerts', t('navAlerts'), count),
        // Short on every width: four full names do not fit beside the brand and the user.
        link('waste', '#/waste', t('navWasteShort'), null, t('navWaste')),
        link('reports', '#/reports', t('navReports')),
        // The typed console (apps/console) at /console/: its screens replace these as they are ported.
        link('console', '/console/', t('navConsole'), null, t('navConsoleTitle')),
      ),
      h(
        'div',
        { class: 'user' },
        liveDot,
        h(
          'span',
          { class: 'user-name', 'data-testid': 'user-name', 'data-username': user.username },
          user.name,
          h('small', {}, `${user.username} · ${label('role', user.role)}`),
        ),
        langSwitch(route),
        h(
          'button',
          {
            class: 'button ghost small',
            type: 'button',
            'data-testid': 'logout',
            onclick: () => {
              void logout();
            },
          },
          t('logout'),
        ),
      ),
    ),
  );
}

/** A water drop on the brand green. */
function logo() {
  return h(
    'span',
    { class: 'logo', 'aria-hidden': 'true' },
    s(
      'svg',
      { viewBox: '0 0 32 32', width: 32, height: 32 },
      s('rect', { width: 32, height: 32, rx: 8, fill: '#0f5132' }),
      s('path', { d: 'M16 6c4 5 7 8.6 7 12.3A7 7 0 0 1 9 18.3C9 14.6 12 11 16 6z', fill: '#7fd1ae' }),
      s('path', { d: 'M11 20.5h10', stroke: '#0f5132', 'stroke-width': 1.6, 'stroke-linecap': 'round' }),
    ),
  );
}

function footer() {
  return h(
    'footer',
    { class: 'footer' },
    t('appTitle'),
    ' · QCVN 40:2011/BTNMT · ',
    h('a', { href: '/api/docs', target: '_blank', rel: 'noopener' }, 'API'),
  );
}

onSessionChange((session, reason) => {
  if (reason === 'refresh') return;
  if (!session) {
    stopLive();
    if (reason === 'expired') loginNotice = t('sessionExpired');
    const here = location.hash;
    if (parseHash().path === '/login') route();
    else if (reason === 'expired' && here && here !== '#/')
      location.hash = `#/login?next=${encodeURIComponent(here)}`;
    else location.hash = '#/login';
  }
});

window.addEventListener('hashchange', route);
route();
