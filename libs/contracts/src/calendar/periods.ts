import { DomainError } from '../errors/domain-error';
import { addDays, isDay, monthOf } from './local-days';

export const PERIOD_KINDS = ['day', 'month', 'quarter', 'year'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface Period {
  readonly kind: PeriodKind;
  /** First local day. */
  readonly from: string;
  /** Day after the last, exclusive. */
  readonly to: string;
}

/** The day, month, quarter or year holding `day`. */
export function periodOf(kind: PeriodKind, day: string): Period {
  if (!isDay(day))
    throw new DomainError('INVALID_ARGUMENT', `date must be YYYY-MM-DD, got ${JSON.stringify(day)}`);
  const [y, m] = day.split('-').map(Number);
  switch (kind) {
    case 'day':
      return { kind, from: day, to: addDays(day, 1) };
    case 'month':
      return { kind, ...monthOf(day) };
    case 'quarter': {
      const first = Math.floor((m - 1) / 3) * 3 + 1;
      const from = `${y}-${String(first).padStart(2, '0')}-01`;
      const to = first === 10 ? `${y + 1}-01-01` : `${y}-${String(first + 3).padStart(2, '0')}-01`;
      return { kind, from, to };
    }
    case 'year':
      return { kind, from: `${y}-01-01`, to: `${y + 1}-01-01` };
  }
}

export function parsePeriodKind(value: string | undefined): PeriodKind {
  const kind = value ?? 'month';
  if (!(PERIOD_KINDS as readonly string[]).includes(kind))
    throw new DomainError(
      'INVALID_ARGUMENT',
      `period must be one of ${PERIOD_KINDS.join(', ')}, got ${JSON.stringify(kind)}`,
    );
  return kind as PeriodKind;
}

/** A request's local-day parameter ('YYYY-MM-DD'), or the fallback when absent; a clear error otherwise. */
export function dayParam(name: string, value: string | undefined, fallback: string): string {
  const v = value ?? fallback;
  if (!isDay(v))
    throw new DomainError('INVALID_ARGUMENT', `${name} must be a date YYYY-MM-DD, got ${JSON.stringify(v)}`);
  return v;
}
