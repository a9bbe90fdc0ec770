import { DischargePermit } from '@hp/storage';
import { permitLimit, permitWindows } from './permit-limits';
import { shippedCatalogue, StandardsCatalogue } from './standards-catalogue';

const permit = (over: Partial<DischargePermit> = {}): DischargePermit => ({
  id: 7,
  stationId: 1,
  permitNumber: 'GPMT-7',
  standardVersion: 'QCVN40:2011',
  columnCode: 'B',
  kq: null,
  kf: null,
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
