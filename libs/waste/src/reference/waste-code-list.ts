import { WASTE_THRESHOLD_CLASSES, WasteCode, WasteThresholdClass } from '../storage/waste.types';
import common from './common-waste-codes.json';

/** 1, 2 or 3 pairs of digits separated by single spaces (Circular 02/2022 structure). */
const CODE = /^[0-9]{2}( [0-9]{2}){0,2}$/;

export class WasteCodeListError extends Error {}

/** Reads a code the way lists write it ('160112', '16 01 12', '16-01-12'): the stored form is '16 01 12'. */
export function normalizeWasteCode(text: string): string | null {
  const digits = text.replace(/[\s.-]/g, '');
  if (!/^[0-9]+$/.test(digits) || digits.length % 2 !== 0 || digits.length < 2 || digits.length > 6)
    return null;
  const code = digits.match(/../g)!.join(' ');
  return CODE.test(code) ? code : null;
}

/** The codes shipped with the platform (domain.md 3.2), checked like any list. */
export function commonWasteCodes(): WasteCode[] {
  return checkCodes(common.codes as WasteCode[], 'common-waste-codes.json');
}

/**
 * A CSV of the official list: a header `code,name_vi,name_en,threshold_class`, then one code per line
 * (fields with commas in double quotes, "" for a quote). Every problem is reported with its line, and
 * nothing is loaded from a file with problems.
 */
export function parseWasteCodeCsv(text: string, evidence = 'official'): WasteCode[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = splitCsvLine(lines[0] ?? '').map((h) => h.trim().toLowerCase());
  const expected = ['code', 'name_vi', 'name_en', 'threshold_class'];
  if (header.join(',') !== expected.join(','))
    throw new WasteCodeListError(
      `line 1: the header must be ${expected.join(',')}, got ${JSON.stringify(lines[0] ?? '')}`,
    );
  const problems: string[] = [];
  const codes: WasteCode[] = [];
  lines.slice(1).forEach((line, i) => {
    if (line.trim() === '') return;
    const n = i + 2;
    const fields = splitCsvLine(line);
    if (fields.length !== 4) return problems.push(`line ${n}: expected 4 fields, got ${fields.length}`);
    const [rawCode, nameVi, nameEn, threshold] = fields.map((f) => f.trim());
    const code = normalizeWasteCode(rawCode);
    if (!code) problems.push(`line ${n}: code ${JSON.stringify(rawCode)} is not 1-3 pairs of digits`);
    if (!nameVi) problems.push(`line ${n}: name_vi is empty`);
    if (threshold && !(WASTE_THRESHOLD_CLASSES as readonly string[]).includes(threshold))
      problems.push(`line ${n}: threshold_class must be KS, NH or empty, got ${JSON.stringify(threshold)}`);
    if (code && nameVi)
      codes.push({
        code,
        nameVi,
        nameEn: nameEn || null,
        thresholdClass: (threshold || null) as WasteThresholdClass | null,
        evidence,
      });
  });
  if (problems.length > 0) throw new WasteCodeListError(problems.join('\n'));
  return checkCodes(codes, 'the CSV');
}

function checkCodes(codes: WasteCode[], source: string): WasteCode[] {
  const seen = new Set<string>();
  for (const c of codes) {
    if (!CODE.test(c.code))
      throw new WasteCodeListError(`${source}: code ${JSON.stringify(c.code)} is not 1-3 pairs of digits`);
    if (seen.has(c.code)) throw new WasteCodeListError(`${source}: code ${c.code} is listed twice`);
    seen.add(c.code);
  }
  return codes;
}

/** Splits one CSV line: commas, double-quoted fields, "" as an escaped quote. */
function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(field);
      field = '';
    } else field += ch;
  }
  fields.push(field);
  return fields;
}
