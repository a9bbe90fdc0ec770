import { MESSAGES, MessageKey, REPORT_LANGUAGES, translator } from './messages';
import { parseReportPeriod } from './report-period';

describe('report messages', () => {
  it('has every text in both languages, none empty, with the same placeholders', () => {
    const keys = Object.keys(MESSAGES.en).sort();
    for (const language of REPORT_LANGUAGES) {
      expect(Object.keys(MESSAGES[language]).sort()).toEqual(keys);
      for (const key of keys) expect(MESSAGES[language][key as MessageKey].trim()).not.toBe('');
    }
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of keys)
      expect([key, placeholders(MESSAGES.vi[key as MessageKey])]).toEqual([
        key,
        placeholders(MESSAGES.en[key as MessageKey]),
      ]);
  });

  it('writes Vietnamese with its diacritics, composed (NFC) so PDF text and search match', () => {
    const vi = translator('vi');
    expect(vi('title')).toBe('Báo cáo tiến độ thực hiện mục tiêu năm 2030');
    expect(vi('park')).toBe('Khu công nghiệp');
    expect(vi.dynamic('status', 'met')).toBe('Đạt chuẩn');
    expect(vi('hazardousWaste')).toBe('Chất thải nguy hại');
    // Waste still under way says what it is, not "Đang xử lý" (which reads as "being treated").
    expect(vi('inProgressKg')).toBe('Chưa hoàn tất, trong hạn (kg)');
    expect(vi.dynamic('state', 'stored')).toBe('Đang lưu giữ tại cơ sở phát sinh');
    for (const text of Object.values(MESSAGES.vi)) expect(text).not.toContain('Đang xử lý');
    for (const text of Object.values(MESSAGES.vi)) expect(text).toBe(text.normalize('NFC'));
  });

  it('formats periods, numbers, shares and times per language; unknown codes print as given', () => {
    const vi = translator('vi');
    const en = translator('en');
    expect(vi.period(parseReportPeriod('2026-10'))).toBe('Tháng 10/2026');
    expect(vi.period(parseReportPeriod('2026-Q4'))).toBe('Quý 4/2026');
    expect(en.period(parseReportPeriod('2026'))).toBe('Year 2026');
    expect(vi.percent(0.5)).toBe('50,0 %');
    expect(en.percent(0.5)).toBe('50.0 %');
    expect(en.percent(null)).toBe('no data');
    expect(vi.number(12345.5, 1)).toBe('12.345,5');
    expect(en.dateTime(new Date('2026-10-31T23:00:00Z'))).toBe('01/11/2026 06:00');
    expect(en.dynamic('violation', 'something_new')).toBe('something_new');
    // Decree 30/2020/ND-CP: a day below 10 and a month below 3 with a leading zero.
    expect(vi.documentDate('2026-12-07')).toBe('ngày 07 tháng 12 năm 2026');
    expect(vi.documentDate('2027-02-15')).toBe('ngày 15 tháng 02 năm 2027');
    expect(vi.documentDate('2027-03-01')).toBe('ngày 01 tháng 3 năm 2027');
    expect(en.documentDate('2026-12-07')).toBe('7 December 2026');
  });
});
