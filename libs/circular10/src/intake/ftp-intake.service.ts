import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { FtpSrv } from 'ftp-srv';
import { LoginBackoffLimiter } from '@hp/device-identity';
import { TelemetryIngestService } from '@hp/ingestion';
import { parseCircular10File } from '../format/circular10-format';
import { CIRCULAR10_SETTINGS, Circular10Settings } from '../circular10-settings';
import { LoggerAccounts } from './logger-accounts';
import { createFtpServer } from './ftp-server';
import { LoggerFileSystem, UploadBudget } from './logger-file-system';

/** ftp-srv logs through a bunyan-like object: its errors (mostly our refusals, already logged) go to debug. */
function ftpLog(logger: Logger): unknown {
  const quiet = () => undefined;
  const log = {
    trace: quiet,
    debug: quiet,
    info: quiet,
    warn: (...args: unknown[]) => logger.debug(describe(args)),
    error: (...args: unknown[]) => logger.debug(describe(args)),
    fatal: (...args: unknown[]) => logger.error(describe(args)),
    child: () => log,
  };
  return log;
}

function describe(args: unknown[]): string {
  return args
    .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
    .join(' ');
}

/**
 * The FTP intake of Circular 10/2021 station files (CIRCULAR10_FTP_PORT): existing data loggers sign in
 * with their device identity and upload one TXT file per transmission into their station's directory.
 * Each file is parsed and its readings go through the MQTT path (TelemetryIngestService: registry, units,
 * bounds, time window, write batch, quarantine, alert listener); the transfer completes only after the
 * commit. A bad line is quarantined with its line number and reason, the good lines of the file are
 * stored; a file that cannot be read at all is quarantined whole, with its bytes. The same file sent
 * twice is harmless (readings are unique on station, parameter and time).
 */
@Injectable()
export class Circular10FtpIntake implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Circular10FtpIntake.name);
  private server: FtpSrv | null = null;
  /** Files taken in by this instance (tests, logs). */
  files = 0;
  /** Uploads held at once (in transfer or awaiting a rename), in this process's temporary directory. */
  budget: UploadBudget | null = null;

  constructor(
    @Inject(CIRCULAR10_SETTINGS) private readonly settings: Circular10Settings,
    private readonly accounts: LoggerAccounts,
    private readonly ingest: TelemetryIngestService,
    private readonly limiter: LoginBackoffLimiter,
  ) {}

  /** The port listened on; null when the intake is off. */
  get port(): number | null {
    const address = this.server
      ? (this.server as unknown as { server: { address(): AddressInfo | null } }).server.address()
      : null;
    return address?.port ?? null;
  }

  async onApplicationBootstrap(): Promise<void> {
    const { port, host, passiveHost, passivePortMin, passivePortMax } = this.settings.intake;
    if (port === null) return;
    const server = createFtpServer({
      url: `ftp://${host}:${port}`,
      pasv_url: passiveHost,
      pasv_min: passivePortMin,
      pasv_max: passivePortMax,
      anonymous: false,
      greeting: 'Circular 10/2021 station file intake: sign in with your device code and password',
      log: ftpLog(this.logger),
      // No idle timeout: ftp-srv's close() waits that long per connected client before the process may exit.
    });
    // Uploads stream to files of a directory of this process's own (the OS temporary directory, TMPDIR).
    const budget = new UploadBudget(await mkdtemp(join(tmpdir(), 'hp-circular10-intake-')));
    this.budget = budget;
    const sessions = new Map<string, LoggerFileSystem>();
    server.on('login', ({ connection, username, password }, resolve, reject) => {
      // Failed sign-ins back off per (device, client address): the limiter the embedded broker shares.
      const address = connection.ip;
      if (this.limiter.retryAfterMs(username, address) > 0) {
        this.limiter.failed(username, address);
        this.logger.warn(`FTP sign-in of ${JSON.stringify(username)} from ${address} backed off`);
        return reject(new Error('too many failed sign-ins: try again later'));
      }
      this.accounts.signIn(username, password).then(
        (account) => {
          if (!account) {
            this.limiter.failed(username, address);
            this.logger.warn(`FTP sign-in refused for ${JSON.stringify(username)} from ${connection.ip}`);
            return reject(new Error('bad username or password'));
          }
          this.limiter.succeeded(username, address);
          this.logger.log(
            `FTP sign-in: ${account.deviceCode} (${account.stations.join(', ')}) from ${connection.ip}`,
          );
          const fs = new LoggerFileSystem(
            connection,
            account,
            ({ station, path, content }) =>
              this.take(account.deviceCode, account.parkCode, station, path, content),
            budget,
          );
          sessions.set(connection.id, fs);
          resolve({ fs });
        },
        (error: unknown) => reject(new Error(`sign-in could not be checked: ${(error as Error).message}`)),
      );
    });
    server.on('disconnect', ({ id }: { id: string }) => {
      const fs = sessions.get(id);
      sessions.delete(id);
      fs?.discard().catch((error: unknown) =>
        this.logger.warn(`FTP session files not removed: ${(error as Error).message}`),
      );
    });
    server.on('client-error', ({ error }: { error: Error }) =>
      this.logger.debug(`FTP client error: ${error.message}`),
    );
    await server.listen();
    this.server = server;
    this.logger.log(
      `Circular 10/2021 FTP intake listening on ${host}:${this.port} (passive ${passiveHost}:${passivePortMin}-${passivePortMax})`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await server.close();
    if (this.budget) await rm(this.budget.directory, { recursive: true, force: true });
  }

  /** Parses one uploaded file and stores its readings; resolves once they are committed. */
  async take(
    deviceCode: string,
    parkCode: string,
    stationCode: string,
    path: string,
    content: Buffer,
  ): Promise<void> {
    this.files++;
    const source = `ftp:${path}`;
    const meta = { clientId: deviceCode, receivedAt: new Date() };
    const parsed = parseCircular10File(content, this.settings.format);
    const receipt = parsed.ok
      ? await this.ingest.ingestReadings(
          source,
          content,
          meta,
          parsed.readings.map(({ line, reading }) => ({
            label: `line ${line}`,
            parkCode,
            stationCode,
            readings: [reading],
          })),
          parsed.problems.map((p) => p.reason),
        )
      : await this.ingest.ingestReadings(source, content, meta, [], [parsed.reason]);
    await receipt.committed;
    this.logger.debug(
      `${source} from ${deviceCode}: ${receipt.accepted} reading(s) stored, ${receipt.problems.length} refused`,
    );
  }
}
