import {
  BigValueColorMode,
  BigValueGraphMode,
  ReduceDataOptionsBuilder,
} from '@grafana/grafana-foundation-sdk/common';
import { Dashboard, RowBuilder } from '@grafana/grafana-foundation-sdk/dashboard';
import { PanelBuilder as StatPanel } from '@grafana/grafana-foundation-sdk/stat';
import { PanelBuilder as TablePanel } from '@grafana/grafana-foundation-sdk/table';
import {
  colouredColumn,
  colouredValues,
  finishDashboard,
  newDashboard,
  SEVERITY_COLOURS,
  sqlTarget,
  sqlVariable,
  TIMESCALE_DATASOURCE,
  VERDICT_COLOURS,
} from './dashboard-kit';
import {
  ALERT_PARK_ID,
  ALERT_PARK_JOIN,
  PARK_STANDINGS_CTE,
  PERIOD_CTE,
  severityRank,
} from './sql-fragments';
import { sql } from './sql-template';
import { STATION_DASHBOARD_UID } from './station.dashboard';
import { wasteLotStandingsSql, WasteJudgementPolicy } from './waste-lot-standings';

export const PARK_DASHBOARD_UID = 'hp-park';

const STANDING_COLOURS = {
  ...VERDICT_COLOURS,
  treated_conforming: 'green',
  in_progress: 'blue',
  non_conforming: 'red',
};

