// @ts-check
// The public page of Decree 08/2022/ND-CP Art. 102: each discharger's continuous automatic monitoring
// results of the last 30 days, with the permit limits in force. No sign-in: it reads only /api/open/v1.

import { addDays, localDay } from './dates.js';
import { h, replace } from './dom.js';
import { lang, num, PARAMETER_ORDER, t, when } from './i18n.js';
import { card, empty, langSwitch, loading, table } from './ui.js';

const OPEN = '/api/open/v1/monitoring';
/** Readings are public for 30 days (Decree 08/2022 Art. 102(2)(a)). */
const DAYS = 30;

/**
 * @typedef {{ parameter: string, min: number | null, max: number | null }} Limit
 * @typedef {{ parkCode: string, parkName: string, parkNameVi: string | null, stationId: number,
 *   stationCode: string, stationName: string, stationNameVi: string | null,
 *   permit: { number: string | null, standard: string, column: string } | null, limits: Limit[] }} Station
 * @typedef {{ parameter: string, value: number, unit: string | null, time: string, status: string,
 *   limitMin: number | null, limitMax: number | null, corrected: boolean }} Reading
 */

/**
 * @template T
 * @typedef {{ licence: { name: string, url: string }, data: T }} Envelope
 */

/**
 * @param {string} path
 * @param {AbortSignal} signal
 */
async function fetchOpen(path, signal) {
  const response = await fetch(path, { signal });
  if (response.status === 429)
    throw new Error(t('pubTooMany', { s: response.headers.get('retry-after') ?? '60' }));
  if (!response.ok) throw new Error(`${t('pubError')} (HTTP ${response.status})`);
  return response.json();
}

/** A limit exactly as the permit states it (never rounded). @param {number | null} min @param {number | null} max */
function limitText(min, max) {
  if (min === null && max === null) return t('pubNotJudged');
  if (min !== null && max !== null) return `${num(min, 10)}–${num(max, 10)}`;
  return min !== null ? `≥ ${num(min, 10)}` : `≤ ${num(max, 10)}`;
}

const app = /** @type {HTMLElement} */ (document.getElementById('app'));
/** @type {{ station: number | null, day: string, parameter: string }} */
const state = { station: null, day: localDay(), parameter: '' };
/** @type {AbortController | null} */
let active = null;

