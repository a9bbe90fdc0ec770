// @ts-check
// Chất thải nguy hại: the year's "collected and treated per regulation" share city-wide and per park, a
// park's non-conforming lots with the reasons and its open lots with their deadlines, manifest and lot
// look-up, and one lot's chain of custody.

import { ApiError, get, query } from '../api.js';
import { h, replace } from '../dom.js';
import { label, mass, num, pct, reason, t, tonnes, when } from '../i18n.js';
import {
  badge,
  card,
  empty,
  errorState,
  facts,
  pageHead,
  serverText,
  shortParkName,
  table,
  targetBar,
} from '../ui.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').WasteKpi} WasteKpi */
/** @typedef {import('../types.js').WasteKpiView} WasteKpiView */
/** @typedef {import('../types.js').ParkWaste} ParkWaste */
/** @typedef {import('../types.js').NonConformingLot} NonConformingLot */
/** @typedef {import('../types.js').OpenLot} OpenLot */
/** @typedef {import('../types.js').LotView} LotView */
/** @typedef {import('../types.js').ManifestView} ManifestView */
/** @typedef {import('../types.js').Violation} Violation */
/** @typedef {import('../types.js').Park} Park */
/** @typedef {import('../types.js').DeclaredFigures} DeclaredFigures */
/** @typedef {import('../types.js').DeclaredWasteView} DeclaredWasteView */
/** @typedef {import('../types.js').WasteTracking} WasteTracking */

/** Not tracked (declared, no lot) is the gap the comparison exists to show. */
const TRACKING_TONE = { tracked: 'good', not_tracked: 'bad', no_data: 'nodata' };

/**
 * @param {WasteTracking} tracking
 * @param {string} code the park or generator
 */
const trackingBadge = (tracking, code) =>
  h(
    'span',
    {
      class: `badge tone-${TRACKING_TONE[tracking] ?? 'nodata'}`,
      'data-testid': 'tracking',
      'data-tracking': tracking,
      'data-code': code,
    },
    label('tracking', tracking),
  );

/**
 * Declared, tracked and treated-per-regulation cells of one park or generator.
 * @param {DeclaredFigures} f
 */
function declaredCells(f) {
  return [
    f.declaredKg === null ? h('span', { class: 'muted' }, t('notDeclared')) : tonnes(f.declaredKg),
    h(
      'div',
      {},
      f.declaredKg === null ? null : `${tonnes(f.trackedKg)} (${pct(f.trackedShare)})`,
      f.undeclaredTrackedKg > 0
        ? h('div', { class: 'muted' }, t('undeclaredTracked', { kg: tonnes(f.undeclaredTrackedKg) }))
        : null,
    ),
    f.declaredKg === null ? t('none') : `${tonnes(f.compliantKg)} (${pct(f.compliantShare)})`,
  ];
}

/**
 * Per park and generator: declared annual generation (Circular 02/2022 annual report) against tracked lots
 * and waste treated per regulation; declared waste with no lot is "not tracked".
 * @param {DeclaredWasteView} declared
 * @param {(code: string) => string} nameOf
 */
function declaredComparison(declared, nameOf) {
  const c = declared.city;
  const head = [t('declaredKg'), t('trackedKg'), t('treatedConforming'), t('trackingCol')];
  return card(
    t('declaredTitle', { year: declared.year }),
    [
      h('p', { class: 'muted' }, t('declaredLead')),
      h(
        'p',
        { 'data-testid': 'declared-city' },
        t('declaredSummary', {
          declared: c.declaredKg === null ? t('notDeclared') : tonnes(c.declaredKg),
          tracked: tonnes(c.trackedKg),
          trackedShare: pct(c.trackedShare),
          treated: tonnes(c.compliantKg),
          treatedShare: pct(c.compliantShare),
        }),
      ),
      h('h3', {}, t('byPark')),
      table(
        [t('filterPark'), ...head],
        declared.parks.map((p) => [
          nameOf(p.parkCode),
          ...declaredCells(p),
          trackingBadge(p.tracking, p.parkCode),
        ]),
        { testid: 'declared-parks', class: 'stack-mobile' },
      ),
      h('h3', {}, t('byGenerator')),
      table(
        [t('generator'), t('filterPark'), ...head],
        declared.generators.map((g) => [
          h('span', { title: g.generatorName }, g.generatorCode),
          g.parkCode ? nameOf(g.parkCode) : t('none'),
          ...declaredCells(g),
          trackingBadge(g.tracking, g.generatorCode),
        ]),
        { testid: 'declared-generators', class: 'stack-mobile' },
      ),
    ],
    { testid: 'declared-comparison' },
  );
}

