export interface OpenDataSettings {
  readonly licence: string;
  readonly licenceUrl: string;
  readonly cacheSeconds: number;
  readonly ratePerMinute: number;
}

export const OPEN_DATA_SETTINGS = Symbol('OPEN_DATA_SETTINGS');

export const DEFAULT_OPEN_DATA_SETTINGS: OpenDataSettings = {
  licence: 'CC-BY-4.0',
  licenceUrl: 'https://creativecommons.org/licenses/by/4.0/',
  cacheSeconds: 300,
  ratePerMinute: 60,
};
