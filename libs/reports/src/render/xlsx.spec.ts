import { MESSAGES } from '../model/messages';
import { sheetName } from './xlsx';

describe('sheetName', () => {
  it('keeps a short title whole and refuses the characters Excel refuses', () => {
    expect(sheetName(0, 'Tóm tắt')).toBe('0. Tóm tắt');
    expect(sheetName(2, 'a/b: c?')).toBe('2. a b c');
  });

  it('shortens a long title at a word boundary, never mid-word, within 31 characters', () => {
    expect(sheetName(2, MESSAGES.vi.section_notMeeting)).toBe('2. Khu công nghiệp chưa đạt');
    for (const language of ['vi', 'en'] as const)
      for (const [key, title] of Object.entries(MESSAGES[language]).filter(([k]) =>
        k.startsWith('section_'),
      )) {
        const name = sheetName(1, title);
        expect([key, name.length <= 31]).toEqual([key, true]);
        const words = `1. ${title}`.split(/\s+/);
        // Every word of the shortened name is a whole word of the title.
        for (const [i, word] of name.split(' ').entries()) expect([key, word]).toEqual([key, words[i]]);
      }
  });

  it('cuts a single over-long word only as a last resort', () => {
    expect(sheetName(1, 'x'.repeat(40))).toBe(`1. ${'x'.repeat(28)}`);
  });
});
