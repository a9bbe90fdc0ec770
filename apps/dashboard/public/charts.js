// @ts-check
// Inline SVG charts: a time series with its permit limits and shaded calibration / device-error periods,
// and a bar chart of shares. No library; sized to their container and drawn again when it resizes.

import { h, s } from './dom.js';

/**
 * @typedef {object} SeriesPoint
 * @property {number} t epoch ms (start of the bucket for aggregates)
 * @property {number | null} v the value (raw) or the mean (aggregates); null: no valid data
 * @property {number | null} [lo] bucket min
 * @property {number | null} [hi] bucket max
 */

/**
 * @typedef {object} ShadedPeriod
 * @property {number} from epoch ms
 * @property {number} to epoch ms
 * @property {'calibration' | 'device-error' | 'not-measuring'} kind
 */

/**
 * @typedef {object} TimeChartOptions
 * @property {SeriesPoint[]} points sorted by time
 * @property {[number, number]} domain the time range shown, epoch ms
 * @property {{ min: number | null, max: number | null } | null} limit
 * @property {ShadedPeriod[]} shaded
 * @property {number} gapMs a longer gap between points breaks the line
 * @property {(t: number) => string} formatTick
 * @property {(t: number) => string} formatTime
 * @property {(v: number, digits?: number) => string} formatValue digits: fixed decimals (axis ticks)
 * @property {(v: number) => string} [formatLimit] the limit labels (default formatValue): limits are shown exactly
 * @property {string} unit
 * @property {number} [height]
 */

/**
 * "Nice" tick values covering [lo, hi].
 * @param {number} lo
 * @param {number} hi
 * @param {number} count
 */
