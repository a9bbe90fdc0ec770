import { DischargePermit } from '@hp/registry';
import {
  decimalProduct,
  flowBandWarning,
  permitKfBand,
  permitLimit,
  permitWindows,
  resolveKf,
} from './permit-limits';
import { shippedCatalogue, StandardsCatalogue } from './standards-catalogue';

const permit = (over: Partial<DischargePermit> = {}): DischargePermit => ({
  id: 7,
  stationId: 1,
  permitNumber: 'GPMT-7',
  standardVersion: 'QCVN40:2011',
  columnCode: 'B',
  kq: null,
  kf: null,
  permittedFlowM3PerDay: null,
  kfSource: null,
  kfReason: null,
  documentRef: null,
  supersedes: null,
  supersededAt: null,
  effectiveFrom: '2026-01-01',
  effectiveTo: null,
  parameters: ['COD'],
  windows: ['hour', 'day'],
  minCapture: 0.75,
  flatlineRecords: 12,
  limits: [],
  createdAt: new Date(),
  ...over,
});

describe('the shipped standards catalogue', () => {
  const catalogue = shippedCatalogue();

  it('holds QCVN 40:2011 Table 1 (33 rows, 1-25 verified) and QCVN 40:2025 without values yet', () => {
    expect(catalogue.versions).toEqual(['QCVN40:2011', 'QCVN40:2025']);
    const t1 = catalogue.standard('QCVN40:2011')!;
    expect(t1.parameters).toHaveLength(33);
    expect(t1.parameters.slice(0, 25).every((p) => p.tag === 'V')).toBe(true);
    expect(t1.parameters.slice(25).every((p) => p.tag === 'U')).toBe(true);
    expect(catalogue.parameter('QCVN40:2011', 'COD')!.limits).toEqual({
      A: { min: null, max: 75 },
      B: { min: null, max: 150 },
    });
    expect(catalogue.parameter('QCVN40:2011', 'pH')!.limits.B).toEqual({ min: 5.5, max: 9 });
    expect(catalogue.standard('QCVN40:2025')!.columns).toEqual(['A', 'B', 'C']);
    expect(catalogue.standard('QCVN40:2025')!.parameters).toEqual([]);
  });

  it('refuses bad data, naming the standard and the field', () => {
    const base = { version: 'X', title: 't', formula: 'f', effectiveFrom: '2020-01-01', columns: ['A'] };
    const one = (p: object) => new StandardsCatalogue([{ ...base, parameters: [p] }]);
    const cod = { code: 'COD', name: 'COD', unit: 'mg/L', tag: 'V', coefficients: true };
    expect(() => one({ ...cod, limits: { A: { min: 9, max: 6 } } })).toThrow(
      'standards[0] (X): parameters[0] (COD).limits.A: max is below min',
    );
    expect(() => one({ ...cod, limits: { B: { max: 1 } } })).toThrow(
      'parameters[0] (COD).limits.B: not a column of this standard',
    );
    expect(() => one({ ...cod, tag: 'maybe', limits: {} })).toThrow(
      'parameters[0] (COD).tag must be V, V2 or U',
    );
    expect(() => new StandardsCatalogue([{ ...base, parameters: [cod, cod] }])).toThrow(
      'parameters[1] (COD): code listed twice',
    );
    expect(() => new StandardsCatalogue([{ ...base, title: '', parameters: [] }])).toThrow(
      'title must be a non-empty string',
    );
  });
});