/** @param {string} code */
const lotLink = (code) =>
  h('a', { href: `#/waste/lots/${encodeURIComponent(code)}`, 'data-testid': 'lot-link' }, code);

/** @param {readonly Violation[]} violations */
function violationList(violations) {
  return h(
    'ul',
    { class: 'violations' },
    violations.map((v) =>
      h('li', {}, h('span', { class: 'chip tone-bad' }, label('violation', v.code)), ' ', reason(v)),
    ),
  );
}

/**
 * The KPI of a set of lots: share toward 100 %, and where the kilograms stand.
 * @param {WasteKpi} kpi
 * @param {string} testid
 * @param {{ share?: boolean }} [o] show the share figure (not when a target bar above shows it)
 */
export function wasteKpiBlock(kpi, testid, o = {}) {
  if (kpi.lots === 0) return empty(t('noWaste'));
  const total = Math.max(kpi.generatedKg, 1e-9);
  /** @type {[string, number, number, string][]} */
  const parts = [
    [t('treatedConforming'), kpi.treatedConformingKg, kpi.treatedConformingLots, 'good'],
    [t('nonConforming'), kpi.nonConformingKg, kpi.nonConformingLots, 'bad'],
    [t('inProgress'), kpi.inProgressKg, kpi.inProgressLots, 'warn'],
  ];
  return h(
    'div',
    { class: 'waste-kpi', 'data-testid': testid, 'data-share': kpi.share === null ? '' : String(kpi.share) },
    h(
      'div',
      { class: 'waste-share' },
      o.share === false ? null : h('span', { class: 'big' }, pct(kpi.share)),
      h(
        'span',
        { class: 'muted' },
        `${t('generated')}: ${tonnes(kpi.generatedKg)} · ${t('lotsN', { n: kpi.lots })}`,
      ),
    ),
    h(
      'div',
      {
        class: 'days-bar',
        role: 'img',
        'aria-label': parts.map(([l, kg]) => `${l}: ${tonnes(kg)}`).join(', '),
      },
      parts
        .filter(([, kg]) => kg > 0)
        .map(([l, kg, , cls]) =>
          h('span', { class: `seg seg-${cls}`, style: `flex:${kg / total}`, title: `${l}: ${tonnes(kg)}` }),
        ),
    ),
    h(
      'ul',
      { class: 'kg-legend' },
      parts.map(([l, kg, lots, cls]) =>
        h(
          'li',
          {},
          h('span', { class: `dot seg-${cls}` }),
          h('span', {}, l),
          h('strong', {}, tonnes(kg)),
          h('span', { class: 'muted' }, t('lotsN', { n: lots })),
        ),
      ),
    ),
  );
}

/** @param {readonly NonConformingLot[]} lots */
export function nonConformingTable(lots) {
  if (lots.length === 0) return h('p', { class: 'empty good' }, t('noNonConforming'));
  return table(
    [t('lot'), t('generator'), t('wasteCode'), t('state'), t('mass'), t('violations')],
    lots.map((l) => [
      lotLink(l.lotCode),
      l.generatorCode ?? t('none'),
      l.wasteCode ?? t('none'),
      label('lotState', l.state),
      mass(l.kg),
      violationList(l.violations),
    ]),
    { testid: 'nonconforming-table', class: 'stack-mobile' },
  );
}

