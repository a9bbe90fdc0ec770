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
export { judgeLot, LOT_STANDINGS } from './lifecycle/lot-judgement';
export type { JudgementContext, LotStanding, LotVerdict } from './lifecycle/lot-judgement';
export { summarizeVerdicts } from './lifecycle/lot-summary';
export type { NonConformingLot, WasteKpi } from './lifecycle/lot-summary';
export { WasteTrackingService, WASTE_EVENT_FUTURE_TOLERANCE_MS } from './tracking/waste-tracking.service';
export type { WasteIngestReceipt, WasteMessageMeta } from './tracking/waste-tracking.service';
export { WasteViewsService } from './views/waste-views.service';
export type * from './views/waste-views.service';
export { WasteApiModule, WasteIngestionModule, WasteViewsModule } from './waste.module';
