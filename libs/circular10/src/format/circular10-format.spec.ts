import {
  checkFileNamePattern,
  checkSeparator,
  DEFAULT_CIRCULAR10_FORMAT,
  formatFileName,
  formatLocalTime,
  localTimeToRfc3339,
  parseCircular10File,
  parseFileName,
  writeCircular10File,
} from './circular10-format';

const TAB = DEFAULT_CIRCULAR10_FORMAT;

describe('Circular 10/2021 station file', () => {
  it('reads a logger file: BOM, CRLF, blank lines, spaces around fields', () => {
    const file = Buffer.from(
      '\uFEFFCOD\t41.2\tmg/L\t20261127100500\t00\r\n\r\npH\t 7.1 \tpH\t20261127100500\t01\r\nTSS\t12\tmg/L\t20261127100500\t02\r\n',
    );
    const result = parseCircular10File(file, TAB);
    expect(result).toEqual({
      ok: true,
      problems: [],
      readings: [
        {
          line: 1,
          reading: {
            parameter: 'COD',
            value: 41.2,
            unit: 'mg/L',
            time: '2026-11-27T10:05:00+07:00',
            status: '00',
          },
        },
        {
          line: 3,
          reading: {
            parameter: 'pH',
            value: 7.1,
            unit: 'pH',
            time: '2026-11-27T10:05:00+07:00',
            status: '01',
          },
        },
        { line: 4, reading: expect.objectContaining({ parameter: 'TSS', status: '02' }) },
      ],
    });
  });

  it('refuses each bad line with its number and reason, keeping the good ones', () => {
    const file = [
      'COD\t41.2\tmg/L\t20261127100500\t00',
      'XYZ\t1\tmg/L\t20261127100500\t00',
      'NH4\tabc\tmg/L\t20261127100500\t00',
      'TSS\t12\tmg/L\t20261131100500\t00',
      'Flow\t120\tm3/h\t20261127100500\t03',
      'Temp\t25\tdegC\t20261127100500',
      'temp\t25\tdegC\t20261127100500\t00',
    ].join('\n');
    const result = parseCircular10File(file, TAB);
    if (!result.ok) throw new Error(result.reason.code);
    expect(result.readings.map((r) => [r.line, r.reading.parameter])).toEqual([
      [1, 'COD'],
      [7, 'Temp'],
    ]);
    expect(result.problems.map((p) => p.line)).toEqual([2, 3, 4, 5, 6]);
    expect(result.problems.map((p) => p.reason)).toEqual([
      { code: 'CIRCULAR10_LINE_PARAMETER_UNKNOWN', params: { line: 2, parameter: 'XYZ' } },
      { code: 'CIRCULAR10_LINE_VALUE_NOT_NUMBER', params: { line: 3, parameter: 'NH4', value: 'abc' } },
      { code: 'CIRCULAR10_LINE_TIME_INVALID', params: { line: 4, parameter: 'TSS', time: '20261131100500' } },
      { code: 'CIRCULAR10_LINE_STATUS_INVALID', params: { line: 5, parameter: 'Flow', status: '03' } },
      { code: 'CIRCULAR10_LINE_FIELD_COUNT', params: { line: 6, found: 4 } },
    ]);
  });

  it('refuses a whole file only when nothing in it can be read', () => {
    expect(parseCircular10File('\r\n\r\n', TAB)).toEqual({
      ok: false,
      reason: { code: 'CIRCULAR10_FILE_EMPTY', params: {} },
    });
    expect(parseCircular10File(Buffer.from([0xff, 0xfe, 0x00, 0x41]), TAB)).toEqual({
      ok: false,
      reason: { code: 'CIRCULAR10_FILE_NOT_UTF8', params: {} },
    });
    expect(parseCircular10File('COD\t1\0', TAB)).toEqual({
      ok: false,
      reason: { code: 'CIRCULAR10_FILE_BINARY', params: {} },
    });
    expect(parseCircular10File(Buffer.alloc(2_000_000, 0x41), TAB)).toEqual({
      ok: false,
      reason: { code: 'CIRCULAR10_FILE_TOO_LARGE', params: { bytes: 2_000_000, max: expect.any(Number) } },
    });
  });

  it('takes a configured separator', () => {
    const semi = { ...TAB, separator: ';' };
    const ws = { ...TAB, separator: 'whitespace' };
    expect(parseCircular10File('COD;41;mg/L;20261127100500;00', semi)).toMatchObject({
      ok: true,
      problems: [],
    });
    expect(parseCircular10File('COD   41  mg/L 20261127100500\t00', ws)).toMatchObject({
      ok: true,
      problems: [],
    });
    expect(() => checkSeparator('.')).toThrow(/would split numbers/);
    expect(() => checkSeparator('')).toThrow(/must be tab, whitespace/);
    expect(() => checkSeparator(';')).not.toThrow();
  });

  it('writes what it reads: local time, status codes, CRLF', () => {
    const time = new Date('2026-11-27T03:05:00Z');
    const text = writeCircular10File(
      [
        { parameter: 'COD', value: 41.2, unit: 'mg/L', time, status: 0 },
        { parameter: 'pH', value: 7, unit: 'pH', time, status: 1 },
      ],
      TAB,
    );
    expect(text).toBe('COD\t41.2\tmg/L\t20261127100500\t00\r\npH\t7\tpH\t20261127100500\t01\r\n');
    const back = parseCircular10File(text, TAB);
    expect(back.ok && back.readings.map((r) => Date.parse(r.reading.time))).toEqual([
      time.getTime(),
      time.getTime(),
    ]);
    expect(() =>
      writeCircular10File([{ parameter: 'COD', value: Number.NaN, unit: 'mg/L', time, status: 0 }], TAB),
    ).toThrow(/not finite/);
  });

  it('converts local times both ways and refuses impossible ones', () => {
    expect(formatLocalTime(new Date('2026-12-31T17:00:00Z'))).toBe('20270101000000');
    expect(localTimeToRfc3339('20270101000000')).toBe('2027-01-01T00:00:00+07:00');
    expect(localTimeToRfc3339('20260229000000')).toBeNull();
    expect(localTimeToRfc3339('20261127246000')).toBeNull();
    expect(localTimeToRfc3339('2026112710050')).toBeNull();
  });
});

