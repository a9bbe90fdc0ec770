/** A dashboard variable's current value, as Grafana's SQL datasources put it into a query. */
export interface SqlTemplateVariable {
  /** One value, or the values of a multi-value variable (or of one repeated panel: a single value). */
  readonly value: string | readonly string[];
  /**
   * A multi-value or include-all variable: each value becomes a quoted SQL literal, joined by commas
   * (so the SQL writes `IN ($var)`). Otherwise the value goes in as it is, quotes doubled (`'$var'`).
   */
  readonly quoted: boolean;
}

export interface GrafanaSqlContext {
  readonly from: Date;
  readonly to: Date;
  /** `$__interval_ms`: the panel's interval (range / data points, at least the panel's min interval). */
  readonly intervalMs: number;
  readonly variables: Readonly<Record<string, SqlTemplateVariable>>;
}

/** The macros the dashboards use; any other `$__name(...)` is refused, as Grafana refuses it. */
export const SUPPORTED_SQL_MACROS = ['__timeFilter', '__timeFrom', '__timeTo'] as const;

/**
 * The SQL Grafana's PostgreSQL datasource sends for a panel query, for exactly what the dashboards use:
 * first the frontend's template interpolation (dashboard variables and `$__interval_ms`), then the
 * backend's macros (pkg/tsdb/grafana-postgresql-datasource/macros.go: `$__timeFilter(col)`,
 * `$__timeFrom()`, `$__timeTo()`, times in UTC RFC 3339). Throws on anything left unresolved, so a
 * query that Grafana could not run either fails here too.
 */
export function interpolateGrafanaSql(sql: string, context: GrafanaSqlContext): string {
  const withVariables = sql.replace(/\$\{(\w+)\}|\$(\w+)/g, (reference, braced?: string, bare?: string) => {
    const name = braced ?? bare ?? '';
    if (name === '__interval_ms') return String(Math.round(context.intervalMs));
    const variable = context.variables[name];
    return variable ? formatVariable(variable) : reference;
  });
  // The backend's pattern: any $identifier followed by a parenthesised argument list.
  const expanded = withVariables.replace(
    /\$([_a-zA-Z0-9]+)\(([^)]*)\)/g,
    (_call, name: string, args: string) =>
      expandMacro(
        name,
        args.split(',').map((arg) => arg.trim()),
        context,
      ),
  );
  const unresolved = /\$\{?\w+/.exec(expanded);
  if (unresolved) throw new Error(`unresolved "${unresolved[0]}" in query:\n${sql}`);
  return expanded;
}

function formatVariable(variable: SqlTemplateVariable): string {
  const values = typeof variable.value === 'string' ? [variable.value] : variable.value;
  if (variable.quoted) return values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',');
  return values.map((v) => v.replace(/'/g, "''")).join(',');
}

function expandMacro(name: string, args: readonly string[], context: GrafanaSqlContext): string {
  const from = goRfc3339Nano(context.from);
  const to = goRfc3339Nano(context.to);
  switch (name) {
    case '__timeFilter':
      if (!args[0]) throw new Error('missing time column argument for macro __timeFilter');
      return `${args[0]} BETWEEN '${from}' AND '${to}'`;
    case '__timeFrom':
      return `'${from}'`;
    case '__timeTo':
      return `'${to}'`;
    default:
      throw new Error(`unknown macro "${name}" (supported: ${SUPPORTED_SQL_MACROS.join(', ')})`);
  }
}

/** Go's time.RFC3339Nano in UTC: the fraction of a second without trailing zeros, none when whole. */
function goRfc3339Nano(date: Date): string {
  return date
    .toISOString()
    .replace(/\.(\d*?)0*Z$/, (_fraction, digits: string) => (digits ? `.${digits}Z` : 'Z'));
}
