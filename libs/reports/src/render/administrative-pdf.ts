import PDFDocument from 'pdfkit';
import { CityReportLayout } from '../chain/city-report-document';
import { reportPdfBytes } from './fonts';

const MM = 72 / 25.4;
/** Decree 30/2020/ND-CP, appendix I: top and bottom 20-25 mm, left 30-35 mm, right 15-20 mm. */
const MARGINS = { top: 20 * MM, bottom: 20 * MM, left: 30 * MM, right: 15 * MM };
const BODY_SIZE = 12;

/**
 * The Authority's report as an A4 portrait administrative document in the Decree 30 layout: agency and
 * number left, national motto and the place and date line right, the title and subject centred, the
 * addressee, the body, then the recipients (left) beside the signature block (right). DejaVu Sans is
 * embedded, so every Vietnamese diacritic prints and extracts as text.
 */
export function renderAdministrativePdf(layout: CityReportLayout, issuedAt: Date): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    info: {
      Title: `${layout.title} ${layout.agency[2]}`,
      Author: layout.agency[1],
      CreationDate: issuedAt,
      ModDate: issuedAt,
    },
  });
  const done = reportPdfBytes(pdf);

  const width = pdf.page.width - MARGINS.left - MARGINS.right;
  const leftWidth = width * 0.45;
  const rightX = MARGINS.left + leftWidth;
  const rightWidth = width - leftWidth;
  const top = MARGINS.top;

  // The header's two columns, each centred in its half.
  const centred = (text: string, x: number, w: number, font: 'regular' | 'bold', size: number) =>
    pdf.font(font).fontSize(size).text(text, x, pdf.y, { width: w, align: 'center' });
  // The agency's name and the motto stay on one line each, as the form sets them: smaller when long.
  const oneLine = (text: string, x: number, w: number, font: 'regular' | 'bold', size: number) => {
    let fitted = size;
    while (fitted > 7 && pdf.font(font).fontSize(fitted).widthOfString(text) > w) fitted -= 0.5;
    centred(text, x, w, font, fitted);
  };
  pdf.y = top;
  oneLine(layout.agency[0], MARGINS.left, leftWidth, 'regular', 10);
  oneLine(layout.agency[1], MARGINS.left, leftWidth, 'bold', 10);
  rule(pdf, MARGINS.left + leftWidth * 0.3, leftWidth * 0.4);
  centred(layout.agency[2], MARGINS.left, leftWidth, 'regular', 11);
  const leftBottom = pdf.y;
  pdf.y = top;
  oneLine(layout.motto[0], rightX, rightWidth, 'bold', 10);
  oneLine(layout.motto[1], rightX, rightWidth, 'bold', 11);
  rule(pdf, rightX + rightWidth * 0.2, rightWidth * 0.6);
  pdf.moveDown(0.4);
  centred(layout.motto[2], rightX, rightWidth, 'regular', 11);
  pdf.y = Math.max(pdf.y, leftBottom) + 18;

  centred(layout.title, MARGINS.left, width, 'bold', 14);
  centred(layout.subject, MARGINS.left, width, 'bold', BODY_SIZE);
  rule(pdf, MARGINS.left + width * 0.4, width * 0.2);
  pdf.moveDown(0.8);
  centred(layout.addressee, MARGINS.left, width, 'regular', BODY_SIZE);
  pdf.moveDown(0.8);

  for (const line of layout.body) {
    pdf
      .font(line.style === 'heading' ? 'bold' : 'regular')
      .fontSize(BODY_SIZE)
      .text(line.text, MARGINS.left, pdf.y, {
        width,
        align: 'justify',
        indent: line.style === 'heading' ? 0 : 28,
        paragraphGap: 4,
      });
  }

  // Recipients left, signature right, side by side; a new page when they would not fit.
  const blockHeight = Math.max(110, 16 + layout.recipients.length * 12);
  if (pdf.y + 20 + blockHeight > pdf.page.height - MARGINS.bottom) pdf.addPage();
  const blockTop = pdf.y + 20;
  pdf.y = blockTop;
  pdf.font('bold').fontSize(10).text(layout.recipientsLabel, MARGINS.left, pdf.y, { width: leftWidth });
  for (const recipient of layout.recipients)
    pdf.font('regular').fontSize(9).text(recipient, MARGINS.left, pdf.y, { width: leftWidth });
  const recipientsBottom = pdf.y;
  pdf.y = blockTop;
  const [authority, position, signer] = layout.signature;
  if (authority !== '') centred(authority, rightX, rightWidth, 'bold', BODY_SIZE);
  centred(position, rightX, rightWidth, 'bold', BODY_SIZE);
  pdf.y += 60; // room for the signature and the seal
  centred(signer, rightX, rightWidth, 'bold', BODY_SIZE);
  pdf.y = Math.max(pdf.y, recipientsBottom);
  pdf.end();
  return done;
}

/** A short horizontal rule under a header line, as the form draws under the agency and the motto. */
function rule(pdf: PDFKit.PDFDocument, x: number, w: number): void {
  const y = pdf.y + 1;
  pdf
    .moveTo(x, y)
    .lineTo(x + w, y)
    .lineWidth(0.6)
    .stroke('black');
  pdf.y = y + 4;
}
