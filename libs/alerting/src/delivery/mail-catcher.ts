import { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';

/** An e-mail the catcher took: envelope, headers worth listing, and the raw message. */
export interface CaughtMail {
  readonly id: number;
  readonly receivedAt: Date;
  readonly from: string | null;
  readonly to: string[];
  readonly subject: string | null;
  readonly raw: string;
}

/** Messages kept; the oldest go first (a demo left running for weeks stays small). */
const MAX_KEPT = 1000;

/**
 * The demo's mail catcher: a real SMTP server (nodemailer's smtp-server) on loopback that keeps what it
 * receives, so alert e-mail on `npm start` can be read at /api/dev/mailbox instead of going nowhere. Started
 * only on embedded defaults without ALERT_SMTP_URL (ALERT_MAIL_CATCHER); smtp-server is loaded then, so a
 * production install (without development packages) never needs it.
 */
export class MailCatcher {
  private readonly messages: CaughtMail[] = [];
  private nextId = 1;

  private constructor(
    private readonly server: SMTPServer,
    readonly url: string,
  ) {}

  static async start(): Promise<MailCatcher> {
    const { SMTPServer } = await import('smtp-server');
    let catcher: MailCatcher | null = null;
    const server: SMTPServer = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const mailFrom = session.envelope.mailFrom;
          catcher?.keep(
            mailFrom ? mailFrom.address : null,
            session.envelope.rcptTo.map((r) => r.address),
            Buffer.concat(chunks).toString('utf8'),
          );
          callback();
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.server.address() as AddressInfo;
    catcher = new MailCatcher(server, `smtp://127.0.0.1:${port}`);
    return catcher;
  }

  /** The messages caught, newest first. */
  list(): CaughtMail[] {
    return [...this.messages].reverse();
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private keep(from: string | null, to: string[], raw: string): void {
    this.messages.push({
      id: this.nextId++,
      receivedAt: new Date(),
      from,
      to,
      subject: headerOf(raw, 'subject'),
      raw,
    });
    if (this.messages.length > MAX_KEPT) this.messages.shift();
  }
}

/** A header's value, folded lines joined and RFC 2047 encoded words (UTF-8, Q or B) decoded; or null. */
function headerOf(raw: string, name: string): string | null {
  const head = raw.split(/\r?\n\r?\n/, 1)[0];
  const match = new RegExp(`^${name}:[ \\t]*(.*(?:\\r?\\n[ \\t].*)*)`, 'im').exec(head);
  if (!match) return null;
  return match[1]
    .replace(/\r?\n[ \t]+/g, ' ')
    .replace(/\?=\s+=\?/g, '?==?') // blanks between encoded words are not text
    .replace(/\?==\?utf-8\?q\?/gi, '') // adjacent Q words as one: a character may span two
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, encoding: string, text: string) =>
      encoding.toUpperCase() === 'B'
        ? Buffer.from(text, 'base64').toString('utf8')
        : Buffer.from(
            text
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_h, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    )
    .trim();
}
