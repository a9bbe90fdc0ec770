export {
  commonWasteCodes,
  normalizeWasteCode,
  parseWasteCodeCsv,
  WasteCodeListError,
} from './reference/waste-code-list';
export { isWasteCommand, runWasteCli, seedWasteCodes, WASTE_USAGE } from './reference/waste-codes-cli';
export { loadWasteParties, parseWastePartiesFile } from './reference/waste-parties-file';
export type { WastePartiesFile } from './reference/waste-parties-file';
export { DEFAULT_WASTE_POLICY, WASTE_POLICY } from './lifecycle/waste-policy';
export type { WastePolicy } from './lifecycle/waste-policy';
export { foldLot, LOT_TRANSITIONS } from './lifecycle/lot-fold';
export { summarizeVerdicts } from './lifecycle/lot-summary';
export type { NonConformingLot, WasteKpi } from './lifecycle/lot-summary';
export { WasteTrackingService, WASTE_EVENT_FUTURE_TOLERANCE_MS } from './tracking/waste-tracking.service';
export type { WasteIngestReceipt, WasteMessageMeta } from './tracking/waste-tracking.service';
export { WasteViewsService } from './views/waste-views.service';
export type * from './views/waste-views.service';
export { WasteApiModule, WasteIngestionModule, WasteViewsModule } from './waste.module';
export type * from './storage/waste.types';
export {
  LOT_STANDINGS,
  WASTE_LOT_STATES,
  WASTE_PARTY_KINDS,
  WASTE_THRESHOLD_CLASSES,
} from './storage/waste.types';
export { WasteDataModule } from './storage/waste-data.module';
export { WasteReader } from './storage/waste-reader';
export type { WasteCodeReads, WasteEventReads, WasteLotReads, WastePartyReads } from './storage/waste-reader';
export { WasteWriter } from './storage/waste-writer';
