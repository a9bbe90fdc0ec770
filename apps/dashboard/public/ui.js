// @ts-check
// Shared pieces of the views: cards, status badges, progress bars, loading and error states.

import { ApiError } from './api.js';
import { h, s } from './dom.js';
import { label, lang, pct, setLang, t } from './i18n.js';

/** @typedef {import('./dom.js').Child} Child */
/** @typedef {import('./i18n.js').MessageKey} MessageKey */

/**
 * Colour class of a verdict or park status: green compliant, red exceedance, grey no data.
 * @param {string} status
 */
export function tone(status) {
  switch (status) {
    case 'met':
    case 'compliant':
    case 'treated_conforming':
    case 'resolved':
      return 'good';
    case 'exceedance':
    case 'non_conforming':
    case 'critical':
      return 'bad';
    case 'warning':
    case 'suspected_exceedance':
    case 'in_progress':
    case 'open':
      return 'warn';
    case 'no_permit':
      return 'muted';
    case 'info':
    case 'acknowledged':
      return 'info';
    case 'no_operating_plant':
      return 'idle';
    default:
      return 'nodata';
  }
}

/**
 * A coloured status pill.
 * @param {string} prefix label table prefix, e.g. 'status'
 * @param {string} value
 * @param {Record<string, string>} [attrs]
 */
export function badge(prefix, value, attrs = {}) {
  return h('span', { class: `badge tone-${tone(value)}`, ...attrs }, label(prefix, value));
}

/**
 * @param {string} title
 * @param {Child[]} children
 * @param {{ testid?: string, class?: string, actions?: Child }} [options]
 */
export function card(title, children, options = {}) {
  return h(
    'section',
    { class: `card ${options.class ?? ''}`, 'data-testid': options.testid },
    h('div', { class: 'card-head' }, h('h2', {}, title), options.actions ?? null),
    ...children,
  );
}

/**
 * The page title row.
 * @param {string} title
 * @param {Child} [lead]
 * @param {Child} [aside]
 */
export function pageHead(title, lead, aside) {
  return h(
    'div',
    { class: 'page-head' },
    h('div', {}, h('h1', {}, title), lead ? h('p', { class: 'lead' }, lead) : null),
    aside ? h('div', { class: 'page-aside' }, aside) : null,
  );
}

/**
 * A progress bar toward a target of 100 %.
 * @param {{ share: number | null, testid: string, title: string, detail: Child, target: string }} o
 */
export function targetBar(o) {
  const value = o.share === null ? 0 : Math.max(0, Math.min(1, o.share));
  const level = o.share === null ? 'nodata' : value >= 1 ? 'good' : value >= 0.5 ? 'warn' : 'bad';
  return h(
    'div',
    { class: 'target', 'data-testid': o.testid, 'data-share': o.share === null ? '' : String(o.share) },
    h('div', { class: 'target-title' }, o.title),
    h(
      'div',
      { class: 'target-figure' },
      h('span', { class: `target-value tone-text-${level}` }, pct(o.share)),
      h('span', { class: 'target-goal' }, o.target),
    ),
    h(
      'div',
      {
        class: 'progress',
        role: 'progressbar',
        'aria-label': o.title,
        'aria-valuemin': 0,
        'aria-valuemax': 100,
        'aria-valuenow': Math.round(value * 100),
      },
      h('div', { class: `progress-fill fill-${level}`, style: `width:${(value * 100).toFixed(1)}%` }),
      h('div', { class: 'progress-target', title: '100 %' }),
    ),
    h('div', { class: 'target-detail' }, o.detail),
  );
}

export function loading() {
  return h(
    'div',
    { class: 'state loading', 'data-testid': 'loading', role: 'status' },
    h('span', { class: 'spinner' }),
    t('loading'),
  );
}

/**
 * The message for a failed request: access denied, not found, or the error itself.
 * @param {unknown} error
 * @param {() => void} [retry]
 */
export function errorState(error, retry) {
  if (error instanceof ApiError && error.status === 403) {
    return h(
      'div',
      { class: 'state denied', 'data-testid': 'access-denied', role: 'alert' },
      h('div', { class: 'state-icon', 'aria-hidden': 'true' }, lockIcon()),
      h('h2', {}, t('accessDenied')),
      h('p', {}, t('accessDeniedText')),
      h('a', { class: 'button', href: '#/' }, t('backToOverview')),
    );
  }
  if (error instanceof ApiError && error.status === 404) {
    return h(
      'div',
      { class: 'state', 'data-testid': 'not-found', role: 'alert' },
      h('h2', {}, t('notFound')),
      h('p', {}, t('notFoundText')),
      h('a', { class: 'button', href: '#/' }, t('backToOverview')),
    );
  }
  const message = error instanceof Error ? error.message : String(error);
  return h(
    'div',
    { class: 'state error', 'data-testid': 'load-error', role: 'alert' },
    h('h2', {}, t('errorLoad')),
    h('p', { class: 'muted' }, message),
    retry ? h('button', { class: 'button', type: 'button', onclick: () => retry() }, t('retry')) : null,
  );
}

