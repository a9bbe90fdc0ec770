// @ts-check
// One station: a chart per parameter with the permit limits, calibration (01) and device-error (02)
// periods shaded, the data capture and verdict of each day, and the exceedance days with their reasons.

import { get, query } from '../api.js';
import { barChart, responsive, timeChart } from '../charts.js';
import { addDays, localDay } from '../dates.js';
import { h, replace } from '../dom.js';
import {
  exact,
  label,
  lang,
  monthShort,
  num,
  PARAMETER_ORDER,
  pct,
  reason,
  t,
  UNITS,
  when,
} from '../i18n.js';
import { badge, card, empty, facts, localName, pageHead, table } from '../ui.js';
import { dataQualityCard } from './station-data-quality.js';
import { setAsideCard } from './set-aside.js';

/** @typedef {import('../types.js').ViewContext} ViewContext */
/** @typedef {import('../types.js').StationDetail} StationDetail */
/** @typedef {import('../types.js').StationReadings} StationReadings */
/** @typedef {import('../types.js').StationLimits} StationLimits */
/** @typedef {import('../types.js').StationDaily} StationDaily */
/** @typedef {import('../types.js').StationDay} StationDay */
/** @typedef {import('../types.js').Reading} Reading */
/** @typedef {import('../types.js').ReadingBucket} ReadingBucket */
/** @typedef {import('../charts.js').SeriesPoint} SeriesPoint */
/** @typedef {import('../charts.js').ShadedPeriod} ShadedPeriod */
/** @typedef {import('../i18n.js').MessageKey} MessageKey */

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const RAW_LIMIT = 10_000;

/**
 * Ranges and their resolutions: never more than a few thousand points per chart.
 * @type {Record<string, { span: number, resolution: 'raw' | 'hour' | 'day', label: MessageKey }>}
 */
export const RANGES = {
  day: { span: DAY, resolution: 'raw', label: 'rangeDay' },
  week: { span: 7 * DAY, resolution: 'hour', label: 'rangeWeek' },
  month: { span: 30 * DAY, resolution: 'hour', label: 'rangeMonth' },
  year: { span: 365 * DAY, resolution: 'day', label: 'rangeYear' },
};

