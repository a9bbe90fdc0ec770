import { buildDashboards, dashboardSqlQueries, interpolateGrafanaSql } from '@hp/grafana';
import { SqlExecutor } from '@hp/storage';

const DASHBOARDS = buildDashboards();

/**
 * The rows a dashboard panel's query returns over a time range (with the park variable when given), run as
 * Grafana runs it: the parity specs hold the API's answers to them.
 */
export async function panelRows(
  db: SqlExecutor,
  range: { from: Date; to: Date },
  uid: string,
  title: string,
  park?: string,
): Promise<Record<string, unknown>[]> {
  const dashboard = DASHBOARDS.find((d) => d.uid === uid)!;
  const query = dashboardSqlQueries(dashboard).find((q) => q.source === 'panel' && q.name === title)!;
  const sql = interpolateGrafanaSql(query.rawSql, {
    ...range,
    intervalMs: 3_600_000,
    variables: park ? { park: { value: park, quoted: false } } : {},
  });
  return (await db.query<Record<string, unknown>>(sql)).rows;
}
