// The console's words: its own messages (messages.json, Vietnamese first) and the reasons the API sends,
// worded by the server's one formatter. No React here, so a unit test runs it in Node.
import { IntlMessageFormat } from 'intl-messageformat';
import {
  formatReason,
  REASON_CATALOGUE as reasonCatalogue,
} from '../../../../libs/contracts/src/messages/reason-format';
import messages from './messages.json';

export type Language = 'vi' | 'en';
export type MessageKey = keyof (typeof messages)['vi'];
type Values = Record<string, string | number | boolean | null | undefined>;
/** A reason as the API sends it: a code with parameters, worded here by the one reason catalogue. */
export interface ReasonLike {
  code: string;
  params: Record<string, unknown>;
}

export const TIME_ZONE = reasonCatalogue.timeZone;

export interface Translator {
  language: Language;
  locale: string;
  t(key: MessageKey, values?: Values): string;
  reason(reason: ReasonLike): string;
  time(iso: string): string;
  /** a local day, e.g. 07/12 */
  day(iso: string): string;
  number(value: number): string;
  setLanguage(language: Language): void;
}

/**
 * "00:43 08/12" (time) or "08/12" (day): the slash Vietnamese documents write, which the ICU data of some
 * runtimes renders as "08-12".
 */
function vietnamese(format: Intl.DateTimeFormat, iso: string, withTime: boolean): string {
  const parts = Object.fromEntries(format.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  const day = `${parts['day']}/${parts['month']}`;
  return withTime ? `${parts['hour']}:${parts['minute']} ${day}` : day;
}

export function translator(language: Language, setLanguage: (language: Language) => void): Translator {
  const locale = reasonCatalogue.locales[language];
  const ui = messages[language] as Record<string, string>;
  const reasons = reasonCatalogue[language] as Record<string, string>;
  const compiled = new Map<string, IntlMessageFormat>();
  const format = (source: string, values?: Values) => {
    let message = compiled.get(source);
    if (!message) compiled.set(source, (message = new IntlMessageFormat(source, locale)));
    return String(message.format(values as Record<string, string | number | boolean>));
  };
  const timeFormat = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    day: '2-digit',
    month: '2-digit',
  });
  const dayFormat = new Intl.DateTimeFormat(locale, {
    timeZone: TIME_ZONE,
    day: '2-digit',
    month: '2-digit',
  });
  const numberFormat = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  return {
    language,
    locale,
    t: (key, values) => format(ui[key] ?? key, values),
    // The server's own formatter (days, booleans, nested schema problems); the code itself if unknown.
    reason: (r) => (reasons[r.code] === undefined ? r.code : formatReason(r, language)),
    time: (iso) => (language === 'vi' ? vietnamese(timeFormat, iso, true) : timeFormat.format(new Date(iso))),
    day: (iso) => (language === 'vi' ? vietnamese(dayFormat, iso, false) : dayFormat.format(new Date(iso))),
    number: (value) => numberFormat.format(value),
    setLanguage,
  };
}
