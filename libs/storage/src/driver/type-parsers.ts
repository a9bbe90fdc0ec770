/**
 * Both drivers return the same JS types: int8 and numeric as numbers (counts, areas, coefficients
 * are far below 2^53), date as its 'YYYY-MM-DD' text (no time-zone shift). Timestamps stay Date.
 */
export const INT8_OID = 20;
export const NUMERIC_OID = 1700;
export const DATE_OID = 1082;

export const TYPE_PARSERS: Readonly<Record<number, (value: string) => unknown>> = {
  [INT8_OID]: Number,
  [NUMERIC_OID]: Number,
  [DATE_OID]: (value: string) => value,
};
