import {
  BigValueColorMode,
  BigValueGraphMode,
  BigValueTextMode,
  ReduceDataOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import {
  Dashboard,
  FieldColorBuilder,
  FieldColorModeId,
  RowBuilder,
  ThresholdsConfigBuilder,
  ThresholdsMode,
} from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as BarGaugePanel } from '@grafana/grafana-foundation-sdk/bargauge';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import {
  colouredColumn,
  finishDashboard,
  newDashboard,
  SEVERITY_COLOURS,
  sqlTarget,
  TIMESCALE_DATASOURCE,
  VERDICT_COLOURS,
} from './dashboard-kit';
import { PARK_DASHBOARD_UID } from './park.dashboard';
import {
  ALERT_PARK_ID,
  ALERT_PARK_JOIN,
  PARK_STANDINGS_CTE,
  PARKS_MEETING_STANDARD_CTE,
  RANGE_LAST_DAY_SO_FAR,
  verdictRank,
} from './sql-fragments';
import { sql } from './sql-template';
import { wasteLotStandingsSql, WasteJudgementPolicy } from './waste-lot-standings';

export const CITY_OVERVIEW_DASHBOARD_UID = 'hp-city-overview';

/** Red below the target, green at it: both 2030 targets are 100 %. */
const TARGET_THRESHOLDS = new ThresholdsConfigBuilder().mode(ThresholdsMode.Absolute).steps([
  { value: null, color: 'red' },
  { value: 1, color: 'green' },
]);

