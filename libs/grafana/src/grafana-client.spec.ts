import { createServer, IncomingHttpHeaders, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { buildDashboards } from './dashboards/dashboards';
import { GrafanaClient, GrafanaRequestError } from './grafana-client';
import {
  GRAFANA_FOLDER_TITLE,
  GRAFANA_FOLDER_UID,
  GRAFANA_USAGE,
  isGrafanaCommand,
  runGrafanaCli,
} from './grafana-cli';

// No Grafana server can run here, so these tests talk to a FAKE Grafana: a node:http server that records
// each request and answers what the test tells it to, in the shape of Grafana's HTTP API answers.

interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Record<string, unknown>;
}

type Answer = { status: number; body?: unknown; raw?: string } | 'hang';

interface FakeGrafana {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Grafana's answers by default: folder created, dashboard saved (version 1), annotation added. */
function grafanaAnswer(request: RecordedRequest): Answer {
  if (request.path.endsWith('/api/folders'))
    return { status: 200, body: { uid: request.body['uid'], title: request.body['title'] } };
  if (request.path.endsWith('/api/dashboards/db')) {
    const uid = (request.body['dashboard'] as { uid: string }).uid;
    return {
      status: 200,
      body: { id: 7, uid, url: `/d/${uid}/slug`, status: 'success', version: 1, slug: 'slug' },
    };
  }
  if (request.path.endsWith('/api/annotations'))
    return { status: 200, body: { id: 42, message: 'Annotation added' } };
  return { status: 404, body: { message: 'Not found' } };
}

async function startFakeGrafana(
  answer: (request: RecordedRequest) => Answer = grafanaAnswer,
): Promise<FakeGrafana> {
  const requests: RecordedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const request = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      };
      requests.push(request);
      const reply = answer(request);
      if (reply === 'hang') return; // never answers: the client's timeout has to end it
      res.writeHead(reply.status, { 'content-type': reply.raw ? 'text/plain' : 'application/json' });
      res.end(reply.raw ?? JSON.stringify(reply.body ?? {}));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

describe('GrafanaClient against a fake Grafana', () => {
  let grafana: FakeGrafana | undefined;
  afterEach(async () => {
    await grafana?.close();
    grafana = undefined;
  });

  it('publishes each dashboard with overwrite, folder and message, with the bearer token', async () => {
    grafana = await startFakeGrafana();
    const client = new GrafanaClient({ url: `${grafana.url}/`, token: 'sa-token-1' });
    const dashboards = buildDashboards();
    const published = await client.publishDashboards(dashboards, {
      folderUid: 'hp-envmon',
      message: 'release 7',
    });

    expect(grafana.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual(
      dashboards.map(() => ['POST', '/api/dashboards/db', 'Bearer sa-token-1']),
    );
    expect(grafana.requests[0].headers['content-type']).toBe('application/json');
    expect(grafana.requests.map((r) => r.body)).toEqual(
      dashboards.map((dashboard) => ({
        dashboard: JSON.parse(JSON.stringify(dashboard)),
        overwrite: true,
        folderUid: 'hp-envmon',
        message: 'release 7',
      })),
    );
    expect(published).toEqual([
      {
        uid: 'hp-city-overview',
        title: 'Hai Phong: city overview',
        version: 1,
        url: `${grafana.url}/d/hp-city-overview/slug`,
      },
      { uid: 'hp-park', title: 'Hai Phong: park', version: 1, url: `${grafana.url}/d/hp-park/slug` },
      { uid: 'hp-station', title: 'Hai Phong: station', version: 1, url: `${grafana.url}/d/hp-station/slug` },
    ]);
  });

  it('leaves folderUid out without a folder, and keeps a sub-path of the base URL', async () => {
    grafana = await startFakeGrafana();
    const client = new GrafanaClient({ url: `${grafana.url}/grafana`, token: 't' });
    await client.publishDashboards(buildDashboards().slice(0, 1));
    expect(grafana.requests[0].path).toBe('/grafana/api/dashboards/db');
    expect(grafana.requests[0].body).not.toHaveProperty('folderUid');
    expect(grafana.requests[0].body['overwrite']).toBe(true);
  });

  it('creates a folder, and takes 409 and 412 to mean it exists already', async () => {
    const statuses = [200, 409, 412];
    grafana = await startFakeGrafana(() => ({
      status: statuses.shift() ?? 500,
      body: { message: 'a folder with that uid already exists' },
    }));
    const client = new GrafanaClient({ url: grafana.url, token: 't' });
    expect(await client.ensureFolder('hp-envmon', 'Hai Phong wastewater')).toBe('created');
    expect(await client.ensureFolder('hp-envmon', 'Hai Phong wastewater')).toBe('exists');
    expect(await client.ensureFolder('hp-envmon', 'Hai Phong wastewater')).toBe('exists');
    expect(grafana.requests[0]).toEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/api/folders',
        body: { uid: 'hp-envmon', title: 'Hai Phong wastewater' },
      }),
    );
    await expect(client.ensureFolder('hp-envmon', 'x')).rejects.toThrow(/answered 500/);
  });

