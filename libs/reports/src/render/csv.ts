import { Cell, ReportDocument } from '../model/report-tables';

/** UTF-8 byte order mark: without it Excel reads the file as the local code page and garbles diacritics. */
const BOM = '\uFEFF';

/** One field per RFC 4180: quoted when it holds a comma, quote, CR or LF; quotes doubled. */
export function csvField(value: Cell): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: readonly Cell[]): string {
  return fields.map(csvField).join(',');
}

/**
 * The report as one CSV in long form, one figure per line, so every section fits the same columns:
 * section (stable id), period, subject (park code, month or lot code), measure (stable column id), value.
 * Headers are in the report's language; ids stay the same in both, so a program reads either.
 * Numbers are plain (dot decimal, shares as fractions 0-1); lines end CRLF (RFC 4180).
 */
export function renderCsv(doc: ReportDocument, periodKey: string): Buffer {
  const t = doc.t;
  const lines = [
    csvLine([t('csv_section'), t('csv_period'), t('csv_subject'), t('csv_measure'), t('csv_value')]),
  ];
  for (const [label, value] of doc.facts) lines.push(csvLine(['report', periodKey, '', label, value]));
  for (const table of doc.tables) {
    for (const row of table.rows) {
      table.columns.forEach((column, i) => {
        lines.push(csvLine([table.id, periodKey, row.key, column.id, row.cells[i] ?? null]));
      });
    }
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}