/** The two 2030 targets, alerts open now, and every park's worst verdict of the day. */
export function cityOverviewDashboard(wastePolicy: WasteJudgementPolicy): Dashboard {
  const lotsInRange = wasteLotStandingsSql(wastePolicy, '$__timeFilter(l.anchor_at)');
  const builder = newDashboard(
    CITY_OVERVIEW_DASHBOARD_UID,
    'Hai Phong: city overview',
    'The 2030 targets (parks meeting the discharge standard, hazardous waste treated per regulation) over the time range, open alerts, and each park today.',
  )
    .time({ from: 'now/M', to: 'now/M' })
    .withRow(new RowBuilder('2030 targets over the time range'))
    .withPanel(
      new StatPanel()
        .title('Operating parks meeting the discharge standard')
        .description(
          'Share of operating parks with an operating treatment plant and an active outlet station, no exceedance or suspected exceedance day at any outlet, and every outlet compliant on at least the required share of the days so far (compliance_rule_settings, 75 % by default): the rule of /api/compliance/kpi, the same SQL function. Target: 100 % by 2030.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            ${PARKS_MEETING_STANDARD_CTE}
            SELECT share AS "share" FROM kpi`),
        )
        .unit('percentunit')
        .decimals(0)
        .min(0)
        .max(1)
        .noValue('no operating park')
        .thresholds(TARGET_THRESHOLDS)
        .colorMode(BigValueColorMode.Background)
        .graphMode(BigValueGraphMode.None)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .height(6)
        .span(6),
    )
    .withPanel(
      new StatPanel()
        .title('Parks meeting the standard / operating parks')
        .description('The counts behind the share.')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            ${PARKS_MEETING_STANDARD_CTE}
            SELECT parks_meeting AS "meeting the standard", operating_parks AS "operating parks" FROM kpi`),
        )
        .decimals(0)
        .colorMode(BigValueColorMode.None)
        .graphMode(BigValueGraphMode.None)
        .textMode(BigValueTextMode.ValueAndName)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .height(6)
        .span(6),
    )
    .withPanel(
      new StatPanel()
        .title('Hazardous waste treated per regulation')
        .description(
          'kg of the lots generated in the time range that were treated with a conforming chain (registered, licensed parties, masses within tolerance, deadlines kept), over all kg generated: the measure of /api/waste/kpi. Target: 100 % by 2030.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            SELECT sum(lots.kg) FILTER (WHERE lots.standing = 'treated_conforming') / nullif(sum(lots.kg), 0) AS "share"
              FROM (
                ${lotsInRange}
              ) AS lots`),
        )
        .unit('percentunit')
        .decimals(1)
        .min(0)
        .max(1)
        .noValue('no waste generated')
        .thresholds(TARGET_THRESHOLDS)
        .colorMode(BigValueColorMode.Background)
        .graphMode(BigValueGraphMode.None)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .height(6)
        .span(6),
    )
    .withPanel(
      new StatPanel()
        .title('Hazardous waste generated vs treated per regulation')
        .description('kg of the lots generated in the time range, by where they stand.')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            SELECT coalesce(sum(lots.kg), 0) AS "generated",
                   coalesce(sum(lots.kg) FILTER (WHERE lots.standing = 'treated_conforming'), 0) AS "treated per regulation",
                   coalesce(sum(lots.kg) FILTER (WHERE lots.standing = 'non_conforming'), 0) AS "non-conforming",
                   coalesce(sum(lots.kg) FILTER (WHERE lots.standing = 'in_progress'), 0) AS "in progress"
              FROM (
                ${lotsInRange}
              ) AS lots`),
        )
        .unit('masskg')
        .decimals(0)
        .colorMode(BigValueColorMode.None)
        .graphMode(BigValueGraphMode.None)
        .textMode(BigValueTextMode.ValueAndName)
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .height(6)
        .span(6),
    )
    .withRow(new RowBuilder('Now'))
    .withPanel(
      new BarGaugePanel()
        .title('Open alerts by severity')
        .description('Alerts not yet resolved (open or acknowledged), whenever they opened.')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            SELECT count(*) FILTER (WHERE severity = 'critical') AS "critical",
                   count(*) FILTER (WHERE severity = 'warning') AS "warning",
                   count(*) FILTER (WHERE severity = 'info') AS "info"
              FROM alerts
             WHERE status <> 'resolved'`),
        )
        .decimals(0)
        .min(0)
        .colorScheme(new FieldColorBuilder().mode(FieldColorModeId.Fixed).fixedColor('text'))
        .overrides(
          Object.entries(SEVERITY_COLOURS).map(([severity, color]) => ({
            matcher: { id: 'byName', options: severity },
            properties: [{ id: 'color', value: { mode: FieldColorModeId.Fixed, fixedColor: color } }],
          })),
        )
        .reduceOptions(new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false))
        .height(10)
        .span(6),
    )
    .withPanel(
      new TablePanel()
        .title('Parks: worst outlet verdict of the day')
        .description(
          'The worst verdict among each park’s active outlet stations on the last day of the time range (today for a range ending now), the park’s standing over the range, and its open alerts. A park opens its dashboard.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        // The day as text: Grafana would show a date column as a UTC-midnight time, 07:00 local.
        .withTarget(
          sqlTarget(sql`
            ${PARK_STANDINGS_CTE},
            latest AS (SELECT ${RANGE_LAST_DAY_SO_FAR} AS day),
            worst AS (
              SELECT p.park_id, count(d.station_id) AS judged,
                     (array_agg(d.verdict ORDER BY ${verdictRank('d.verdict')}))[1] AS verdict
                FROM treatment_plants p
                JOIN stations s ON s.plant_id = p.id AND s.kind = 'outlet' AND s.active
                JOIN latest ON true
                JOIN compliance_station_days d ON d.station_id = s.id AND d.day = latest.day
               WHERE p.operating_status = 'operating'
               GROUP BY p.park_id
            ),
            open_alerts AS (
              SELECT ${ALERT_PARK_ID} AS park_id, count(*) AS alerts
                FROM alerts a
                ${ALERT_PARK_JOIN}
               WHERE a.status <> 'resolved'
               GROUP BY 1
            )
            SELECT ps.code AS "park", ps.name AS "name", ps.operating_status AS "operating status",
                   latest.day::text AS "day",
                   coalesce(w.verdict, CASE WHEN ps.outlets = 0 THEN 'no outlet station' ELSE 'not judged' END)
                     AS "worst verdict",
                   ps.outlets AS "outlets", coalesce(w.judged, 0) AS "judged",
                   ps.standing AS "standing over the range",
                   coalesce(oa.alerts, 0) AS "open alerts"
              FROM park_standings ps
              JOIN latest ON true
              LEFT JOIN worst w ON w.park_id = ps.park_id
              LEFT JOIN open_alerts oa ON oa.park_id = ps.park_id
             ORDER BY ${verdictRank('w.verdict')}, ps.code`),
        )
        .overrideByName('worst verdict', colouredColumn(VERDICT_COLOURS))
        .overrideByName('standing over the range', colouredColumn(VERDICT_COLOURS))
        .overrideByName('park', [
          {
            id: 'links',
            value: [
              {
                title: 'Open the park dashboard',
                url: `/d/${PARK_DASHBOARD_UID}?var-park=\${__value.raw}&\${__url_time_range}`,
              },
            ],
          },
        ])
        .height(10)
        .span(18),
    );
  return finishDashboard(builder);
}