/** @param {readonly OpenLot[]} lots */
export function inProgressTable(lots) {
  if (lots.length === 0) return empty(t('noInProgress'));
  return table(
    [t('lot'), t('generator'), t('state'), t('mass'), t('storageDeadline'), t('manifestDeadline')],
    lots.map((l) => [
      lotLink(l.lotCode),
      l.generatorCode ?? t('none'),
      label('lotState', l.state),
      mass(l.kg),
      when(l.storageDeadline, 'date'),
      when(l.manifestDeadline, 'date'),
    ]),
    { testid: 'inprogress-table', class: 'stack-mobile' },
  );
}

/** @param {ViewContext} ctx */
export async function wasteView(ctx) {
  const operator = ctx.user.role === 'park_operator';
  document.title = `${t('wasteTitle')} · ${t('appShort')}`;
  const [cityBody, parksBody] = await Promise.all([
    operator ? Promise.resolve(null) : get('/waste/kpi?period=year', ctx.signal),
    get('/parks', ctx.signal),
  ]);
  const city = /** @type {WasteKpiView | null} */ (cityBody);
  const parkByCode = new Map(/** @type {Park[]} */ (parksBody).map((p) => [p.code, p]));
  /** @param {string} code */
  const nameOf = (code) => {
    const park = parkByCode.get(code);
    return park ? shortParkName(park) : code;
  };
  const year = city ? city.period.from.slice(0, 4) : new Date().getFullYear().toString();
  /** @type {{ code: string, name: string }[]} */
  const choices = (operator ? ctx.user.parkCodes : (city?.parks ?? []).map((p) => p.parkCode)).map(
    (code) => ({
      code,
      name: nameOf(code),
    }),
  );
  const wanted = ctx.query.get('park');
  const selected =
    choices.find((c) => c.code === wanted)?.code ??
    city?.parks.slice().sort((a, b) => b.nonConformingLots - a.nonConformingLots)[0]?.parkCode ??
    choices[0]?.code ??
    null;

  const parkSection = h('div', { class: 'park-waste', 'data-testid': 'park-waste' });
  const select = h(
    'select',
    {
      id: 'waste-park',
      'data-testid': 'waste-park',
      onchange: (event) => {
        location.hash = `#/waste${query({ park: /** @type {HTMLSelectElement} */ (event.target).value })}`;
      },
    },
    choices.map((c) =>
      h('option', { value: c.code, selected: c.code === selected }, `${c.name} (${c.code})`),
    ),
  );

  replace(
    ctx.root,
    pageHead(t('wasteTitle'), t('wasteLead')),
    h(
      'div',
      { class: 'waste', 'data-testid': 'waste-view' },
      city
        ? h(
            'div',
            { class: 'grid-2' },
            h(
              'div',
              { class: 'card' },
              targetBar({
                testid: 'waste-target',
                title: t('wasteTargetYear', { year }),
                share: city.city.share,
                target: t('target2030'),
                detail: t('targetWasteDetail', {
                  treated: tonnes(city.city.treatedConformingKg),
                  generated: tonnes(city.city.generatedKg),
                  year,
                }),
              }),
              wasteKpiBlock(city.city, 'city-waste', { share: false }),
            ),
            card(t('byPark'), [
              table(
                [t('filterPark'), t('generated'), t('share'), t('nonConforming')],
                city.parks.map((p) => [
                  h('a', { href: `#/waste${query({ park: p.parkCode })}` }, nameOf(p.parkCode)),
                  tonnes(p.generatedKg),
                  h(
                    'span',
                    { class: 'mini-bar' },
                    h(
                      'span',
                      { class: 'mini-track' },
                      h('span', { class: 'mini-fill', style: `width:${((p.share ?? 0) * 100).toFixed(1)}%` }),
                    ),
                    h('span', {}, pct(p.share)),
                  ),
                  h(
                    'span',
                    { class: p.nonConformingLots > 0 ? 'tone-text-bad' : '' },
                    `${t('lotsN', { n: num(p.nonConformingLots, 0) })} · ${tonnes(p.nonConformingKg)}`,
                  ),
                ]),
                { testid: 'waste-by-park' },
              ),
            ]),
          )
        : null,
      city?.declared ? declaredComparison(city.declared, nameOf) : null,
      choices.length > 0
        ? h(
            'section',
            { class: 'card' },
            h(
              'div',
              { class: 'card-head' },
              h('h2', {}, t('parkLots', { park: selected ? nameOf(selected) : '' })),
              h('label', { class: 'field inline' }, h('span', {}, t('selectPark')), select),
            ),
            parkSection,
          )
        : card(t('wasteTitle'), [empty(t('noWaste'))]),
      h('div', { class: 'grid-2' }, manifestLookup(ctx), lotLookup()),
    ),
  );

  if (selected) {
    replace(parkSection, h('p', { class: 'muted' }, t('loading')));
    try {
      const park = /** @type {ParkWaste} */ (
        await get(`/waste/parks/${encodeURIComponent(selected)}?period=year`, ctx.signal)
      );
      replace(
        parkSection,
        wasteKpiBlock(park.kpi, 'park-waste-share'),
        h('h3', {}, t('nonConformingLots')),
        nonConformingTable(park.nonConforming),
        h('h3', {}, t('inProgressLots')),
        inProgressTable(park.inProgress),
      );
    } catch (error) {
      replace(parkSection, errorState(error));
    }
  }
}

