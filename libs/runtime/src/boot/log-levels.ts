import { LogLevel as NestLogLevel } from '@nestjs/common';
import { LOG_LEVELS, LogLevel } from '@hp/config';

/** LOG_LEVEL=warn means error and warn, and so on down the list. */
export function nestLogLevels(level: LogLevel): NestLogLevel[] {
  return LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as NestLogLevel[];
}