/** @param {ViewContext} ctx */
export async function stationView(ctx) {
  const id = ctx.params[0];
  const wanted = ctx.query.get('range') ?? '';
  const rangeKey = wanted in RANGES ? wanted : 'day';
  const range = RANGES[rangeKey];
  const to = new Date();
  const from = new Date(to.getTime() - range.span);
  const fromDay = localDay(from);
  const toDay = addDays(localDay(to), 1);
  const enc = encodeURIComponent(id);

  const station = /** @type {StationDetail} */ (await get(`/stations/${enc}`, ctx.signal));
  const [limitsBody, readingsBody, dailyBody] = await Promise.all([
    get(`/stations/${enc}/limits`, ctx.signal),
    get(
      `/stations/${enc}/readings${query({
        from: from.toISOString(),
        to: to.toISOString(),
        resolution: range.resolution,
        limit: range.resolution === 'raw' ? RAW_LIMIT : undefined,
      })}`,
      ctx.signal,
    ),
    get(`/stations/${enc}/compliance${query({ from: fromDay, to: toDay })}`, ctx.signal),
  ]);
  const limits = /** @type {StationLimits} */ (limitsBody);
  const readings = /** @type {StationReadings} */ (readingsBody);
  const daily = /** @type {StationDaily} */ (dailyBody);
  document.title = `${localName(station)} · ${t('appShort')}`;

  const chartCleanups = /** @type {(() => void)[]} */ ([]);
  ctx.onCleanup(() => chartCleanups.forEach((c) => c()));

  const rangeSwitch = h(
    'div',
    { class: 'segmented', role: 'group', 'aria-label': t('range'), 'data-testid': 'range-switch' },
    Object.entries(RANGES).map(([key, r]) =>
      h(
        'a',
        {
          class: `seg-button${key === rangeKey ? ' active' : ''}`,
          href: `#/stations/${enc}?range=${key}`,
          'data-testid': `range-${key}`,
          'aria-current': key === rangeKey ? 'true' : null,
        },
        t(r.label),
      ),
    ),
  );

  const permit = limits.permit;
  replace(
    ctx.root,
    h(
      'nav',
      { class: 'crumbs' },
      h('a', { href: '#/' }, t('navOverview')),
      ' / ',
      h('a', { href: `#/parks/${encodeURIComponent(station.parkCode)}` }, station.parkCode),
      ' / ',
      station.code,
    ),
    pageHead(localName(station), `${station.plantCode} · ${label('stationKind', station.kind)}`, rangeSwitch),
    h(
      'div',
      { class: 'station', 'data-testid': 'station-view', 'data-station-id': station.id },
      card(t('parkFacts'), [
        facts([
          [
            t('filterPark'),
            h('a', { href: `#/parks/${encodeURIComponent(station.parkCode)}` }, station.parkCode),
          ],
          [t('plant'), station.plantCode],
          [t('kind'), label('stationKind', station.kind)],
          [t('reportingInterval'), t('minutes', { n: Math.round(station.expectedIntervalSeconds / 60) })],
          [
            t('permitLimit'),
            permit
              ? t('permitInForce', {
                  standard: permit.standard,
                  column: permit.column,
                  number: permit.number ? ` · ${permit.number}` : '',
                })
              : null,
          ],
          ['Kf', permit ? kfText(permit) : null],
          [t('devices'), station.devices.map((d) => `${d.code} (${d.kind})`).join(', ')],
        ]),
        permit ? null : h('p', { class: 'notice', 'data-testid': 'no-permit' }, t('noPermitNote')),
        permit && limits.notJudged.length
          ? h(
              'p',
              { class: 'muted small-note', 'data-testid': 'not-judged' },
              `${t('notJudged')}: ${limits.notJudged.map((n) => label('param', n.parameter)).join(', ')}`,
            )
          : null,
        flowWarnings(daily),
      ]),
      chartsSection(station, readings, limits, [from.getTime(), to.getTime()], rangeKey, (c) =>
        chartCleanups.push(c),
      ),
      h(
        'div',
        { class: 'grid-2' },
        captureCard(daily, fromDay, toDay, (c) => chartCleanups.push(c)),
        exceedanceCard(daily),
      ),
      dataQualityCard(id, ctx.signal, (c) => chartCleanups.push(c)),
      setAsideCard(daily),
    ),
  );
}

/**
 * @param {StationDetail} station
 * @param {StationReadings} readings
 * @param {StationLimits} limits
 * @param {[number, number]} domain
 * @param {string} rangeKey
 * @param {(cleanup: () => void) => void} onCleanup
 */
