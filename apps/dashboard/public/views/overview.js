// @ts-check
// Tổng quan: the two 2030 targets, live counts, a tile per park coloured by today's verdict, the parks not
// meeting the standard and why, and the 12-month trend. Read again every 30 s.

import { get, query } from '../api.js';
import { barChart, responsive } from '../charts.js';
import { addDays, localDay } from '../dates.js';
import { h, replace } from '../dom.js';
import { label, lang, monthLabel, monthShort, num, pct, reason, t, tonnes, when } from '../i18n.js';
import { subscribe } from '../live.js';
import { badge, card, errorState, localName, pageHead, shortParkName, targetBar, tone } from '../ui.js';
import { wasteKpiBlock } from './waste.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').Park} Park */
/** @typedef {import('../types.js').ParkPeriod} ParkPeriod */
/** @typedef {import('../types.js').ComplianceKpi} ComplianceKpi */
/** @typedef {import('../types.js').WasteKpiView} WasteKpiView */
/** @typedef {import('../types.js').Alert} Alert */
/** @typedef {import('../types.js').ParkWaste} ParkWaste */

export const POLL_MS = 30_000;

/** Problems first on the tiles. */
const STATUS_ORDER = [
  'exceedance',
  'suspected_exceedance',
  'insufficient_data',
  'no_permit',
  'met',
  'no_operating_plant',
];

/** @param {ViewContext} ctx */
export async function overviewView(ctx) {
  const operator = ctx.user.role === 'park_operator';
  document.title = `${t('overviewTitle')} · ${t('appShort')}`;

  async function load() {
    const today = localDay();
    const [parks, todayStatus, alerts, kpi, waste, ownWaste] = await Promise.all([
      get('/parks', ctx.signal),
      get(`/compliance/parks${query({ from: today, to: addDays(today, 1) })}`, ctx.signal),
      get('/alerts?status=open&limit=1000', ctx.signal),
      operator ? Promise.resolve(null) : get('/compliance/kpi?period=month', ctx.signal),
      operator ? Promise.resolve(null) : get('/waste/kpi?period=year', ctx.signal),
      // A park operator sees no city figures, but their own parks' hazardous waste.
      operator
        ? Promise.all(
            ctx.user.parkCodes.map((code) =>
              get(`/waste/parks/${encodeURIComponent(code)}?period=year`, ctx.signal),
            ),
          )
        : Promise.resolve([]),
    ]);
    return {
      today,
      parks: /** @type {Park[]} */ (parks),
      todayStatus: /** @type {ParkPeriod[]} */ (todayStatus),
      alerts: /** @type {Alert[]} */ (alerts),
      kpi: /** @type {ComplianceKpi | null} */ (kpi),
      waste: /** @type {WasteKpiView | null} */ (waste),
      ownWaste: /** @type {ParkWaste[]} */ (ownWaste),
      at: new Date(),
    };
  }

  /** @type {(() => void)[]} */
  let chartCleanups = [];
  ctx.onCleanup(() => chartCleanups.forEach((c) => c()));

  /** @param {Awaited<ReturnType<typeof load>>} data */
  function render(data) {
    chartCleanups.forEach((c) => c());
    chartCleanups = [];
    // Keep what the reader opened across the 30-second refresh.
    const idleOpen = ctx.root.querySelector('details.idle-parks')?.hasAttribute('open') ?? false;
    const statusByPark = new Map(data.todayStatus.map((p) => [p.parkCode, p]));
    const content = [];
    if (operator) {
      content.push(
        h(
          'p',
          { class: 'notice', 'data-testid': 'operator-scope' },
          t('operatorScope', { parks: ctx.user.parkCodes.join(', ') }),
        ),
      );
    }
    if (data.kpi && data.waste) content.push(targets(data.kpi, data.waste));
    content.push(counts(data));
    content.push(tiles(data.parks, statusByPark, data.today));
    if (data.ownWaste.length > 0) {
      const byCode = new Map(data.parks.map((p) => [p.code, p]));
      content.push(
        h(
          'div',
          { class: 'grid-2' },
          data.ownWaste.map((w) => {
            const park = byCode.get(w.park.code);
            return card(
              `${t('wasteYear', { year: w.period.from.slice(0, 4) })} · ${park ? shortParkName(park) : w.park.code}`,
              [
                wasteKpiBlock(w.kpi, 'own-waste'),
                h(
                  'a',
                  { class: 'card-link', href: `#/waste?park=${encodeURIComponent(w.park.code)}` },
                  t('details'),
                ),
              ],
            );
          }),
        ),
      );
    }
    if (data.kpi) {
      const byCode = new Map(data.parks.map((p) => [p.code, p]));
      content.push(
        h(
          'div',
          { class: 'grid-2' },
          notMeeting(data.kpi, byCode),
          trend(data.kpi, (c) => chartCleanups.push(c)),
        ),
      );
    }
    replace(
      ctx.root,
      pageHead(
        t('overviewTitle'),
        t('overviewLead'),
        h(
          'span',
          { class: 'updated', 'data-testid': 'updated-at' },
          t('updatedAt', { time: when(data.at, 'time') }),
        ),
      ),
      h('div', { class: 'overview', 'data-testid': 'overview' }, content),
    );
    if (idleOpen) ctx.root.querySelector('details.idle-parks')?.setAttribute('open', '');
  }

  render(await load());

  let failures = 0;
  const poll = window.setInterval(() => {
    load().then(
      (data) => {
        failures = 0;
        if (!ctx.signal.aborted) render(data);
      },
      (error) => {
        // Keep the last figures on screen; say so only if it keeps failing.
        if (!ctx.signal.aborted && ++failures >= 3) replace(ctx.root, errorState(error));
      },
    );
  }, POLL_MS);
  ctx.onCleanup(() => window.clearInterval(poll));

  // Live: the open-alert count follows the alert stream.
  let timer = 0;
  ctx.onCleanup(() => window.clearTimeout(timer));
  ctx.onCleanup(
    subscribe(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        get('/alerts?status=open&limit=1000', ctx.signal).then(
          (alerts) => {
            const el = ctx.root.querySelector('[data-testid="count-open-alerts"]');
            if (el) replace(el, ...alertCount(/** @type {Alert[]} */ (alerts)));
          },
          () => undefined,
        );
      }, 1000);
    }),
  );
}

