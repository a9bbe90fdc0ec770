import { translator } from '../model/messages';
import { ReportDocument } from '../model/report-tables';
import { renderCsv } from './csv';

describe('CSV', () => {
  it('starts with a UTF-8 BOM, ends lines with CRLF and puts one figure per line', () => {
    const t = translator('vi');
    const doc: ReportDocument = {
      title: t('title'),
      subtitle: t('subtitle'),
      facts: [[t('period'), 'Tháng 10/2026']],
      tables: [
        {
          id: 'parks',
          title: t('section_parks'),
          columns: [
            { id: 'park', header: t('park'), type: 'text', width: 1 },
            { id: 'compliant_days', header: t('compliantDays'), type: 'integer', width: 1 },
          ],
          rows: [{ key: 'DV', cells: ['Đình Vũ, Hải Phòng', 28] }],
        },
      ],
      t,
    };
    const bytes = renderCsv(doc, '2026-10');
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8').slice(1).split('\r\n')).toEqual([
      'Mục,Kỳ,Đối tượng,Chỉ tiêu,Giá trị',
      'report,2026-10,,Kỳ báo cáo,Tháng 10/2026',
      'parks,2026-10,DV,park,"Đình Vũ, Hải Phòng"',
      'parks,2026-10,DV,compliant_days,28',
      '',
    ]);
  });
});