function chartsSection(station, readings, limits, domain, rangeKey, onCleanup) {
  const resolution = readings.resolution;
  /** @type {Map<string, { points: SeriesPoint[], shaded: ShadedPeriod[], latest: number | null }>} */
  const series = new Map();
  const intervalMs = Math.max(60_000, station.expectedIntervalSeconds * 1000);
  const bucketMs = resolution === 'hour' ? HOUR : DAY;
  if (resolution === 'raw') {
    /** @type {Map<string, Reading[]>} */
    const byParameter = new Map();
    for (const r of readings.readings ?? []) {
      const list = byParameter.get(r.parameter) ?? [];
      list.push(r);
      byParameter.set(r.parameter, list);
    }
    for (const [parameter, list] of byParameter) {
      list.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const valid = list.filter((r) => r.status === '00');
      series.set(parameter, {
        points: valid.map((r) => ({ t: Date.parse(r.time), v: r.value })),
        shaded: statusPeriods(list, intervalMs),
        latest: valid.length ? valid[valid.length - 1].value : null,
      });
    }
  } else {
    /** @type {Map<string, ReadingBucket[]>} */
    const byParameter = new Map();
    for (const b of readings.buckets ?? []) {
      const list = byParameter.get(b.parameter) ?? [];
      list.push(b);
      byParameter.set(b.parameter, list);
    }
    for (const [parameter, list] of byParameter) {
      list.sort((a, b) => Date.parse(a.bucket) - Date.parse(b.bucket));
      const points = list.map((b) => ({
        t: Date.parse(b.bucket) + bucketMs / 2,
        v: b.avg,
        lo: b.min,
        hi: b.max,
      }));
      const withAvg = list.filter((b) => b.avg !== null);
      series.set(parameter, {
        points,
        // Aggregates count the readings that were not measuring (01 or 02) but do not say which.
        shaded: mergePeriods(
          list
            .filter((b) => b.totalCount > b.validCount)
            .map((b) => ({
              from: Date.parse(b.bucket),
              to: Date.parse(b.bucket) + bucketMs,
              kind: /** @type {const} */ ('not-measuring'),
            })),
        ),
        latest: withAvg.length ? withAvg[withAvg.length - 1].avg : null,
      });
    }
  }
  const limitByParameter = new Map(limits.limits.map((l) => [l.parameter, l]));
  const parameters = PARAMETER_ORDER.filter((p) => series.has(p));
  for (const p of series.keys()) if (!parameters.includes(p)) parameters.push(p);
  // Limits of parameters the station does not report.
  const unmeasured = limits.limits.filter((l) => !series.has(l.parameter));

  const gapMs = resolution === 'raw' ? Math.max(3 * intervalMs, 15 * 60_000) : 2.5 * bucketMs;
  /**
   * @param {number} v
   * @param {number} [digits]
   */
  const formatValue = (v, digits) =>
    digits === undefined
      ? num(v, Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2)
      : new Intl.NumberFormat(lang() === 'en' ? 'en-GB' : 'vi-VN', {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        }).format(v);
  /** @param {number} at */
  const formatTick = (at) => {
    if (rangeKey === 'day') return when(new Date(at), 'time');
    if (rangeKey === 'year') return monthShort(localDay(new Date(at)).slice(0, 7));
    const [, m, d] = localDay(new Date(at)).split('-');
    return `${d}/${m}`;
  };
  /** @param {number} at */
  const formatTime = (at) =>
    resolution === 'day' ? when(new Date(at), 'date') : when(new Date(at), 'datetime');

  const truncated = resolution === 'raw' && (readings.readings?.length ?? 0) >= RAW_LIMIT;
  const charts = parameters.map((parameter) => {
    const s = series.get(parameter) ?? { points: [], shaded: [], latest: null };
    const limit = limitByParameter.get(parameter) ?? null;
    const unit = UNITS[parameter] ?? '';
    const host = h('div', { class: 'chart-host' });
    if (s.points.length === 0) {
      host.appendChild(empty(t('noData')));
    } else {
      onCleanup(
        responsive(host, (width) =>
          timeChart(
            {
              points: s.points,
              domain,
              limit: limit ? { min: limit.min, max: limit.max } : null,
              shaded: s.shaded,
              gapMs: Math.max(gapMs, 3 * medianSpacing(s.points)),
              formatTick,
              formatTime,
              formatValue,
              formatLimit: exact,
              unit,
              height: 190,
            },
            width,
          ),
        ),
      );
    }
    const kinds = new Set(s.shaded.map((p) => p.kind));
    const over =
      limit !== null &&
      s.points.some(
        (p) =>
          p.v !== null &&
          ((limit.max !== null && p.v > limit.max) || (limit.min !== null && p.v < limit.min)),
      );
    return h(
      'section',
      {
        class: 'card chart-card',
        'data-testid': 'param-chart',
        'data-parameter': parameter,
        'data-points': s.points.length,
      },
      h(
        'div',
        { class: 'chart-head' },
        h('h3', {}, label('param', parameter), unit ? h('span', { class: 'unit' }, ` (${unit})`) : null),
        h(
          'div',
          { class: 'chart-figures' },
          h(
            'span',
            { class: `latest ${over ? 'tone-text-bad' : ''}` },
            `${t('latest')}: ${s.latest === null ? t('none') : formatValue(s.latest)}`,
          ),
          limit
            ? h(
                'span',
                {
                  class: 'limit-chip',
                  title: t('limitBasis', { basis: limit.basis }),
                  'data-testid': 'limit-value',
                },
                limitText(limit, exact),
              )
            : null,
        ),
      ),
      host,
      h(
        'ul',
        { class: 'legend small' },
        h('li', {}, h('span', { class: 'swatch line' }), t('legendValue')),
        resolution !== 'raw' ? h('li', {}, h('span', { class: 'swatch band' }), t('legendRange')) : null,
        limit ? h('li', {}, h('span', { class: 'swatch limit' }), t('permitLimit')) : null,
        over ? h('li', {}, h('span', { class: 'swatch exceed' }), t('legendExceed')) : null,
        kinds.has('calibration')
          ? h('li', {}, h('span', { class: 'swatch shade-calibration' }), t('legendCalibration'))
          : null,
        kinds.has('device-error')
          ? h('li', {}, h('span', { class: 'swatch shade-device-error' }), t('legendDeviceError'))
          : null,
        kinds.has('not-measuring')
          ? h('li', {}, h('span', { class: 'swatch shade-not-measuring' }), t('legendNotMeasuring'))
          : null,
      ),
    );
  });

  return h(
    'div',
    { class: 'charts-section' },
    h(
      'h2',
      { class: 'section-title' },
      t('chartsTitle', { resolution: t(/** @type {MessageKey} */ (`res_${resolution}`)) }),
    ),
    truncated ? h('p', { class: 'notice' }, t('truncated', { n: num(RAW_LIMIT, 0) })) : null,
    parameters.length === 0
      ? card(t('noData'), [empty(t('noData'))])
      : h('div', { class: 'charts', 'data-testid': 'charts' }, charts),
    unmeasured.length
      ? h(
          'p',
          { class: 'muted small-note' },
          `${t('otherLimits')}: `,
          unmeasured.map((l, i) => [i ? ', ' : '', `${label('param', l.parameter)} ${limitText(l, exact)}`]),
        )
      : null,
  );
}

