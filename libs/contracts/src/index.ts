export * from './telemetry/parameters';
export * from './telemetry/status';
export * from './telemetry/topics';
export {
  CODE_PATTERN,
  DATE_TIME_WITH_OFFSET_PATTERN,
  DeviceStatusPayloadSchema,
  GatewayNoticePayloadSchema,
  GatewayStationBatchSchema,
  GatewayTelemetryPayloadSchema,
  type JsonSchema,
  MAX_READINGS_PER_MESSAGE,
  MAX_STATIONS_PER_GATEWAY_MESSAGE,
  StationTelemetryPayloadSchema,
  TelemetryReadingSchema,
} from './telemetry/schemas';
export * from './telemetry/telemetry-payload';
export * from './telemetry/presence-payload';
export * from './errors/domain-error';
export * from './waste/waste-events';
export * from './calendar/local-days';
export * from './calendar/periods';
export * from './formats/csv';
export * from './http/request-input';
export * from './http/request-shape.decorator';
export * from './http/request-body';
export * from './http/request-body.decorator';
export * from './http/api-schemas';
export * from './http/access';
export * from './messages/reasons';
export * from './messages/quarantine-reasons';
export * from './messages/waste-reasons';
export * from './messages/alert-reasons';
export * from './messages/reason-schema';
