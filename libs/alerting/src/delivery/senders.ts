import { createHmac } from 'node:crypto';
import { createTransport, SendMailOptions, Transporter } from 'nodemailer';
import { redact } from '@hp/config';

/** Longest a webhook receiver may take to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 5_000;

/** `sha256=<hex>` HMAC of the exact body bytes; receivers recompute it with the shared secret. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/**
 * POSTs a notification; anything but a 2xx answer throws (and the job retries). Credentials in the URL
 * (`https://user:password@host/...`) are sent as HTTP basic authentication; no error shows the password.
 */
export async function postWebhook(
  url: string,
  payload: Record<string, unknown>,
  delivery: number,
  secret: string | undefined,
): Promise<void> {
  const body = JSON.stringify(payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    // The same id on every retry: receivers drop a delivery they already have.
    'x-hp-delivery': String(delivery),
  };
  if (secret) headers['x-hp-signature'] = webhookSignature(secret, body);
  const shown = redact(url);
  let response: Response;
  try {
    // fetch refuses a URL with credentials, quoting it whole in its error.
    const target = new URL(url);
    if (target.username || target.password) {
      const user = `${decodeURIComponent(target.username)}:${decodeURIComponent(target.password)}`;
      headers['authorization'] = `Basic ${Buffer.from(user).toString('base64')}`;
      target.username = '';
      target.password = '';
    }
    response = await fetch(target, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
    });
  } catch (error) {
    const cause = (error as Error).cause as Error | undefined;
    throw new Error(`webhook ${shown} failed: ${redact(cause?.message ?? (error as Error).message)}`);
  }
  if (!response.ok) throw new Error(`webhook ${shown} answered HTTP ${response.status}`);
}

/** One SMTP transport (ALERT_SMTP_URL) and sender address, shared by alert and report e-mail. */
export class SmtpMailer {
  private readonly transport: Transporter;

  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = createTransport(smtpUrl);
  }

  async send(message: Omit<SendMailOptions, 'from'>): Promise<void> {
    await this.transport.sendMail({ ...message, from: this.from });
  }

  close(): void {
    this.transport.close();
  }
}

/**
 * Severity and event words of the alert e-mail, Vietnamese first (the same severity scale as the dashboard:
 * "Cảnh báo" names the alerts themselves, so no severity level is called that).
 */
const SEVERITY_WORDS: Record<string, { vi: string; en: string }> = {
  critical: { vi: 'Nghiêm trọng', en: 'Critical' },
  warning: { vi: 'Cần chú ý', en: 'Attention' },
  info: { vi: 'Thông tin', en: 'Info' },
};
const EVENT_WORDS: Record<string, string> = {
  opened: 'Cảnh báo mới',
  escalated: 'Chuyển cấp',
  reminder: 'Nhắc lại',
  resolved: 'Đã đóng',
};

/** Sends alert e-mail. */
export class AlertMailer {
  private readonly mailer: SmtpMailer;

  constructor(smtpUrl: string, from: string) {
    this.mailer = new SmtpMailer(smtpUrl, from);
  }

  async send(to: string, payload: Record<string, unknown>, delivery: number): Promise<void> {
    const { event, alert } = payload as { event: string; alert: Record<string, unknown> };
    const reasons = alert['reasonTexts'] as { vi: string[]; en: string[] } | undefined;
    // Vietnamese first; the English wording after it (notifications queued before 0026 have only `message`).
    const english = (alert['messages'] as { en?: string } | undefined)?.en;
    const severity = SEVERITY_WORDS[String(alert['severity'])] ?? {
      vi: String(alert['severity']),
      en: String(alert['severity']),
    };
    await this.mailer.send({
      to,
      subject: `[${severity.vi}] ${EVENT_WORDS[event] ?? event}: ${String(alert['message'])}`,
      text: [
        `${String(alert['message'])}`,
        `Mức độ: ${severity.vi} (${severity.en}).`,
        ...(english ? [english] : []),
        '',
        ...(reasons
          ? ['Lý do:', ...reasons.vi.map((r) => `- ${r}`), 'Reasons:', ...reasons.en.map((r) => `- ${r}`), '']
          : []),
        `Alert #${String(alert['id'])} (${String(alert['kind'])}), ${event}.`,
        `First seen ${String(alert['firstSeen'])}, last seen ${String(alert['lastSeen'])}, ${String(alert['occurrences'])} occurrence(s).`,
        '',
        'Acknowledge it in the platform to stop reminders and escalation.',
      ].join('\n'),
      headers: { 'X-HP-Delivery': String(delivery) },
    });
  }

  close(): void {
    this.mailer.close();
  }
}