/** One park: its stations' daily verdicts, its open alerts and its hazardous-waste lots. */
export function parkDashboard(wastePolicy: WasteJudgementPolicy): Dashboard {
  const parkLots = wasteLotStandingsSql(
    wastePolicy,
    `l.park_id = (SELECT id FROM parks WHERE code = '$park') AND $__timeFilter(l.anchor_at)`,
  );
  const builder = newDashboard(
    PARK_DASHBOARD_UID,
    'Hai Phong: park',
    'One industrial park: daily verdicts of its stations, its open alerts and its hazardous-waste lots.',
  )
    .time({ from: 'now-30d', to: 'now' })
    .withVariable(
      sqlVariable(
        'park',
        sql`
          SELECT code AS __value, code || ' - ' || name AS __text
            FROM parks
           ORDER BY code`,
        { label: 'Park', description: 'Industrial park (its code goes into the queries)' },
      ),
    )
    .withRow(new RowBuilder('Discharge compliance over the time range'))
    .withPanel(
      new StatPanel()
        .title('Discharge standard')
        .description(
          'The park’s standing by the rule of /api/compliance/kpi: met, exceedance (an outlet had an exceedance day), insufficient_data (an outlet compliant on fewer than 75 % of the days so far), no_permit, no_operating_plant.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            ${PARK_STANDINGS_CTE}
            SELECT standing AS "standing"
              FROM park_standings
             WHERE code = '$park'`),
        )
        .mappings([colouredValues(VERDICT_COLOURS)])
        .colorMode(BigValueColorMode.Background)
        .graphMode(BigValueGraphMode.None)
        .reduceOptions(
          new ReduceDataOptionsBuilder().calcs(['lastNotNull']).values(false).fields('/^standing$/'),
        )
        .height(8)
        .span(6),
    )
    .withPanel(
      new TablePanel()
        .title('Daily verdicts per station')
        .description(
          'Local days of the time range (up to today) by verdict, per station; "not judged" days have no result (no data arrived). A station opens its dashboard.',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            WITH ${PERIOD_CTE}
            SELECT s.id AS "station_id", s.code AS "station", s.kind AS "kind", p.code AS "plant",
                   count(d.station_id) FILTER (WHERE d.verdict = 'compliant') AS "compliant",
                   count(d.station_id) FILTER (WHERE d.verdict = 'exceedance') AS "exceedance",
                   count(d.station_id) FILTER (WHERE d.verdict = 'suspected_exceedance') AS "suspected exceedance",
                   count(d.station_id) FILTER (WHERE d.verdict = 'insufficient_data') AS "insufficient data",
                   count(d.station_id) FILTER (WHERE d.verdict = 'no_permit') AS "no permit",
                   greatest(period.days - count(d.station_id), 0) AS "not judged"
              FROM parks k
              JOIN treatment_plants p ON p.park_id = k.id
              JOIN stations s ON s.plant_id = p.id
             CROSS JOIN period
              LEFT JOIN compliance_station_days d
                ON d.station_id = s.id AND d.day >= period.first_day AND d.day < period.end_day
             WHERE k.code = '$park'
             GROUP BY s.id, s.code, s.kind, p.code, period.days
             ORDER BY p.code, s.kind DESC, s.code`),
        )
        .overrideByName('station_id', [{ id: 'custom.hidden', value: true }])
        .overrideByName('station', [
          {
            id: 'links',
            value: [
              {
                title: 'Open the station dashboard',
                url: `/d/${STATION_DASHBOARD_UID}?var-station=\${__data.fields.station_id}&\${__url_time_range}`,
              },
            ],
          },
        ])
        .overrideByName('exceedance', [
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
          { id: 'color', value: { mode: 'thresholds' } },
          {
            id: 'thresholds',
            value: {
              mode: 'absolute',
              steps: [
                { value: null, color: 'green' },
                { value: 1, color: 'red' },
              ],
            },
          },
        ])
        .height(8)
        .span(18),
    )
    .withRow(new RowBuilder('Alerts'))
    .withPanel(
      new TablePanel()
        .title('Open alerts')
        // The reason is a code with parameters (worded by the message catalogue in the dashboard, e-mails and
        // webhooks; Grafana cannot run it): its code and name=value parameters, or an older alert's text.
        .description('Alerts of the park not yet resolved (open or acknowledged), most severe first.')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            SELECT a.first_seen AS "first seen", a.severity AS "severity", a.status AS "status",
                   a.kind AS "kind", alert_station.code AS "station",
                   CASE WHEN a.reason->>'code' = 'TEXT' THEN a.reason->'params'->>'text'
                        ELSE concat_ws(' ', a.reason->>'code',
                                       (SELECT string_agg(p.k || '=' || p.v, ' ' ORDER BY p.k)
                                          FROM jsonb_each_text(a.reason->'params') AS p (k, v)))
                   END AS "reason",
                   a.occurrences AS "occurrences", a.last_seen AS "last seen"
              FROM alerts a
              ${ALERT_PARK_JOIN}
             WHERE ${ALERT_PARK_ID} = (SELECT id FROM parks WHERE code = '$park')
               AND a.status <> 'resolved'
             ORDER BY ${severityRank('a.severity')}, a.first_seen DESC
             LIMIT 500`),
        )
        .overrideByName('severity', colouredColumn(SEVERITY_COLOURS))
        .height(8)
        .span(24),
    )
    .withRow(new RowBuilder('Hazardous waste generated in the time range'))
    .withPanel(
      new TablePanel()
        .title('Waste lots by state')
        .description('Lots of the park generated in the time range, by the furthest step reported.')
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            WITH lots AS (
              ${parkLots}
            )
            SELECT v.state AS "state", count(lots.lot_code) AS "lots",
                   coalesce(sum(lots.kg), 0) AS "kg",
                   count(lots.lot_code) FILTER (WHERE lots.standing = 'non_conforming') AS "non-conforming"
              FROM (VALUES (1, 'stored'), (2, 'handed_over'), (3, 'received'), (4, 'treated')) AS v (step, state)
              LEFT JOIN lots ON lots.state = v.state
             GROUP BY v.step, v.state
             ORDER BY v.step`),
        )
        .overrideByName('kg', [{ id: 'unit', value: 'masskg' }])
        .height(8)
        .span(8),
    )
    .withPanel(
      new TablePanel()
        .title('Waste lots')
        .description(
          'Lots of the park generated in the time range, non-conforming first, with their violation codes: judged by the SQL function waste_lot_judgement, as /api/waste/parks/:code judges them (which words each violation).',
        )
        .datasource(TIMESCALE_DATASOURCE)
        .withTarget(
          sqlTarget(sql`
            SELECT lots.lot_code AS "lot", lots.waste_code AS "waste code", lots.generator_code AS "generator",
                   lots.anchor_at AS "generated at", lots.state AS "state", lots.kg AS "kg",
                   lots.standing AS "standing", array_to_string(lots.violations, ', ') AS "violations"
              FROM (
                ${parkLots}
              ) AS lots
             ORDER BY CASE lots.standing WHEN 'non_conforming' THEN 0 WHEN 'in_progress' THEN 1 ELSE 2 END,
                      lots.anchor_at DESC
             LIMIT 500`),
        )
        .overrideByName('kg', [{ id: 'unit', value: 'masskg' }])
        .overrideByName('standing', colouredColumn(STANDING_COLOURS))
        .height(8)
        .span(16),
    );
  return finishDashboard(builder);
}
