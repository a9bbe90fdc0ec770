export {
  commonWasteCodes,
  normalizeWasteCode,
  parseWasteCodeCsv,
  WasteCodeListError,
} from './reference/waste-code-list';
