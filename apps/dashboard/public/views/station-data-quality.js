// @ts-check
// The station page's data-quality card (issue 16.4): the current score, the last 30 days' scores and the
// signals raised, each named and explained from the catalogue by its code and parameters.

import { get } from '../api.js';
import { barChart, responsive } from '../charts.js';
import { addDays, localDay } from '../dates.js';
import { h, replace } from '../dom.js';
import { exact, label, pct, t, when } from '../i18n.js';
import { card, empty, table } from '../ui.js';

/** @typedef {import('../i18n.js').MessageKey} MessageKey */
/**
 * @typedef {object} DqSignal
 * @property {string} code
 * @property {Record<string, unknown>} params
 * @property {string} [day]
 * @property {string | null} [sinceDay]
 */
/**
 * @typedef {object} DqView GET /api/stations/:id/data-quality
 * @property {{ day: string, score: number } | null} current
 * @property {{ day: string, score: number }[]} days
 * @property {DqSignal[]} active
 * @property {DqSignal[]} recent
 */

const TREND_DAYS = 30;
const RECENT_ROWS = 10;

/**
 * The card, filled in when the data arrives (the rest of the station page does not wait for it).
 * @param {string} stationId
 * @param {AbortSignal} signal
 * @param {(cleanup: () => void) => void} onCleanup
 */
export function dataQualityCard(stationId, signal, onCleanup) {
  const body = h('div', { class: 'dq-body' }, h('p', { class: 'muted' }, t('loading')));
  const today = localDay(new Date());
  const from = addDays(today, -TREND_DAYS);
  const to = addDays(today, 1);
  get(`/stations/${encodeURIComponent(stationId)}/data-quality?from=${from}&to=${to}`, signal)
    .then((view) => replace(body, ...content(/** @type {DqView} */ (view), from, to, onCleanup)))
    .catch(() => {
      if (!signal.aborted) replace(body, empty(t('errorLoad')));
    });
  return card(t('dqTitle'), [h('p', { class: 'card-note' }, t('dqNote')), body], { testid: 'data-quality' });
}

/**
 * @param {DqView} view
 * @param {string} from
 * @param {string} to
 * @param {(cleanup: () => void) => void} onCleanup
 */
function content(view, from, to, onCleanup) {
  if (!view.current) return [empty(t('dqNoDays'))];
  const byDay = new Map(view.days.map((d) => [d.day, d.score]));
  /** @type {string[]} */
  const days = [];
  for (let d = from; d < to; d = addDays(d, 1)) days.push(d);
  const host = h('div', { class: 'chart-host' });
  onCleanup(
    responsive(host, (width) =>
      barChart(
        days.map((d) => {
          const score = byDay.get(d);
          return {
            label: d.slice(8),
            value: score === undefined ? null : score / 100,
            className: score === undefined ? '' : tone(score, 'fill'),
            title: `${when(new Date(`${d}T12:00:00+07:00`), 'date')}: ${score ?? t('none')}`,
          };
        }),
        width,
        { height: 120, formatPercent: (v) => String(Math.round(v * 100)), testid: 'dq-trend' },
      ),
    ),
  );
  const score = view.current.score;
  return [
    h(
      'div',
      { class: 'capture-figure' },
      h('span', { class: tone(score, 'tone-text'), 'data-testid': 'dq-score' }, String(score)),
      h(
        'span',
        { class: 'muted small-note' },
        ` / 100 · ${t('dqScoreOf', { day: when(new Date(`${view.current.day}T12:00:00+07:00`), 'date') })}`,
      ),
    ),
    host,
    h('h3', {}, t('dqActive')),
    view.active.length
      ? table(
          [t('dqSignal'), t('dqDetail')],
          view.active.map((s) => [
            h('span', { 'data-testid': 'dq-active', 'data-code': s.code }, signalName(s.code)),
            `${detail(s)}${s.sinceDay ? ` · ${t('dqSince', { day: when(new Date(`${s.sinceDay}T12:00:00+07:00`), 'date') })}` : ''}`,
          ]),
        )
      : h('p', { class: 'muted' }, t('dqNoActive')),
    view.recent.length
      ? h(
          'details',
          {},
          h('summary', {}, t('dqRecent')),
          table(
            [t('pubDay'), t('dqSignal'), t('dqDetail')],
            view.recent
              .slice(0, RECENT_ROWS)
              .map((s) => [when(new Date(`${s.day}T12:00:00+07:00`), 'date'), signalName(s.code), detail(s)]),
          ),
        )
      : null,
  ];
}

/** @param {string} code */
function signalName(code) {
  return label('dq', code);
}

/**
 * A signal's parameters in words: by its reason when it has one, else by its code.
 * @param {DqSignal} s
 */
function detail(s) {
  const p = s.params ?? {};
  /** @type {Record<string, string | number>} */
  const words = {};
  for (const [k, v] of Object.entries(p)) {
    if (k === 'parameter' && typeof v === 'string') words[k] = label('param', v);
    else if ((k === 'share' || k === 'bandLow') && typeof v === 'number') words[k] = pct(v);
    else if ((k === 'at' || k === 'first' || k === 'from' || k === 'to') && typeof v === 'string')
      words[k] = when(v);
    else if (k === 'sameAsDay' && typeof v === 'string')
      words[k] = when(new Date(`${v}T12:00:00+07:00`), 'date');
    else if (typeof v === 'number') words[k] = exact(v);
    else if (typeof v === 'string') words[k] = v;
  }
  const text = typeof p['reason'] === 'string' ? label('dqr', p['reason']) : label('dqp', s.code);
  return text.replace(/\{(\w+)\}/g, (whole, name) => (name in words ? String(words[name]) : whole));
}

/**
 * @param {number} score
 * @param {'fill' | 'tone-text'} prefix
 */
function tone(score, prefix) {
  return `${prefix}-${score >= 90 ? 'good' : score >= 70 ? 'warn' : 'bad'}`;
}
