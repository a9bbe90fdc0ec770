import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import uPlot from 'uplot';
import { TIME_ZONE, useI18n } from '../i18n/i18n';

/** One point of a parameter's chart: a reading (with its status) or an hour's/day's mean with min and max. */
export interface ChartPoint {
  time: string;
  value: number | null;
  /** Circular 10/2021 status of a reading; null for a bucket. */
  status: '00' | '01' | '02' | null;
  min?: number | null;
  max?: number | null;
}

export interface ChartLimit {
  min: number | null;
  max: number | null;
}

/** AA contrast on white: the value, calibration and error marks, the limit lines. */
const VALUE = '#0b5cad';
const CALIBRATING = '#7a5a00';
const ERROR = '#a4136b';
const LIMIT = '#b3261e';
const RANGE = '#5e6e80';

const onlyPoints = (stroke: string, shape: number) => ({
  stroke,
  fill: stroke,
  width: 0,
  paths: () => null,
  points: { show: true, size: shape, stroke, fill: stroke },
});

/**
 * A parameter's values over the range as a uPlot chart: measured values as a line, calibration (01) and
 * device-error (02) readings as marks of their own, the permit's limits as dashed lines, a legend naming
 * each; drag to zoom, buttons to move earlier or later and reset (also by keyboard). New data keeps the zoom.
 */
export function ReadingChart({
  parameter,
  unit,
  limit,
  points,
}: {
  parameter: string;
  unit: string | null;
  limit: ChartLimit | null;
  points: ChartPoint[];
}) {
  const i18n = useI18n();
  const element = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const zoomed = useRef(false);
  const buckets = points.some((p) => p.status === null);

  const data = (): uPlot.AlignedData => {
    const xs = points.map((p) => Date.parse(p.time) / 1000);
    const at = (pick: (p: ChartPoint) => number | null | undefined) => points.map((p) => pick(p) ?? null);
    const columns: (number | null)[][] = buckets
      ? [at((p) => p.value), at((p) => p.min), at((p) => p.max)]
      : [
          at((p) => (p.status === '00' ? p.value : null)),
          at((p) => (p.status === '01' ? p.value : null)),
          at((p) => (p.status === '02' ? p.value : null)),
        ];
    if (limit?.max != null) columns.push(points.map(() => limit.max));
    if (limit?.min != null) columns.push(points.map(() => limit.min));
    return [xs, ...columns] as uPlot.AlignedData;
  };

  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const format = new Intl.DateTimeFormat(i18n.locale, {
      timeZone: TIME_ZONE,
      day: '2-digit',
      month: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    const series: uPlot.Series[] = [
      {
        label: i18n.t('dataTime'),
        value: (_, ts) => (ts == null ? '—' : format.format(new Date(ts * 1000))),
      },
      ...(buckets
        ? [
            { label: i18n.t('dataMean'), stroke: VALUE, width: 2 },
            { label: i18n.t('dataMin'), stroke: RANGE, width: 1 },
            { label: i18n.t('dataMax'), stroke: RANGE, width: 1 },
          ]
        : [
            { label: i18n.t('dataStatus00'), stroke: VALUE, width: 2, spanGaps: false },
            { label: i18n.t('dataStatus01'), ...onlyPoints(CALIBRATING, 7) },
            { label: i18n.t('dataStatus02'), ...onlyPoints(ERROR, 7) },
          ]),
    ];
    if (limit?.max != null)
      series.push({ label: i18n.t('dataLimitMax'), stroke: LIMIT, width: 1.5, dash: [6, 4] });
    if (limit?.min != null)
      series.push({ label: i18n.t('dataLimitMin'), stroke: LIMIT, width: 1.5, dash: [2, 4] });
    const created = new uPlot(
      {
        width: container.clientWidth || 600,
        height: 240,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), TIME_ZONE),
        axes: [
          {
            space: 100,
            values: (_, ticks) => ticks.map((t) => format.format(new Date(t * 1000))),
          },
          { label: unit ? `${parameter} (${unit})` : parameter },
        ],
        series,
        cursor: { drag: { x: true, y: false } },
        hooks: { setSelect: [() => (zoomed.current = true)] },
      },
      data(),
      container,
    );
    plot.current = created;
    const resize = new ResizeObserver(() =>
      created.setSize({ width: container.clientWidth || 600, height: 240 }),
    );
    resize.observe(container);
    return () => {
      resize.disconnect();
      created.destroy();
      plot.current = null;
    };
    // The chart is built again only when its series change; new points go through setData below.
  }, [parameter, unit, limit?.min, limit?.max, buckets, i18n]);

  useEffect(() => {
    plot.current?.setData(data(), !zoomed.current);
  }, [points]);

  const pan = (direction: -1 | 1) => {
    const current = plot.current;
    const { min, max } = current?.scales['x'] ?? {};
    if (!current || min == null || max == null) return;
    const step = ((max - min) / 2) * direction;
    zoomed.current = true;
    current.setScale('x', { min: min + step, max: max + step });
  };
  const reset = () => {
    zoomed.current = false;
    plot.current?.setData(data(), true);
  };
  const latest = points.at(-1)?.time ?? '';
  return (
    <figure
      className="chart"
      role="group"
      aria-label={i18n.t('dataChartLabel', { parameter })}
      data-testid="data-chart"
      data-parameter={parameter}
      data-count={points.length}
      data-latest={latest}
    >
      <div ref={element} />
      <div className="toolbar chart-tools">
        <Button className="button" onPress={() => pan(-1)}>
          {i18n.t('dataPanEarlier')}
        </Button>
        <Button className="button" onPress={() => pan(1)}>
          {i18n.t('dataPanLater')}
        </Button>
        <Button className="button" onPress={reset}>
          {i18n.t('dataZoomReset')}
        </Button>
      </div>
    </figure>
  );
}
