import { csvField, csvLine } from './csv';

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
