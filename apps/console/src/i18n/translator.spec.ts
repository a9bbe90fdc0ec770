import { translator } from './translator';

const vi = translator('vi', () => undefined);
const en = translator('en', () => undefined);

describe("the console's translator", () => {
  // The console once worded reasons with its own copy of the formatting: a day parameter passed as text
  // and the catalogue's named date formats dropped, so a park's reason with its latest exceedance day
  // could not be shown. It now calls the server's formatter, which these cases pin.
  it('words a reason with a day exactly as the server does', () => {
    const park = {
      code: 'PARK_STATION_EXCEEDANCE',
      params: { station: 'VSIP-HP-CETP/VSIP-HP-CETP-OUT', days: 2, latestDay: '2026-12-07' },
    };
    expect(vi.reason(park)).toBe(
      'VSIP-HP-CETP/VSIP-HP-CETP-OUT: vượt chuẩn 2 ngày, gần nhất ngày 07/12/2026',
    );
    expect(en.reason(park)).toContain('07/12/2026');
  });

  it('takes the "none" branch of a select whose parameter is null, and words booleans', () => {
    const text = vi.reason({
      code: 'EXCEEDANCE_HOURLY_MEAN',
      params: {
        parameter: 'COD',
        mean: 185.5,
        limit: 148.5,
        bound: 'max',
        unit: null,
        hours: 2,
        confirmed: true,
      },
    });
    expect(text).toBe('COD: trung bình giờ 185,5 > 148,5 (2 giờ) – số liệu tạm loại đã được cán bộ xác nhận');
  });

  it('words each schema problem of a quarantined payload in the language shown', () => {
    const text = vi.reason({
      code: 'PAYLOAD_SCHEMA_INVALID',
      params: { problems: [{ path: 'readings[0].value', rule: 'required' }], more: 0 },
    });
    expect(text).toBe('Bản tin không đúng lược đồ JSON: thiếu readings[0].value');
  });

  it('shows the code itself for a reason the catalogue does not know', () => {
    expect(vi.reason({ code: 'NOT_A_REASON', params: {} })).toBe('NOT_A_REASON');
  });

  it('writes Vietnamese dates with a slash, in Hai Phong time', () => {
    expect(vi.time('2026-12-07T17:43:00Z')).toBe('00:43 08/12');
    expect(vi.day('2026-12-07T17:43:00Z')).toBe('08/12');
  });
});
