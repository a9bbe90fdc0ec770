import { Env, loadConfig } from '@hp/config';
import { TOPIC_CODE_PATTERN } from '@hp/contracts';
import { FleetOptions, FleetStationSpec } from './fleet';

/** A wrong command line; main prints it with the usage and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Fleet size when neither --stations nor SIMULATOR_STATIONS names one (the registry is not at hand here). */
export const DEFAULT_SYNTHETIC_STATIONS = 5;

export const USAGE = `Usage: node infra/scripts/run.cjs simulators/src/main.ts [--stations PARK:STATION[:M3_PER_DAY],...] [--start ISO_TIME]

  --stations  stations to simulate, e.g. DVU:DVU-CETP-OUT,NKH:NKH-OUT:4500 (optional design capacity in m3/day);
              without it, SIMULATOR_STATIONS synthetic stations SIM-P01:SIM-P01-OUT, SIM-P02:SIM-P02-OUT, ...
  --start     simulated time of the first sample (default now), e.g. 2026-01-05T00:00:00+07:00

Environment: MQTT_URL (default mqtt://127.0.0.1:<MQTT_EMBEDDED_PORT, 1884>), MQTT_USERNAME, MQTT_PASSWORD,
MQTT_PROTOCOL_VERSION, SIMULATOR_STATIONS (0 = ${DEFAULT_SYNTHETIC_STATIONS} synthetic stations), SIMULATOR_SEED, SIMULATOR_INTERVAL_MS, SIMULATOR_SPEED.`;

export interface CliArgs {
  readonly help: boolean;
  readonly stations: FleetStationSpec[] | null;
  readonly startTime: string | undefined;
}

export function parseCliArgs(argv: readonly string[]): CliArgs {
  let help = false;
  let stations: FleetStationSpec[] | null = null;
  let startTime: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = splitFlag(argv[i]);
    const value = () => {
      if (inline !== undefined) return inline;
      const next = argv[++i];
      if (next === undefined || next.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return next;
    };
    switch (flag) {
      case '-h':
      case '--help':
        help = true;
        break;
      case '--stations':
        stations = parseStations(value());
        break;
      case '--start':
        startTime = value();
        if (Number.isNaN(Date.parse(startTime)))
          throw new UsageError(`--start "${startTime}" is not an ISO 8601 time`);
        break;
      default:
        throw new UsageError(`unknown argument "${argv[i]}"`);
    }
  }
  return { help, stations, startTime };
}

function splitFlag(arg: string): [string, string | undefined] {
  const eq = arg.indexOf('=');
  return arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
}

/** `PARK:STATION[:M3_PER_DAY],...` */
export function parseStations(list: string): FleetStationSpec[] {
  const stations = list
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .map((item) => {
      const [parkCode, stationCode, capacity, ...rest] = item.split(':');
      if (!parkCode || !stationCode || rest.length > 0) {
        throw new UsageError(`--stations item "${item}" must be PARK:STATION or PARK:STATION:M3_PER_DAY`);
      }
      for (const code of [parkCode, stationCode]) {
        if (!TOPIC_CODE_PATTERN.test(code)) {
          throw new UsageError(`--stations code "${code}" may hold only letters, digits, "-" and "_" (1-64)`);
        }
      }
      const designCapacityM3PerDay = capacity === undefined ? null : Number(capacity);
      if (
        designCapacityM3PerDay !== null &&
        !(Number.isFinite(designCapacityM3PerDay) && designCapacityM3PerDay > 0)
      ) {
        throw new UsageError(
          `--stations capacity "${capacity}" of ${stationCode} must be a positive number of m3/day`,
        );
      }
      return { parkCode, stationCode, designCapacityM3PerDay };
    });
  if (stations.length === 0) throw new UsageError('--stations lists no station');
  const seen = new Set<string>();
  for (const s of stations) {
    const key = `${s.parkCode}:${s.stationCode}`;
    if (seen.has(key)) throw new UsageError(`--stations lists ${key} twice`);
    seen.add(key);
  }
  return stations;
}

/** SIM-P01:SIM-P01-OUT, SIM-P02:SIM-P02-OUT, ...: one CETP outlet per synthetic park. */
export function syntheticStations(count: number): FleetStationSpec[] {
  const width = Math.max(2, String(count).length);
  return Array.from({ length: count }, (_, i) => {
    const parkCode = `SIM-P${String(i + 1).padStart(width, '0')}`;
    return { parkCode, stationCode: `${parkCode}-OUT` };
  });
}

/** The fleet the command line and environment ask for. Throws UsageError or ConfigError. */
export function cliFleetOptions(args: CliArgs, env: Env): FleetOptions {
  const config = loadConfig(env);
  const { mqtt, simulator } = config;
  return {
    mqttUrl: mqtt.url ?? `mqtt://127.0.0.1:${mqtt.embeddedPort}`,
    username: mqtt.username,
    password: mqtt.password,
    protocolVersion: mqtt.protocolVersion,
    stations:
      args.stations ??
      syntheticStations(simulator.stations > 0 ? simulator.stations : DEFAULT_SYNTHETIC_STATIONS),
    seed: simulator.seed,
    intervalMs: simulator.intervalMs,
    speed: simulator.speed,
    startTime: args.startTime,
  };
}