/** @param {ViewContext} ctx */
function manifestLookup(ctx) {
  const input = h('input', {
    id: 'manifest-number',
    'data-testid': 'manifest-input',
    placeholder: '2026/…',
    value: ctx.query.get('manifest') ?? '',
  });
  const result = h('div', { class: 'lookup-result', 'data-testid': 'manifest-result' });
  const search = async () => {
    const number = input.value.trim();
    if (!number) return;
    replace(result, h('p', { class: 'muted' }, t('loading')));
    try {
      const m = /** @type {ManifestView} */ (await get(`/waste/manifests${query({ number })}`, ctx.signal));
      replace(
        result,
        h(
          'div',
          { class: 'status-line' },
          h('strong', {}, m.manifestNumber),
          ' ',
          h(
            'span',
            { class: `badge tone-${m.status === 'closed' ? 'good' : 'warn'}` },
            label('manifest', m.status),
          ),
        ),
        facts([
          [t('transporter'), m.transporterCode],
          [t('facility'), m.facilityCode],
          [t('handedOverKg'), mass(m.handedOverKg)],
          [t('receivedKg'), mass(m.receivedKg)],
        ]),
        table(
          [t('lot'), t('state'), t('violations')],
          m.lots.map((l) => [
            lotLink(l.lotCode),
            badge('standing', l.standing),
            l.violations.length ? violationList(l.violations) : t('none'),
          ]),
        ),
      );
    } catch (error) {
      replace(
        result,
        error instanceof ApiError && error.status === 404 ? empty(t('notFound')) : errorState(error),
      );
    }
  };
  const form = h(
    'form',
    {
      class: 'lookup',
      onsubmit: (event) => {
        event.preventDefault();
        void search();
      },
    },
    h('label', { for: 'manifest-number' }, t('manifestNumber')),
    h(
      'div',
      { class: 'input-row' },
      input,
      h('button', { class: 'button primary', type: 'submit' }, t('search')),
    ),
  );
  if (input.value) void search();
  return card(t('manifestSearch'), [form, result]);
}