/**
 * @param {ComplianceKpi} kpi
 * @param {WasteKpiView} waste
 */
function targets(kpi, waste) {
  const year = waste.period.from.slice(0, 4);
  return h(
    'div',
    { class: 'targets grid-2' },
    h(
      'div',
      { class: 'card target-card' },
      targetBar({
        testid: 'target-wastewater',
        title: t('targetWastewater'),
        share: kpi.share,
        target: t('target2030'),
        detail: t('targetWastewaterDetail', {
          met: kpi.parksMeetingStandard,
          total: kpi.operatingParks,
          month: monthLabel(kpi.period.from.slice(0, 7)),
        }),
      }),
    ),
    h(
      'a',
      { class: 'card target-card', href: '#/waste' },
      targetBar({
        testid: 'target-waste',
        title: t('targetWaste'),
        share: waste.city.share,
        target: t('target2030'),
        detail: t('targetWasteDetail', {
          treated: tonnes(waste.city.treatedConformingKg),
          generated: tonnes(waste.city.generatedKg),
          year,
        }),
      }),
    ),
  );
}

/** @param {Alert[]} alerts */
function alertCount(alerts) {
  const critical = alerts.filter((a) => a.severity === 'critical').length;
  return [
    h('span', { class: 'stat-value', 'data-testid': 'open-alerts-value' }, num(alerts.length, 0)),
    h(
      'span',
      { class: `stat-sub ${critical > 0 ? 'tone-text-bad' : ''}` },
      t('countCritical', { n: critical }),
    ),
  ];
}

/** @param {{ parks: Park[], todayStatus: ParkPeriod[], alerts: Alert[], waste: WasteKpiView | null }} data */
function counts(data) {
  const operating = data.todayStatus.filter((p) => p.operating);
  const meeting = operating.filter((p) => p.status === 'met').length;
  return h(
    'div',
    { class: 'stats' },
    h(
      'a',
      { class: 'stat card', href: '#/alerts', 'data-testid': 'stat-open-alerts' },
      h('span', { class: 'stat-label' }, t('countOpenAlerts')),
      h('span', { class: 'stat-body', 'data-testid': 'count-open-alerts' }, alertCount(data.alerts)),
    ),
    h(
      'div',
      { class: 'stat card' },
      h('span', { class: 'stat-label' }, t('countOperatingParks')),
      h('span', { class: 'stat-value' }, num(operating.length, 0)),
      h('span', { class: 'stat-sub' }, t('countParksMeeting', { n: meeting })),
    ),
    data.waste
      ? h(
          'a',
          { class: 'stat card', href: '#/waste' },
          h('span', { class: 'stat-label' }, t('countNonConformingLots')),
          h(
            'span',
            { class: `stat-value ${data.waste.city.nonConformingLots > 0 ? 'tone-text-bad' : ''}` },
            num(data.waste.city.nonConformingLots, 0),
          ),
          h(
            'span',
            { class: 'stat-sub' },
            t('countNonConformingKg', { kg: tonnes(data.waste.city.nonConformingKg) }),
          ),
        )
      : null,
  );
}

/**
 * @param {Park[]} parks
 * @param {Map<string, ParkPeriod>} statusByPark
 * @param {string} today
 */
