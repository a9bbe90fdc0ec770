import PDFDocument from 'pdfkit';
import { Column, ReportDocument, ReportTable } from '../model/report-tables';
import { reportPdfBytes } from './fonts';

const MARGIN = 36;
const FONT_SIZE = 8;
const CELL_PAD = 3;
const HEADER_FILL = '#e8eef4';
const SERIES = [
  { column: 'wastewater_share', color: '#1f77b4' },
  { column: 'waste_share', color: '#d62728' },
] as const;

type Doc = PDFKit.PDFDocument;

/**
 * The report as an A4 landscape PDF with DejaVu Sans embedded (subset), so every Vietnamese diacritic
 * prints and extracts as text; tables repeat their header on a new page; a bar chart shows the trend;
 * each page is numbered and carries the generation time.
 */
export function renderPdf(doc: ReportDocument, generatedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    layout: 'landscape',
    margin: MARGIN,
    bufferPages: true,
    info: {
      Title: doc.title,
      Author: 'Hai Phong industrial-park environmental platform',
      CreationDate: generatedAt,
    },
  });
  const done = reportPdfBytes(pdf);

  pdf.font('bold').fontSize(16).text(doc.title);
  pdf.font('regular').fontSize(10).text(doc.subtitle).moveDown(0.5);
  for (const [label, value] of doc.facts) {
    pdf.font('bold').fontSize(9).text(`${label}: `, { continued: true }).font('regular').text(value);
  }
  for (const table of doc.tables) {
    drawTable(pdf, doc, table);
    if (table.id === 'trend') drawTrendChart(pdf, table);
  }
  footers(pdf, doc, generatedAt);
  pdf.end();
  return done;
}

function width(pdf: Doc): number {
  return pdf.page.width - 2 * MARGIN;
}

function cellText(doc: ReportDocument, column: Column, value: string | number | null): string {
  if (value === null) return '–';
  if (typeof value === 'string') return value;
  switch (column.type) {
    case 'percent':
      return doc.t.percent(value);
    case 'kg':
      return doc.t.number(value, Number.isInteger(value) ? 0 : 1);
    case 'integer':
    case 'text':
      return doc.t.number(value);
  }
}

function ensureSpace(pdf: Doc, height: number): boolean {
  if (pdf.y + height <= pdf.page.height - MARGIN) return false;
  pdf.addPage();
  return true;
}

function drawTable(pdf: Doc, doc: ReportDocument, table: ReportTable): void {
  const total = table.columns.reduce((n, c) => n + c.width, 0);
  const widths = table.columns.map((c) => (c.width / total) * width(pdf));
  ensureSpace(pdf, 60);
  pdf.moveDown(0.8).font('bold').fontSize(11).text(table.title, MARGIN, pdf.y).moveDown(0.3);
  const header = () =>
    drawRow(
      pdf,
      table.columns.map((c) => c.header),
      widths,
      table.columns,
      true,
    );
  if (table.rows.length === 0) {
    pdf
      .font('regular')
      .fontSize(9)
      .text(table.emptyText ?? '', MARGIN, pdf.y);
    return;
  }
  header();
  for (const row of table.rows) {
    const texts = row.cells.map((cell, i) => cellText(doc, table.columns[i], cell));
    if (ensureSpace(pdf, rowHeight(pdf, texts, widths, false))) header();
    drawRow(pdf, texts, widths, table.columns, false);
  }
}

function rowHeight(pdf: Doc, texts: readonly string[], widths: readonly number[], bold: boolean): number {
  pdf.font(bold ? 'bold' : 'regular').fontSize(FONT_SIZE);
  return (
    Math.max(...texts.map((text, i) => pdf.heightOfString(text, { width: widths[i] - 2 * CELL_PAD }))) +
    2 * CELL_PAD
  );
}

function drawRow(
  pdf: Doc,
  texts: readonly string[],
  widths: readonly number[],
  columns: readonly Column[],
  bold: boolean,
): void {
  const height = rowHeight(pdf, texts, widths, bold);
  const top = pdf.y;
  let x = MARGIN;
  texts.forEach((text, i) => {
    if (bold) pdf.rect(x, top, widths[i], height).fill(HEADER_FILL);
    pdf.rect(x, top, widths[i], height).lineWidth(0.4).stroke('#9aa5b1');
    pdf
      .fillColor('black')
      .font(bold ? 'bold' : 'regular')
      .fontSize(FONT_SIZE)
      .text(text, x + CELL_PAD, top + CELL_PAD, {
        width: widths[i] - 2 * CELL_PAD,
        align: !bold && columns[i].type !== 'text' ? 'right' : 'left',
      });
    x += widths[i];
  });
  pdf.x = MARGIN;
  pdf.y = top + height;
}

/** Bars per month for both targets' shares (0-100 %), from the trend table's share columns. */
function drawTrendChart(pdf: Doc, table: ReportTable): void {
  const chartHeight = 120;
  ensureSpace(pdf, chartHeight + 40);
  const top = pdf.y + 10;
  const left = MARGIN + 30;
  const plotWidth = width(pdf) - 30;
  pdf.font('regular').fontSize(7).fillColor('black');
  for (const pct of [0, 50, 100]) {
    const y = top + chartHeight - (pct / 100) * chartHeight;
    pdf
      .moveTo(left, y)
      .lineTo(left + plotWidth, y)
      .lineWidth(0.3)
      .stroke('#c0c8d0');
    pdf.fillColor('black').text(`${pct} %`, MARGIN, y - 4, { width: 26, align: 'right' });
  }
  const slot = plotWidth / table.rows.length;
  const bar = (slot - 8) / SERIES.length;
  table.rows.forEach((row, m) => {
    SERIES.forEach((series, s) => {
      const value = row.cells[table.columns.findIndex((c) => c.id === series.column)];
      if (typeof value !== 'number') return;
      const h = Math.max(0.5, value * chartHeight);
      pdf.rect(left + m * slot + 4 + s * bar, top + chartHeight - h, bar - 1, h).fill(series.color);
    });
    pdf
      .fillColor('black')
      .text(row.key, left + m * slot, top + chartHeight + 3, { width: slot, align: 'center' });
  });
  let x = left;
  const legendY = top + chartHeight + 16;
  SERIES.forEach((series) => {
    const label = table.columns.find((c) => c.id === series.column)?.header ?? series.column;
    pdf.rect(x, legendY, 8, 8).fill(series.color);
    pdf.fillColor('black').text(label, x + 11, legendY, { lineBreak: false });
    x += 14 + pdf.widthOfString(label) + 20;
  });
  pdf.x = MARGIN;
  pdf.y = legendY + 16;
}

function footers(pdf: Doc, doc: ReportDocument, generatedAt: Date): void {
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    // Writing inside the bottom margin would otherwise start a new page.
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN + 10;
    pdf.font('regular').fontSize(7).fillColor('#555555');
    pdf.text(`${doc.title} · ${doc.t('generatedAt')} ${doc.t.dateTime(generatedAt)}`, MARGIN, y, {
      width: width(pdf) / 2,
      lineBreak: false,
    });
    pdf.text(`${doc.t('page')} ${i + 1} ${doc.t('of')} ${range.count}`, MARGIN + width(pdf) / 2, y, {
      width: width(pdf) / 2,
      align: 'right',
      lineBreak: false,
    });
    pdf.page.margins.bottom = bottom;
  }
}
