/** A CSV cell: text, a number, or nothing (an empty field). */
export type CsvValue = string | number | null | undefined;

/** UTF-8 byte order mark: without it Excel reads the file as the local code page and garbles diacritics. */
export const CSV_BOM = '\uFEFF';

/** What makes a spreadsheet read a cell as a formula (OWASP "CSV injection"): =, +, -, @, tab or CR first. */
const FORMULA_LEADING = /^[=+\-@\t\r]/;
/** A plain decimal number ("-12.5", "+3", "1e-3") runs nothing; a spreadsheet reads it as the number it is. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Text that devices, operators or officers sent, made safe to open in a spreadsheet: a cell that would start a
 * formula gets a leading single quote, so Excel, LibreOffice and Google Sheets show it as text (OWASP).
 * Numbers, and text that is exactly a decimal number (numeric columns read as strings), are left alone.
 */
export function neutraliseFormula(text: string): string {
  return FORMULA_LEADING.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/**
 * One field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. Every text field
 * is neutralised against formula injection (neutraliseFormula); number values are written as numbers.
 */
export function csvField(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value) : neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly CsvValue[]): string {
  return fields.map(csvField).join(',');
}

/** Lines as one CSV document: a byte order mark first, every line ended by CRLF (RFC 4180). */
export function csvDocument(lines: readonly (readonly CsvValue[])[]): string {
  return `${CSV_BOM}${lines.map(csvLine).join('\r\n')}\r\n`;
}
