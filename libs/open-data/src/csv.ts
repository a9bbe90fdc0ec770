/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; null is empty. */
function field(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Rows as CSV (RFC 4180, CRLF line ends), with a byte-order mark so spreadsheet programs read the UTF-8
 * (Vietnamese park names) right.
 */
export function toCsv<T>(columns: readonly (keyof T & string)[], rows: readonly T[]): string {
  const lines = [columns.join(',')];
  for (const row of rows) lines.push(columns.map((c) => field(row[c])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
