// @ts-check
// The public page of Decree 08/2022/ND-CP Art. 102: each discharger's continuous automatic monitoring
// results of the last 30 days, with the permit limits in force. No sign-in: it reads only /api/open/v1.

import { addDays, localDay } from './dates.js';
import { h, replace } from './dom.js';
import { lang, num, PARAMETER_ORDER, when } from './i18n.js';
import { card, empty, langSwitch, loading, table } from './ui.js';

const OPEN = '/api/open/v1/monitoring';
/** Readings are public for 30 days (Decree 08/2022 Art. 102(2)(a)). */
const DAYS = 30;

const VI = {
  title: 'Công khai kết quả quan trắc nước thải tự động, liên tục',
  lead: 'Kết quả quan trắc tự động, liên tục của các trạm xả thải của khu công nghiệp trong 30 ngày gần nhất, kèm giới hạn của giấy phép môi trường đang có hiệu lực (Điều 102 Nghị định 08/2022/NĐ-CP).',
  licence: 'Dữ liệu mở theo giấy phép',
  signIn: 'Đăng nhập cho cán bộ',
  stations: 'Trạm quan trắc',
  noStations: 'Chưa có trạm xả thải nào đang hoạt động.',
  noPermit: 'Chưa có giấy phép: chưa đánh giá',
  permit: 'Giấy phép {number} · {standard} cột {column}',
  show: 'Xem 30 ngày',
  day: 'Ngày',
  parameter: 'Thông số',
  all: 'Tất cả',
  time: 'Thời gian',
  value: 'Giá trị',
  unit: 'Đơn vị',
  status: 'Trạng thái',
  limit: 'Giới hạn',
  notJudged: 'không đánh giá',
  noReadings: 'Không có kết quả quan trắc trong ngày này.',
  csv: 'Tải CSV',
  more: 'Còn {n}+ kết quả: tải CSV để xem đủ.',
  corrected: 'đã hiệu chỉnh',
  over: 'vượt giới hạn',
  status_00: '00 đang đo',
  status_01: '01 hiệu chuẩn',
  status_02: '02 lỗi thiết bị',
  error: 'Không tải được dữ liệu',
  tooMany: 'Quá nhiều yêu cầu, vui lòng thử lại sau {s} giây.',
};
/** @type {typeof VI} */
const EN = {
  title: 'Continuous automatic wastewater monitoring: public results',
  lead: "Each industrial park outlet station's continuous automatic monitoring results of the last 30 days, with the limits of the environmental permit in force (Decree 08/2022/ND-CP, Article 102).",
  licence: 'Open data under the licence',
  signIn: 'Officers sign in',
  stations: 'Monitoring stations',
  noStations: 'No outlet station is active yet.',
  noPermit: 'No permit: not judged',
  permit: 'Permit {number} · {standard} column {column}',
  show: 'Show 30 days',
  day: 'Day',
  parameter: 'Parameter',
  all: 'All',
  time: 'Time',
  value: 'Value',
  unit: 'Unit',
  status: 'Status',
  limit: 'Limit',
  notJudged: 'not judged',
  noReadings: 'No monitoring results on this day.',
  csv: 'Download CSV',
  more: 'More than {n} results: download the CSV for all of them.',
  corrected: 'corrected',
  over: 'over the limit',
  status_00: '00 measuring',
  status_01: '01 calibrating',
  status_02: '02 device error',
  error: 'The data could not be loaded',
  tooMany: 'Too many requests; please try again in {s} s.',
};

/**
 * @param {keyof typeof VI} key
 * @param {Record<string, string | number>} [params]
 */
function tr(key, params) {
  const text = (lang() === 'en' ? EN : VI)[key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name) => String(params[name] ?? whole)) : text;
}

/**
 * @typedef {{ parameter: string, min: number | null, max: number | null }} Limit
 * @typedef {{ parkCode: string, parkName: string, parkNameVi: string | null, stationId: number,
 *   stationCode: string, stationName: string,
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
    throw new Error(tr('tooMany', { s: response.headers.get('retry-after') ?? '60' }));
  if (!response.ok) throw new Error(`${tr('error')} (HTTP ${response.status})`);
  return response.json();
}

/** A limit exactly as the permit states it (never rounded). @param {number | null} min @param {number | null} max */
function limitText(min, max) {
  if (min === null && max === null) return tr('notJudged');
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
  document.title = `${tr('title')} · KCN Hải Phòng`;
  const main = h('main', { id: 'view', class: 'view', 'data-testid': 'disclosure' }, loading());
  replace(app, header(), main);
  try {
    /** @type {Envelope<Station[]>} */
    const stations = await fetchOpen(`${OPEN}/stations`, controller.signal);
    const licence = h(
      'p',
      { class: 'lead', 'data-testid': 'disclosure-licence' },
      `${tr('licence')} `,
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
        h('div', {}, h('h1', {}, tr('title')), h('p', { class: 'lead' }, tr('lead')), licence),
      ),
      parks.length === 0 ? empty(tr('noStations')) : parks.map(([, list]) => parkCard(list)),
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
        h('span', { class: 'brand-text' }, h('strong', {}, 'KCN Hải Phòng'), h('small', {}, tr('stations'))),
      ),
      h(
        'div',
        { class: 'user' },
        h('a', { href: './#/login', class: 'button ghost small' }, tr('signIn')),
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

/** @param {Station[]} stations */
function parkCard(stations) {
  return card(
    parkName(stations[0]),
    [
      table(
        [tr('stations'), tr('limit'), ''],
        stations.map((s) => [
          h('span', {}, h('strong', {}, s.stationCode), ' ', s.stationName),
          s.permit
            ? h(
                'span',
                {},
                tr('permit', {
                  number: s.permit.number ?? '—',
                  standard: s.permit.standard,
                  column: s.permit.column,
                }),
                h('br', {}),
                sortLimits(s.limits)
                  .map((l) => `${l.parameter} ${limitText(l.min, l.max)}`)
                  .join(' · '),
              )
            : tr('noPermit'),
          h(
            'button',
            {
              class: 'button small',
              type: 'button',
              'data-testid': `disclosure-show-${s.stationCode}`,
              onclick: () => go({ station: s.stationId, parameter: '' }),
            },
            tr('show'),
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
      'aria-label': tr('day'),
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
      'aria-label': tr('parameter'),
      onchange: (e) => go({ parameter: /** @type {HTMLSelectElement} */ (e.target).value }),
    },
    h('option', { value: '', selected: !state.parameter }, tr('all')),
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
        over ? ` (${tr('over')})` : '',
        r.corrected ? ` (${tr('corrected')})` : '',
      ),
      r.unit ?? '',
      /** @type {Record<string, string>} */ ({
        '00': tr('status_00'),
        '01': tr('status_01'),
        '02': tr('status_02'),
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
          h('a', { class: 'button small', href: `${path}&format=csv`, download: '' }, tr('csv')),
        ),
        rows.length === 0
          ? empty(tr('noReadings'))
          : table([tr('time'), tr('parameter'), tr('value'), tr('unit'), tr('status'), tr('limit')], rows, {
              testid: 'disclosure-table',
            }),
        page.data.next ? h('p', { class: 'empty' }, tr('more', { n: rows.length })) : null,
      ],
      { testid: 'disclosure-station' },
    ),
  );
}

window.addEventListener('hashchange', () => void render());
void render();