function niceTicks(lo, hi, count) {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((m) => m >= raw) ?? raw;
  const start = Math.floor(lo / step) * step;
  const end = Math.ceil(hi / step) * step;
  /** @type {number[]} */
  const ticks = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

/**
 * Decimals needed to write multiples of a tick step.
 * @param {number} step
 */
function decimals(step) {
  const text = String(Number(step.toPrecision(6)));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : Math.min(4, text.length - dot - 1);
}

/**
 * Time ticks: about one per 90 pixels, on round hours, days or months (local time).
 * @param {[number, number]} domain
 * @param {number} width
 */
function timeTicks(domain, width) {
  const span = domain[1] - domain[0];
  const wanted = Math.max(2, Math.floor(width / 90));
  const HOUR = 3_600_000;
  const steps = [
    HOUR,
    2 * HOUR,
    3 * HOUR,
    6 * HOUR,
    12 * HOUR,
    24 * HOUR,
    2 * 24 * HOUR,
    7 * 24 * HOUR,
    14 * 24 * HOUR,
    30 * 24 * HOUR,
    61 * 24 * HOUR,
  ];
  const step = steps.find((st) => span / st <= wanted) ?? steps[steps.length - 1];
  // Round to local (UTC+7) boundaries.
  const offset = 7 * HOUR;
  /** @type {number[]} */
  const ticks = [];
  let t = Math.ceil((domain[0] + offset) / step) * step - offset;
  if (step >= 30 * 24 * HOUR) {
    // Months: first day of each month, local time.
    const d = new Date(domain[0] + offset);
    let y = d.getUTCFullYear();
    let m = d.getUTCMonth() + 1;
    const every = step >= 61 * 24 * HOUR ? 2 : 1;
    for (;;) {
      if (m > 11) {
        y++;
        m -= 12;
      }
      const at = Date.UTC(y, m, 1) - offset;
      if (at > domain[1]) break;
      if (at >= domain[0]) ticks.push(at);
      m += every;
    }
    return ticks;
  }
  for (; t <= domain[1]; t += step) ticks.push(t);
  return ticks;
}

/**
 * A time series chart.
 * @param {TimeChartOptions} o
 * @param {number} width pixels
 */
export function timeChart(o, width) {
  const height = o.height ?? 200;
  const margin = { top: 12, right: 12, bottom: 24, left: 46 };
  const plotW = Math.max(10, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;

  /** @type {number[]} */
  const values = [];
  for (const p of o.points) {
    if (p.v !== null) values.push(p.v);
    if (p.lo !== null && p.lo !== undefined) values.push(p.lo);
    if (p.hi !== null && p.hi !== undefined) values.push(p.hi);
  }
  if (o.limit?.max !== null && o.limit?.max !== undefined) values.push(o.limit.max);
  if (o.limit?.min !== null && o.limit?.min !== undefined) values.push(o.limit.min);
  let lo = values.length ? Math.min(...values) : 0;
  let hi = values.length ? Math.max(...values) : 1;
  if (lo > 0 && lo < hi * 0.35) lo = 0;
  const yTicks = niceTicks(lo, hi, 4);
  lo = yTicks[0];
  hi = yTicks[yTicks.length - 1];
  const tickDigits = decimals(yTicks.length > 1 ? yTicks[1] - yTicks[0] : 1);

  /** @param {number} t */
  const x = (t) => margin.left + ((t - o.domain[0]) / (o.domain[1] - o.domain[0])) * plotW;
  /** @param {number} v */
  const y = (v) => margin.top + plotH - ((v - lo) / (hi - lo || 1)) * plotH;

  const svg = s('svg', {
    class: 'chart',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'data-testid': 'chart-svg',
  });
  const clipId = `clip-${Math.random().toString(36).slice(2)}`;
  svg.appendChild(
    s(
      'defs',
      {},
      s(
        'clipPath',
        { id: clipId },
        s('rect', { x: margin.left, y: margin.top, width: plotW, height: plotH }),
      ),
    ),
  );

  // Shaded periods first, under everything.
  const shaded = s('g', { 'clip-path': `url(#${clipId})` });
  for (const p of o.shaded) {
    const x0 = x(p.from);
    const x1 = Math.max(x(p.to), x0 + 2);
    shaded.appendChild(
      s('rect', {
        class: `shade shade-${p.kind}`,
        x: x0,
        y: margin.top,
        width: x1 - x0,
        height: plotH,
        'data-testid': `shade-${p.kind}`,
      }),
    );
  }
  svg.appendChild(shaded);

  // Grid and axes.
  const grid = s('g', { class: 'grid' });
  for (const v of yTicks) {
    grid.appendChild(s('line', { x1: margin.left, x2: margin.left + plotW, y1: y(v), y2: y(v) }));
    grid.appendChild(
      s(
        'text',
        { class: 'tick', x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end' },
        o.formatValue(v, tickDigits),
      ),
    );
  }
  for (const t of timeTicks(o.domain, plotW)) {
    grid.appendChild(
      s('line', { class: 'xgrid', x1: x(t), x2: x(t), y1: margin.top, y2: margin.top + plotH }),
    );
    grid.appendChild(
      s('text', { class: 'tick', x: x(t), y: height - 6, 'text-anchor': 'middle' }, o.formatTick(t)),
    );
  }
  svg.appendChild(grid);

  const plot = s('g', { 'clip-path': `url(#${clipId})` });
  // Min-max band of aggregates.
  const banded = o.points.filter(
    (p) => p.lo !== null && p.lo !== undefined && p.hi !== null && p.hi !== undefined,
  );
  if (banded.length > 0) {
    for (const run of runs(banded, o.gapMs)) {
      const top = run.map(
        (p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(/** @type {number} */ (p.hi)).toFixed(1)}`,
      );
      const bottom = run
        .slice()
        .reverse()
        .map((p) => `L${x(p.t).toFixed(1)},${y(/** @type {number} */ (p.lo)).toFixed(1)}`);
      plot.appendChild(s('path', { class: 'band', d: `${top.join('')}${bottom.join('')}Z` }));
    }
  }
  // The line, broken at gaps.
  const valued = o.points.filter((p) => p.v !== null);
  const valueRuns = runs(valued, o.gapMs);
  const d = valueRuns
    .filter((run) => run.length > 1)
    .map((run) =>
      run
        .map((p, i) => `${i ? 'L' : 'M'}${x(p.t).toFixed(1)},${y(/** @type {number} */ (p.v)).toFixed(1)}`)
        .join(''),
    )
    .join('');
  plot.appendChild(s('path', { class: 'line', d, 'data-testid': 'series-line' }));
  // A reading alone between gaps is a dot.
  for (const run of valueRuns) {
    if (run.length === 1)
      plot.appendChild(
        s('circle', { class: 'point', cx: x(run[0].t), cy: y(/** @type {number} */ (run[0].v)), r: 2.2 }),
      );
  }

  // Limits and the points beyond them.
  const limit = o.limit;
  if (limit) {
    for (const bound of [limit.max, limit.min]) {
      if (bound === null || bound === undefined) continue;
      plot.appendChild(
        s('line', {
          class: 'limit',
          x1: margin.left,
          x2: margin.left + plotW,
          y1: y(bound),
          y2: y(bound),
          'data-testid': 'limit-line',
        }),
      );
    }
    for (const p of valued) {
      const v = /** @type {number} */ (p.v);
      const over = (limit.max !== null && v > limit.max) || (limit.min !== null && v < limit.min);
      if (over) plot.appendChild(s('circle', { class: 'exceed', cx: x(p.t), cy: y(v), r: 3 }));
    }
  }
  svg.appendChild(plot);
  if (limit) {
    /** @type {[number | null, string, number][]} */
    const bounds = [
      [limit.max, 'max', -4],
      [limit.min, 'min', 12],
    ];
    for (const [bound, name, dy] of bounds) {
      if (bound === null) continue;
      svg.appendChild(
        s(
          'text',
          {
            class: 'limit-label',
            x: margin.left + plotW - 4,
            y: y(bound) + dy,
            'text-anchor': 'end',
            'data-testid': `limit-label-${name}`,
          },
          `${name} ${(o.formatLimit ?? o.formatValue)(bound)}`,
        ),
      );
    }
  }
  svg.appendChild(
    s('line', {
      class: 'axis',
      x1: margin.left,
      x2: margin.left + plotW,
      y1: margin.top + plotH,
      y2: margin.top + plotH,
    }),
  );

  // Hover: a guide line and the nearest point's value.
  const guide = s('line', {
    class: 'guide',
    x1: 0,
    x2: 0,
    y1: margin.top,
    y2: margin.top + plotH,
    visibility: 'hidden',
  });
  const dot = s('circle', { class: 'guide-dot', r: 4, visibility: 'hidden' });
  svg.appendChild(guide);
  svg.appendChild(dot);
  const tip = h('div', { class: 'chart-tip', hidden: true });
  const overlay = s('rect', { class: 'overlay', x: margin.left, y: margin.top, width: plotW, height: plotH });
  overlay.addEventListener('pointermove', (event) => {
    if (valued.length === 0) return;
    const box = svg.getBoundingClientRect();
    const px = /** @type {PointerEvent} */ (event).clientX - box.left;
    const t = o.domain[0] + ((px - margin.left) / plotW) * (o.domain[1] - o.domain[0]);
    const p = nearest(valued, t);
    const v = /** @type {number} */ (p.v);
    guide.setAttribute('x1', String(x(p.t)));
    guide.setAttribute('x2', String(x(p.t)));
    guide.setAttribute('visibility', 'visible');
    dot.setAttribute('cx', String(x(p.t)));
    dot.setAttribute('cy', String(y(v)));
    dot.setAttribute('visibility', 'visible');
    const range =
      p.lo !== null && p.lo !== undefined && p.hi !== null && p.hi !== undefined
        ? ` (${o.formatValue(p.lo)}–${o.formatValue(p.hi)})`
        : '';
    tip.textContent = `${o.formatTime(p.t)} · ${o.formatValue(v)} ${o.unit}${range}`;
    tip.hidden = false;
    const left = Math.min(Math.max(x(p.t) - 80, 0), width - 170);
    tip.style.left = `${left}px`;
  });
  overlay.addEventListener('pointerleave', () => {
    guide.setAttribute('visibility', 'hidden');
    dot.setAttribute('visibility', 'hidden');
    tip.hidden = true;
  });
  svg.appendChild(overlay);
  return h('div', { class: 'chart-frame' }, svg, tip);
}

/**
 * Splits points into runs without gaps longer than gapMs.
 * @param {SeriesPoint[]} points
 * @param {number} gapMs
 */
function runs(points, gapMs) {
  /** @type {SeriesPoint[][]} */
  const out = [];
  /** @type {SeriesPoint[]} */
  let run = [];
  for (const p of points) {
    if (run.length > 0 && p.t - run[run.length - 1].t > gapMs) {
      out.push(run);
      run = [];
    }
    run.push(p);
  }
  if (run.length > 0) out.push(run);
  return out;
}

/**
 * @param {SeriesPoint[]} points sorted by time, not empty
 * @param {number} t
 */
function nearest(points, t) {
  let lo = 0;
  let hi = points.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (points[mid].t < t) lo = mid;
    else hi = mid;
  }
  return Math.abs(points[lo].t - t) <= Math.abs(points[hi].t - t) ? points[lo] : points[hi];
}

/**
 * @typedef {object} Bar
 * @property {string} label axis label ('' for none)
 * @property {number | null} value 0-1; null: no data (drawn as an empty slot)
 * @property {string} className colour class
 * @property {string} title hover text
 */

/**
 * Vertical bars of shares (0-100 %), with an optional threshold line.
 * @param {Bar[]} bars
 * @param {number} width
 * @param {{ height?: number, threshold?: number, formatPercent: (v: number) => string, testid?: string }} o
 */
export function barChart(bars, width, o) {
  const height = o.height ?? 140;
  const margin = { top: 10, right: 8, bottom: bars.some((b) => b.label) ? 22 : 6, left: 40 };
  const plotW = Math.max(10, width - margin.left - margin.right);
  const plotH = height - margin.top - margin.bottom;
  const slot = plotW / Math.max(1, bars.length);
  const gap = slot > 6 ? Math.min(8, slot * 0.25) : 0;
  /** @param {number} v */
  const y = (v) => margin.top + plotH - v * plotH;
  const svg = s('svg', {
    class: 'chart bars',
    width,
    height,
    viewBox: `0 0 ${width} ${height}`,
    role: 'img',
    'data-testid': o.testid,
  });
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    svg.appendChild(
      s('line', { class: 'grid-line', x1: margin.left, x2: margin.left + plotW, y1: y(v), y2: y(v) }),
    );
    svg.appendChild(
      s('text', { class: 'tick', x: margin.left - 6, y: y(v) + 4, 'text-anchor': 'end' }, o.formatPercent(v)),
    );
  }
  const labelEvery = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(plotW / 34))));
  bars.forEach((bar, i) => {
    const x0 = margin.left + i * slot + gap / 2;
    const w = Math.max(1, slot - gap);
    if (bar.value === null) {
      svg.appendChild(
        s(
          'rect',
          { class: 'bar bar-empty', x: x0, y: margin.top, width: w, height: plotH },
          s('title', {}, bar.title),
        ),
      );
    } else {
      const top = y(Math.max(0, Math.min(1, bar.value)));
      svg.appendChild(
        s(
          'rect',
          {
            class: `bar ${bar.className}`,
            x: x0,
            y: Math.min(top, margin.top + plotH - 1),
            width: w,
            height: Math.max(1, margin.top + plotH - top),
          },
          s('title', {}, bar.title),
        ),
      );
    }
    if (bar.label && i % labelEvery === 0) {
      svg.appendChild(
        s('text', { class: 'tick', x: x0 + w / 2, y: height - 6, 'text-anchor': 'middle' }, bar.label),
      );
    }
  });
  if (o.threshold !== undefined) {
    svg.appendChild(
      s('line', {
        class: 'threshold',
        x1: margin.left,
        x2: margin.left + plotW,
        y1: y(o.threshold),
        y2: y(o.threshold),
      }),
    );
  }
  return svg;
}

/**
 * Draws `draw(width)` into `host` now and again whenever its width changes.
 * @param {HTMLElement} host
 * @param {(width: number) => Element} draw
 * @returns {() => void} stops watching
 */
export function responsive(host, draw) {
  let lastWidth = -1;
  const render = () => {
    const width = Math.floor(host.clientWidth);
    if (width <= 0 || width === lastWidth) return;
    lastWidth = width;
    host.replaceChildren(draw(width));
  };
  const observer = new ResizeObserver(() => render());
  observer.observe(host);
  requestAnimationFrame(render);
  return () => observer.disconnect();
}
