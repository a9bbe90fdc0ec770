import { existsSync } from 'node:fs';
import * as path from 'node:path';

/**
 * libs/reports/assets/fonts, from the sources or from dist/ (npm run build copies libs/<lib>/assets). The
 * fonts ship with the lib: the PDF must embed one with every Vietnamese glyph on any machine.
 */
export const FONTS_DIR = path.resolve(__dirname, '../../assets/fonts');

export const REPORT_FONTS = {
  regular: path.join(FONTS_DIR, 'DejaVuSans.ttf'),
  bold: path.join(FONTS_DIR, 'DejaVuSans-Bold.ttf'),
} as const;

/** Fails at start-up rather than on the first report when the build left the fonts out. */
export function assertReportFonts(): void {
  for (const file of Object.values(REPORT_FONTS))
    if (!existsSync(file))
      throw new Error(`report font missing: ${file} (npm run build copies libs/*/assets)`);
}

/**
 * Registers the report fonts ('regular', 'bold') on a new document and collects its bytes: the promise
 * resolves with the whole file once the caller ends the document.
 */
export function reportPdfBytes(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  pdf.registerFont('regular', REPORT_FONTS.regular);
  pdf.registerFont('bold', REPORT_FONTS.bold);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  return new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}
