import {
  GraphDrawStyle,
  GraphThresholdsStyleConfigBuilder,
  GraphThresholdsStyleMode,
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
import {
  Dashboard,
  FieldColorModeId,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from '@grafana/grafana-foundation-sdk/dashboard';
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
  MIN_COMPLIANT_DAY_SHARE,
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
          `Valid readings (status 00) per parameter and local day over the records expected at the parameter's measurement cadence at the station (86 400 / cadence: 288 at 5 min, 96 for a 15-minute COD analyser), the rule the compliance engine uses (parameter_cadence_seconds). Below ${MIN_COMPLIANT_DAY_SHARE * 100} % (dashed) a day is not judged compliant; the judged figure, after flat-lines are removed, is in the compliance results.`,
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(
            sql`
              SELECT date_bin(INTERVAL '1 day', r.time, ${LOCAL_MIDNIGHT_ORIGIN}) AS "time",
                     r.parameter_code AS metric,
                     count(*) FILTER (WHERE r.status = 0) / (86400.0 / parameter_cadence_seconds($station, r.parameter_code)) AS capture
                FROM readings r
               WHERE r.station_id = $station
                 AND ${wholeDaysOfRange('r.time')}
               GROUP BY 1, 2
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
        .thresholds(
          new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
            { value: null, color: 'transparent' },
            { value: MIN_COMPLIANT_DAY_SHARE, color: 'orange' },
          ]),
        )
        .thresholdsStyle(new GraphThresholdsStyleConfigBuilder().mode(GraphThresholdsStyleMode.Dashed))
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
        .withTarget(
          sqlTarget(sql`
            SELECT d.day::text AS "day", d.verdict AS "verdict", array_to_string(d.reasons, '; ') AS "reasons",
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
