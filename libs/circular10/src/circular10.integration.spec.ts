import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Client } from 'basic-ftp';
import { FtpSrv } from 'ftp-srv';
import { hashDevicePassword } from '@hp/device-identity';
import {
  DEFAULT_INGESTION_SETTINGS,
  IngestionDataModule,
  IngestionModule,
  Quarantine,
  TelemetryIngestService,
} from '@hp/ingestion';
import { StorageModule } from '@hp/storage';
import { RegistryAdmin, RegistryDataModule } from '@hp/registry';
import { createTestDatabase, freePort, TestDatabase, waitFor } from '@hp/testing';
import { Circular10IntakeModule, Circular10RelayModule } from './circular10.module';
import { Circular10Settings, DEFAULT_CIRCULAR10_SETTINGS } from './circular10-settings';
import { formatLocalTime, parseCircular10File } from './format/circular10-format';
import { Circular10FtpIntake } from './intake/ftp-intake.service';
import { createFtpServer } from './intake/ftp-server';
import { Circular10Relay } from './relay/circular10-relay.service';
import { Circular10RelayCursorsRepository } from './storage/circular10-relay-cursors.repository';
import { ReadingReads, ReadingsDataModule, ReadingsReader, ReadingsWriter } from '@hp/readings';

// Real components: the local PostgreSQL, the platform's FTP intake (ftp-srv) driven by a real FTP client
// (basic-ftp), and a real FTP server (ftp-srv) standing in for the authority.
const run = `${process.pid}-${Date.now().toString(36)}`;
const PARK = `C10-${run}`;
const OWN = `C10A-${run}`;
const OTHER = `C10B-${run}`;
const RELAYED = `C10R-${run}`;
const ANALYZER = { user: `AN-${run}`, password: 'analyzer-password-1' };
const GATEWAY = { user: `GW-${run}`, password: 'gateway-password-1' };
const MINUTE = 60_000;

// The shipped ingestion settings: the intake shares the app's IngestionModule (one write batch).
const INGEST = DEFAULT_INGESTION_SETTINGS;

function passiveRange(): { passivePortMin: number; passivePortMax: number } {
  const min = 40_000 + Math.floor(Math.random() * 20_000);
  return { passivePortMin: min, passivePortMax: min + 40 };
}

const quietLog = {
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error() {},
  fatal() {},
  child: () => quietLog,
};

/** Stands in for the authority's server: files land under `root`; `arrivals` lists each rename into place. */
class AuthorityServer {
  private server: FtpSrv | null = null;
  readonly arrivals: string[] = [];
  private readonly passive = passiveRange();
  constructor(
    readonly root: string,
    readonly port: number,
  ) {}

  async start(): Promise<void> {
    const server = createFtpServer({
      url: `ftp://127.0.0.1:${this.port}`,
      pasv_url: '127.0.0.1',
      pasv_min: this.passive.passivePortMin,
      pasv_max: this.passive.passivePortMax,
      log: quietLog,
    });
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      if (username !== 'authority' || password !== 'p@ss:word') return reject(new Error('bad login'));
      connection.on('RNTO', (error: unknown, to: string) => {
        if (!error && to.endsWith('.txt')) this.arrivals.push(basename(to));
      });
      resolve({ root: this.root });
    });
    await server.listen();
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    await server?.close();
  }
}

