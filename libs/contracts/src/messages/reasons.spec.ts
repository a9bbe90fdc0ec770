import { readFileSync } from 'node:fs';
import {
  formatReason,
  REASON_CATALOGUE,
  REASON_CATALOGUE_FILE,
  REASON_CODES,
  REASON_EXAMPLES,
  REASON_LANGUAGES,
  ReasonCode,
} from './reasons';

describe('reason catalogue', () => {
  it.each(REASON_LANGUAGES)('has a %s message for every reason code, each formatting its example', (lang) => {
    for (const code of REASON_CODES) {
      expect({ code, message: typeof REASON_CATALOGUE[lang][code] }).toEqual({ code, message: 'string' });
      const text = formatReason({ code, params: REASON_EXAMPLES[code] }, lang);
      expect(text).not.toMatch(/[{}]/);
      expect(text.trim()).not.toBe('');
    }
  });

  it('holds no message for a code the code base does not emit', () => {
    for (const lang of REASON_LANGUAGES)
      expect(Object.keys(REASON_CATALOGUE[lang]).sort()).toEqual([...REASON_CODES].sort());
  });

  it('fails naming a code without a message', () => {
    expect(() => formatReason({ code: 'NOT_A_CODE' as ReasonCode, params: {} }, 'vi')).toThrow(
      'reason NOT_A_CODE has no vi message',
    );
  });

  it('words numbers the Vietnamese way and days in Hai Phong', () => {
    expect(
      formatReason({ code: 'EXCEEDANCE_HOURLY_MEAN', params: REASON_EXAMPLES.EXCEEDANCE_HOURLY_MEAN }, 'vi'),
    ).toBe('COD: trung bình giờ 490 > 148,5 mg/L (2 giờ)');
    expect(
      formatReason({ code: 'EXCEEDANCE_HOURLY_MEAN', params: REASON_EXAMPLES.EXCEEDANCE_HOURLY_MEAN }, 'en'),
    ).toBe('COD: hourly mean 490 > 148.5 mg/L (2 hours)');
    expect(
      formatReason({ code: 'CAPTURE_BELOW_MINIMUM', params: REASON_EXAMPLES.CAPTURE_BELOW_MINIMUM }, 'vi'),
    ).toContain('tỷ lệ dữ liệu 76,4% < 80%');
    // 2026-05-03 is the local day: midnight in Hai Phong is still 2 May in UTC.
    expect(
      formatReason(
        { code: 'PARK_STATION_EXCEEDANCE', params: REASON_EXAMPLES.PARK_STATION_EXCEEDANCE },
        'vi',
      ),
    ).toBe('WWTP1/OUT1: vượt chuẩn 3 ngày, gần nhất ngày 03/05/2026');
  });

  it('is the one file the dashboard is served', () => {
    expect(JSON.parse(readFileSync(REASON_CATALOGUE_FILE, 'utf8'))).toEqual(REASON_CATALOGUE);
  });
});
