export { buildDashboards, dashboardSqlQueries } from './dashboards/dashboards';
export type { DashboardOptions, DashboardSqlQuery } from './dashboards/dashboards';
export { cityOverviewDashboard, CITY_OVERVIEW_DASHBOARD_UID } from './dashboards/city-overview.dashboard';
export { parkDashboard, PARK_DASHBOARD_UID } from './dashboards/park.dashboard';
export { stationDashboard, STATION_DASHBOARD_UID } from './dashboards/station.dashboard';
export {
  ALERT_ANNOTATION_TAG,
  DASHBOARD_TAGS,
  DASHBOARD_TIME_ZONE,
  GRAFANA_ANNOTATIONS_DATASOURCE,
  panelsOf,
  TIMESCALE_DATASOURCE,
} from './dashboards/dashboard-kit';
export type { SqlFormat, SqlTarget } from './dashboards/dashboard-kit';
export { DEFAULT_WASTE_JUDGEMENT_POLICY } from './dashboards/waste-lot-standings';
export type { WasteJudgementPolicy } from './dashboards/waste-lot-standings';
export { GENERATE_PROVISIONING_COMMAND, PROVISIONED_DASHBOARDS_DIR, provisioningFiles } from './provisioning';
export type { ProvisioningFile } from './provisioning';
export { interpolateGrafanaSql, SUPPORTED_SQL_MACROS } from './grafana-sql-interpolation';
export type { GrafanaSqlContext, SqlTemplateVariable } from './grafana-sql-interpolation';
export { GRAFANA_REQUEST_TIMEOUT_MS, GrafanaClient, GrafanaRequestError } from './grafana-client';
export type {
  GrafanaAnnotation,
  GrafanaClientOptions,
  PublishedDashboard,
  PublishOptions,
} from './grafana-client';
export {
  GRAFANA_COMMANDS,
  GRAFANA_FOLDER_TITLE,
  GRAFANA_FOLDER_UID,
  GRAFANA_USAGE,
  isGrafanaCommand,
  runGrafanaCli,
} from './grafana-cli';
export type { GrafanaCliIo, GrafanaCommand } from './grafana-cli';
export type { Dashboard } from '@grafana/grafana-foundation-sdk/dashboard';