function lotLookup() {
  const input = h('input', { id: 'lot-code', 'data-testid': 'lot-input', placeholder: 'DEEPC-HP1-F01-L001' });
  return card(t('lotSearch'), [
    h(
      'form',
      {
        class: 'lookup',
        onsubmit: (event) => {
          event.preventDefault();
          const code = input.value.trim();
          if (code) location.hash = `#/waste/lots/${encodeURIComponent(code)}`;
        },
      },
      h('label', { for: 'lot-code' }, t('lotCode')),
      h(
        'div',
        { class: 'input-row' },
        input,
        h('button', { class: 'button primary', type: 'submit' }, t('search')),
      ),
    ),
  ]);
}

/** @param {ViewContext} ctx */
export async function lotView(ctx) {
  const code = ctx.params[0];
  const view = /** @type {LotView} */ (await get(`/waste/lots/${encodeURIComponent(code)}`, ctx.signal));
  const lot = view.lot;
  document.title = `${lot.lotCode} · ${t('appShort')}`;
  /** @type {[string, string | null, number | null, string][]} */
  const steps = [
    [t('event_lot_generated'), lot.generatedAt, lot.generatedKg, lot.generatorCode ?? ''],
    [t('event_lot_handed_over'), lot.handedOverAt, lot.handedOverKg, lot.transporterCode ?? ''],
    [t('event_lot_received'), lot.receivedAt, lot.receivedKg, lot.facilityCode ?? ''],
    [
      t('event_lot_treated'),
      lot.treatedAt,
      null,
      lot.treatmentMethod ? label('method', lot.treatmentMethod) : '',
    ],
  ];
  replace(
    ctx.root,
    h('nav', { class: 'crumbs' }, h('a', { href: '#/waste' }, t('wasteTitle')), ' / ', lot.lotCode),
    pageHead(
      `${t('lot')} ${lot.lotCode}`,
      lot.wasteCode ? `${t('wasteCode')} ${lot.wasteCode}` : null,
      badge('standing', view.standing, { 'data-testid': 'lot-standing' }),
    ),
    h(
      'div',
      { class: 'lot', 'data-testid': 'lot-view' },
      card(t('chain'), [
        h(
          'ol',
          { class: 'chain' },
          steps.map(([name, at, kg, who]) =>
            h(
              'li',
              { class: at ? 'done' : 'todo' },
              h('span', { class: 'chain-dot' }),
              h('strong', {}, name),
              h('span', {}, at ? when(at) : t('none')),
              kg !== null ? h('span', {}, mass(kg)) : null,
              who ? h('span', { class: 'muted' }, who) : null,
            ),
          ),
        ),
      ]),
      h(
        'div',
        { class: 'grid-2' },
        card(t('violations'), [
          view.violations.length
            ? violationList(view.violations)
            : h('p', { class: 'empty good' }, t('noNonConforming')),
        ]),
        card(t('parkFacts'), [
          facts([
            [t('state'), label('lotState', lot.state)],
            [t('generator'), lot.generatorCode],
            [t('manifestNumber'), lot.manifestNumber],
            [t('transporter'), lot.transporterCode],
            [t('facility'), lot.facilityCode],
            [t('treatmentMethod'), lot.treatmentMethod ? label('method', lot.treatmentMethod) : null],
            [t('certificate'), lot.certificate],
            [t('storageDeadline'), view.storageDeadline ? when(view.storageDeadline, 'date') : null],
            [t('manifestDeadline'), view.manifestDeadline ? when(view.manifestDeadline, 'date') : null],
          ]),
        ]),
      ),
      card(t('events'), [
        table(
          [t('time'), t('events'), t('mass'), t('gateway')],
          view.events.map((e) => [
            when(e.occurredAt),
            label('event', e.type),
            typeof e.body['massKg'] === 'number' ? mass(e.body['massKg']) : t('none'),
            e.gatewayCode,
          ]),
        ),
      ]),
    ),
  );
}
