import * as cog from '@grafana/grafana-foundation-sdk/cog';
import { DataSourceRef } from '@grafana/grafana-foundation-sdk/common';
import {
  AnnotationQueryBuilder,
  Dashboard,
  DashboardBuilder,
  DashboardCursorSync,
  DashboardLinkBuilder,
  DashboardLinkType,
  MappingType,
  Panel,
  QueryVariableBuilder,
  RowPanel,
  ValueMap,
  VariableRefresh,
} from '@grafana/grafana-foundation-sdk/dashboard';

/** The datasource infra/grafana/provisioning/datasources/timescaledb.yaml provisions: every query uses it. */
export const TIMESCALE_DATASOURCE = {
  type: 'grafana-postgresql-datasource',
  uid: 'timescale',
} as const satisfies DataSourceRef;

/** Grafana's own annotation store, where GrafanaClient.postAnnotation writes. */
export const GRAFANA_ANNOTATIONS_DATASOURCE = {
  type: 'grafana',
  uid: '-- Grafana --',
} as const satisfies DataSourceRef;

export const DASHBOARD_TAGS: readonly string[] = ['hp-envmon'];
export const DASHBOARD_TIME_ZONE = 'Asia/Ho_Chi_Minh';
/** Annotations posted with this tag (alerts opening, resolving) show on every dashboard. */
export const ALERT_ANNOTATION_TAG = 'hp-alert';

export type SqlFormat = 'table' | 'time_series';

/** A raw-SQL target of Grafana's PostgreSQL datasource, as its query editor saves it in code mode. */
export interface SqlTarget extends cog.Dataquery {
  readonly refId: string;
  readonly datasource: DataSourceRef;
  readonly rawSql: string;
  readonly format: SqlFormat;
  readonly rawQuery: true;
  readonly editorMode: 'code';
}

/** The SDK has no builder for PostgreSQL queries, so this one writes the target the editor would (`sql` tag for the text). */
export function sqlTarget(
  rawSql: string,
  format: SqlFormat = 'table',
  refId = 'A',
): cog.Builder<cog.Dataquery> {
  return {
    build: (): SqlTarget => ({
      refId,
      datasource: TIMESCALE_DATASOURCE,
      rawSql,
      format,
      rawQuery: true,
      editorMode: 'code',
      _implementsDataqueryVariant() {},
    }),
  };
}

export interface SqlVariableOptions {
  readonly label: string;
  readonly description: string;
  /** Several values at once, with an "All" entry selected by default; SQL reads it as `IN ($name)`. */
  readonly multi?: boolean;
  /** Query again when the time range changes (the query uses the range), else on dashboard load. */
  readonly refreshOnTimeRange?: boolean;
}

/** A variable filled by SQL; `__value`/`__text` columns give the value and what the picker shows. */
export function sqlVariable(name: string, rawSql: string, options: SqlVariableOptions): QueryVariableBuilder {
  const variable = new QueryVariableBuilder(name)
    .label(options.label)
    .description(options.description)
    .datasource(TIMESCALE_DATASOURCE)
    .query(rawSql)
    .definition(rawSql)
    .refresh(
      options.refreshOnTimeRange ? VariableRefresh.OnTimeRangeChanged : VariableRefresh.OnDashboardLoad,
    )
    .allowCustomValue(false);
  if (options.multi)
    variable
      .multi(true)
      .includeAll(true)
      .current({ selected: true, text: ['All'], value: ['$__all'] });
  return variable;
}

/** The settings every dashboard shares: tags, local time, shared crosshair, links, alert annotations. */
export function newDashboard(uid: string, title: string, description: string): DashboardBuilder {
  return new DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags([...DASHBOARD_TAGS])
    .timezone(DASHBOARD_TIME_ZONE)
    .weekStart('monday')
    .tooltip(DashboardCursorSync.Crosshair)
    .refresh('1m')
    .readonly()
    .link(
      new DashboardLinkBuilder('Hai Phong dashboards')
        .type(DashboardLinkType.Dashboards)
        .tags([...DASHBOARD_TAGS])
        .asDropdown(true)
        .keepTime(true)
        .includeVars(false)
        .targetBlank(false),
    )
    .annotation(
      new AnnotationQueryBuilder()
        .name('Alerts')
        .datasource(GRAFANA_ANNOTATIONS_DATASOURCE)
        .enable(true)
        .iconColor('red')
        .target({
          build: () => ({
            type: 'tags',
            tags: [ALERT_ANNOTATION_TAG],
            matchAny: true,
            limit: 100,
            _implementsDataqueryVariant() {},
          }),
        }),
    );
}

/** Builds the dashboard and numbers its panels (rows included) in order: Grafana needs unique ids. */
export function finishDashboard(builder: DashboardBuilder): Dashboard {
  const dashboard = builder.build();
  // The SDK defaults links and annotation toggles into the controls menu; keep them in plain sight.
  for (const link of dashboard.links ?? []) delete link.placement;
  for (const annotation of dashboard.annotations.list ?? []) delete annotation.placement;
  let id = 0;
  for (const panel of dashboard.panels ?? []) {
    panel.id = ++id;
    if (panel.type === 'row') for (const inner of (panel as RowPanel).panels) inner.id = ++id;
  }
  return dashboard;
}

/** Every panel of a dashboard, including those inside collapsed rows. */
export function panelsOf(dashboard: Dashboard): Panel[] {
  return (dashboard.panels ?? []).flatMap((panel) =>
    panel.type === 'row' ? (panel as RowPanel).panels : [panel as Panel],
  );
}

/** Verdict and severity colours, so a table cell says at a glance what is wrong. */
export function colouredValues(colours: Readonly<Record<string, string>>): ValueMap {
  const options: ValueMap['options'] = {};
  Object.entries(colours).forEach(([value, color], index) => (options[value] = { color, index }));
  return { type: MappingType.ValueToText, options };
}

export const VERDICT_COLOURS = {
  compliant: 'green',
  insufficient_data: 'orange',
  no_permit: 'purple',
  exceedance: 'red',
  suspected_exceedance: 'yellow',
  met: 'green',
  no_operating_plant: 'purple',
  'not judged': 'text',
  'no outlet station': 'text',
} as const;

export const SEVERITY_COLOURS = { critical: 'red', warning: 'orange', info: 'blue' } as const;

/** A table column shown as a coloured cell, by value. */
export function colouredColumn(colours: Readonly<Record<string, string>>) {
  return [
    { id: 'mappings', value: [colouredValues(colours)] },
    { id: 'custom.cellOptions', value: { type: 'color-background' } },
  ];
}