  it('posts an annotation with epoch milliseconds, tags and the dashboard', async () => {
    grafana = await startFakeGrafana();
    const client = new GrafanaClient({ url: grafana.url, token: 'sa-token-2' });
    const answer = await client.postAnnotation({
      time: new Date('2026-03-10T02:00:00Z'),
      text: 'COD above the permit maximum at GF-OUT',
      tags: ['hp-alert', 'critical'],
      dashboardUID: 'hp-station',
    });
    expect(answer).toEqual({ id: 42 });
    expect(grafana.requests).toEqual([
      {
        method: 'POST',
        path: '/api/annotations',
        headers: expect.objectContaining({ authorization: 'Bearer sa-token-2' }),
        body: {
          time: Date.parse('2026-03-10T02:00:00Z'),
          text: 'COD above the permit maximum at GF-OUT',
          tags: ['hp-alert', 'critical'],
          dashboardUID: 'hp-station',
        },
      },
    ]);
  });

  it('names the URL, the status and Grafana’s message when refused (401)', async () => {
    grafana = await startFakeGrafana(() => ({ status: 401, body: { message: 'invalid API key' } }));
    const client = new GrafanaClient({ url: grafana.url, token: 'wrong' });
    const error = await client.postAnnotation({ time: new Date(), text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaRequestError);
    expect((error as GrafanaRequestError).message).toBe(
      `Grafana POST ${grafana.url}/api/annotations answered 401: invalid API key`,
    );
    expect(error).toMatchObject({ status: 401, method: 'POST', url: `${grafana.url}/api/annotations` });
    expect((error as Error).message).not.toContain('wrong');
  });

  it('shows the body of a 500 answer that is not JSON', async () => {
    grafana = await startFakeGrafana(() => ({ status: 500, raw: 'database is locked\n' }));
    const client = new GrafanaClient({ url: grafana.url, token: 't' });
    await expect(client.publishDashboards(buildDashboards())).rejects.toThrow(
      `Grafana POST ${grafana.url}/api/dashboards/db answered 500: database is locked`,
    );
    expect(grafana.requests).toHaveLength(1); // stops at the first failure
  });

  it('gives up on a Grafana that does not answer, and on one that is not there', async () => {
    grafana = await startFakeGrafana(() => 'hang');
    const slow = new GrafanaClient({ url: grafana.url, token: 't', timeoutMs: 200 });
    await expect(slow.ensureFolder('a', 'b')).rejects.toThrow(
      `Grafana POST ${grafana.url}/api/folders failed: no answer within 0.2 s`,
    );
    const address = grafana.url;
    await grafana.close();
    grafana = undefined;
    const gone = new GrafanaClient({ url: address, token: 't' });
    await expect(gone.ensureFolder('a', 'b')).rejects.toThrow(/failed: .*ECONNREFUSED/);
  });

  it('never shows the password of a GRAFANA_URL with credentials (fetch refuses it, quoting the URL)', async () => {
    const client = new GrafanaClient({ url: 'http://admin:url-s3cret@127.0.0.1:9', token: 't' });
    const error = await client.postAnnotation({ time: new Date(), text: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GrafanaRequestError);
    expect((error as Error).message).toBe(
      'Grafana POST http://admin:***@127.0.0.1:9/api/annotations failed: Request cannot be constructed ' +
        'from a URL that includes credentials: http://admin:***@127.0.0.1:9/api/annotations',
    );
  });
});

describe('grafana-publish (runGrafanaCli) against a fake Grafana', () => {
  let grafana: FakeGrafana | undefined;
  afterEach(async () => {
    await grafana?.close();
    grafana = undefined;
  });

  function capture() {
    const io = { out: [] as string[], errors: [] as string[] };
    return {
      ...io,
      io: { log: (m: string) => io.out.push(m), err: (m: string) => io.errors.push(m) },
    };
  }

  it('knows its command', () => {
    expect(isGrafanaCommand('grafana-publish')).toBe(true);
    expect(isGrafanaCommand('migrate')).toBe(false);
    expect(isGrafanaCommand(undefined)).toBe(false);
    expect(GRAFANA_USAGE).toMatch(/^ {2}grafana-publish \[--folder UID\]\n {12}\S/);
  });

  it('ensures the folder, publishes every dashboard into it and prints their URLs', async () => {
    grafana = await startFakeGrafana();
    const { io, out, errors } = capture();
    const status = await runGrafanaCli(
      ['grafana-publish'],
      { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: 'sa-token-3' },
      io,
    );
    expect({ status, errors }).toEqual({ status: 0, errors: [] });
    expect(grafana.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
      ['POST', '/api/folders', 'Bearer sa-token-3'],
      ['POST', '/api/dashboards/db', 'Bearer sa-token-3'],
      ['POST', '/api/dashboards/db', 'Bearer sa-token-3'],
      ['POST', '/api/dashboards/db', 'Bearer sa-token-3'],
    ]);
    expect(grafana.requests[0].body).toEqual({ uid: GRAFANA_FOLDER_UID, title: GRAFANA_FOLDER_TITLE });
    for (const request of grafana.requests.slice(1))
      expect(request.body).toMatchObject({ overwrite: true, folderUid: GRAFANA_FOLDER_UID });
    expect(out).toEqual([
      `published hp-city-overview "Hai Phong: city overview" version 1: ${grafana.url}/d/hp-city-overview/slug`,
      `published hp-park "Hai Phong: park" version 1: ${grafana.url}/d/hp-park/slug`,
      `published hp-station "Hai Phong: station" version 1: ${grafana.url}/d/hp-station/slug`,
    ]);
  });

  it('publishes into another folder with --folder, and judges waste by the WASTE_* configuration', async () => {
    grafana = await startFakeGrafana();
    const { io } = capture();
    const env = { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: 't', WASTE_MAX_STORAGE_DAYS: '180' };
    expect(await runGrafanaCli(['grafana-publish', '--folder', 'ops'], env, io)).toBe(0);
    expect(grafana.requests[0].body).toEqual({ uid: 'ops', title: 'ops' });
    expect(JSON.stringify(grafana.requests[1].body)).toContain(
      'waste_lot_judgement(l, now(), 0.02, 180, 30)',
    );
  });

  it('exits 2 naming each missing variable, without calling Grafana', async () => {
    const none = capture();
    expect(await runGrafanaCli(['grafana-publish'], {}, none.io)).toBe(2);
    expect(none.errors.join('\n')).toMatch(/GRAFANA_URL is not set[\s\S]*GRAFANA_TOKEN is not set/);
    const noToken = capture();
    expect(await runGrafanaCli(['grafana-publish'], { GRAFANA_URL: 'http://127.0.0.1:9' }, noToken.io)).toBe(
      2,
    );
    expect(noToken.errors).toEqual([expect.stringMatching(/^GRAFANA_TOKEN is not set/)]);
    const badUrl = capture();
    expect(
      await runGrafanaCli(['grafana-publish'], { GRAFANA_URL: 'ftp://x', GRAFANA_TOKEN: 't' }, badUrl.io),
    ).toBe(2);
    expect(badUrl.errors.join('\n')).toContain('GRAFANA_URL');
  });

  it('exits 2 on an unknown command or option', async () => {
    const unknown = capture();
    expect(await runGrafanaCli(['grafana-pull'], {}, unknown.io)).toBe(2);
    expect(unknown.errors[0]).toContain('unknown command "grafana-pull"');
    const option = capture();
    expect(await runGrafanaCli(['grafana-publish', '--force'], {}, option.io)).toBe(2);
    expect(option.errors[0]).toContain('--force');
  });

  it('exits 1 with the URL, status and message when Grafana refuses the token (401)', async () => {
    grafana = await startFakeGrafana(() => ({ status: 401, body: { message: 'invalid API key' } }));
    const { io, out, errors } = capture();
    expect(
      await runGrafanaCli(['grafana-publish'], { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: 'bad' }, io),
    ).toBe(1);
    expect(out).toEqual([]);
    expect(errors).toEqual([
      `Grafana POST ${grafana.url}/api/folders answered 401: invalid API key\n(check GRAFANA_TOKEN: a service-account token with the Editor role)`,
    ]);
  });

  it('exits 1 when saving a dashboard fails (500)', async () => {
    grafana = await startFakeGrafana((request) =>
      request.path === '/api/dashboards/db'
        ? { status: 500, body: { message: 'Internal Server Error' } }
        : grafanaAnswer(request),
    );
    const { io, errors } = capture();
    expect(
      await runGrafanaCli(['grafana-publish'], { GRAFANA_URL: grafana.url, GRAFANA_TOKEN: 't' }, io),
    ).toBe(1);
    expect(errors).toEqual([
      `Grafana POST ${grafana.url}/api/dashboards/db answered 500: Internal Server Error`,
    ]);
  });
});
