import { csvDocument, CsvValue } from '@hp/contracts';
import { ReportDocument } from '../model/report-tables';

/**
 * The report as one CSV in long form, one figure per line, so every section fits the same columns:
 * section (stable id), period, subject (park code, month or lot code), measure (stable column id), value.
 * Headers are in the report's language; ids stay the same in both, so a program reads either.
 * Numbers are plain (dot decimal, shares as fractions 0-1); lines end CRLF (RFC 4180).
 */
export function renderCsv(doc: ReportDocument, periodKey: string): Buffer {
  const t = doc.t;
  const lines: CsvValue[][] = [
    [t('csv_section'), t('csv_period'), t('csv_subject'), t('csv_measure'), t('csv_value')],
  ];
  for (const [label, value] of doc.facts) lines.push(['report', periodKey, '', label, value]);
  for (const table of doc.tables) {
    for (const row of table.rows) {
      table.columns.forEach((column, i) => {
        lines.push([table.id, periodKey, row.key, column.id, row.cells[i] ?? null]);
      });
    }
  }
  return Buffer.from(csvDocument(lines), 'utf8');
}
