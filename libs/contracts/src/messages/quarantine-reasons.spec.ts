import { payloadRefusal } from './quarantine-reasons';
import { formatReason } from './reasons';
import { parseTelemetryPayload } from '../telemetry/telemetry-payload';

describe('quarantine reasons', () => {
  const refusal = (payload: string) => {
    const parsed = parseTelemetryPayload(Buffer.from(payload));
    if (parsed.ok) throw new Error('expected a refusal');
    return payloadRefusal(parsed.reason);
  };

  it('give the parsers refusals their codes', () => {
    expect(refusal('')).toEqual({ code: 'PAYLOAD_EMPTY', params: {} });
    expect(refusal('{"readings": [')).toEqual({ code: 'PAYLOAD_NOT_JSON', params: {} });
    expect(refusal('{"readings": 3}')).toEqual({
      code: 'PAYLOAD_SCHEMA_INVALID',
      params: { detail: 'readings must be an array' },
    });
  });

  it('word a physically impossible value with its bounds, Vietnamese first', () => {
    const r = {
      code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS',
      params: { parameter: 'pH', value: 15.2, min: 0, max: 14, unit: '' },
    };
    expect(formatReason(r, 'vi')).toBe(
      'pH: giá trị 15,2 không thể có về mặt vật lý (phải trong khoảng 0–14)',
    );
    expect(formatReason(r, 'en')).toBe('pH: 15.2 is physically impossible (must be 0–14)');
    expect(
      formatReason({ ...r, params: { parameter: 'COD', value: -3, min: 0, max: null, unit: 'mg/L' } }, 'en'),
    ).toBe('COD: -3 mg/L is physically impossible (must be ≥ 0)');
  });
});