describe('permitLimit', () => {
  const catalogue = shippedCatalogue();

  it('scales C by Kq x Kf, treating an empty coefficient as 1', () => {
    // 150 x 0.9 x 1.1 = 148.5 (not 148.50000000000003)
    expect(permitLimit(catalogue, permit({ kq: 0.9, kf: 1.1 }), 'COD')).toMatchObject({
      max: 148.5,
      source: 'standard',
    });
    expect(permitLimit(catalogue, permit({ kq: 0.9 }), 'COD')!.basis).toBe(
      'QCVN40:2011 column B: C 150 x Kq 0.9 x Kf 1 = 135',
    );
  });

  it('never scales ranges or exempt parameters', () => {
    expect(permitLimit(catalogue, permit({ kq: 0.6, kf: 1.2 }), 'pH')).toMatchObject({ min: 5.5, max: 9 });
    expect(permitLimit(catalogue, permit({ kq: 1.3, kf: 1.2 }), 'Temp')).toMatchObject({
      min: null,
      max: 40,
    });
  });

  it("takes the permit's own limit first, and knows when nothing limits a parameter", () => {
    const own = permit({ limits: [{ parameterCode: 'COD', min: null, max: 120 }] });
    expect(permitLimit(catalogue, own, 'COD')).toMatchObject({
      max: 120,
      source: 'permit',
      basis: 'permit GPMT-7: <= 120',
    });
    expect(permitLimit(catalogue, permit(), 'Flow')).toBeNull();
    expect(permitLimit(catalogue, permit({ standardVersion: 'QCVN40:2025' }), 'COD')).toBeNull();
  });

  it("uses a parameter's own windows, else the permit's", () => {
    const p = permit({ limits: [{ parameterCode: 'COD', min: null, max: null, windows: ['day'] }] });
    expect(permitWindows(p, 'COD')).toEqual(['day']);
    expect(permitLimit(catalogue, p, 'COD')).toMatchObject({ max: 150, source: 'standard' });
    expect(permitWindows(p, 'NH4')).toEqual(['hour', 'day']);
  });
});