describe('Circular 10/2021 files over real FTP, on PostgreSQL', () => {
  let database: TestDatabase;
  let ownId: number;
  let otherId: number;
  let relayedId: number;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  async function startApp(settings: Circular10Settings, relay: boolean): Promise<INestApplication> {
    const moduleRef = await Test.createTestingModule({
      imports: [
        StorageModule.forRoot({
          databaseUrl: database.url,
          dataDir: 'unused',
          migrateOnBoot: true,
          poolSize: 4,
        }),
        RegistryDataModule,
        ReadingsDataModule,
        IngestionDataModule,
        IngestionModule.forRoot(INGEST),
        relay
          ? Circular10RelayModule.forRoot(settings, { pollMs: 100, backoffMinMs: 100, backoffMaxMs: 800 })
          : Circular10IntakeModule.forRoot(settings),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    return app;
  }

  describe('intake: data loggers upload station files', () => {
    let app: INestApplication;
    let port: number;
    let readings: ReadingReads;
    let quarantine: Quarantine;

    beforeAll(async () => {
      app = await startApp(
        {
          ...DEFAULT_CIRCULAR10_SETTINGS,
          intake: { port: 0, host: '127.0.0.1', passiveHost: '127.0.0.1', ...passiveRange() },
        },
        false,
      );
      const park = await app.get(RegistryAdmin).registerPark({ code: PARK, name: 'Circular 10 park' });
      const plant = await app
        .get(RegistryAdmin)
        .registerTreatmentPlant({ code: `${PARK}-WWTP`, parkId: park.id, name: 'CETP' });
      const stations = app.get(RegistryAdmin);
      ownId = (
        await stations.registerStation({ code: OWN, plantId: plant.id, name: 'Outlet A', kind: 'outlet' })
      ).id;
      otherId = (
        await stations.registerStation({ code: OTHER, plantId: plant.id, name: 'Outlet B', kind: 'outlet' })
      ).id;
      relayedId = (
        await stations.registerStation({ code: RELAYED, plantId: plant.id, name: 'Outlet R', kind: 'outlet' })
      ).id;
      await app.get(RegistryAdmin).registerDevice({
        code: ANALYZER.user,
        kind: 'analyzer',
        parkId: park.id,
        stationId: ownId,
        credentialHash: await hashDevicePassword(ANALYZER.password),
      });
      await app.get(RegistryAdmin).registerDevice({
        code: GATEWAY.user,
        kind: 'gateway',
        parkId: park.id,
        stationId: null,
        credentialHash: await hashDevicePassword(GATEWAY.password),
      });
      port = app.get(Circular10FtpIntake).port!;
      readings = app.get(ReadingsReader).readings;
      quarantine = app.get(Quarantine);
    });
    afterAll(() => app.close());

    async function signIn(account: { user: string; password: string }): Promise<Client> {
      const client = new Client(10_000);
      await client.access({ host: '127.0.0.1', port, user: account.user, password: account.password });
      return client;
    }
    const upload = (client: Client, text: string | Buffer, name: string) =>
      client.uploadFrom(Readable.from([Buffer.from(text)]), name);
    const stored = async (stationId: number) =>
      (
        await readings.findRaw(stationId, {
          from: new Date(Date.now() - 86_400_000),
          to: new Date(Date.now() + MINUTE),
          limit: 1000,
        })
      )
        .map((r) => `${r.parameterCode}=${r.value}/${r.status}@${r.time.toISOString()}`)
        .sort();
    const quarantinedFrom = async (source: string) =>
      (await quarantine.listRecent(100)).filter((q) => q.topic === source);

    it('stores the good lines of an uploaded file before the transfer completes, quarantines the bad ones with line and reason', async () => {
      const t = new Date(Math.floor((Date.now() - 10 * MINUTE) / MINUTE) * MINUTE);
      const local = formatLocalTime(t);
      const name = `${OWN}_${local}.txt`;
      const file = `\uFEFFCOD\t41.5\tmg/L\t${local}\t00\r\npH\t7.2\tpH\t${local}\t01\r\n\r\nTSS\t12\tg/L\t${local}\t02\r\nBOD5\t3\tmg/L\t${local}\t00\r\npH\t15\tpH\t${local}\t00\r\n`;
      const client = await signIn(ANALYZER);
      try {
        expect(await client.pwd()).toBe(`/${OWN}`);
        const reply = await upload(client, file, name);
        expect(reply.code).toBe(226);
        // 226 comes after the commit: no waiting.
        expect(await stored(ownId)).toEqual(
          [
            `COD=41.5/0@${t.toISOString()}`,
            `TSS=12000/2@${t.toISOString()}`,
            `pH=7.2/1@${t.toISOString()}`,
          ].sort(),
        );
        const [q] = await quarantinedFrom(`ftp:/${OWN}/${name}`);
        expect(q.clientId).toBe(ANALYZER.user);
        expect(q.payload.toString('utf8')).toBe(file);
        expect(q.problems).toEqual([
          {
            index: null,
            source: null,
            reason: { code: 'CIRCULAR10_LINE_PARAMETER_UNKNOWN', params: { line: 5, parameter: 'BOD5' } },
          },
          {
            index: null,
            source: 'line 6',
            reason: {
              code: 'VALUE_OUT_OF_PHYSICAL_BOUNDS',
              params: { parameter: 'pH', value: 15, min: 0, max: 14, unit: 'pH' },
            },
          },
        ]);

        // One ingestion service in the app: the intake's IngestionModule import is the app's own.
        expect(app.get(TelemetryIngestService).received).toBe(1);
        // The same file again (a logger retrying): nothing stored twice.
        expect((await upload(client, file, name)).code).toBe(226);
        expect(await stored(ownId)).toHaveLength(3);
      } finally {
        client.close();
      }
    });

    it('refuses a wrong password, and writing into another station directory', async () => {
      await expect(signIn({ user: ANALYZER.user, password: 'wrong' })).rejects.toThrow(/530/);
      await expect(signIn({ user: 'NOBODY', password: 'x' })).rejects.toThrow(/530/);
      const client = await signIn(ANALYZER);
      try {
        const local = formatLocalTime(new Date(Date.now() - 5 * MINUTE));
        await expect(upload(client, `COD\t40\tmg/L\t${local}\t00\r\n`, `/${OTHER}/x.txt`)).rejects.toThrow(
          new RegExp(`550 .*${ANALYZER.user} may write only into /${OWN}/`),
        );
        await expect(client.cd(`/${OTHER}`)).rejects.toThrow(/550/);
        await expect(upload(client, `COD\t40\tmg/L\t${local}\t00\r\n`, '/elsewhere.txt')).rejects.toThrow(
          /550/,
        );
        expect(await stored(otherId)).toEqual([]);
        expect((await client.list('/')).map((f) => f.name)).toEqual([OWN]);
      } finally {
        client.close();
      }
    });

    it('quarantines a file it cannot read at all, with its bytes, and takes temp-then-rename uploads', async () => {
      const client = await signIn(ANALYZER);
      try {
        const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x42]);
        expect((await upload(client, garbage, 'broken.txt')).code).toBe(226);
        const [q] = await quarantinedFrom(`ftp:/${OWN}/broken.txt`);
        expect(q.problems).toEqual([
          { index: null, source: null, reason: { code: 'CIRCULAR10_FILE_NOT_UTF8', params: {} } },
        ]);
        expect(q.payload).toEqual(garbage);

        const t = new Date(Math.floor((Date.now() - 7 * MINUTE) / MINUTE) * MINUTE);
        await upload(client, `NH4\t1.25\tmg/L\t${formatLocalTime(t)}\t00\r\n`, 'next.tmp');
        expect(await stored(ownId)).not.toContain(`NH4=1.25/0@${t.toISOString()}`);
        await client.rename('next.tmp', 'next.txt');
        expect(await stored(ownId)).toContain(`NH4=1.25/0@${t.toISOString()}`);
      } finally {
        client.close();
      }
    });

    it("lets a gateway write for its park's stations", async () => {
      const client = await signIn(GATEWAY);
      try {
        expect((await client.list('/')).map((f) => f.name).sort()).toEqual([OWN, OTHER, RELAYED].sort());
        const t = new Date(Math.floor((Date.now() - 3 * MINUTE) / MINUTE) * MINUTE);
        await client.cd(`/${OTHER}`);
        await upload(client, `Flow\t120.5\tm3/h\t${formatLocalTime(t)}\t00`, 'gw.txt');
        expect(await stored(otherId)).toEqual([`Flow=120.5/0@${t.toISOString()}`]);
      } finally {
        client.close();
      }
    });

    /** The FTP reply to USER/PASS over a raw control connection from a local address of 127.0.0.0/8. */
    async function rawSignIn(from: string, user: string, password: string): Promise<string> {
      const socket = createConnection({ host: '127.0.0.1', port, localAddress: from });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
      try {
        await waitFor(() => /^220 /m.test(text), { description: 'the greeting' });
        socket.write(`USER ${user}\r\n`);
        await waitFor(() => /^331 /m.test(text), { description: 'USER accepted' });
        socket.write(`PASS ${password}\r\n`);
        return await waitFor(() => /^(230|530)[ -].*$/m.exec(text)?.[1] ?? null, {
          description: 'the PASS reply',
        });
      } finally {
        socket.destroy();
      }
    }

    it('backs off failed sign-ins per device and client address, with the right password too, never from another address', async () => {
      for (let i = 0; i < 5; i++) expect(await rawSignIn('127.0.0.2', GATEWAY.user, 'guess')).toBe('530');
      // Backed off: the right password from that address is refused before it is checked.
      expect(await rawSignIn('127.0.0.2', GATEWAY.user, GATEWAY.password)).toBe('530');
      // The gateway itself, from its own address, still signs in and uploads.
      expect(await rawSignIn('127.0.0.1', GATEWAY.user, GATEWAY.password)).toBe('230');
      const client = await signIn(GATEWAY);
      client.close();
    });

    it('streams uploads to disk and bounds those pending per session and per process; a valid file still goes through', async () => {
      const intake = app.get(Circular10FtpIntake);
      const budget = intake.budget!;
      const megabyte = Buffer.alloc(1024 * 1024, 0x41);
      const client = await signIn(ANALYZER);
      const others: Client[] = [];
      try {
        // Uploads left under a temporary name wait in the session: at most budget.perSession of them.
        let refused = '';
        for (let i = 0; i < budget.perSession + 4 && !refused; i++)
          await upload(client, megabyte, `pending-${i}.tmp`).catch(
            (e: Error) => (refused = `${i}: ${e.message}`),
          );
        expect(refused).toMatch(
          new RegExp(`^${budget.perSession}: 550 too many uploads pending in this session`),
        );
        // On disk, not in memory: whole, in the intake's own temporary directory.
        const files = await readdir(budget.directory);
        expect(files).toHaveLength(budget.perSession);
        for (const file of files)
          expect((await stat(join(budget.directory, file))).size).toBe(megabyte.length);

        // Per process: other sessions fill what is left, then the next upload is refused.
        let processRefusal = '';
        while (!processRefusal && others.length < budget.perProcess) {
          const other = await signIn(GATEWAY);
          others.push(other);
          for (let i = 0; i < budget.perSession && !processRefusal; i++)
            await upload(other, 'x', `/${OWN}/p-${others.length}-${i}.tmp`).catch(
              (e: Error) => (processRefusal = e.message),
            );
        }
        expect(processRefusal).toMatch(/^550 too many uploads pending on this server/);
        expect(budget.inUse).toBe(budget.perProcess);

        // A session that goes away takes its pending files with it, and a valid file goes through again.
        others.splice(0).forEach((c) => c.close());
        await waitFor(() => budget.inUse === budget.perSession, {
          description: 'the closed sessions released',
        });
        await client.remove('pending-0.tmp');
        const t = new Date(Math.floor((Date.now() - 9 * MINUTE) / MINUTE) * MINUTE);
        const reply = await upload(client, `COD\t33.5\tmg/L\t${formatLocalTime(t)}\t00\r\n`, `${OWN}_ok.txt`);
        expect(reply.code).toBe(226);
        expect(await stored(ownId)).toContain(`COD=33.5/0@${t.toISOString()}`);
      } finally {
        others.forEach((c) => c.close());
        client.close();
      }
      await waitFor(async () => budget.inUse === 0 && (await readdir(budget.directory)).length === 0, {
        description: 'every pending file removed with its session',
      });
    }, 60_000);
  });

  describe('relay: pushes files to the authority in order, through an outage', () => {
    let root: string;
    let authority: AuthorityServer;
    let app: INestApplication;

    beforeAll(async () => {
      root = await mkdtemp(join(tmpdir(), 'hp-c10-authority-'));
      authority = new AuthorityServer(root, await freePort());
      await authority.start();
    });
    afterAll(async () => {
      await app?.close();
      await authority.stop();
      await rm(root, { recursive: true, force: true });
    });

    it('sends every interval once, in time order, resuming exactly where the outage stopped it', async () => {
      const readingsRepo = (a: INestApplication) => a.get(ReadingsWriter);
      // Minutes well in the past: complete intervals, inside the relay's backfill.
      const t0 = Math.floor((Date.now() - 2 * 3_600_000) / MINUTE) * MINUTE;
      const minute = (i: number) => new Date(t0 + i * MINUTE);
      const batch = (from: number, to: number) =>
        Array.from({ length: to - from }, (_, k) => from + k).flatMap((i) => [
          { time: minute(i), stationId: relayedId, parameterCode: 'COD', value: 40 + i, status: 0 as const },
          {
            time: minute(i),
            stationId: relayedId,
            parameterCode: 'pH',
            value: 7,
            status: (i % 5 === 0 ? 1 : 0) as 0 | 1,
          },
        ]);
      app = await startApp(
        {
          ...DEFAULT_CIRCULAR10_SETTINGS,
          relay: {
            url: `ftp://authority:${encodeURIComponent('p@ss:word')}@127.0.0.1:${authority.port}/inbox`,
            stations: [`${PARK}/${RELAYED}`],
            intervalMinutes: 1,
            delaySeconds: 0,
            backfillHours: 3,
          },
        },
        true,
      );
      await readingsRepo(app).insertReadings(batch(0, 30));
      // The authority goes down after the 8th file, mid-stream.
      await waitFor(() => authority.arrivals.length >= 8, { timeoutMs: 20_000 });
      await authority.stop();
      const atOutage = authority.arrivals.length;
      // Data keeps coming while it is down.
      await readingsRepo(app).insertReadings(batch(30, 40));
      // The relay has tried the authority while it was down (and recorded why it failed).
      const cursor = await waitFor(
        async () => {
          const c = await app.get(Circular10RelayCursorsRepository).find(relayedId);
          return c?.lastError ? c : null;
        },
        { timeoutMs: 20_000, description: 'a failed upload recorded on the relay cursor' },
      );
      expect(authority.arrivals.length).toBe(atOutage);
      expect(cursor?.lastError).toMatch(
        /upload of .* to ftp:\/\/authority:\*\*\*@127\.0\.0\.1:\d+\/inbox failed/,
      );
      await authority.start();
      await waitFor(() => authority.arrivals.length >= 40, { timeoutMs: 30_000 });
      await new Promise((r) => setTimeout(r, 500));

      const expected = Array.from({ length: 40 }, (_, i) => `${RELAYED}_${formatLocalTime(minute(i))}.txt`);
      expect(authority.arrivals).toEqual(expected); // in order, none twice, none missing
      const files = (await readdir(join(root, 'inbox'))).filter((f) => f.endsWith('.txt')).sort();
      expect(files).toEqual(expected);
      const first = await readFile(join(root, 'inbox', expected[0]), 'utf8');
      const local0 = formatLocalTime(minute(0));
      expect(first).toBe(`COD\t40\tmg/L\t${local0}\t00\r\npH\t7\tpH\t${local0}\t01\r\n`);
      // What the relay writes, the intake reads.
      const back = parseCircular10File(
        await readFile(join(root, 'inbox', expected[39])),
        DEFAULT_CIRCULAR10_SETTINGS.format,
      );
      expect(back.ok && back.readings.map((r) => `${r.reading.parameter}=${r.reading.value}`)).toEqual([
        'COD=79',
        'pH=7',
      ]);
      const after = await app.get(Circular10RelayCursorsRepository).find(relayedId);
      expect(after).toMatchObject({ filesPushed: 40, lastFile: expected[39], lastError: null });
      expect(after!.nextFrom).toEqual(minute(40));
      expect(app.get(Circular10Relay).pushed).toBe(40);
    }, 60_000);
  });
});
