/** A CSV cell: text, a number, or nothing (an empty field). */
export type CsvValue = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel reads the file as the local code page and garbles diacritics. */
const BOM = '\uFEFF';

/** One field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',');
}

/** Lines as one CSV document: a byte order mark first, every line ended by CRLF (RFC 4180). */
export function csvDocument(lines: readonly (readonly CsvValue[])[]): string {
  return `${BOM}${lines.map(csvLine).join('\r\n')}\r\n`;
}
