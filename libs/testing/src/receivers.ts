import { createServer, IncomingMessage, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createHmac } from 'node:crypto';

/** A real HTTP server receiving alert webhooks, as a park's or an officer's system would. */
export interface WebhookReceiver {
  readonly url: string;
  readonly received: {
    delivery: number;
    signed: boolean;
    body: Record<string, unknown>;
    at: number;
    /** The Authorization header, if any (credentials of the URL, a bearer token). */
    authorization?: string;
  }[];
  /** Answer the next n requests with HTTP 500 (a receiver that is down). */
  failNext(n: number): void;
  close(): Promise<void>;
}

/**
 * `answer`: what a successful request gets back (default 204, no body); a fake Grafana answers its JSON.
 */
export async function startWebhookReceiver(
  secret: string,
  answer: { status: number; body?: string } = { status: 204 },
): Promise<WebhookReceiver> {
  const received: WebhookReceiver['received'] = [];
  let failing = 0;
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (failing > 0) {
        failing--;
        res.writeHead(500).end();
        return;
      }
      const body = Buffer.concat(chunks).toString('utf8');
      received.push({
        delivery: Number(req.headers['x-hp-delivery']),
        // Checked independently of the platform's signer: HMAC-SHA256 of the exact body, hex.
        signed:
          req.headers['x-hp-signature'] ===
          `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        body: JSON.parse(body) as Record<string, unknown>,
        at: Date.now(),
        authorization: req.headers.authorization,
      });
      if (answer.body === undefined) res.writeHead(answer.status).end();
      else res.writeHead(answer.status, { 'content-type': 'application/json' }).end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/alerts`,
    received,
    failNext: (n) => (failing = n),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A real SMTP server (nodemailer's smtp-server) keeping what it receives. */
export interface SmtpSink {
  readonly url: string;
  readonly messages: { to: string[]; raw: string }[];
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const messages: SmtpSink['messages'] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
