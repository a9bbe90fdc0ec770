import { readFileSync } from 'node:fs';
import { ALERT_REASON_EXAMPLES } from './alert-reasons';
import {
  formatReason,
  REASON_CATALOGUE,
  REASON_CATALOGUE_FILE,
  REASON_CODES,
  REASON_EXAMPLES,
  REASON_LANGUAGES,
  ReasonCode,
} from './reasons';
import { WASTE_REASON_CODES } from './waste-reasons';
import {
  SCHEMA_PROBLEM_EXAMPLES,
  schemaProblemCode,
  SPARKPLUG_SESSION_CAUSE_EXAMPLES,
} from './quarantine-reasons';

const SCHEMA_PROBLEMS = Object.values(SCHEMA_PROBLEM_EXAMPLES);

describe('reason catalogue', () => {
  it.each(REASON_LANGUAGES)('has a %s message for every reason code, each formatting its example', (lang) => {
    for (const code of REASON_CODES) {
      expect({ code, message: typeof REASON_CATALOGUE[lang][code] }).toEqual({ code, message: 'string' });
      const text = formatReason({ code, params: REASON_EXAMPLES[code] }, lang);
      expect(text).not.toMatch(/[{}]/);
      expect(text.trim()).not.toBe('');
    }
  });

  it.each(REASON_LANGUAGES)(
    'has a %s message for every schema problem rule, each formatting its example',
    (lang) => {
      for (const problem of SCHEMA_PROBLEMS) {
        const code = schemaProblemCode(problem.rule);
        expect({ code, message: typeof REASON_CATALOGUE[lang][code] }).toEqual({ code, message: 'string' });
        const text = formatReason({ code, params: problem }, lang);
        expect(text).not.toMatch(/[{}]|none|undefined/);
        expect(text).toContain(problem.path);
      }
    },
  );

  it.each(REASON_LANGUAGES)('words every Sparkplug session cause in %s', (lang) => {
    const worded = new Set<string>();
    for (const cause of Object.values(SPARKPLUG_SESSION_CAUSE_EXAMPLES)) {
      const params = { source: 'spBv1.0 HP/EDGE1/DEV1', type: 'DDATA', ...cause };
      const text = formatReason({ code: 'SPARKPLUG_OUT_OF_STEP', params }, lang);
      // The select's fallback branch shows the bare cause: a cause without a wording of its own.
      expect(text).not.toMatch(new RegExp(`\\(${cause.cause}\\)|[{}]`));
      worded.add(text);
    }
    expect(worded.size).toBe(Object.keys(SPARKPLUG_SESSION_CAUSE_EXAMPLES).length);
  });

  it('holds no message for a code the code base does not emit', () => {
    for (const lang of REASON_LANGUAGES)
      expect(Object.keys(REASON_CATALOGUE[lang]).sort()).toEqual(
        [...REASON_CODES, ...SCHEMA_PROBLEMS.map((p) => schemaProblemCode(p.rule))].sort(),
      );
  });

  it('words every hazardous-waste lot violation, an expired licence apart from none', () => {
    for (const code of WASTE_REASON_CODES) expect(REASON_CODES).toContain(code);
    expect(formatReason({ code: 'licence_expired', params: REASON_EXAMPLES.licence_expired }, 'vi')).toBe(
      'Giấy phép TR-OLD-L1 của đơn vị vận chuyển TR-OLD cho mã 16 01 12 đã hết hạn ngày 01/01/2026, trước ngày 04/02/2026',
    );
    expect(
      formatReason({ code: 'party_not_licensed', params: REASON_EXAMPLES.party_not_licensed }, 'en'),
    ).toBe('Treatment facility TF-OIL holds no licence for 16 01 12 on 04/02/2026');
    expect(formatReason({ code: 'mass_mismatch', params: REASON_EXAMPLES.mass_mismatch }, 'vi')).toBe(
      'Khối lượng tiếp nhận 380 kg so với 400 kg chuyển giao: lệch 5 %, vượt dung sai 2 %',
    );
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

  it('words every alert code in both languages, with times in Hai Phong', () => {
    const alertCodes = REASON_CODES.filter((code) => code.startsWith('ALERT_'));
    expect(alertCodes.sort()).toEqual(Object.keys(ALERT_REASON_EXAMPLES).sort());
    // 03:15 UTC is 10:15 in Hai Phong; Vietnamese decimals take a comma.
    expect(formatReason({ code: 'ALERT_THRESHOLD', params: REASON_EXAMPLES.ALERT_THRESHOLD }, 'vi')).toBe(
      'VSIP-HP-CETP-OUT: COD 163,2 mg/L vượt giới hạn 148,5 mg/L lúc 10:15 20/11/2026 (QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5)',
    );
    expect(formatReason({ code: 'ALERT_THRESHOLD', params: REASON_EXAMPLES.ALERT_THRESHOLD }, 'en')).toBe(
      'VSIP-HP-CETP-OUT: COD 163.2 mg/L above the limit 148.5 mg/L at 20/11/2026, 10:15 (QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1.1 = 148.5)',
    );
    expect(
      formatReason(
        { code: 'ALERT_NO_DATA', params: { ...REASON_EXAMPLES.ALERT_NO_DATA, lastReading: null } },
        'vi',
      ),
    ).toBe('VSIP-HP-CETP-OUT: không có dữ liệu quá 30 phút');
    expect(
      formatReason({ code: 'ALERT_DAILY_EXCEEDANCE', params: REASON_EXAMPLES.ALERT_DAILY_EXCEEDANCE }, 'vi'),
    ).toBe('VSIP-HP-CETP-OUT: ngày 19/11/2026 vượt chuẩn (2 lý do)');
    // An instant not formatted as a time stays text (a quarantine reason quotes the time it was sent).
    expect(formatReason({ code: 'TIME_IN_FUTURE', params: REASON_EXAMPLES.TIME_IN_FUTURE }, 'en')).toContain(
      '2026-11-27T10:05:00+07:00',
    );
  });

  it('is the one file the dashboard is served', () => {
    expect(JSON.parse(readFileSync(REASON_CATALOGUE_FILE, 'utf8'))).toEqual(REASON_CATALOGUE);
  });
});
