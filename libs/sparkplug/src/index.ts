export * from './topic';
export { decodeSparkplugPayload, rebirthRequestPayload } from './payload';
export type { DecodedMetric, DecodedPayload } from './payload';
export * from './session';
export { MappingIndex, metricReadings, OPC_QUALITY_GOOD, statusOf } from './metric-readings';
export * from './sparkplug-settings';
export { SparkplugCommands } from './sparkplug-commands';
export { SparkplugHostService, MAPPING_RELOAD_MS } from './sparkplug-host.service';
export { SparkplugModule } from './sparkplug.module';
export {
  isSparkplugCommand,
  loadSparkplugMappings,
  parseSparkplugMappingsFile,
  runSparkplugCli,
  SPARKPLUG_USAGE,
} from './sparkplug-cli';
export type { SparkplugMappingEntry } from './sparkplug-cli';