describe('Kf from the permitted discharge flow (QCVN 40:2011 Kf table, data tagged U)', () => {
  const catalogue = shippedCatalogue();

  it('ships the table as data with its evidence tag', () => {
    const table = catalogue.standard('QCVN40:2011')!.kfTable!;
    expect(table.tag).toBe('U');
    expect(table.bands.map((b) => [b.above, b.upTo, b.kf])).toEqual([
      [null, 50, 1.2],
      [50, 500, 1.1],
      [500, 5000, 1],
      [5000, null, 0.9],
    ]);
    expect(catalogue.standard('QCVN40:2025')!.kfTable).toBeNull();
  });

  it('derives Kf at the band edges: F <= 50 -> 1.2, 50 < F <= 500 -> 1.1, 500 < F <= 5000 -> 1.0, F > 5000 -> 0.9', () => {
    const kfOf = (flowM3PerDay: number) => {
      const r = resolveKf(catalogue, 'QCVN40:2011', { flowM3PerDay });
      return 'kf' in r ? r.kf?.kf : r.problem.code;
    };
    expect([0.5, 50, 50.01, 500, 500.01, 5000, 5000.01, 20_000].map(kfOf)).toEqual([
      1.2, 1.2, 1.1, 1.1, 1, 1, 0.9, 0.9,
    ]);
    expect(resolveKf(catalogue, 'QCVN40:2011', { flowM3PerDay: 4500 })).toEqual({
      kf: { kf: 1, kfSource: 'flow_table', kfReason: null, permittedFlowM3PerDay: 4500 },
    });
  });

  it('takes an explicit Kf only with its reason, recording the flow beside it', () => {
    expect(resolveKf(catalogue, 'QCVN40:2011', { kf: 1.1 })).toEqual({
      problem: { code: 'KF_REASON_REQUIRED' },
    });
    expect(resolveKf(catalogue, 'QCVN40:2011', { kf: 1.1, kfReason: '  ' })).toEqual({
      problem: { code: 'KF_REASON_REQUIRED' },
    });
    expect(
      resolveKf(catalogue, 'QCVN40:2011', {
        kf: 1.1,
        kfReason: 'GPMT 12/GP-UBND art. 3',
        flowM3PerDay: 4500,
      }),
    ).toEqual({
      kf: { kf: 1.1, kfSource: 'explicit', kfReason: 'GPMT 12/GP-UBND art. 3', permittedFlowM3PerDay: 4500 },
    });
    // Under a standard with a Kf table, Kf must come from somewhere; without one, none is fine.
    expect(resolveKf(catalogue, 'QCVN40:2011', {})).toEqual({
      problem: { code: 'KF_FLOW_OR_EXPLICIT_REQUIRED', standard: 'QCVN40:2011' },
    });
    expect(resolveKf(catalogue, 'QCVN40:2025', {})).toEqual({ kf: null });
    expect(resolveKf(catalogue, 'QCVN40:2025', { flowM3PerDay: 100 })).toEqual({
      problem: { code: 'KF_NO_TABLE', standard: 'QCVN40:2025' },
    });
  });

  it("knows the permit's band: its flow's, else the one band of its Kf", () => {
    expect(permitKfBand(catalogue, permit({ kf: 1.1, permittedFlowM3PerDay: 4500 }))).toMatchObject({
      above: 500,
      upTo: 5000,
    });
    expect(permitKfBand(catalogue, permit({ kf: 1.1 }))).toMatchObject({ above: 50, upTo: 500 });
    expect(permitKfBand(catalogue, permit({ kf: 1.05 }))).toBeNull();
    expect(permitKfBand(catalogue, permit())).toBeNull();
  });

  it('warns when the measured daily flow leaves the band, with a code and parameters', () => {
    const p = permit({ kf: 1, kfSource: 'flow_table', permittedFlowM3PerDay: 4500 });
    // 200 m3/h x 24 = 4800 m3/day: inside 500-5000.
    expect(flowBandWarning(catalogue, p, { meanM3PerHour: 200, validRecords: 288 })).toBeNull();
    // 5000 exactly is the band's (inclusive) upper edge; 5000.4 is outside.
    expect(flowBandWarning(catalogue, p, { meanM3PerHour: 5000 / 24, validRecords: 288 })).toBeNull();
    expect(flowBandWarning(catalogue, p, { meanM3PerHour: 250, validRecords: 288 })).toEqual({
      code: 'FLOW_OUTSIDE_KF_BAND',
      params: {
        measuredFlowM3PerDay: 6000,
        flowRecords: 288,
        permitKf: 1,
        bandAboveM3PerDay: 500,
        bandUpToM3PerDay: 5000,
        kfForMeasuredFlow: 0.9,
      },
    });
    expect(flowBandWarning(catalogue, p, undefined)).toBeNull();
  });

  it('refuses a Kf table it cannot read, naming the field', () => {
    const base = { version: 'X', title: 't', formula: 'f', effectiveFrom: '2020-01-01', columns: ['A'] };
    const table = (kfTable: object) => () => new StandardsCatalogue([{ ...base, parameters: [], kfTable }]);
    const bands = [
      { upTo: 50, kf: 1.2 },
      { upTo: null, kf: 0.9 },
    ];
    expect(table({ tag: 'U', unit: 'm3/day', bands })).not.toThrow();
    expect(table({ tag: 'U', unit: 'm3/h', bands })).toThrow('standards[0] (X): kfTable.unit must be m3/day');
    expect(table({ tag: 'U', unit: 'm3/day', bands: [bands[0], { upTo: 40, kf: 1 }, bands[1]] })).toThrow(
      "kfTable.bands[1].upTo must be above the previous band's",
    );
    expect(table({ tag: 'U', unit: 'm3/day', bands: [bands[0]] })).toThrow(
      'kfTable.bands[0].upTo must be null (the last band is open-ended)',
    );
    expect(table({ tag: 'U', unit: 'm3/day', bands: [{ upTo: null, kf: 0 }] })).toThrow(
      'kfTable.bands[0].kf must be a positive number',
    );
  });

  it('multiplies decimals as written', () => {
    expect(decimalProduct([150, 0.9, 1.1])).toBe(148.5);
    expect(decimalProduct([0.1, 3])).toBe(0.3);
    expect(decimalProduct([10, 0.6, 1.2])).toBe(7.2);
  });
});
