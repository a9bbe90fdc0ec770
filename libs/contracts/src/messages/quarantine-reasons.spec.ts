import { formatReason } from './reasons';
import { parseTelemetryPayload } from '../telemetry/telemetry-payload';

describe('quarantine reasons', () => {
  const refusal = (payload: string) => {
    const parsed = parseTelemetryPayload(Buffer.from(payload));
    if (parsed.ok) throw new Error('expected a refusal');
    return parsed.reason;
  };

  it('give the parsers refusals their codes, a schema failure its problems as data', () => {
    expect(refusal('')).toEqual({ code: 'PAYLOAD_EMPTY', params: {} });
    expect(refusal('{"readings": [')).toEqual({ code: 'PAYLOAD_NOT_JSON', params: {} });
    expect(refusal('{"readings": 3}')).toEqual({
      code: 'PAYLOAD_SCHEMA_INVALID',
      params: { problems: [{ path: 'readings', rule: 'type', expected: 'array' }], more: 0 },
    });
    expect(refusal('[]')).toEqual({
      code: 'PAYLOAD_SCHEMA_INVALID',
      params: { problems: [{ path: '', rule: 'type', expected: 'object' }], more: 0 },
    });
  });

  it('word a schema failure problem by problem, the rest counted', () => {
    const r = {
      code: 'PAYLOAD_SCHEMA_INVALID',
      params: {
        problems: [
          { path: 'readings[3].value', rule: 'type', expected: 'number' },
          { path: 'readings[3].unit', rule: 'required' },
          { path: '', rule: 'type', expected: 'object' },
        ],
        more: 2,
      },
    };
    expect(formatReason(r, 'en')).toBe(
      'Payload does not match the JSON Schema: readings[3].value must be a finite number; readings[3].unit is missing; the payload must be a JSON object (and 2 more problems)',
    );
    expect(formatReason(r, 'vi')).toBe(
      'Bản tin không đúng lược đồ JSON: readings[3].value phải là số hữu hạn; thiếu readings[3].unit; bản tin phải là đối tượng JSON (và 2 lỗi khác)',
    );
    expect(formatReason({ ...r, params: { problems: r.params.problems.slice(0, 1), more: 0 } }, 'en')).toBe(
      'Payload does not match the JSON Schema: readings[3].value must be a finite number',
    );
  });

  it('still word rows stored with prose in `detail`', () => {
    expect(
      formatReason({ code: 'PAYLOAD_SCHEMA_INVALID', params: { detail: 'readings must be an array' } }, 'en'),
    ).toBe('Payload does not match the JSON Schema: readings must be an array');
    const detail = 'DDATA seq 5 where 2 was expected; ignored until the next NBIRTH';
    expect(
      formatReason(
        { code: 'SPARKPLUG_OUT_OF_STEP', params: { source: 'spBv1.0 HP/EDGE1/DEV1', type: 'DDATA', detail } },
        'vi',
      ),
    ).toBe(`spBv1.0 HP/EDGE1/DEV1 DDATA: không áp dụng, sai trình tự phiên Sparkplug (${detail})`);
  });

  it('word a Sparkplug sequence gap with the sequence numbers', () => {
    const params = { source: 'spBv1.0 HP/EDGE1/DEV1', type: 'DDATA', cause: 'sequence_gap', expected: 2 };
    expect(formatReason({ code: 'SPARKPLUG_OUT_OF_STEP', params: { ...params, received: 5 } }, 'en')).toBe(
      'spBv1.0 HP/EDGE1/DEV1 DDATA: not applied, out of step with the Sparkplug session (seq 5 where 2 was expected; ignored until the next NBIRTH)',
    );
    expect(formatReason({ code: 'SPARKPLUG_OUT_OF_STEP', params: { ...params, received: null } }, 'vi')).toBe(
      'spBv1.0 HP/EDGE1/DEV1 DDATA: không áp dụng, sai trình tự phiên Sparkplug (seq thiếu trong khi chờ 2; bỏ qua cho tới NBIRTH tiếp theo)',
    );
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
