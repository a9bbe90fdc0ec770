import { interpolateGrafanaSql } from './grafana-sql-interpolation';

const context = {
  from: new Date('2026-03-09T17:00:00.000Z'),
  to: new Date('2026-03-10T16:59:59.999Z'),
  intervalMs: 60_000,
  variables: {
    park: { value: "O'Brien", quoted: false },
    station: { value: '12', quoted: false },
    parameter: { value: ['COD', 'pH'], quoted: true },
  },
};

describe('interpolateGrafanaSql (what Grafana’s PostgreSQL datasource sends)', () => {
  it('puts in variables as Grafana does: raw (quotes doubled), or quoted and joined when multi-value', () => {
    expect(
      interpolateGrafanaSql(
        "SELECT 1 WHERE code = '$park' AND id = ${station} AND p IN ($parameter) AND ms = $__interval_ms",
        context,
      ),
    ).toBe("SELECT 1 WHERE code = 'O''Brien' AND id = 12 AND p IN ('COD','pH') AND ms = 60000");
  });

  it('expands the time macros in UTC RFC 3339, as Go prints them', () => {
    expect(
      interpolateGrafanaSql('WHERE $__timeFilter(r.time) AND $__timeFrom() < $__timeTo()', context),
    ).toBe(
      "WHERE r.time BETWEEN '2026-03-09T17:00:00Z' AND '2026-03-10T16:59:59.999Z' AND '2026-03-09T17:00:00Z' < '2026-03-10T16:59:59.999Z'",
    );
  });

  it('refuses a macro Grafana does not have and a variable the dashboard does not define', () => {
    expect(() => interpolateGrafanaSql('SELECT $__timeGroupz(time, 1m)', context)).toThrow(/unknown macro/);
    expect(() => interpolateGrafanaSql('SELECT $plant', context)).toThrow(/unresolved "\$plant"/);
    expect(() => interpolateGrafanaSql('SELECT $__interval', context)).toThrow(/unresolved/);
  });
});
