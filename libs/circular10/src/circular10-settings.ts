import { PlatformConfig } from '@hp/config';
import { parseRelayUrl } from './relay/ftp-target';
import { checkFileNamePattern, checkSeparator, DEFAULT_CIRCULAR10_FORMAT } from './format/circular10-format';

/** Circular 10/2021 files: the format, the FTP intake of station loggers and the relay (CIRCULAR10_*). */
export type Circular10Settings = PlatformConfig['circular10'];

export const DEFAULT_CIRCULAR10_SETTINGS: Circular10Settings = {
  format: DEFAULT_CIRCULAR10_FORMAT,
  intake: {
    port: null,
    host: '0.0.0.0',
    passiveHost: '127.0.0.1',
    passivePortMin: 2122,
    passivePortMax: 2199,
  },
  relay: { url: undefined, stations: [], intervalMinutes: 5, delaySeconds: 120, backfillHours: 0 },
};

export const CIRCULAR10_SETTINGS = Symbol('CIRCULAR10_SETTINGS');

/** Throws one clear error when the format settings cannot be used. */
export function checkCircular10Settings(settings: Circular10Settings): void {
  const named = (variable: string, check: () => void) => {
    try {
      check();
    } catch (error) {
      throw new RangeError(`${variable}: ${(error as Error).message}`);
    }
  };
  named('CIRCULAR10_SEPARATOR', () => checkSeparator(settings.format.separator));
  named('CIRCULAR10_FILE_PATTERN', () => checkFileNamePattern(settings.format.fileNamePattern));
  if (settings.intake.passivePortMin > settings.intake.passivePortMax)
    throw new RangeError(
      `CIRCULAR10_FTP_PASV_PORTS ${settings.intake.passivePortMin}-${settings.intake.passivePortMax}: the first is above the last`,
    );
  if (settings.relay.url) named('CIRCULAR10_RELAY_URL', () => parseRelayUrl(settings.relay.url!));
}
