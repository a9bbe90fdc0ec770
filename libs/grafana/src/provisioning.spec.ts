import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { loadConfig } from '@hp/config';
import { Dashboard, Panel } from '@grafana/grafana-foundation-sdk/dashboard';
import { buildDashboards, dashboardSqlQueries } from './dashboards/dashboards';
import { GRAFANA_ANNOTATIONS_DATASOURCE, panelsOf, TIMESCALE_DATASOURCE } from './dashboards/dashboard-kit';
import { DEFAULT_WASTE_JUDGEMENT_POLICY } from './dashboards/waste-lot-standings';
import { interpolateGrafanaSql, SqlTemplateVariable } from './grafana-sql-interpolation';
import { GENERATE_PROVISIONING_COMMAND, PROVISIONED_DASHBOARDS_DIR, provisioningFiles } from './provisioning';

const ROOT = resolve(__dirname, '../../..');
const DASHBOARDS = buildDashboards();

function readCommitted(path: string): Buffer | undefined {
  try {
    return readFileSync(join(ROOT, path));
  } catch {
    return undefined;
  }
}

describe(`provisioned dashboards (${PROVISIONED_DASHBOARDS_DIR})`, () => {
  const files = provisioningFiles();

  it.each(files.map((file) => ({ path: file.path, file })))(
    '$path is byte for byte what the generator writes',
    ({ path, file }) => {
      const committed = readCommitted(path);
      if (!committed?.equals(Buffer.from(file.content, 'utf8')))
        throw new Error(
          `${path} is ${committed ? 'out of date' : 'missing'}: the dashboards changed in libs/grafana. Run\n  ${GENERATE_PROVISIONING_COMMAND}\nand commit the result.`,
        );
    },
  );

  it('holds no dashboard file the generator does not write', () => {
    const committed = readdirSync(join(ROOT, PROVISIONED_DASHBOARDS_DIR)).filter((n) => n.endsWith('.json'));
    const generated = files.map((f) => f.path.slice(PROVISIONED_DASHBOARDS_DIR.length + 1));
    const stale = committed.filter((name) => !generated.includes(name));
    if (stale.length > 0)
      throw new Error(
        `${stale.join(', ')} no longer generated: run\n  ${GENERATE_PROVISIONING_COMMAND}\n(it removes them)`,
      );
  });

  it.each(files.map((file) => ({ path: file.path, file })))(
    '$path is left as it is by prettier (npm run format cannot make it drift)',
    async ({ path, file }) => {
      const options = await prettier.resolveConfig(join(ROOT, path));
      expect(await prettier.format(file.content, { ...options, filepath: path })).toBe(file.content);
    },
  );

  it('writes 2-space JSON with a trailing newline that parses back to the dashboard', () => {
    for (const [i, file] of files.entries()) {
      expect(file.content.endsWith('}\n')).toBe(true);
      expect(file.content.split('\n')[1]).toMatch(/^ {2}"/);
      expect(JSON.parse(file.content)).toEqual(JSON.parse(JSON.stringify(DASHBOARDS[i])));
    }
  });
});

/** Every `datasource` reference in a JSON tree, with where it is. */
function datasourceRefs(node: unknown, path = ''): { path: string; uid: unknown; type: unknown }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => datasourceRefs(item, `${path}[${i}]`));
  if (node === null || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([key, value]) =>
    key === 'datasource'
      ? [{ path: `${path}.${key}`, ...(value as { uid: unknown; type: unknown }) }]
      : datasourceRefs(value, `${path}.${key}`),
  );
}

describe.each(DASHBOARDS.map((dashboard) => ({ uid: dashboard.uid, dashboard })))(
  'dashboard $uid',
  ({ dashboard }: { dashboard: Dashboard }) => {
    const json = JSON.parse(JSON.stringify(dashboard)) as Dashboard;

    it('is tagged, in local time, with a stable uid', () => {
      expect(['hp-city-overview', 'hp-park', 'hp-station']).toContain(dashboard.uid);
      expect(dashboard.tags).toEqual(['hp-envmon']);
      expect(dashboard.timezone).toBe('Asia/Ho_Chi_Minh');
      expect(dashboard.title).toBeTruthy();
    });

    it('queries only the timescale datasource (annotations: Grafana’s own store, where alerts are posted)', () => {
      const { annotations, ...rest } = json;
      const refs = datasourceRefs(rest);
      expect(refs.length).toBeGreaterThan(0);
      for (const ref of refs)
        expect({ at: ref.path, uid: ref.uid, type: ref.type }).toEqual({
          at: ref.path,
          ...TIMESCALE_DATASOURCE,
        });
      for (const ref of datasourceRefs(annotations))
        expect({ at: ref.path, uid: ref.uid, type: ref.type }).toEqual({
          at: ref.path,
          ...GRAFANA_ANNOTATIONS_DATASOURCE,
        });
    });

    it('gives every panel at least one raw SQL target', () => {
      const panels = panelsOf(json);
      expect(panels.length).toBeGreaterThan(0);
      for (const panel of panels) {
        const targets = (panel.targets ?? []) as unknown as {
          rawSql?: string;
          rawQuery?: boolean;
          format?: string;
        }[];
        expect({
          panel: panel.title,
          withSql: targets.some((t) => Boolean(t.rawSql?.trim()) && t.rawQuery === true),
        }).toEqual({
          panel: panel.title,
          withSql: true,
        });
        for (const target of targets) expect(['table', 'time_series']).toContain(target.format);
      }
    });

    it('uses only the macros and variables the interpolation knows (what the e2e test runs)', () => {
      const variables: Record<string, SqlTemplateVariable> = {};
      for (const variable of dashboard.templating.list ?? [])
        variables[variable.name] = { value: ['x'], quoted: Boolean(variable.multi) };
      for (const query of dashboardSqlQueries(dashboard))
        expect(() =>
          interpolateGrafanaSql(query.rawSql, {
            from: new Date(0),
            to: new Date(1),
            intervalMs: 60_000,
            variables,
          }),
        ).not.toThrow();
    });

    it('numbers its panels uniquely and keeps them on the 24-column grid', () => {
      const all = (json.panels ?? []) as Panel[];
      const ids = all.map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const panel of all)
        expect((panel.gridPos?.x ?? 0) + (panel.gridPos?.w ?? 0)).toBeLessThanOrEqual(24);
    });
  },
);

describe('dashboard options', () => {
  it('judges waste lots by the configuration defaults unless told otherwise', () => {
    expect(DEFAULT_WASTE_JUDGEMENT_POLICY).toEqual(loadConfig({}).waste);
    const strict = buildDashboards({
      wastePolicy: { massTolerance: 0.005, maxStorageDays: 180, manifestCloseDays: 10 },
    });
    const sqlOf = (dashboards: Dashboard[]) => JSON.stringify(dashboards.map((d) => dashboardSqlQueries(d)));
    expect(sqlOf(strict)).toContain('waste_lot_judgement(l, now(), 0.005, 180, 10)');
    expect(sqlOf(DASHBOARDS)).toContain('waste_lot_judgement(l, now(), 0.02, 365, 30)');
    expect(() =>
      buildDashboards({ wastePolicy: { massTolerance: NaN, maxStorageDays: 1, manifestCloseDays: 1 } }),
    ).toThrow(/massTolerance/);
  });
});
