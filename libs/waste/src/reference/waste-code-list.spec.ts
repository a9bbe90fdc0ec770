import {
  commonWasteCodes,
  normalizeWasteCode,
  parseWasteCodeCsv,
  WasteCodeListError,
} from './waste-code-list';

describe('waste-code lists', () => {
  it('ships the common codes of domain.md 3.2 with their evidence', () => {
    const codes = commonWasteCodes();
    expect(codes.map((c) => c.code)).toEqual([
      '16 01 06',
      '16 01 12',
      '16 01 13',
      '17 02 03',
      '18 01 01',
      '18 01 02',
      '18 02 01',
      '08 02 04',
      '12 06 05',
    ]);
    expect(codes.find((c) => c.code === '12 06 05')!.evidence).toBe('U');
    expect(codes.find((c) => c.code === '16 01 12')!.evidence).toBe('V');
  });

  it('reads codes written with or without separators, as 1-3 pairs of digits', () => {
    expect(normalizeWasteCode('160112')).toBe('16 01 12');
    expect(normalizeWasteCode('16-01-12')).toBe('16 01 12');
    expect(normalizeWasteCode(' 16 01 ')).toBe('16 01');
    expect(normalizeWasteCode('1601123')).toBeNull();
    expect(normalizeWasteCode('16 01 12 01')).toBeNull();
    expect(normalizeWasteCode('AB 01')).toBeNull();
  });

  it('parses the official list from CSV (quoted fields, BOM, CRLF)', () => {
    const csv =
      '\uFEFFcode,name_vi,name_en,threshold_class\r\n' +
      '16 01 12,"Pin, ắc quy thải",Waste batteries,NH\r\n' +
      '170203,Dầu động cơ thải,"Oil ""used""",KS\r\n' +
      '18,Chất thải bao bì,,\r\n\r\n';
    expect(parseWasteCodeCsv(csv)).toEqual([
      {
        code: '16 01 12',
        nameVi: 'Pin, ắc quy thải',
        nameEn: 'Waste batteries',
        thresholdClass: 'NH',
        evidence: 'official',
      },
      {
        code: '17 02 03',
        nameVi: 'Dầu động cơ thải',
        nameEn: 'Oil "used"',
        thresholdClass: 'KS',
        evidence: 'official',
      },
      { code: '18', nameVi: 'Chất thải bao bì', nameEn: null, thresholdClass: null, evidence: 'official' },
    ]);
  });

  it('refuses a list with problems, naming every bad line, and loads nothing of it', () => {
    const csv = [
      'code,name_vi,name_en,threshold_class',
      '16 01 1,A,,',
      '16 01 12,,,',
      '16 01 13,B,,XX',
      '16 01 14,C',
    ].join('\n');
    expect(() => parseWasteCodeCsv(csv)).toThrow(
      new WasteCodeListError(
        [
          'line 2: code "16 01 1" is not 1-3 pairs of digits',
          'line 3: name_vi is empty',
          'line 4: threshold_class must be KS, NH or empty, got "XX"',
          'line 5: expected 4 fields, got 2',
        ].join('\n'),
      ),
    );
    expect(() => parseWasteCodeCsv('ma,ten\n')).toThrow(
      'line 1: the header must be code,name_vi,name_en,threshold_class',
    );
    expect(() => parseWasteCodeCsv('code,name_vi,name_en,threshold_class\n160112,A,,\n16 01 12,B,,')).toThrow(
      'the CSV: code 16 01 12 is listed twice',
    );
  });
});
