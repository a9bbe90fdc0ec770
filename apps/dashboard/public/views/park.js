// @ts-check
// One park: facts, this month's wastewater compliance per outlet station, its plants and stations (links to
// their charts), its open alerts, and the year's hazardous waste with the non-conforming lots and why.

import { get, query } from '../api.js';
import { localDay } from '../dates.js';
import { h, replace } from '../dom.js';
import { label, mass, monthLabel, num, reason, t, when } from '../i18n.js';
import { subscribe } from '../live.js';
import { badge, card, daysBar, empty, facts, localName, pageHead, table } from '../ui.js';
import { alertItem } from './alerts.js';
import { wasteKpiBlock, nonConformingTable, inProgressTable } from './waste.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').Park} Park */
/** @typedef {import('../types.js').ParkPeriod} ParkPeriod */
/** @typedef {import('../types.js').ParkWaste} ParkWaste */
/** @typedef {import('../types.js').Alert} Alert */

/** @param {ViewContext} ctx */
export async function parkView(ctx) {
  const code = ctx.params[0];
  const today = localDay();
  const monthFrom = `${today.slice(0, 7)}-01`;
  const monthTo = nextMonth(monthFrom);
  const enc = encodeURIComponent(code);
  const park = /** @type {Park} */ (await get(`/parks/${enc}`, ctx.signal));
  const [compliance, waste, alerts] = await Promise.all([
    get(`/compliance/parks/${enc}${query({ from: monthFrom, to: monthTo })}`, ctx.signal),
    get(`/waste/parks/${enc}?period=year`, ctx.signal),
    get(`/alerts${query({ status: 'open', parkId: park.id, limit: 50 })}`, ctx.signal),
  ]);
  const month = /** @type {ParkPeriod} */ (compliance);
  const parkWaste = /** @type {ParkWaste} */ (waste);
  document.title = `${localName(park)} · ${t('appShort')}`;

  const alertList = h('ul', { class: 'alert-list compact', 'data-testid': 'park-alerts' });
  /** @param {Alert[]} list */
  const drawAlerts = (list) =>
    replace(
      alertList,
      list.length
        ? list.slice(0, 5).map((a) => alertItem(a, { compact: true }))
        : h('li', { class: 'empty' }, t('noAlerts')),
      list.length > 5
        ? h(
            'li',
            { class: 'more' },
            h('a', { href: `#/alerts?park=${park.id}` }, t('moreAlerts', { n: list.length - 5 })),
          )
        : null,
    );
  drawAlerts(/** @type {Alert[]} */ (alerts));
  let timer = 0;
  ctx.onCleanup(() => window.clearTimeout(timer));
  ctx.onCleanup(
    subscribe((event) => {
      if (event.type === 'alert' && event.alert.parkId !== park.id) return;
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        get(`/alerts${query({ status: 'open', parkId: park.id, limit: 50 })}`, ctx.signal).then(
          (list) => drawAlerts(/** @type {Alert[]} */ (list)),
          () => undefined,
        );
      }, 800);
    }),
  );

  replace(
    ctx.root,
    h('nav', { class: 'crumbs' }, h('a', { href: '#/' }, t('navOverview')), ' / ', park.code),
    pageHead(
      localName(park),
      // The name in the other language, when there is one.
      park.nameVi && park.name !== park.nameVi
        ? localName(park) === park.name
          ? park.nameVi
          : park.name
        : null,
      h(
        'span',
        { class: 'tile-badges' },
        badge('status', month.status, { 'data-testid': 'park-status' }),
        // The month includes today, judged so far: its status may still change.
        month.provisional
          ? h(
              'span',
              {
                class: 'badge provisional-badge',
                title: t('provisionalHint'),
                'data-testid': 'park-provisional',
              },
              t('provisional'),
            )
          : null,
      ),
    ),
    h(
      'div',
      { class: 'park', 'data-testid': 'park-view', 'data-park': park.code },
      h(
        'div',
        { class: 'grid-2' },
        card(t('parkFacts'), [
          facts([
            [t('operatingStatus'), label('opstatus', park.operatingStatus)],
            [t('district'), park.district],
            [t('area'), park.areaHa === null ? null : `${num(park.areaHa, 2)} ha`],
            [t('developer'), park.developer],
            [t('economicZone'), park.economicZone],
          ]),
        ]),
        complianceCard(month, monthFrom),
      ),
      plantsCard(park, month),
      h(
        'div',
        { class: 'grid-2' },
        card(t('openAlertsOfPark'), [alertList], {
          actions: h('a', { class: 'card-link', href: `#/alerts?park=${park.id}` }, t('navAlerts')),
        }),
        card(t('wasteYear', { year: parkWaste.period.from.slice(0, 4) }), [
          wasteKpiBlock(parkWaste.kpi, 'park-waste-share'),
        ]),
      ),
      parkWaste.kpi.lots > 0
        ? card(t('nonConformingLots'), [nonConformingTable(parkWaste.nonConforming)], {
            testid: 'park-nonconforming',
          })
        : null,
      parkWaste.inProgress.length > 0
        ? card(t('inProgressLots'), [inProgressTable(parkWaste.inProgress)])
        : null,
    ),
  );
}

