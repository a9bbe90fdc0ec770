import { formatReason, ReasonLanguage } from '@hp/contracts';
import { AlertRecord } from '../storage/alerting.types';

/** An alert as the API serves it: its reason, and that reason worded in Vietnamese (earlier clients read `message`). */
export type AlertView = AlertRecord & { readonly message: string };

/** The message of an alert in a language, worded by the one message catalogue. */
export function alertMessage(alert: Pick<AlertRecord, 'reason'>, lang: ReasonLanguage): string {
  return formatReason(alert.reason, lang);
}

export function viewOf(alert: AlertRecord): AlertView {
  return { ...alert, message: alertMessage(alert, 'vi') };
}
