import { Workbook } from 'exceljs';
import { ColumnType, ReportDocument } from '../model/report-tables';

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
 * The report as a workbook: a cover sheet (title, period, scope, times), then one sheet per section.
 * Numbers are numeric cells (shares as fractions formatted as %), so they can be summed and charted.
 */
export async function renderXlsx(doc: ReportDocument): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.creator = 'Hai Phong industrial-park environmental platform';
  const cover = workbook.addWorksheet(sheetName(0, doc.t('summary')));
  cover.addRow([doc.title]).font = { bold: true, size: 14 };
  cover.addRow([doc.subtitle]);
  cover.addRow([]);
  for (const [label, value] of doc.facts) cover.addRow([label, value]).getCell(1).font = { bold: true };
  cover.getColumn(1).width = 36;
  cover.getColumn(2).width = 60;

  doc.tables.forEach((table, index) => {
    const sheet = workbook.addWorksheet(sheetName(index + 1, table.title));
    sheet.addRow([table.title]).font = { bold: true, size: 12 };
    const header = sheet.addRow(table.columns.map((c) => c.header));
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
      const added = sheet.addRow([...row.cells]);
      added.alignment = { wrapText: true, vertical: 'top' };
    }
    if (table.rows.length === 0 && table.emptyText) sheet.addRow([table.emptyText]);
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