describe('Circular 10/2021 file names', () => {
  const time = new Date('2026-11-27T03:05:00Z');

  it('writes and reads the default pattern and a province_facility_station one', () => {
    const name = formatFileName('{station}_{time}.txt', {
      park: 'VSIP-HP',
      station: 'VSIP-HP-CETP-OUT',
      time,
    });
    expect(name).toBe('VSIP-HP-CETP-OUT_20261127100500.txt');
    expect(parseFileName('{station}_{time}.txt', name)).toEqual({
      park: undefined,
      station: 'VSIP-HP-CETP-OUT',
      time: '20261127100500',
    });
    const long = 'HP_{park}_{station}_{time}.txt';
    const n2 = formatFileName(long, { park: 'DV1', station: 'OUT1', time });
    expect(n2).toBe('HP_DV1_OUT1_20261127100500.txt');
    expect(parseFileName(long, n2)).toEqual({ park: 'DV1', station: 'OUT1', time: '20261127100500' });
    expect(parseFileName(long, 'HP_DV1_OUT1_2026112710.txt')).toBeNull();
    expect(parseFileName('{station}_{time}.txt', 'OUT1_20261127100500.TXT')).not.toBeNull();
  });

  it('refuses a pattern it cannot use and codes that would make a path', () => {
    expect(() => checkFileNamePattern('{station}.txt')).toThrow(/must hold \{time\}/);
    expect(() => checkFileNamePattern('{site}_{time}.txt')).toThrow(/unknown token \{site\}/);
    expect(() => checkFileNamePattern('a/{time}.txt')).toThrow(/must not hold a path/);
    expect(() => checkFileNamePattern('{province}')).toThrow(/unknown token/);
    expect(() => checkFileNamePattern('{station}_{time}.txt')).not.toThrow();
    expect(() => formatFileName('{station}_{time}.txt', { park: 'P', station: '../x', time })).toThrow(
      /cannot stand in a file name/,
    );
  });
});
