export { OpenDataModule } from './open-data.module';
export { OpenDataService, PUBLISHER } from './open-data.service';
export type { OpenDataEnvelope, OpenKpi } from './open-data.service';
export { DEFAULT_OPEN_DATA_SETTINGS } from './open-data-settings';
export type { OpenDataSettings } from './open-data-settings';
export { parkDays } from './park-days';
export type { ParkDay, ParkDayStatus } from './park-days';
export { toCsv } from './csv';
export { DISCLOSURE_DAYS, localIso, MonitoringDisclosureService } from './monitoring-disclosure.service';
export type {
  DisclosedLimit,
  DisclosedReading,
  DisclosedReadingsPage,
  DisclosedStation,
} from './monitoring-disclosure.service';
