/**
 * The `.prettierrc` print width. Committed dashboard files are printed the way `npm run format` (prettier)
 * would print them, so formatting the workspace never makes them drift from the generator.
 */
const PRINT_WIDTH = 110;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * JSON with 2-space indentation, as prettier prints a file JSON.stringify(value, null, 2) wrote: objects
 * stay expanded, and an array of plain values goes on one line when that line fits the print width.
 * Functions and undefined members are left out, as JSON.stringify leaves them out.
 */
export function prettyJson(value: unknown): string {
  return `${print(toJson(value), '', 0, true)}\n`;
}

function toJson(value: unknown): Json {
  return JSON.parse(JSON.stringify(value)) as Json;
}

/** `column`: where the value starts on its line; `last`: no comma follows it. */
function print(value: Json, indent: string, column: number, last: boolean): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const inner = `${indent}  `;
    if (value.every((item) => item === null || typeof item !== 'object')) {
      const flat = `[${value.map((item) => JSON.stringify(item)).join(', ')}]`;
      if (column + flat.length + (last ? 0 : 1) <= PRINT_WIDTH) return flat;
    }
    const items = value.map(
      (item, i) => `${inner}${print(item, inner, inner.length, i === value.length - 1)}`,
    );
    return `[\n${items.join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    const members = entries.map(([key, member], i) => {
      const prefix = `${inner}${JSON.stringify(key)}: `;
      return `${prefix}${print(member, inner, prefix.length, i === entries.length - 1)}`;
    });
    return `{\n${members.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}