/**
 * Where the permit's Kf comes from: its permitted flow, an explicit statement, or not recorded.
 * @param {import('../types.js').LimitsPermit} permit
 */
function kfText(permit) {
  if (permit.kf === null) return null;
  if (permit.kfSource === 'flow_table')
    return t('kfFromFlow', {
      kf: exact(permit.kf),
      flow: exact(permit.permittedFlowM3PerDay),
      standard: permit.standard,
    });
  if (permit.kfSource === 'explicit')
    return t('kfExplicit', { kf: exact(permit.kf), reason: permit.kfReason ?? '' });
  return t('kfUnstated', { kf: exact(permit.kf) });
}

/**
 * Days whose measured flow left the Kf band of the permit (warning FLOW_OUTSIDE_KF_BAND), newest first.
 * @param {StationDaily} daily
 */
function flowWarnings(daily) {
  const lines = daily.days
    .flatMap((d) => (d.warnings ?? []).map((w) => ({ day: d.day, w })))
    .filter(({ w }) => w.code === 'FLOW_OUTSIDE_KF_BAND')
    .reverse()
    .map(({ day, w }) => {
      const above = /** @type {number | null} */ (w.params['bandAboveM3PerDay']);
      const upTo = /** @type {number | null} */ (w.params['bandUpToM3PerDay']);
      const band = `${above === null ? '0' : `> ${exact(above)}`} – ${upTo === null ? '∞' : `≤ ${exact(upTo)}`}`;
      return h(
        'li',
        { 'data-day': day },
        t('flowOutsideBand', {
          day: when(new Date(`${day}T12:00:00+07:00`), 'date'),
          flow: exact(/** @type {number} */ (w.params['measuredFlowM3PerDay'])),
          kf: exact(/** @type {number | null} */ (w.params['permitKf'])),
          band,
          measuredKf: exact(/** @type {number | null} */ (w.params['kfForMeasuredFlow'])),
        }),
      );
    });
  return lines.length
    ? h('ul', { class: 'notice reason-lines', 'data-testid': 'flow-band-warnings' }, lines)
    : null;
}