function tiles(parks, statusByPark, today) {
  const withStatus = parks.map((park) => ({
    park,
    status: statusByPark.get(park.code)?.status ?? 'no_operating_plant',
    view: statusByPark.get(park.code),
  }));
  withStatus.sort(
    (a, b) =>
      STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) ||
      localName(a.park).localeCompare(localName(b.park), lang()),
  );
  const active = withStatus.filter((p) => p.status !== 'no_operating_plant');
  const idle = withStatus.filter((p) => p.status === 'no_operating_plant');
  /** @param {(typeof withStatus)[number]} p */
  const tile = (p) => {
    const plants = p.park.treatmentPlants.length;
    const stations = p.park.treatmentPlants.reduce((n, pl) => n + pl.stations.length, 0);
    // Today is judged so far: the verdict may still change until the day closes and late data are in.
    const provisional = p.view?.provisional === true;
    return h(
      'a',
      {
        class: `tile tone-${tone(p.status)}${provisional ? ' provisional' : ''}`,
        href: `#/parks/${encodeURIComponent(p.park.code)}`,
        'data-testid': 'park-tile',
        'data-park': p.park.code,
        'data-status': p.status,
        'data-provisional': String(provisional),
        title: [...(provisional ? [t('provisionalHint')] : []), ...(p.view?.reasons ?? []).map(reason)].join(
          '\n',
        ),
      },
      h('span', { class: 'tile-name' }, shortParkName(p.park)),
      h('span', { class: 'tile-meta' }, p.park.code, p.park.district ? ` · ${p.park.district}` : ''),
      h(
        'span',
        { class: 'tile-foot' },
        h(
          'span',
          { class: 'tile-badges' },
          badge('status', p.status),
          provisional ? provisionalBadge(t('provisionalHint')) : null,
        ),
        plants > 0
          ? h('span', { class: 'tile-count' }, `${stations} ${t('station').toLowerCase()}`)
          : h('span', { class: 'tile-count' }, label('opstatus', p.park.operatingStatus)),
      ),
    );
  };
  return card(
    t('parksToday'),
    [
      h(
        'p',
        { class: 'card-note' },
        t('parksTodayNote', { day: when(new Date(`${today}T12:00:00+07:00`), 'date') }),
      ),
      legend(),
      h('div', { class: 'tiles', 'data-testid': 'park-tiles' }, active.map(tile)),
      idle.length > 0
        ? h(
            'details',
            { class: 'idle-parks' },
            h('summary', {}, t('otherParks', { n: idle.length })),
            h('div', { class: 'tiles small' }, idle.map(tile)),
          )
        : null,
    ],
    { testid: 'parks-today' },
  );
}

function legend() {
  return h('ul', { class: 'legend', 'aria-label': t('legend') }, [
    ...['met', 'exceedance', 'suspected_exceedance', 'insufficient_data', 'no_permit'].map((s) =>
      h('li', {}, h('span', { class: `swatch tone-${tone(s)}` }), label('status', s)),
    ),
    h('li', { title: t('provisionalHint') }, h('span', { class: 'swatch provisional' }), t('provisional')),
  ]);
}

/**
 * "Provisional" beside a status the views say may still change.
 * @param {string} hint
 */
function provisionalBadge(hint) {
  return h(
    'span',
    { class: 'badge provisional-badge', 'data-testid': 'provisional-badge', title: hint },
    t('provisional'),
  );
}

/**
 * @param {ComplianceKpi} kpi
 * @param {Map<string, Park>} byCode
 */
function notMeeting(kpi, byCode) {
  return card(
    t('notMeetingTitle'),
    kpi.notMeeting.length === 0
      ? [h('p', { class: 'empty good' }, t('allMeet'))]
      : [
          h(
            'ul',
            { class: 'reasons-list', 'data-testid': 'not-meeting' },
            kpi.notMeeting.map((p) =>
              h(
                'li',
                { 'data-park': p.parkCode, 'data-provisional': String(p.provisional === true) },
                h(
                  'div',
                  { class: 'reason-head' },
                  h(
                    'a',
                    { href: `#/parks/${encodeURIComponent(p.parkCode)}` },
                    byCode.has(p.parkCode)
                      ? shortParkName(/** @type {Park} */ (byCode.get(p.parkCode)))
                      : p.parkName,
                  ),
                  badge('status', p.status),
                  // The month holds today (or a day inside its late-data window): the standing may change.
                  p.provisional ? provisionalBadge(t('notMeetingProvisionalHint')) : null,
                ),
                h(
                  'ul',
                  { class: 'reason-lines' },
                  p.reasons.map((r) => h('li', { 'data-reason': r.code }, reason(r))),
                ),
              ),
            ),
          ),
        ],
    { class: 'scroll-card' },
  );
}

/**
 * @param {ComplianceKpi} kpi
 * @param {(cleanup: () => void) => void} onCleanup
 */
function trend(kpi, onCleanup) {
  const host = h('div', { class: 'chart-host' });
  onCleanup(
    responsive(host, (width) =>
      barChart(
        kpi.monthlyTrend.map((m) => ({
          label: monthShort(m.month),
          value: m.share,
          className:
            m.share === null ? '' : m.share >= 1 ? 'fill-good' : m.share > 0 ? 'fill-warn' : 'fill-bad',
          title: `${monthLabel(m.month)}: ${m.parksMeetingStandard}/${m.operatingParks} (${pct(m.share)})`,
        })),
        width,
        { height: 180, threshold: 1, formatPercent: (v) => pct(v), testid: 'trend-chart' },
      ),
    ),
  );
  return card(t('trendTitle'), [host]);
}
