import { csvDocument } from '@hp/contracts';

/** Rows as CSV, one column per named field, with a byte-order mark so spreadsheets read the UTF-8 right. */
export function toCsv<T>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  return csvDocument([columns, ...rows.map((row) => columns.map((c) => row[c] as string | number | null))]);
}
