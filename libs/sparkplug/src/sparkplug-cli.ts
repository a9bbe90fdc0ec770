import { readFile } from 'node:fs/promises';
import { CODE_PATTERN, DomainError, isWaterParameterCode, WATER_PARAMETER_CODES } from '@hp/contracts';
import { acceptedUnits, unitConverter } from '@hp/ingestion';
import { Database, withConfiguredDatabase } from '@hp/storage';
import { RegistryReader } from '@hp/registry';
import {
  SparkplugMappingsRepository,
  SparkplugMetricMappingInput,
} from './storage/sparkplug-mappings.repository';
import { isSparkplugId } from './topic';

export const SPARKPLUG_USAGE = `  sparkplug-mappings-load --json PATH
            map Sparkplug B metrics (group, edge node, device, metric name) to a station's parameter and unit;
            replaces the whole mapping of each edge node the file names; all or nothing, every bad field named`;

/**
 * The mapping file of `sparkplug-mappings-load --json`:
 *   { "mappings": [ { "group": "DEEPC-HP1", "edgeNode": "DEEPC-GW-01", "device": "OUTLET-AN",
 *                     "metric": "Outlet/COD", "park": "DEEPC-HP1", "station": "DEEPC-HP1-CETP-OUT",
 *                     "parameter": "COD", "unit": "mg/L" } ] }
 * `device` is left out (or "") for a metric of the edge node itself.
 */
export interface SparkplugMappingEntry {
  readonly group: string;
  readonly edgeNode: string;
  readonly device: string;
  readonly metric: string;
  readonly park: string;
  readonly station: string;
  readonly parameter: string;
  readonly unit: string;
}

const CODE = new RegExp(CODE_PATTERN);
type Raw = Record<string, unknown>;

/** Checks a mapping file; throws one INVALID_ARGUMENT error naming every bad field by its path. */
export function parseSparkplugMappingsFile(text: string): SparkplugMappingEntry[] {
  let body: Raw;
  try {
    body = JSON.parse(text) as Raw;
  } catch {
    throw new DomainError('INVALID_ARGUMENT', 'the file is not valid JSON');
  }
  const raw = body?.['mappings'];
  if (!Array.isArray(raw) || raw.length === 0)
    throw new DomainError('INVALID_ARGUMENT', 'mappings must be a non-empty array');
  const problems: string[] = [];
  const seen = new Map<string, number>();
  const entries = (raw as Raw[]).map((m, i) => {
    const at = `mappings[${i}]`;
    const text = (field: string, check: (v: string) => boolean, rule: string, optional = false): string => {
      const value = m?.[field];
      if (optional && (value === undefined || value === '')) return '';
      if (typeof value !== 'string' || !check(value)) problems.push(`${at}.${field} ${rule}`);
      return typeof value === 'string' ? value : '';
    };
    const sparkplugId = 'must be a Sparkplug id (1 to 256 characters, no "/", "+" or "#")';
    const code = "must be 1 to 64 letters, digits, '-' or '_'";
    const entry: SparkplugMappingEntry = {
      group: text('group', isSparkplugId, sparkplugId),
      edgeNode: text('edgeNode', isSparkplugId, sparkplugId),
      device: text('device', isSparkplugId, sparkplugId, true),
      metric: text(
        'metric',
        (v) => v.trim() !== '' && v.length <= 512,
        'must be a metric name (1 to 512 characters)',
      ),
      park: text('park', (v) => CODE.test(v), code),
      station: text('station', (v) => CODE.test(v), code),
      parameter: text(
        'parameter',
        isWaterParameterCode,
        `must be one of ${WATER_PARAMETER_CODES.join(', ')}`,
      ),
      unit: text('unit', (v) => v !== '', 'must be a unit'),
    };
    if (
      isWaterParameterCode(entry.parameter) &&
      entry.unit !== '' &&
      !unitConverter(entry.parameter, entry.unit)
    )
      problems.push(
        `${at}.unit ${JSON.stringify(entry.unit)} is not accepted for ${entry.parameter} (accepted: ${acceptedUnits(entry.parameter).join(', ')})`,
      );
    const key = JSON.stringify([entry.group, entry.edgeNode, entry.device, entry.metric]);
    const first = seen.get(key);
    if (first !== undefined) problems.push(`${at} maps the same metric as mappings[${first}]`);
    else seen.set(key, i);
    return entry;
  });
  if (problems.length > 0) throw new DomainError('INVALID_ARGUMENT', problems.join('\n'));
  return entries;
}

/**
 * Writes the mapping, all or nothing: every station must be registered in its park (each one that is not
 * is named), then each named edge node's mapping is replaced in one transaction. Returns the rows written.
 */
export async function loadSparkplugMappings(
  db: Database,
  entries: readonly SparkplugMappingEntry[],
): Promise<number> {
  const stations = new Map(
    (await new RegistryReader(db).stations.listRefs()).map((s) => [`${s.parkCode}/${s.code}`, s.id]),
  );
  const problems: string[] = [];
  const rows: SparkplugMetricMappingInput[] = entries.flatMap((e, i) => {
    const stationId = stations.get(`${e.park}/${e.station}`);
    if (stationId === undefined) {
      problems.push(`mappings[${i}].station ${e.station} is not registered in park ${e.park}`);
      return [];
    }
    return [
      {
        groupId: e.group,
        edgeNodeId: e.edgeNode,
        deviceId: e.device,
        metricName: e.metric,
        stationId,
        parameterCode: e.parameter,
        unit: e.unit,
      },
    ];
  });
  if (problems.length > 0) throw new DomainError('INVALID_ARGUMENT', problems.join('\n'));
  return new SparkplugMappingsRepository(db).replaceForEdgeNodes(rows);
}

export function isSparkplugCommand(command: string | undefined): boolean {
  return command === 'sparkplug-mappings-load';
}

export async function runSparkplugCli(
  argv: readonly string[],
  err = (m: string) => console.error(m),
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  if (argv[1] !== '--json' || !argv[2] || argv.length > 3) {
    err(`usage:\n${SPARKPLUG_USAGE}`);
    return 2;
  }
  let entries: SparkplugMappingEntry[];
  try {
    entries = parseSparkplugMappingsFile(await readFile(argv[2], 'utf8'));
  } catch (error) {
    err(`${argv[2]}:\n${(error as Error).message}`);
    return 2;
  }
  let refused = false;
  const code = await withConfiguredDatabase(
    'sparkplug-mappings-load',
    async (db) => {
      try {
        const n = await loadSparkplugMappings(db, entries);
        console.log(`loaded ${n} Sparkplug B metric mapping(s) from ${argv[2]}`);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        refused = true;
        err(`${argv[2]}: nothing loaded:\n${error.message}`);
      }
    },
    { env, err },
  );
  return refused ? 2 : code;
}
