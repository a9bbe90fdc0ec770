import {
  READING_STATUS_CODES,
  Reason,
  ReadingStatusCode,
  TelemetryReadingV1,
  WATER_PARAMETER_CODES,
  WaterParameterCode,
} from '@hp/contracts';

/**
 * The Circular 10/2021/TT-BTNMT station file (domain.md 2.2): one TXT file per transmission, one line per
 * reading, `<Parameter><sep><Value><sep><Unit><sep><YYYYMMDDhhmmss><sep><Status>` (CRLF), the time local
 * (ICT, UTC+7, no zone marker) and the status 00 measuring, 01 calibrating, 02 device error [V2]. The
 * separator and the file-name pattern are unverified [U], so both are settings, never constants.
 */
export interface Circular10Format {
  /** `tab` (the default [U]), `whitespace` (any run of spaces or tabs) or a literal such as `;` or `,`. */
  readonly separator: string;
  /** File-name pattern, e.g. `{station}_{time}.txt` [U]; see FILE_NAME_TOKENS. */
  readonly fileNamePattern: string;
}

export const DEFAULT_SEPARATOR = 'tab';
export const DEFAULT_FILE_NAME_PATTERN = '{station}_{time}.txt';
export const DEFAULT_CIRCULAR10_FORMAT: Circular10Format = {
  separator: DEFAULT_SEPARATOR,
  fileNamePattern: DEFAULT_FILE_NAME_PATTERN,
};

/** Tokens of a file-name pattern: `{time}` (YYYYMMDDhhmmss, local) is required, the codes optional. */
export const FILE_NAME_TOKENS = ['park', 'station', 'time'] as const;
export type FileNameToken = (typeof FILE_NAME_TOKENS)[number];

/** Vietnam keeps UTC+7 all year (no daylight saving). */
const LOCAL_OFFSET_MS = 7 * 3_600_000;
const LOCAL_TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const PARAMETERS = new Map(WATER_PARAMETER_CODES.map((c) => [c.toLowerCase(), c]));

/** A reading read from a file line, in the MQTT contract's shape (so the same checks apply). */
export interface Circular10Line {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly reading: TelemetryReadingV1;
}

export interface Circular10LineProblem {
  readonly line: number;
  readonly reason: Reason;
}

export type Circular10ParseResult =
  | { readonly ok: true; readonly readings: Circular10Line[]; readonly problems: Circular10LineProblem[] }
  | { readonly ok: false; readonly reason: Reason };

/** Files above this size are refused whole: a transmission is a few hundred bytes. */
export const MAX_FILE_BYTES = 1_048_576;

/** Throws a clear error when a separator setting cannot be used. */
export function checkSeparator(separator: string): void {
  if (separator === 'tab' || separator === 'whitespace') return;
  if (separator.length === 0 || separator.length > 3 || /[\r\n]/.test(separator))
    throw new RangeError(
      `separator ${JSON.stringify(separator)} must be tab, whitespace or 1-3 characters without line breaks`,
    );
  if (/[0-9.+-]/.test(separator) || /^[a-z]+$/i.test(separator))
    throw new RangeError(
      `separator ${JSON.stringify(separator)} would split numbers or names: use tab, whitespace, ; , or |`,
    );
}

function splitLine(text: string, separator: string): string[] {
  if (separator === 'whitespace') return text.trim().split(/[ \t]+/);
  return text.split(separator === 'tab' ? '\t' : separator).map((f) => f.trim());
}

/** "20261127100500" (local) as RFC 3339 with the +07:00 offset; null when not a real local time. */
export function localTimeToRfc3339(text: string): string | null {
  const m = LOCAL_TIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h, mi, s] = m;
  const utc = Date.UTC(+y, +mo - 1, +d, +h, +mi, +s);
  const back = new Date(utc);
  // Date.UTC rolls 2026-02-30 over to March: a calendar check by round trip.
  if (back.getUTCFullYear() !== +y || back.getUTCMonth() !== +mo - 1 || back.getUTCDate() !== +d) return null;
  if (+h > 23 || +mi > 59 || +s > 59) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}+07:00`;
}

/** An instant as local time YYYYMMDDhhmmss (UTC+7). */
export function formatLocalTime(time: Date): string {
  const t = new Date(time.getTime() + LOCAL_OFFSET_MS);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(t.getUTCFullYear(), 4)}${p(t.getUTCMonth() + 1)}${p(t.getUTCDate())}${p(t.getUTCHours())}${p(t.getUTCMinutes())}${p(t.getUTCSeconds())}`;
}

function parseLine(fields: string[], line: number): TelemetryReadingV1 | Reason {
  if (fields.length !== 5)
    return { code: 'CIRCULAR10_LINE_FIELD_COUNT', params: { line, found: fields.length } };
  const [name, valueText, unit, timeText, statusText] = fields;
  const parameter: WaterParameterCode | undefined = PARAMETERS.get(name.toLowerCase());
  if (!parameter) return { code: 'CIRCULAR10_LINE_PARAMETER_UNKNOWN', params: { line, parameter: name } };
  const value = Number(valueText);
  if (!NUMBER.test(valueText) || !Number.isFinite(value))
    return { code: 'CIRCULAR10_LINE_VALUE_NOT_NUMBER', params: { line, parameter, value: valueText } };
  const time = localTimeToRfc3339(timeText);
  if (time === null)
    return { code: 'CIRCULAR10_LINE_TIME_INVALID', params: { line, parameter, time: timeText } };
  if (!(READING_STATUS_CODES as readonly string[]).includes(statusText))
    return { code: 'CIRCULAR10_LINE_STATUS_INVALID', params: { line, parameter, status: statusText } };
  return { parameter, value, unit, time, status: statusText as ReadingStatusCode };
}