function readHash() {
  const query = new URLSearchParams(location.hash.replace(/^#/, ''));
  const station = Number(query.get('station'));
  state.station = Number.isInteger(station) && station > 0 ? station : null;
  const day = query.get('day') ?? '';
  const today = localDay();
  state.day = /^\d{4}-\d{2}-\d{2}$/.test(day) && day <= today && day > addDays(today, -DAYS) ? day : today;
  state.parameter = query.get('parameter') ?? '';
}

/** @param {Partial<typeof state>} change */
function go(change) {
  // From the address as it is now: a change made before the last one was drawn is kept.
  readHash();
  const next = { ...state, ...change };
  const query = new URLSearchParams();
  if (next.station) query.set('station', String(next.station));
  if (next.station) query.set('day', next.day);
  if (next.parameter) query.set('parameter', next.parameter);
  location.hash = query.toString();
}

async function render() {
  active?.abort();
  const controller = new AbortController();
  active = controller;
  readHash();
  document.documentElement.lang = lang();
  document.title = `${t('pubTitle')} · KCN Hải Phòng`;
  const main = h('main', { id: 'view', class: 'view', 'data-testid': 'disclosure' }, loading());
  replace(app, header(), main);
  try {
    /** @type {Envelope<Station[]>} */
    const stations = await fetchOpen(`${OPEN}/stations`, controller.signal);
    const licence = h(
      'p',
      { class: 'lead', 'data-testid': 'disclosure-licence' },
      `${t('pubLicence')} `,
      h(
        'a',
        { href: stations.licence.url, rel: 'license noopener', target: '_blank' },
        stations.licence.name,
      ),
    );
    const parks = groupByPark(stations.data);
    const selected = stations.data.find((s) => s.stationId === state.station) ?? null;
    replace(
      main,
      h(
        'div',
        { class: 'page-head' },
        h('div', {}, h('h1', {}, t('pubTitle')), h('p', { class: 'lead' }, t('pubLead')), licence),
      ),
      parks.length === 0 ? empty(t('pubNoStations')) : parks.map(([, list]) => parkCard(list)),
      selected ? h('div', { 'data-testid': 'disclosure-readings' }, loading()) : null,
    );
    if (selected) {
      const host = /** @type {HTMLElement} */ (main.querySelector('[data-testid="disclosure-readings"]'));
      await readingsCard(host, selected, controller.signal);
      host.scrollIntoView?.({ block: 'start' });
    }
  } catch (error) {
    if (controller.signal.aborted) return;
    replace(
      main,
      h(
        'div',
        { class: 'state error', role: 'alert' },
        error instanceof Error ? error.message : String(error),
      ),
    );
  }
}

function header() {
  return h(
    'header',
    { class: 'topbar' },
    h(
      'div',
      { class: 'topbar-inner' },
      h(
        'a',
        { class: 'brand', href: '#' },
        h(
          'span',
          { class: 'brand-text' },
          h('strong', {}, 'KCN Hải Phòng'),
          h('small', {}, t('pubStations')),
        ),
      ),
      h(
        'div',
        { class: 'user' },
        h('a', { href: './#/login', class: 'button ghost small' }, t('pubSignIn')),
        langSwitch(() => void render()),
      ),
    ),
  );
}

/** @param {Station[]} stations @returns {[string, Station[]][]} */
function groupByPark(stations) {
  /** @type {Map<string, Station[]>} */
  const parks = new Map();
  for (const s of stations) parks.set(s.parkCode, [...(parks.get(s.parkCode) ?? []), s]);
  return [...parks];
}

/** @param {Station} s */
function parkName(s) {
  return lang() === 'vi' && s.parkNameVi ? s.parkNameVi : s.parkName;
}

/** @param {Station} s */
function stationName(s) {
  return lang() === 'vi' && s.stationNameVi ? s.stationNameVi : s.stationName;
}

/** @param {Station[]} stations */
function parkCard(stations) {
  return card(
    parkName(stations[0]),
    [
      table(
        [t('pubStations'), t('pubLimit'), ''],
        stations.map((s) => [
          h('span', {}, h('strong', {}, s.stationCode), ' ', stationName(s)),
          s.permit
            ? h(
                'span',
                {},
                t('pubPermit', {
                  number: s.permit.number ?? '—',
                  standard: s.permit.standard,
                  column: s.permit.column,
                }),
                h('br', {}),
                sortLimits(s.limits)
                  .map((l) => `${l.parameter} ${limitText(l.min, l.max)}`)
                  .join(' · '),
              )
            : t('pubNoPermit'),
          h(
            'button',
            {
              class: 'button small',
              type: 'button',
              'data-testid': `disclosure-show-${s.stationCode}`,
              onclick: () => go({ station: s.stationId, parameter: '' }),
            },
            t('pubShow'),
          ),
        ]),
      ),
    ],
    { testid: `disclosure-park-${stations[0].parkCode}` },
  );
}

/** @param {Limit[]} limits */
function sortLimits(limits) {
  return [...limits].sort(
    (a, b) => PARAMETER_ORDER.indexOf(a.parameter) - PARAMETER_ORDER.indexOf(b.parameter),
  );
}

/**
 * One day of a station's readings (any of the last 30 days), with the limit in force beside each value.
 * @param {HTMLElement} host
 * @param {Station} station
 * @param {AbortSignal} signal
 */
async function readingsCard(host, station, signal) {
  const today = localDay();
  const from = `${state.day}T00:00:00+07:00`;
  const to = `${addDays(state.day, 1)}T00:00:00+07:00`;
  const query = new URLSearchParams({ from, to, limit: '10000' });
  if (state.parameter) query.set('parameter', state.parameter);
  const path = `${OPEN}/stations/${station.stationId}/readings?${query}`;
  /** @type {Envelope<{ readings: Reading[], next: string | null }>} */
  const page = await fetchOpen(path, signal);
  const days = Array.from({ length: DAYS }, (_, i) => addDays(today, -i));
  const daySelect = h(
    'select',
    {
      'data-testid': 'disclosure-day',
      'aria-label': t('pubDay'),
      onchange: (e) => go({ day: /** @type {HTMLSelectElement} */ (e.target).value }),
    },
    days.map((d) =>
      h('option', { value: d, selected: d === state.day }, when(`${d}T12:00:00+07:00`, 'date')),
    ),
  );
  const parameterSelect = h(
    'select',
    {
      'data-testid': 'disclosure-parameter',
      'aria-label': t('pubParameter'),
      onchange: (e) => go({ parameter: /** @type {HTMLSelectElement} */ (e.target).value }),
    },
    h('option', { value: '', selected: !state.parameter }, t('pubAll')),
    PARAMETER_ORDER.map((p) => h('option', { value: p, selected: p === state.parameter }, p)),
  );
  const rows = page.data.readings.map((r) => {
    const over =
      (r.limitMax !== null && r.value > r.limitMax) || (r.limitMin !== null && r.value < r.limitMin);
    return [
      when(r.time, 'time'),
      r.parameter,
      h(
        'span',
        { class: over ? 'tone-text-bad' : '' },
        num(r.value, 10),
        over ? ` (${t('pubOver')})` : '',
        r.corrected ? ` (${t('pubCorrected')})` : '',
      ),
      r.unit ?? '',
      /** @type {Record<string, string>} */ ({
        '00': t('pubStatus_00'),
        '01': t('pubStatus_01'),
        '02': t('pubStatus_02'),
      })[r.status] ?? r.status,
      limitText(r.limitMin, r.limitMax),
    ];
  });
  replace(
    host,
    card(
      `${station.stationCode} · ${parkName(station)}`,
      [
        h(
          'div',
          { class: 'filters' },
          daySelect,
          parameterSelect,
          h('a', { class: 'button small', href: `${path}&format=csv`, download: '' }, t('pubCsv')),
        ),
        rows.length === 0
          ? empty(t('pubNoReadings'))
          : table(
              [t('pubTime'), t('pubParameter'), t('pubValue'), t('pubUnit'), t('pubStatus'), t('pubLimit')],
              rows,
              {
                testid: 'disclosure-table',
              },
            ),
        page.data.next ? h('p', { class: 'empty' }, t('pubMore', { n: rows.length })) : null,
      ],
      { testid: 'disclosure-station' },
    ),
  );
}

window.addEventListener('hashchange', () => void render());
void render();
