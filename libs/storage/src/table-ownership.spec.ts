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
  /**
   * Test files only (specs, contracts, benchmarks) outside the owner whose SQL may write or lock these tables
   * where no service of the owner does what the test needs (a server-side bulk seed, a column only the
   * database stamps, a lock that stalls commits), and why. They may read them too.
   */
  sqlWriters?: readonly { path: string; why: string }[];
}
const ALWAYS_MAY_READ = ['libs/grafana/src/dashboards/', 'libs/storage/src/contract/'];
const OWNED: readonly Owner[] = [
  {
    lib: 'registry',
    tables: [
      'parks',
      'treatment_plants',
      'stations',
      'parameters',
      'parameter_cadence_defaults',
      'station_parameter_cadences',
      'discharge_permits',
      'permit_parameter_limits',
      'devices',
    ],
    repositories: [
      'ParksRepository',
      'TreatmentPlantsRepository',
      'StationsRepository',
      'ParametersRepository',
      'ParameterCadencesRepository',
      'DischargePermitsRepository',
      'DevicesRepository',
    ],
    sqlReaders: [
      {
        path: 'libs/readings/src/storage/published-readings.repository.ts',
        why: 'the public read pages readings of active outlets with their station, park and unit in one query',
      },
      {
        path: 'libs/sparkplug/src/storage/sparkplug-mappings.repository.ts',
        why: 'each metric mapping is listed with the park and station codes of its topic in one query',
      },
      {
        path: 'libs/reports/src/storage/report-subscriptions.repository.ts',
        why: 'subscriptions are listed with the code of the park they follow in one query',
      },
      {
        path: 'libs/reports/src/storage/report-submissions.repository.ts',
        why: "the parks' report submissions are listed by period and state with their park's code in one query",
      },
    ],
  },
  {
    lib: 'waste',
    tables: [
      'waste_codes',
      'waste_parties',
      'party_licences',
      'waste_events',
      'waste_lots',
      'waste_declarations',
    ],
    repositories: [
      'WasteEventsRepository',
      'WasteLotsRepository',
      'WasteCodesRepository',
      'WastePartiesRepository',
    ],
  },
  {
    lib: 'readings',
    tables: ['readings', 'reading_corrections', 'reading_correction_proposals', 'recompute_marks'],
    repositories: [
      'ReadingsRepository',
      'ReadingCorrectionsRepository',
      'CorrectionProposalsRepository',
      'PublishedReadingsRepository',
      'RecomputeMarksRepository',
    ],
    sqlReaders: [
      {
        path: 'libs/data-quality/src/storage/station-inputs.repository.ts',
        why: "data-quality's signals scan a station's raw readings by time range in SQL (gaps, counts, first reading)",
      },
      {
        path: 'libs/circular10/src/storage/circular10-relay-cursors.repository.ts',
        why: 'the relay finds the first reading after its cursor in one indexed query per station',
      },
      {
        path: 'libs/alerting/src/evaluation/reading-alert-durability.integration.spec.ts',
        why: 'the durability spec reads received_at, which ingestion stamps and no reader returns',
      },
      {
        path: 'libs/sparkplug/src/sparkplug-host.integration.spec.ts',
        why: 'the Sparkplug spec checks what the ingestion path stored, with the parameter mapping applied',
      },
      {
        path: 'test/src/faults.e2e.spec.ts',
        why: 'the fault drills count and compare stored readings with a bare pg client that survives the outages',
      },
      {
        path: 'test/bench/',
        why: 'benchmarks measure the commit lag and throughput from received_at and row counts of a whole run',
      },
      {
        path: 'test/drill/',
        why: "the cluster drill checks every acknowledged reading is stored once, through the cluster's own HAProxy with a bare pg pool that survives the failovers",
      },
      {
        path: 'libs/ingestion/src/telemetry-batch-writer.integration.spec.ts',
        why: 'the batch writer spec checks that a batch retried after a duplicate still marks its station-day for recompute',
      },
    ],
    sqlWriters: [
      {
        path: 'test/bench/compliance.bench.ts',
        why: 'a year of readings for hundreds of stations is generated server-side (generate_series), the key rebuilt once',
      },
      {
        path: 'libs/data-quality/src/data-quality.contract.ts',
        why: 'the clock-drift rule needs readings with a given received_at, which ingestion stamps and no writer sets',
      },
      {
        path: 'libs/compliance/src/recompute-retry.pg.spec.ts',
        why: 'the retry spec makes a failed mark due at once and reads its attempts and back-off',
      },
      {
        path: 'libs/ingestion/src/telemetry-ingestion.integration.spec.ts',
        why: 'LOCK TABLE readings stalls every commit, to show ingestion holds its acknowledgements meanwhile',
      },
      {
        path: 'test/src/hostile-input.e2e.spec.ts',
        why: "a fuzz payload carries the text '; DROP TABLE readings; --' (data sent over MQTT, never run as SQL)",
      },
    ],
  },
  {
    lib: 'ingestion',
    tables: ['quarantined_messages'],
    repositories: ['QuarantineRepository'],
    sqlReaders: [
      {
        path: 'libs/sparkplug/src/sparkplug-host.integration.spec.ts',
        why: "the Sparkplug spec reads each refusal's first reason code by topic pattern",
      },
      {
        path: 'test/src/faults.e2e.spec.ts',
        why: 'the fault drills read refusals with a bare pg client that survives the outages',
      },
      {
        path: 'test/drill/',
        why: 'the cluster drill looks for an acknowledged message it did not find stored among the refusals, with its bare pg client',
      },
    ],
  },
  { lib: 'audit', tables: ['audit_log'], repositories: ['AuditLogRepository'] },
  {
    lib: 'accounts',
    tables: ['users', 'refresh_tokens', 'stream_ticket_redemptions', 'login_failures'],
    repositories: [
      'UsersRepository',
      'RefreshTokensRepository',
      'StreamTicketRedemptionsRepository',
      'LoginFailuresRepository',
    ],
    sqlReaders: [
      {
        path: 'libs/alerting/src/storage/alert-subscriptions.repository.ts',
        why: "an alert's subscribers are matched with their role, parks and whether disabled in the alert's own transaction",
      },
    ],
  },
  {
    lib: 'compliance',
    // With the park-standing rule's SQL functions (migration 0023): only compliance and Grafana call them.
    tables: [
      'compliance_station_days',
      'compliance_parameter_days',
      'set_aside_reviews',
      'compliance_rule_settings',
      'flatline_defaults',
      'park_standings_between',
      'parks_meeting_standard',
    ],
    repositories: [
      'ComplianceStationDaysRepository',
      'ComplianceParameterDaysRepository',
      'SetAsideReviewsRepository',
      'ParkStandingsRepository',
    ],
  },
  {
    lib: 'data-quality',
    tables: ['dq_rules', 'dq_calibration_schedules', 'dq_inspections', 'dq_signal_states', 'dq_station_days'],
    repositories: ['DataQualityRepository', 'StationInputsRepository'],
  },
  {
    lib: 'reports',
    tables: [
      'report_runs',
      'report_deliveries',
      'report_subscriptions',
      'report_submissions',
      'report_submission_events',
      'city_reports',
      'city_report_settings',
      'city_report_numbers',
    ],
    repositories: [
      'ReportRunsRepository',
      'ReportDeliveriesRepository',
      'ReportSubscriptionsRepository',
      'ReportSubmissionsRepository',
      'CityReportsRepository',
    ],
  },
  { lib: 'sparkplug', tables: ['sparkplug_metric_mappings'], repositories: ['SparkplugMappingsRepository'] },
  {
    lib: 'alerting',
    tables: [
      'alert_rules',
      'alert_rule_states',
      'alert_watermarks',
      'alerts',
      'alert_recipients',
      'alert_silences',
      'alert_outbox',
      'alert_dead_letters',
      'notifications',
      'alert_subscriptions',
    ],
    repositories: [
      'AlertRulesRepository',
      'AlertsRepository',
      'AlertOutboxRepository',
      'AlertRecipientsRepository',
      'NotificationsRepository',
      'AlertSubscriptionsRepository',
    ],
    sqlReaders: [
      {
        path: 'test/src/faults.e2e.spec.ts',
        why: 'the fault drills count alerts with a bare pg client that reconnects after the PostgreSQL outage drill',
      },
    ],
  },
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

  it.each(OWNED)('no other project writes the tables of $lib', ({ lib, tables, sqlWriters = [] }) => {
    const found = outside(lib).flatMap(({ file, text }) =>
      file === SELF ||
      file.startsWith('libs/storage/src/contract/') ||
      sqlWriters.some((writer) => file.startsWith(writer.path))
        ? []
        : tables.filter((t) => sqlWrites(t).test(text)).map((t) => `${file}: ${t}`),
    );
    expect(found).toEqual([]);
  });

  it.each(OWNED)(
    'only granted readers read the tables of $lib in SQL',
    ({ lib, tables, sqlReaders = [], sqlWriters = [] }) => {
      const granted = [...ALWAYS_MAY_READ, ...[...sqlReaders, ...sqlWriters].map((r) => r.path)];
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

  it('every SQL write grant is a test file, names its reason and is used', () => {
    const grants = OWNED.flatMap((owner) => (owner.sqlWriters ?? []).map((writer) => ({ owner, writer })));
    const wrong = grants.filter(
      ({ owner, writer }) =>
        writer.why.trim().length < 10 ||
        !/^test\/|\.(spec|contract)\.ts$/.test(writer.path) ||
        !files.some(
          ({ file, text }) => file === writer.path && owner.tables.some((t) => sqlWrites(t).test(text)),
        ),
    );
    expect(wrong.map(({ owner, writer }) => `${owner.lib} -> ${writer.path}`)).toEqual([]);
  });

  it('libs/storage/src holds no repository or SQL for a table whose feature owns it', () => {
    // The driver contract tests touch any table by design (as they may read any).
    const storage = files.filter(
      ({ file }) =>
        file.startsWith('libs/storage/src/') &&
        file !== SELF &&
        !file.startsWith('libs/storage/src/contract/'),
    );
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
