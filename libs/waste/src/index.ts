export {
  commonWasteCodes,
  normalizeWasteCode,
  parseWasteCodeCsv,
  WasteCodeListError,
} from './reference/waste-code-list';
export { isWasteCommand, runWasteCli, seedWasteCodes, WASTE_USAGE } from './reference/waste-codes-cli';
