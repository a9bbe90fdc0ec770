// The one way a reason (a code with parameters) becomes words: used by the server (reports, notices,
// e-mails), the console (bundled by Vite) and the previous dashboard (served as an ES module). Browser-safe:
// no Node API here (reasons.ts keeps the catalogue's file path for the server).
import { IntlMessageFormat } from 'intl-messageformat';
import CATALOGUE from './reason-messages.json';

export const REASON_LANGUAGES = ['vi', 'en'] as const;
export type ReasonLanguage = (typeof REASON_LANGUAGES)[number];

/** The catalogue as served to the dashboard (one file for the server and the browser). */
export const REASON_CATALOGUE: {
  readonly timeZone: string;
  readonly locales: Readonly<Record<ReasonLanguage, string>>;
  readonly formats: Record<string, Record<string, Intl.DateTimeFormatOptions>>;
} & { readonly [L in ReasonLanguage]: Readonly<Record<string, string>> } = CATALOGUE as typeof CATALOGUE & {
  formats: Record<string, Record<string, Intl.DateTimeFormatOptions>>;
};

/** A schema problem's message code: SCHEMA_PROBLEM_<RULE>. */
export function schemaProblemCode(rule: string): string {
  return `SCHEMA_PROBLEM_${rule.toUpperCase()}`;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * ICU select works on strings: booleans become 'true'/'false', null and '' become 'none', and a local day
 * ('YYYY-MM-DD') its midnight in Hai Phong so a date format shows that day. An ISO 8601 instant becomes a
 * Date where the message formats it as a date or time (`messageArguments`; elsewhere it stays text). (The
 * dashboard's reason() does the same.)
 */
export function messageValues(
  params: Readonly<Record<string, unknown>>,
  timeArgs: ReadonlySet<string> = new Set(),
): Record<string, string | number | Date> {
  const values: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'boolean') values[name] = String(value);
    else if (value === null || value === undefined || value === '') values[name] = 'none';
    else if (typeof value === 'string' && DAY.test(value)) values[name] = new Date(`${value}T00:00:00+07:00`);
    else if (typeof value === 'string' && timeArgs.has(name) && !Number.isNaN(Date.parse(value)))
      values[name] = new Date(value);
    else values[name] = value as string | number;
  }
  return values;
}

type MessageElements = ReturnType<IntlMessageFormat['getAst']>;
/** The parser's element types (@formatjs/icu-messageformat-parser TYPE) this walk needs. */
const ELEMENT = { date: 3, time: 4, select: 5, plural: 6, tag: 8 } as const;

/** The arguments a message formats as a date or time, and those it selects on, at any depth. */
export interface MessageArguments {
  readonly times: Set<string>;
  readonly selects: Set<string>;
}

export function messageArguments(
  elements: MessageElements,
  into: MessageArguments = { times: new Set(), selects: new Set() },
): MessageArguments {
  for (const element of elements) {
    if (element.type === ELEMENT.date || element.type === ELEMENT.time) into.times.add(element.value);
    else if (element.type === ELEMENT.select || element.type === ELEMENT.plural) {
      if (element.type === ELEMENT.select) into.selects.add(element.value);
      for (const option of Object.values(element.options)) messageArguments(option.value, into);
    } else if (element.type === ELEMENT.tag) messageArguments(element.children, into);
  }
  return into;
}

const compiled = new Map<string, { format: IntlMessageFormat; args: MessageArguments }>();

/**
 * The message of a reason in a language; throws naming the code when the catalogue lacks it. A select on
 * a parameter the reason lacks takes its `none` branch (how a message words rows stored in an older
 * shape); a list parameter holds schema problems, each worded by its SCHEMA_PROBLEM_<RULE> message.
 */
export function formatReason(
  r: { code: string; params: Readonly<Record<string, unknown>> },
  lang: ReasonLanguage,
): string {
  const key = `${lang}:${r.code}`;
  let entry = compiled.get(key);
  if (!entry) {
    const message = REASON_CATALOGUE[lang][r.code];
    if (message === undefined) throw new Error(`reason ${r.code} has no ${lang} message`);
    const format = new IntlMessageFormat(message, REASON_CATALOGUE.locales[lang], REASON_CATALOGUE.formats);
    entry = { format, args: messageArguments(format.getAst()) };
    compiled.set(key, entry);
  }
  const values = messageValues(r.params, entry.args.times);
  for (const name of entry.args.selects) values[name] ??= 'none';
  for (const [name, value] of Object.entries(r.params))
    if (Array.isArray(value))
      values[name] = (value as { rule: string }[])
        .map((problem) => formatReason({ code: schemaProblemCode(problem.rule), params: problem }, lang))
        .join('; ');
  return String(entry.format.format(values));
}
