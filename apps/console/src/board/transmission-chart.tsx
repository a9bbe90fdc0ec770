import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import { useI18n } from '../i18n/i18n';
import { BOARD_REFRESH_MS, loadTransmission, type BoardStation, type TransmissionPoint } from './board-api';

const DAYS = 7;
/** Distinct, AA-contrast line colours on white (Okabe-Ito, darkened). */
const COLOURS = ['#0b5cad', '#b34700', '#137a4b', '#a4136b', '#5b4db3', '#7a5a00', '#0e6f7d', '#444444'];

/**
 * The share of expected records each station sent, hour by hour: a uPlot chart (drag to zoom, double-click
 * to reset, a legend naming each line) and the same numbers as a table for readers who cannot use the chart.
 */
export function TransmissionChart({ stations }: { stations: BoardStation[] }) {
  const i18n = useI18n();
  const transmission = useQuery({
    queryKey: ['board-transmission'],
    queryFn: () => loadTransmission(DAYS),
    refetchInterval: BOARD_REFRESH_MS * 4,
  });
  const points = transmission.data;
  const codes = useMemo(
    () => stations.map((s) => s.stationCode).filter((code) => points?.some((p) => p.shares[code] != null)),
    [stations, points],
  );
  if (!points) return null;
  return (
    <>
      <Chart points={points} codes={codes} />
      <p className="note">{i18n.t('zoomHint')}</p>
      <details>
        <summary>{i18n.t('transmissionTable')}</summary>
        <div className="grid-scroll" tabIndex={0} role="region" aria-label={i18n.t('transmissionTable')}>
          <table className="data-table" data-testid="transmission-table">
            <thead>
              <tr>
                <th scope="col">{i18n.t('time')}</th>
                {codes.map((code) => (
                  <th scope="col" key={code}>
                    {code} ({i18n.t('share')})
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {points.map((point) => (
                <tr key={point.time}>
                  <th scope="row">{i18n.day(point.time)}</th>
                  {codes.map((code) => {
                    const share = point.shares[code];
                    return <td key={code}>{share == null ? '—' : i18n.number(share * 100)}</td>;
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

function Chart({ points, codes }: { points: TransmissionPoint[]; codes: string[] }) {
  const i18n = useI18n();
  const element = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const container = element.current;
    if (!container) return;
    const data: uPlot.AlignedData = [
      points.map((p) => Date.parse(p.time) / 1000),
      ...codes.map((code) => points.map((p) => (p.shares[code] == null ? null : p.shares[code]! * 100))),
    ];
    const plot = new uPlot(
      {
        width: container.clientWidth || 600,
        height: 260,
        tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Ho_Chi_Minh'),
        scales: { y: { range: [0, 100] } },
        axes: [
          // One tick per day: the points themselves.
          {
            splits: () => data[0] as number[],
            values: (_, ticks) => ticks.map((t) => i18n.day(new Date(t * 1000).toISOString())),
          },
          { label: i18n.t('share') },
        ],
        series: [
          {
            label: i18n.t('time'),
            value: (_, ts) => (ts == null ? '—' : i18n.day(new Date(ts * 1000).toISOString())),
          },
          ...codes.map((code, i) => ({ label: code, stroke: COLOURS[i % COLOURS.length], width: 2 })),
        ],
        cursor: { drag: { x: true, y: false } },
      },
      data,
      container,
    );
    const resize = new ResizeObserver(() =>
      plot.setSize({ width: container.clientWidth || 600, height: 260 }),
    );
    resize.observe(container);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [points, codes, i18n]);
  return (
    <figure className="chart" role="group" aria-label={i18n.t('transmissionChartLabel')}>
      <div ref={element} data-testid="transmission-chart" />
    </figure>
  );
}