/** @param {string} first 'YYYY-MM-01' */
function nextMonth(first) {
  const [y, m] = first.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

/**
 * @param {ParkPeriod} month
 * @param {string} monthFrom
 */
function complianceCard(month, monthFrom) {
  return card(
    t('complianceMonth', { month: monthLabel(monthFrom.slice(0, 7)) }),
    [
      h('div', { class: 'status-line' }, badge('status', month.status)),
      month.reasons.length
        ? h(
            'ul',
            { class: 'reason-lines' },
            month.reasons.map((r) => h('li', { 'data-reason': r.code }, reason(r))),
          )
        : null,
      month.stations.map((s) =>
        h(
          'div',
          { class: 'station-days' },
          h(
            'div',
            { class: 'station-days-head' },
            h('a', { href: `#/stations/${s.stationId}` }, s.stationCode),
            h('span', { class: 'muted' }, t('daysOf', { n: s.compliantDays, total: s.days })),
          ),
          daysBar(s),
          s.recentProblems.length
            ? h(
                'details',
                { class: 'problems' },
                h('summary', {}, `${t('reasons')} (${s.recentProblems.length})`),
                h(
                  'ul',
                  { class: 'reason-lines' },
                  s.recentProblems.map((p) =>
                    h(
                      'li',
                      {},
                      h('strong', {}, when(new Date(`${p.day}T12:00:00+07:00`), 'date')),
                      ' ',
                      badge('verdict', p.verdict),
                      ' ',
                      p.reasons.map(reason).join('; '),
                    ),
                  ),
                ),
              )
            : null,
        ),
      ),
    ],
    { testid: 'park-compliance' },
  );
}

/**
 * @param {Park} park
 * @param {ParkPeriod} month
 */
function plantsCard(park, month) {
  if (park.treatmentPlants.length === 0) return card(t('stationsTitle'), [empty(t('noPlants'))]);
  const stationStatus = new Map(month.stations.map((s) => [s.stationId, s]));
  return card(
    t('stationsTitle'),
    park.treatmentPlants.map((plant) =>
      h(
        'div',
        { class: 'plant' },
        h('h3', {}, localName(plant), ' ', h('span', { class: 'muted' }, `(${plant.code})`)),
        facts([
          [t('operatingStatus'), label('opstatus', plant.operatingStatus)],
          [
            t('capacity'),
            plant.designCapacityM3PerDay === null
              ? null
              : `${num(plant.designCapacityM3PerDay, 0)} m³/${t('day').toLowerCase()}`,
          ],
          [t('receivingWater'), plant.receivingWater],
        ]),
        table(
          [t('station'), t('kind'), t('daysCompliant'), ''],
          plant.stations.map((st) => {
            const s = stationStatus.get(st.id);
            return [
              h(
                'a',
                { href: `#/stations/${st.id}`, 'data-testid': 'station-link', 'data-station-id': st.id },
                localName(st),
              ),
              label('stationKind', st.kind),
              s ? t('daysOf', { n: s.compliantDays, total: s.days }) : t('none'),
              h('a', { class: 'button small', href: `#/stations/${st.id}` }, t('viewChart')),
            ];
          }),
          { class: 'stations-table' },
        ),
      ),
    ),
    { testid: 'park-stations' },
  );
}
