import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { MailCatcher } from './mail-catcher';
import { AlertMailer, postWebhook } from './senders';

describe('postWebhook', () => {
  let server: Server;
  let base: string;
  const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      seen.push({ url: req.url ?? '', headers: req.headers });
      req.resume();
      req.on('end', () => res.writeHead(req.url === '/down' ? 500 : 204).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the credentials of the URL as basic authentication, not in the URL', async () => {
    await postWebhook(`http://hook:p%40ss@${base}/ok`, { event: 'opened' }, 7, undefined);
    const request = seen.find((r) => r.url === '/ok')!;
    expect(request.headers.authorization).toBe(`Basic ${Buffer.from('hook:p@ss').toString('base64')}`);
    expect(request.headers['x-hp-delivery']).toBe('7');
  });

  it('never shows the password of the URL when the receiver fails or cannot be reached', async () => {
    await expect(postWebhook(`http://hook:s3cret@${base}/down`, {}, 1, undefined)).rejects.toThrow(
      `webhook http://hook:***@${base}/down answered HTTP 500`,
    );
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await expect(postWebhook(`http://hook:s3cret@127.0.0.1:${port}/x`, {}, 1, undefined)).rejects.toThrow(
      `webhook http://hook:***@127.0.0.1:${port}/x failed: connect ECONNREFUSED 127.0.0.1:${port}`,
    );
    for (const url of ['http://hook:s3cret@bad host/x', `http://hook:s3cret@${base}/down`]) {
      const error = (await postWebhook(url, {}, 1, undefined).then(
        () => null,
        (e: unknown) => e,
      )) as Error;
      expect(error.message).not.toContain('s3cret');
    }
  });
});

describe('AlertMailer', () => {
  it('names the severity with the dashboard scale, Vietnamese first, never with the word for an alert itself', async () => {
    const catcher = await MailCatcher.start();
    const mailer = new AlertMailer(catcher.url, 'alerts@hp-envmon.local');
    try {
      const alert = { id: 3, kind: 'threshold', message: 'VSIP-HP-CETP-OUT: COD 160 mg/L', occurrences: 1 };
      await mailer.send(
        'officer@hp-envmon.local',
        { event: 'opened', alert: { ...alert, severity: 'warning' } },
        1,
      );
      await mailer.send(
        'officer@hp-envmon.local',
        { event: 'resolved', alert: { ...alert, severity: 'critical' } },
        2,
      );
      const [resolved, opened] = catcher.list();
      expect(opened.subject).toBe('[Cần chú ý] Cảnh báo mới: VSIP-HP-CETP-OUT: COD 160 mg/L');
      expect(resolved.subject).toBe('[Nghiêm trọng] Đã đóng: VSIP-HP-CETP-OUT: COD 160 mg/L');
    } finally {
      mailer.close();
      await catcher.close();
    }
  });
});
