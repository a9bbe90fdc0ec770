import type { DayVerdict, ParkStatus } from '../../../dashboard/public/api-types';
import { useI18n, type MessageKey } from '../i18n/i18n';

/** A station's day verdict or a park's standing, as one colour class shared by the map, grid and lists. */
export type VerdictTone = 'good' | 'bad' | 'warn' | 'unknown' | 'none';

export function verdictTone(status: DayVerdict | ParkStatus | null): VerdictTone {
  switch (status) {
    case 'compliant':
    case 'met':
      return 'good';
    case 'exceedance':
      return 'bad';
    case 'suspected_exceedance':
      return 'warn';
    case 'insufficient_data':
      return 'unknown';
    case 'no_permit':
    case 'no_operating_plant':
    case null:
      return 'none';
  }
}

export function verdictKey(status: DayVerdict | ParkStatus | null): MessageKey {
  switch (status) {
    case 'compliant':
    case 'met':
      return 'verdict_compliant';
    case 'exceedance':
    case 'suspected_exceedance':
    case 'insufficient_data':
    case 'no_permit':
      return `verdict_${status}`;
    case 'no_operating_plant':
    case null:
      return 'verdict_none';
  }
}

export function VerdictBadge({
  status,
  provisional,
}: {
  status: DayVerdict | ParkStatus | null;
  provisional: boolean;
}) {
  const i18n = useI18n();
  return (
    <span className={`badge tone-${verdictTone(status)}`} data-verdict={status ?? 'none'}>
      {i18n.t(verdictKey(status))}
      {provisional && status !== null && <span className="provisional"> · {i18n.t('provisional')}</span>}
    </span>
  );
}
