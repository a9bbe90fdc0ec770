import { Workbook } from 'exceljs';
import { neutraliseFormula } from '@hp/contracts';
import { Cell, ColumnType, ReportDocument } from '../model/report-tables';

const NUMBER_FORMATS: Readonly<Record<ColumnType, string | undefined>> = {
  text: undefined,
  integer: '#,##0',
  kg: '#,##0.###',
  percent: '0.0%',
};

/** Excel refuses sheet names over 31 characters or with any of []:*?/\ */
export function sheetName(index: number, title: string): string {
  return `${index}. ${title}`
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
}

/**
 * A cell's value: numbers as numbers; text always as a string cell (exceljs writes a string value as a
 * shared string, never a formula, so Excel does not evaluate it) AND neutralised like the CSV (a leading
 * single quote before =, +, -, @, tab, CR): the text of a string cell is written out raw when the sheet is
 * saved as CSV or pasted elsewhere, where it would run; with the quote it stays text there too.
 */
export function xlsxValue(cell: Cell | undefined): string | number | null {
  return typeof cell === 'string' ? neutraliseFormula(cell) : (cell ?? null);
}

/**
 * The report as a workbook: a cover sheet (title, period, scope, times), then one sheet per section.
 * Numbers are numeric cells (shares as fractions formatted as %), so they can be summed and charted.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hai Phong industrial-park environmental platform';
  const cover = workbook.addWorksheet(sheetName(0, doc.t('summary')));
  cover.addRow([xlsxValue(doc.title)]).font = { bold: true, size: 14 };
  cover.addRow([xlsxValue(doc.subtitle)]);
  cover.addRow([]);
  for (const [label, value] of doc.facts)
    cover.addRow([xlsxValue(label), xlsxValue(value)]).getCell(1).font = { bold: true };
  cover.getColumn(1).width = 36;
  cover.getColumn(2).width = 60;

  doc.tables.forEach((table, index) => {
    const sheet = workbook.addWorksheet(sheetName(index + 1, table.title));
    sheet.addRow([xlsxValue(table.title)]).font = { bold: true, size: 12 };
    const header = sheet.addRow(table.columns.map((c) => xlsxValue(c.header)));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    sheet.views = [{ state: 'frozen', ySplit: 2 }];
    table.columns.forEach((c, i) => {
      const column = sheet.getColumn(i + 1);
      column.width = Math.round(10 * c.width + 4);
      const format = NUMBER_FORMATS[c.type];
      if (format) column.numFmt = format;
    });
    for (const row of table.rows) {
      const added = sheet.addRow(row.cells.map(xlsxValue));
      added.alignment = { wrapText: true, vertical: 'top' };
    }
    if (table.rows.length === 0 && table.emptyText) sheet.addRow([xlsxValue(table.emptyText)]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
