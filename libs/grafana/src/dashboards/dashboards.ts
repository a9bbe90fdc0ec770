import { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { cityOverviewDashboard } from './city-overview.dashboard';
import { panelsOf, SqlFormat } from './dashboard-kit';
import { parkDashboard } from './park.dashboard';
import { stationDashboard } from './station.dashboard';
import { DEFAULT_WASTE_JUDGEMENT_POLICY, WasteJudgementPolicy } from './waste-lot-standings';

export interface DashboardOptions {
  /** How waste lots are judged (the WASTE_* configuration); default: the configuration's defaults. */
  readonly wastePolicy?: WasteJudgementPolicy;
}

/** The platform's dashboards: city overview, park, station. */
export function buildDashboards(options: DashboardOptions = {}): Dashboard[] {
  const wastePolicy = options.wastePolicy ?? DEFAULT_WASTE_JUDGEMENT_POLICY;
  return [cityOverviewDashboard(wastePolicy), parkDashboard(wastePolicy), stationDashboard()];
}

/** One SQL query of a dashboard: a panel target, or a variable's query. */
export interface DashboardSqlQuery {
  readonly source: 'panel' | 'variable';
  /** Panel title or variable name. */
  readonly name: string;
  readonly refId: string;
  readonly rawSql: string;
  readonly format: SqlFormat;
  /** The variable a panel is repeated for, one copy per value. */
  readonly repeat?: string;
  readonly datasourceUid?: string;
}

/** Every SQL query of a dashboard, variables first (in order: a variable may use those before it). */
export function dashboardSqlQueries(dashboard: Dashboard): DashboardSqlQuery[] {
  const variables = (dashboard.templating.list ?? []).map((variable): DashboardSqlQuery => ({
    source: 'variable',
    name: variable.name,
    refId: variable.name,
    rawSql: typeof variable.query === 'string' ? variable.query : '',
    format: 'table',
    datasourceUid: variable.datasource?.uid,
  }));
  return [...variables, ...panelsOf(dashboard).flatMap(panelSqlQueries)];
}

function panelSqlQueries(panel: Panel): DashboardSqlQuery[] {
  return (panel.targets ?? []).map((target) => {
    const t = target as unknown as Partial<Record<'refId' | 'rawSql' | 'format', string>> & {
      datasource?: { uid?: string };
    };
    return {
      source: 'panel',
      name: panel.title ?? '',
      refId: t.refId ?? '',
      rawSql: t.rawSql ?? '',
      format: t.format === 'time_series' ? 'time_series' : 'table',
      repeat: panel.repeat,
      datasourceUid: t.datasource?.uid,
    };
  });
}