/**
 * Parses one station file. Tolerates a UTF-8 byte-order mark, CRLF or LF, blank lines and spaces around
 * fields. A bad line is refused alone, with its line number and reason; the good lines are kept. Only a
 * file that is not text at all, is too large, or holds no line is refused whole.
 */
export function parseCircular10File(
  content: Buffer | string,
  format: Circular10Format,
): Circular10ParseResult {
  const size = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  if (size > MAX_FILE_BYTES)
    return {
      ok: false,
      reason: { code: 'CIRCULAR10_FILE_TOO_LARGE', params: { bytes: size, max: MAX_FILE_BYTES } },
    };
  let text: string;
  try {
    text = typeof content === 'string' ? content : new TextDecoder('utf-8', { fatal: true }).decode(content);
  } catch {
    return { ok: false, reason: { code: 'CIRCULAR10_FILE_NOT_UTF8', params: {} } };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\0')) return { ok: false, reason: { code: 'CIRCULAR10_FILE_BINARY', params: {} } };
  const readings: Circular10Line[] = [];
  const problems: Circular10LineProblem[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    const parsed = parseLine(splitLine(lines[i], format.separator), i + 1);
    if ('code' in parsed) problems.push({ line: i + 1, reason: parsed });
    else readings.push({ line: i + 1, reading: parsed });
  }
  if (readings.length === 0 && problems.length === 0)
    return { ok: false, reason: { code: 'CIRCULAR10_FILE_EMPTY', params: {} } };
  return { ok: true, readings, problems };
}

/** A stored reading to write into a file. */
export interface Circular10Record {
  readonly parameter: string;
  readonly value: number;
  readonly unit: string;
  readonly time: Date;
  /** 0, 1 or 2. */
  readonly status: number;
}

/** Writes a station file: one CRLF-terminated line per record, in the order given. */
export function writeCircular10File(records: readonly Circular10Record[], format: Circular10Format): string {
  const sep = format.separator === 'tab' || format.separator === 'whitespace' ? '\t' : format.separator;
  return records
    .map((r) => {
      if (!Number.isFinite(r.value)) throw new RangeError(`${r.parameter} value ${r.value} is not finite`);
      if (![0, 1, 2].includes(r.status))
        throw new RangeError(`${r.parameter} status ${r.status} is not 0, 1 or 2`);
      for (const field of [r.parameter, r.unit])
        if (field.includes(sep) || /[\r\n]/.test(field))
          throw new RangeError(
            `${JSON.stringify(field)} cannot stand in a line separated by ${JSON.stringify(sep)}`,
          );
      return (
        [r.parameter, String(r.value), r.unit, formatLocalTime(r.time), `0${r.status}`].join(sep) + '\r\n'
      );
    })
    .join('');
}

const TOKEN = /\{([a-z]+)\}/g;

/** Throws a clear error when a file-name pattern cannot be used (unknown token, no {time}, a path). */
export function checkFileNamePattern(pattern: string): void {
  const tokens = [...pattern.matchAll(TOKEN)].map((m) => m[1]);
  const unknown = tokens.filter((t) => !(FILE_NAME_TOKENS as readonly string[]).includes(t));
  if (unknown.length > 0)
    throw new RangeError(
      `file-name pattern ${JSON.stringify(pattern)}: unknown token {${unknown[0]}} (known: ${FILE_NAME_TOKENS.map((t) => `{${t}}`).join(', ')})`,
    );
  if (!tokens.includes('time'))
    throw new RangeError(
      `file-name pattern ${JSON.stringify(pattern)} must hold {time}, or names would repeat`,
    );
  if (new Set(tokens).size !== tokens.length)
    throw new RangeError(`file-name pattern ${JSON.stringify(pattern)} repeats a token`);
  if (/[/\\]/.test(pattern.replace(TOKEN, '')))
    throw new RangeError(`file-name pattern ${JSON.stringify(pattern)} must not hold a path`);
}

export interface FileNameParts {
  readonly park?: string;
  readonly station?: string;
  /** YYYYMMDDhhmmss, local. */
  readonly time: string;
}

/** The file name for a station's transmission; codes holding a path separator are refused. */
export function formatFileName(
  pattern: string,
  parts: { park: string; station: string; time: Date },
): string {
  for (const code of [parts.park, parts.station])
    if (/[/\\\s]/.test(code))
      throw new RangeError(`code ${JSON.stringify(code)} cannot stand in a file name`);
  const values: Record<FileNameToken, string> = {
    park: parts.park,
    station: parts.station,
    time: formatLocalTime(parts.time),
  };
  return pattern.replace(TOKEN, (_, t: string) => values[t as FileNameToken]);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Reads the parts of a file name written with `pattern`; null when it does not match. */
export function parseFileName(pattern: string, name: string): FileNameParts | null {
  const order: FileNameToken[] = [];
  let source = '^';
  let last = 0;
  for (const m of pattern.matchAll(TOKEN)) {
    source += escapeRegExp(pattern.slice(last, m.index));
    const token = m[1] as FileNameToken;
    order.push(token);
    source += token === 'time' ? '(\\d{14})' : '(.+?)';
    last = m.index + m[0].length;
  }
  source += `${escapeRegExp(pattern.slice(last))}$`;
  const match = new RegExp(source, 'i').exec(name);
  if (!match) return null;
  const parts: Partial<Record<FileNameToken, string>> = {};
  order.forEach((t, i) => (parts[t] = match[i + 1]));
  if (!parts.time || localTimeToRfc3339(parts.time) === null) return null;
  return { park: parts.park, station: parts.station, time: parts.time };
}