/**
 * A definition list of facts; empty values are left out.
 * @param {[string, Child][]} rows
 */
export function facts(rows) {
  return h(
    'dl',
    { class: 'facts' },
    rows
      .filter(([, v]) => v !== null && v !== undefined && v !== '')
      .map(([k, v]) => h('div', { class: 'fact' }, h('dt', {}, k), h('dd', {}, v))),
  );
}

/**
 * A horizontal bar of day counts (compliant, exceedance, insufficient data, no permit, missing).
 * @param {{ compliantDays: number, exceedanceDays: number, insufficientDays: number, noPermitDays: number, missingDays: number, days: number }} s
 */
export function daysBar(s) {
  /** @type {[number, string, MessageKey][]} */
  const parts = [
    [s.compliantDays, 'good', 'daysCompliant'],
    [s.exceedanceDays, 'bad', 'daysExceedance'],
    [s.insufficientDays, 'nodata', 'daysInsufficient'],
    [s.noPermitDays, 'muted', 'daysNoPermit'],
    [s.missingDays, 'empty', 'daysMissing'],
  ];
  const total = Math.max(1, s.days);
  return h(
    'div',
    { class: 'days' },
    h(
      'div',
      { class: 'days-bar', role: 'img', 'aria-label': parts.map(([n, , k]) => `${t(k)}: ${n}`).join(', ') },
      parts
        .filter(([n]) => n > 0)
        .map(([n, cls, key]) =>
          h('span', { class: `seg seg-${cls}`, style: `flex:${n / total}`, title: `${t(key)}: ${n}` }),
        ),
    ),
    h(
      'ul',
      { class: 'days-legend' },
      parts
        .filter(([n]) => n > 0)
        .map(([n, cls, key]) => h('li', {}, h('span', { class: `dot seg-${cls}` }), `${t(key)}: ${n}`)),
    ),
  );
}

/**
 * A text from the server (English, free text), marked as such for readers of the Vietnamese interface.
 * @param {string} text
 */
export function serverText(text) {
  return h('span', { class: 'server-text', lang: 'en', title: t('serverText') }, text);
}

/**
 * A simple table; rows are arrays of cells.
 * @param {string[]} head
 * @param {Child[][]} rows
 * @param {{ testid?: string, class?: string }} [o]
 */
export function table(head, rows, o = {}) {
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: `table ${o.class ?? ''}`, 'data-testid': o.testid },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          head.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            r.map((c, i) => h('td', { 'data-label': head[i] ?? '' }, c)),
          ),
        ),
      ),
    ),
  );
}

/** @param {string} text */
export function empty(text) {
  return h('p', { class: 'empty' }, text);
}

/**
 * Hands a file to the browser's downloads: an object URL on a temporary `<a download>`, clicked.
 * @param {Blob} blob
 * @param {string} filename
 */
export function saveFile(blob, filename) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.appendChild(link);
  link.click();
  link.remove();
  // Revoked once the browser has surely started reading it.
  window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The VI / EN switch.
 * @param {() => void} onChange
 */
export function langSwitch(onChange) {
  return h(
    'button',
    {
      class: 'button ghost small lang',
      type: 'button',
      'data-testid': 'lang-switch',
      'data-lang': lang(),
      title: t('switchToLabel'),
      'aria-label': t('switchToLabel'),
      onclick: () => {
        setLang(lang() === 'vi' ? 'en' : 'vi');
        onChange();
      },
    },
    t('switchTo'),
  );
}

/**
 * A park's, treatment plant's or station's name in the reader's language (the English name when it has no
 * Vietnamese one).
 * @param {{ name: string, nameVi: string | null }} named
 */
export function localName(named) {
  return lang() === 'vi' && named.nameVi ? named.nameVi : named.name;
}

/**
 * A shorter name for tiles and lists: "KCN Đình Vũ" for "Khu công nghiệp Đình Vũ".
 * @param {Pick<import('./types.js').Park, 'name' | 'nameVi'>} park
 */
export function shortParkName(park) {
  return localName(park)
    .replace(/^Khu công nghiệp và khu phi thuế quan /, 'KCN và KPTQ ')
    .replace(/^Khu công nghiệp /, 'KCN ');
}

function lockIcon() {
  return s(
    'svg',
    {
      viewBox: '0 0 24 24',
      width: 40,
      height: 40,
      fill: 'none',
      stroke: 'currentColor',
      'stroke-width': 1.8,
    },
    s('rect', { x: 4.5, y: 10.5, width: 15, height: 10, rx: 2 }),
    s('path', { d: 'M8 10.5V7.5a4 4 0 0 1 8 0v3', 'stroke-linecap': 'round' }),
    s('circle', { cx: 12, cy: 15.5, r: 1.4, fill: 'currentColor', stroke: 'none' }),
  );
}