/**
 * "≤ 150", "5,5–9" or "≥ 2".
 * @param {{ min: number | null, max: number | null }} limit
 * @param {(v: number) => string} format
 */
function limitText(limit, format) {
  if (limit.min !== null && limit.max !== null) return `${format(limit.min)}–${format(limit.max)}`;
  if (limit.max !== null) return `≤ ${format(limit.max)}`;
  return limit.min !== null ? `≥ ${format(limit.min)}` : '';
}

/**
 * The usual time between points (a parameter may report less often than the station's interval).
 * @param {SeriesPoint[]} points sorted
 */
function medianSpacing(points) {
  if (points.length < 3) return 0;
  const gaps = [];
  for (let i = 1; i < points.length; i++) gaps.push(points[i].t - points[i - 1].t);
  gaps.sort((a, b) => a - b);
  return gaps[gaps.length >> 1];
}

/**
 * Calibration (01) and device-error (02) periods of one parameter's raw readings (sorted by time).
 * @param {Reading[]} list
 * @param {number} intervalMs
 * @returns {ShadedPeriod[]}
 */
export function statusPeriods(list, intervalMs) {
  /** @type {ShadedPeriod[]} */
  const periods = [];
  for (const r of list) {
    if (r.status === '00') continue;
    const kind = r.status === '01' ? 'calibration' : 'device-error';
    const at = Date.parse(r.time);
    const last = periods[periods.length - 1];
    if (last && last.kind === kind && at - last.to <= intervalMs * 1.5) last.to = at + intervalMs;
    else periods.push({ from: at, to: at + intervalMs, kind });
  }
  return periods;
}

/**
 * @param {ShadedPeriod[]} periods sorted
 * @returns {ShadedPeriod[]}
 */
function mergePeriods(periods) {
  /** @type {ShadedPeriod[]} */
  const out = [];
  for (const p of periods) {
    const last = out[out.length - 1];
    if (last && last.kind === p.kind && p.from <= last.to) last.to = Math.max(last.to, p.to);
    else out.push({ ...p });
  }
  return out;
}

/**
 * Mean capture of the day's judged parameters (null when none was judged).
 * @param {StationDay} day
 */
function dayCapture(day) {
  if (day.parameters.length === 0) return null;
  return day.parameters.reduce((sum, p) => sum + p.capture, 0) / day.parameters.length;
}

/**
 * @param {StationDaily} daily
 * @param {string} fromDay
 * @param {string} toDay
 * @param {(cleanup: () => void) => void} onCleanup
 */
function captureCard(daily, fromDay, toDay, onCleanup) {
  const byDay = new Map(daily.days.map((d) => [d.day, d]));
  /** @type {string[]} */
  const days = [];
  for (let d = fromDay; d < toDay; d = addDays(d, 1)) days.push(d);
  const captures = daily.days.map(dayCapture).filter((c) => c !== null);
  const host = h('div', { class: 'chart-host' });
  onCleanup(
    responsive(host, (width) =>
      barChart(
        days.map((d) => {
          const day = byDay.get(d);
          const c = day ? dayCapture(day) : null;
          return {
            label: days.length <= 31 ? d.slice(8) : '',
            value: c,
            className: c === null ? '' : c >= 0.75 ? 'fill-good' : 'fill-warn',
            title: `${when(new Date(`${d}T12:00:00+07:00`), 'date')}: ${c === null ? (day ? label('verdict', day.verdict) : t('verdict_missing')) : pct(c)}`,
          };
        }),
        width,
        { height: 150, threshold: 0.75, formatPercent: (v) => pct(v), testid: 'capture-chart' },
      ),
    ),
  );
  // Mean capture per parameter over the range.
  /** @type {Map<string, number[]>} */
  const perParameter = new Map();
  for (const d of daily.days)
    for (const p of d.parameters)
      perParameter.set(p.parameterCode, [...(perParameter.get(p.parameterCode) ?? []), p.capture]);
  // The cadence each parameter was last judged by: capture counts records at that cadence.
  /** @type {Map<string, number>} */
  const cadence = new Map();
  for (const d of daily.days)
    for (const p of d.parameters) if (p.cadenceSeconds) cadence.set(p.parameterCode, p.cadenceSeconds);
  const rows = PARAMETER_ORDER.filter((p) => perParameter.has(p)).map((p) => {
    const list = /** @type {number[]} */ (perParameter.get(p));
    const mean = list.reduce((a, b) => a + b, 0) / list.length;
    const seconds = cadence.get(p);
    return [
      label('param', p),
      h(
        'span',
        { 'data-testid': 'cadence', 'data-parameter': p },
        seconds ? t('minutes', { n: seconds / 60 }) : '–',
      ),
      h('span', { class: mean >= 0.75 ? 'tone-text-good' : 'tone-text-warn' }, pct(mean)),
    ];
  });
  return card(
    t('dataCapture'),
    [
      h('p', { class: 'card-note' }, t('dataCaptureNote')),
      captures.length
        ? h(
            'div',
            { class: 'capture-figure', 'data-testid': 'capture-mean' },
            pct(captures.reduce((a, b) => a + b, 0) / captures.length),
          )
        : null,
      host,
      verdictStrip(days, byDay),
      rows.length ? table([t('parameter'), t('cadence'), t('dataCapture')], rows) : null,
    ],
    { testid: 'data-capture' },
  );
}

