import {
  GraphDrawStyle,
  LegendDisplayMode,
  LegendPlacement,
  LineInterpolation,
  StackingConfigBuilder,
  StackingMode,
  TooltipDisplayMode,
  SortOrder,
  VisibilityMode,
  VizLegendOptionsBuilder,
  VizTooltipOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { Dashboard, FieldColorModeId, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import { PanelBuilder as TimeseriesPanel } from '@grafana/grafana-foundation-sdk/timeseries';
import {
  colouredColumn,
  finishDashboard,
  newDashboard,
  sqlTarget,
  sqlVariable,
  TIMESCALE_DATASOURCE,
  VERDICT_COLOURS,
} from './dashboard-kit';
import {
  LOCAL_MIDNIGHT_ORIGIN,
  LOCAL_TIME_ZONE,
  RANGE_FIRST_DAY,
  RANGE_LAST_DAY,
  wholeDaysOfRange,
} from './sql-fragments';
import { sql } from './sql-template';

export const STATION_DASHBOARD_UID = 'hp-station';

function legend(): VizLegendOptionsBuilder {
  return new VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(LegendDisplayMode.List)
    .placement(LegendPlacement.Bottom);
}

function tooltip(): VizTooltipOptionsBuilder {
  return new VizTooltipOptionsBuilder().mode(TooltipDisplayMode.Multi).sort(SortOrder.None);
}

/** One station: its readings per parameter against the permit limit, data capture and instrument status. */
export function stationDashboard(): Dashboard {
  const builder = newDashboard(
    STATION_DASHBOARD_UID,
    'Hai Phong: station',
    'One monitoring station: readings per parameter with the limit its permit set, daily data capture, calibration (01) and device-error (02) readings, and its daily verdicts.',
  )
    .time({ from: 'now-7d', to: 'now' })
    .withVariable(
      sqlVariable(
        'station',
        sql`
          SELECT id AS __value, code AS __text
            FROM stations
           ORDER BY code`,
        { label: 'Station', description: 'Monitoring station (its id goes into the queries)' },
      ),
    )
    .withVariable(
      sqlVariable(
        'parameter',
        sql`
          SELECT codes.code AS __value, codes.code || coalesce(' (' || p.unit || ')', '') AS __text
            FROM (SELECT DISTINCT parameter_code AS code
                    FROM readings
                   WHERE station_id = $station AND $__timeFilter(time)) AS codes
            LEFT JOIN parameters p ON p.code = codes.code
           ORDER BY 1`,
        {
          label: 'Parameter',
          description: 'Parameters the station reported in the time range; one graph each',
          multi: true,
          refreshOnTimeRange: true,
        },
      ),
    )
    .withRow(new RowBuilder('Readings'))
    .withPanel(
      new TimeseriesPanel()
        .title('$parameter')
        .description(
          'Mean of the valid readings (status 00) per interval; calibrating (01) and device-error (02) readings are left out, as the compliance judgement leaves them out. The limits are those the permit in force set on each judged day (C x Kq x Kf, or the permit’s own).',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .repeat('parameter')
        .repeatDirection('h')
        .maxPerRow(2)
        .interval('1m')
        .withTarget(
          sqlTarget(
            sql`
              SELECT date_bin(make_interval(secs => $__interval_ms / 1000.0), r.time, ${LOCAL_MIDNIGHT_ORIGIN}) AS "time",
                     avg(r.value) FILTER (WHERE r.status = 0) AS "measured (status 00)"
                FROM readings r
               WHERE r.station_id = $station AND r.parameter_code IN ($parameter) AND $__timeFilter(r.time)
               GROUP BY 1
               ORDER BY 1`,
            'time_series',
            'A',
          ),
        )
        .withTarget(
          sqlTarget(
            sql`
              SELECT bounds.at AS "time", limits.metric, limits.value
                FROM compliance_parameter_days d
               CROSS JOIN LATERAL (VALUES ('permit max', d.limit_max), ('permit min', d.limit_min))
                     AS limits (metric, value)
               CROSS JOIN LATERAL (VALUES (d.day::timestamp AT TIME ZONE '${LOCAL_TIME_ZONE}'),
                                          ((d.day + 1)::timestamp AT TIME ZONE '${LOCAL_TIME_ZONE}' - INTERVAL '1 second'))
                     AS bounds (at)
               WHERE d.station_id = $station AND d.parameter_code IN ($parameter)
                 AND d.day BETWEEN ${RANGE_FIRST_DAY} AND ${RANGE_LAST_DAY}
                 AND limits.value IS NOT NULL
               ORDER BY 1, 2`,
            'time_series',
            'B',
          ),
        )
        .legend(legend())
        .tooltip(tooltip())
        .drawStyle(GraphDrawStyle.Line)
        .lineInterpolation(LineInterpolation.Linear)
        .showPoints(VisibilityMode.Auto)
        .spanNulls(false)
        .overrideByRegexp('^permit (max|min)$', [
          { id: 'color', value: { mode: FieldColorModeId.Fixed, fixedColor: 'red' } },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'custom.lineInterpolation', value: LineInterpolation.StepAfter },
          { id: 'custom.showPoints', value: VisibilityMode.Never },
        ])
        .height(9)
        .span(12),
    )
    .withRow(new RowBuilder('Data quality per local day'))
    .withPanel(
      new TimeseriesPanel()
        .title('Data capture per day')
        .description(
          "The data capture the compliance engine judged each parameter's local day by (valid records, after the flat-line screen set its readings aside, over the records expected at the parameter's measurement cadence), beside the capture the permit requires (the 'required' series): below it a day is not judged compliant. The same stored figures as /api/stations/:id/compliance.",
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(
            sql`
              SELECT c.day::timestamp AT TIME ZONE '${LOCAL_TIME_ZONE}' AS "time", c.parameter_code AS metric,
                     c.capture AS capture
                FROM compliance_parameter_days c
               WHERE c.station_id = $station AND c.day >= ${RANGE_FIRST_DAY} AND c.day <= ${RANGE_LAST_DAY}
              UNION ALL
              SELECT d.day::timestamp AT TIME ZONE '${LOCAL_TIME_ZONE}', 'required', p.min_capture::float8
                FROM compliance_station_days d
                JOIN discharge_permits p ON p.id = d.permit_id
               WHERE d.station_id = $station AND d.day >= ${RANGE_FIRST_DAY} AND d.day <= ${RANGE_LAST_DAY}
               ORDER BY 1, 2`,
            'time_series',
          ),
        )
        .unit('percentunit')
        .min(0)
        .legend(legend())
        .tooltip(tooltip())
        .drawStyle(GraphDrawStyle.Bars)
        .fillOpacity(60)
        .overrideByName('required', [
          { id: 'custom.drawStyle', value: 'line' },
          { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
          { id: 'color', value: { mode: 'fixed', fixedColor: 'orange' } },
        ])
        .height(8)
        .span(12),
    )
    .withPanel(
      new TimeseriesPanel()
        .title('Calibrating (01) and device-error (02) readings per day')
        .description('Readings of every parameter per local day by instrument status (Circular 10/2021).')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(
            sql`
              SELECT date_bin(INTERVAL '1 day', r.time, ${LOCAL_MIDNIGHT_ORIGIN}) AS "time",
                     count(*) FILTER (WHERE r.status = 1) AS "calibrating (01)",
                     count(*) FILTER (WHERE r.status = 2) AS "device error (02)"
                FROM readings r
               WHERE r.station_id = $station
                 AND ${wholeDaysOfRange('r.time')}
               GROUP BY 1
               ORDER BY 1`,
            'time_series',
          ),
        )
        .decimals(0)
        .min(0)
        .legend(legend())
        .tooltip(tooltip())
        .drawStyle(GraphDrawStyle.Bars)
        .fillOpacity(60)
        .stacking(new StackingConfigBuilder().mode(StackingMode.Normal))
        .overrideByName('calibrating (01)', [
          { id: 'color', value: { mode: FieldColorModeId.Fixed, fixedColor: 'blue' } },
        ])
        .overrideByName('device error (02)', [
          { id: 'color', value: { mode: FieldColorModeId.Fixed, fixedColor: 'red' } },
        ])
        .height(8)
        .span(12),
    )
    .withRow(new RowBuilder('Compliance'))
    .withPanel(
      new TablePanel()
        .title('Daily verdicts')
        .description(
          'The station’s local days judged in the time range, with the reasons of anything but compliant.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        // The day as text: Grafana would show a date column as a UTC-midnight time, 07:00 local.
        // Reasons are codes with parameters (the message catalogue words them in the dashboard and reports;
        // Grafana cannot run it): each as its code and name=value parameters, e.g.
        // "EXCEEDANCE_HOURLY_MEAN bound=max confirmed=false hours=2 limit=148.5 mean=490 parameter=COD unit=mg/L".
        .withTarget(
          sqlTarget(sql`
            SELECT d.day::text AS "day", d.verdict AS "verdict",
                   (SELECT string_agg(CASE WHEN e.r->>'code' = 'TEXT' THEN e.r->'params'->>'text'
                                           ELSE concat_ws(' ', e.r->>'code',
                                                          (SELECT string_agg(p.k || '=' || p.v, ' ' ORDER BY p.k)
                                                             FROM jsonb_each_text(e.r->'params') AS p (k, v)))
                                      END, '; ' ORDER BY e.n)
                      FROM jsonb_array_elements(d.reasons) WITH ORDINALITY AS e (r, n)) AS "reasons",
                   d.computed_at AS "judged at"
              FROM compliance_station_days d
             WHERE d.station_id = $station
               AND d.day BETWEEN ${RANGE_FIRST_DAY} AND ${RANGE_LAST_DAY}
             ORDER BY d.day DESC`),
        )
        .overrideByName('verdict', colouredColumn(VERDICT_COLOURS))
        .height(8)
        .span(24),
    );
  return finishDashboard(builder);
}
