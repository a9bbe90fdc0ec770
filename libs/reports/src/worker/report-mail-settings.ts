/** The SMTP server and sender of report e-mail (ALERT_SMTP_URL and ALERT_MAIL_FROM: one mail relay). */
export interface ReportMailSettings {
  /** Unset: reports are generated and archived, not e-mailed. */
  readonly smtpUrl: string | undefined;
  readonly mailFrom: string;
}

export const REPORT_MAIL_SETTINGS = Symbol('REPORT_MAIL_SETTINGS');