/**
 * A square per day coloured by the day's verdict.
 * @param {string[]} days
 * @param {Map<string, StationDay>} byDay
 */
function verdictStrip(days, byDay) {
  const kinds = new Set();
  const squares = days.map((d) => {
    const v = byDay.get(d)?.verdict ?? 'missing';
    kinds.add(v);
    return h('span', {
      class: `day-square v-${v}`,
      title: `${when(new Date(`${d}T12:00:00+07:00`), 'date')}: ${label('verdict', v)}`,
      'data-day': d,
      'data-verdict': v,
    });
  });
  return h(
    'div',
    { class: 'verdicts' },
    h('h3', {}, t('dayVerdicts')),
    h(
      'div',
      { class: `day-squares${days.length > 60 ? ' dense' : ''}`, 'data-testid': 'verdict-strip' },
      squares,
    ),
    h(
      'ul',
      { class: 'legend small' },
      ['compliant', 'exceedance', 'suspected_exceedance', 'insufficient_data', 'no_permit', 'missing']
        .filter((v) => kinds.has(v))
        .map((v) => h('li', {}, h('span', { class: `swatch v-${v}` }), label('verdict', v))),
    ),
  );
}

/** @param {StationDaily} daily */
function exceedanceCard(daily) {
  const days = daily.days
    .filter((d) => d.verdict === 'exceedance' || d.verdict === 'suspected_exceedance')
    .sort((a, b) => b.day.localeCompare(a.day));
  return card(
    t('exceedancesTitle'),
    days.length === 0
      ? [h('p', { class: 'empty good', 'data-testid': 'no-exceedances' }, t('noExceedances'))]
      : [
          h(
            'ul',
            { class: 'exceedances', 'data-testid': 'exceedance-list' },
            days.map((d) =>
              h(
                'li',
                { 'data-day': d.day },
                h(
                  'div',
                  { class: 'reason-head' },
                  h('strong', {}, when(new Date(`${d.day}T12:00:00+07:00`), 'date')),
                  badge('verdict', d.verdict),
                ),
                h(
                  'ul',
                  { class: 'reason-lines' },
                  d.reasons.map((r) => h('li', { 'data-reason': r.code }, reason(r))),
                ),
                h(
                  'div',
                  { class: 'param-chips' },
                  d.parameters
                    .filter((p) => p.verdict === 'exceedance')
                    .map((p) =>
                      h(
                        'span',
                        { class: 'chip tone-bad' },
                        `${label('param', p.parameterCode)}: ${t('maximum').toLowerCase()} ${num(p.maxValue, 2)} / ${exact(p.limitMax)} ${UNITS[p.parameterCode] ?? ''}`,
                      ),
                    ),
                ),
              ),
            ),
          ),
        ],
    { testid: 'exceedances' },
  );
}
