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
const SHEET_NAME_LIMIT = 31;

/**
 * `index. title`, shortened to Excel's limit at a word boundary (issue 18: a title cut mid-word read as
 * another word in Vietnamese), without trailing punctuation; a single over-long word is cut as a last resort.
 */
export function sheetName(index: number, title: string): string {
  const full = `${index}. ${title}`
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (full.length <= SHEET_NAME_LIMIT) return full;
  const head = full.slice(0, SHEET_NAME_LIMIT + 1);
  const boundary = head.lastIndexOf(' ');
  const cut = boundary > `${index}.`.length ? head.slice(0, boundary) : full.slice(0, SHEET_NAME_LIMIT);
  return cut.replace(/[\s,;.(–-]+$/, '');
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
