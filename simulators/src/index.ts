export * from './fault-config';
export * from './station-model';
export * from './fleet';
export * from './demo-history';
export {
  cliFleetOptions,
  parseCliArgs,
  parseStations,
  syntheticStations,
  DEFAULT_SYNTHETIC_STATIONS,
  UsageError,
} from './cli';
export type { CliArgs } from './cli';
export { toIctIso } from './local-time';
export { mulberry32 } from './random';
export * from './waste/waste-scenario';
export * from './waste/waste-publisher';
export * from './waste/waste-cli';
