import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

// Features own their tables (issue 17 item 1; docs/architecture.md, "Who owns which tables"). A feature that
// keeps its own repositories has them in `libs/<feature>/src/storage/`, exports none of them, and is the only
// project that names them or runs SQL on its tables; others read through its exported services. libs/storage
// keeps the drivers, migrations and the repositories not yet moved. Add a feature here when it moves.
//
// Writes (INSERT, UPDATE, DELETE, COPY, DDL) to a table happen only in its owner (and in migrations). A read in
// another project's SQL is allowed only where the owner grants it in `sqlReaders`, with the reason, as a
// database grants SELECT: a join that a read service cannot serve without moving rows through Node.
// Grafana's panels and the driver contract tests read any table by design and are not listed.
interface Owner {
  lib: string;
  tables: readonly string[];
  repositories: readonly string[];
  /** Files (path prefixes) outside the owner whose SQL may SELECT from these tables, and why. */
  sqlReaders?: readonly { path: string; why: string }[];
}
const ALWAYS_MAY_READ = ['libs/grafana/src/dashboards/', 'libs/storage/src/contract/'];
const OWNED: readonly Owner[] = [
  {
    lib: 'data-quality',
    tables: ['dq_rules', 'dq_calibration_schedules', 'dq_inspections', 'dq_signal_states', 'dq_station_days'],
    repositories: ['DataQualityRepository', 'StationInputsRepository'],
  },
  {
    lib: 'reports',
    tables: ['report_runs', 'report_deliveries', 'report_subscriptions'],
    repositories: ['ReportRunsRepository', 'ReportDeliveriesRepository', 'ReportSubscriptionsRepository'],
  },
  { lib: 'sparkplug', tables: ['sparkplug_metric_mappings'], repositories: ['SparkplugMappingsRepository'] },
  {
    lib: 'circular10',
    tables: ['circular10_relay_cursors'],
    repositories: ['Circular10RelayCursorsRepository'],
  },
];

const ROOT = path.resolve(__dirname, '../../..');
const SOURCE_DIRS = ['libs', 'apps', 'test', 'simulators'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) return [];
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(file);
    return /\.(ts|js|cjs|mjs)$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

const files = SOURCE_DIRS.flatMap((dir) => sources(path.join(ROOT, dir))).map((file) => ({
  file: path.relative(ROOT, file).split(path.sep).join('/'),
  text: readFileSync(file, 'utf8'),
}));
const outside = (lib: string) => files.filter(({ file }) => !file.startsWith(`libs/${lib}/`));
const sqlOn = (table: string) => new RegExp(`\\b(FROM|INTO|UPDATE|JOIN|TABLE|COPY)\\s+${table}\\b`, 'i');
const sqlWrites = (table: string) =>
  new RegExp(`\\b(INTO|UPDATE|DELETE\\s+FROM|TABLE|COPY)\\s+${table}\\b`, 'i');
/** This spec names every owned class and table; it is the one file outside the owners allowed to. */
const SELF = path.relative(ROOT, __filename).split(path.sep).join('/');

describe('table ownership', () => {
  it.each(OWNED)('$lib declares its repositories in its own storage/ folder', ({ lib, repositories }) => {
    for (const repository of repositories) {
      const declared = files
        .filter(({ text }) => new RegExp(`export class ${repository}\\b`).test(text))
        .map(({ file }) => path.dirname(file));
      expect(declared).toEqual([`libs/${lib}/src/storage`]);
    }
  });

  it.each(OWNED)('$lib exports none of its repositories from its index', ({ lib, repositories }) => {
    const index = readFileSync(path.join(ROOT, 'libs', lib, 'src/index.ts'), 'utf8');
    expect(repositories.filter((repository) => new RegExp(`\\b${repository}\\b`).test(index))).toEqual([]);
  });

  it.each(OWNED)('no other project names a repository of $lib', ({ lib, repositories }) => {
    const found = outside(lib).flatMap(({ file, text }) =>
      file === SELF
        ? []
        : repositories.filter((r) => new RegExp(`\\b${r}\\b`).test(text)).map((r) => `${file}: ${r}`),
    );
    expect(found).toEqual([]);
  });

  it.each(OWNED)('no other project writes the tables of $lib', ({ lib, tables }) => {
    const found = outside(lib).flatMap(({ file, text }) =>
      file === SELF || file.startsWith('libs/storage/src/contract/')
        ? []
        : tables.filter((t) => sqlWrites(t).test(text)).map((t) => `${file}: ${t}`),
    );
    expect(found).toEqual([]);
  });

  it.each(OWNED)(
    'only granted readers read the tables of $lib in SQL',
    ({ lib, tables, sqlReaders = [] }) => {
      const granted = [...ALWAYS_MAY_READ, ...sqlReaders.map((r) => r.path)];
      const found = outside(lib).flatMap(({ file, text }) =>
        file === SELF || granted.some((prefix) => file.startsWith(prefix))
          ? []
          : tables.filter((t) => sqlOn(t).test(text)).map((t) => `${file}: ${t}`),
      );
      expect(found).toEqual([]);
    },
  );

  it('every SQL read grant names its reason and is used', () => {
    const grants = OWNED.flatMap((owner) => (owner.sqlReaders ?? []).map((reader) => ({ owner, reader })));
    const unused = grants.filter(
      ({ owner, reader }) =>
        reader.why.trim().length < 10 ||
        !files.some(
          ({ file, text }) => file.startsWith(reader.path) && owner.tables.some((t) => sqlOn(t).test(text)),
        ),
    );
    expect(unused.map(({ owner, reader }) => `${owner.lib} -> ${reader.path}`)).toEqual([]);
  });

  it('libs/storage/src holds no repository or SQL for a table whose feature owns it', () => {
    const storage = files.filter(({ file }) => file.startsWith('libs/storage/src/') && file !== SELF);
    const tables = OWNED.flatMap((owner) => owner.tables);
    const found = storage.flatMap(({ file, text }) =>
      tables.filter((t) => new RegExp(`\\b${t}\\b`).test(text)).map((t) => `${file}: ${t}`),
    );
    expect(found).toEqual([]);
    expect(
      readdirSync(path.join(ROOT, 'libs/storage/src')).filter((d) => OWNED.some((o) => o.lib === d)),
    ).toEqual([]);
  });

  it('finds the SQL it looks for (the scan is not blind)', () => {
    const reports = files.find(({ file }) => file === 'libs/reports/src/storage/report-runs.repository.ts');
    expect(reports && sqlOn('report_runs').test(reports.text)).toBe(true);
  });
});
