import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
  Optional,
} from '@nestjs/common';
import { WATER_PARAMETERS } from '@hp/contracts';
import { RegistryReader } from '@hp/registry';
import { formatFileName, writeCircular10File } from '../format/circular10-format';
import { CIRCULAR10_SETTINGS, Circular10Settings } from '../circular10-settings';
import { Circular10RelayCursorsRepository } from '../storage/circular10-relay-cursors.repository';
import { FtpUploader, parseRelayUrl } from './ftp-target';
import { ReadingsReader } from '@hp/readings';

/** Timing of the relay loop; tests shorten it. */
export interface RelayLoopOptions {
  /** Pause between runs when all is well. */
  readonly pollMs: number;
  /** First pause after a failure, doubled on each failure in a row up to backoffMaxMs. */
  readonly backoffMinMs: number;
  readonly backoffMaxMs: number;
}
export const RELAY_LOOP_OPTIONS = Symbol('RELAY_LOOP_OPTIONS');
const DEFAULT_LOOP: RelayLoopOptions = { pollMs: 15_000, backoffMinMs: 1_000, backoffMaxMs: 300_000 };

/** Most files one station sends in one run (a long backlog continues in the next runs, in order). */
const MAX_FILES_PER_STATION_RUN = 500;
/** How long a run holds a station's cursor; renewed every run. */
const LEASE_MS = 10 * 60_000;
const UNITS = new Map(WATER_PARAMETERS.map((p) => [p.code as string, p.unit]));

export interface RelayRunResult {
  readonly files: number;
  /** Why the run stopped early (the server is down...); the cursors stay where they were. */
  readonly error: string | null;
}

interface RelayStation {
  readonly id: number;
  readonly parkCode: string;
  readonly code: string;
}

/**
 * Relays each station's stored readings to the authority's FTP server as Circular 10/2021 files
 * (CIRCULAR10_RELAY_URL): one file per station and clock-aligned interval holding readings, sent once the
 * interval ended CIRCULAR10_RELAY_DELAY_SECONDS ago, in time order. A station's cursor (where its next
 * file starts) moves only after the file was renamed into place, so an outage resumes exactly there: no
 * gap, no reordering, and a file sent again after a crash has the same name and content. While the server
 * is down the loop retries with exponential backoff. Readings stored after their interval was sent are not
 * sent again (left out).
 */
@Injectable()
export class Circular10Relay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Circular10Relay.name);
  private readonly owner = `${hostname()}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private readonly loop: RelayLoopOptions;
  private readonly uploader: FtpUploader | null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private failures = 0;
  private lastError = '';
  /** Files this instance has pushed. */
  pushed = 0;

  constructor(
    @Inject(CIRCULAR10_SETTINGS) private readonly settings: Circular10Settings,
    private readonly cursors: Circular10RelayCursorsRepository,
    private readonly readings: ReadingsReader,
    private readonly registry: RegistryReader,
    @Optional() @Inject(RELAY_LOOP_OPTIONS) loop: RelayLoopOptions | null = null,
  ) {
    this.loop = loop ?? DEFAULT_LOOP;
    this.uploader = settings.relay.url ? new FtpUploader(parseRelayUrl(settings.relay.url)) : null;
  }

  onApplicationBootstrap(): void {
    if (!this.uploader) return;
    this.logger.log(
      `relaying Circular 10/2021 files to ${parseRelayUrl(this.settings.relay.url!).display} every ${this.settings.relay.intervalMinutes} min`,
    );
    this.tick();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    this.uploader?.close();
  }

  /** One pass over every relayed station; stops at the first failed upload (the server is likely down). */
  async runOnce(now = new Date()): Promise<RelayRunResult> {
    if (!this.uploader) return { files: 0, error: null };
    const intervalMs = this.settings.relay.intervalMinutes * 60_000;
    const align = (ms: number) => Math.floor(ms / intervalMs) * intervalMs;
    // Intervals ending at or before this are complete.
    const limit = new Date(align(now.getTime() - this.settings.relay.delaySeconds * 1000));
    const startFrom = new Date(align(now.getTime() - this.settings.relay.backfillHours * 3_600_000));
    let files = 0;
    for (const station of await this.relayedStations()) {
      const cursor = await this.cursors.claim(station.id, this.owner, LEASE_MS, startFrom);
      if (!cursor) continue; // another instance relays it
      try {
        let from = cursor.nextFrom;
        for (let n = 0; n < MAX_FILES_PER_STATION_RUN; n++) {
          const first = await this.cursors.nextReadingTime(station.id, from, limit);
          if (!first) break;
          const start = new Date(Math.max(from.getTime(), align(first.getTime())));
          const end = new Date(align(start.getTime()) + intervalMs);
          const name = await this.pushInterval(station, start, end);
          if (!(await this.cursors.advance(station.id, this.owner, end, name))) break;
          from = end;
          files++;
          this.pushed++;
        }
      } catch (error) {
        const reason = (error as Error).message;
        await this.cursors.recordError(station.id, this.owner, reason);
        return { files, error: reason };
      } finally {
        await this.cursors.release(station.id, this.owner);
      }
    }
    return { files, error: null };
  }

  private async pushInterval(station: RelayStation, start: Date, end: Date): Promise<string> {
    const rows = await this.readings.readings.findRaw(station.id, { from: start, to: end, limit: 100_000 });
    rows.sort(
      (a, b) => a.time.getTime() - b.time.getTime() || a.parameterCode.localeCompare(b.parameterCode),
    );
    const { format } = this.settings;
    const content = writeCircular10File(
      rows.map((r) => ({
        parameter: r.parameterCode,
        value: r.value,
        unit: UNITS.get(r.parameterCode) ?? '',
        time: r.time,
        status: r.status,
      })),
      format,
    );
    const name = formatFileName(format.fileNamePattern, {
      park: station.parkCode,
      station: station.code,
      time: start,
    });
    await this.uploader!.upload(name, content);
    return name;
  }

  /** CIRCULAR10_RELAY_STATIONS, or every active outlet station. */
  private async relayedStations(): Promise<RelayStation[]> {
    const wanted = this.settings.relay.stations;
    if (wanted.length === 0)
      return (await this.registry.stations.listParkOutlets())
        .filter((o) => o.stationId !== null && o.stationCode !== null)
        .map((o) => ({ id: o.stationId!, parkCode: o.parkCode, code: o.stationCode! }));
    const refs = await this.registry.stations.listRefs();
    const found: RelayStation[] = [];
    for (const key of wanted) {
      const ref = refs.find((r) => `${r.parkCode}/${r.code}` === key);
      if (ref) found.push({ id: ref.id, parkCode: ref.parkCode, code: ref.code });
      else this.warnOnce(`relay station ${key} is not registered: skipped`);
    }
    return found;
  }

  private warned = new Set<string>();
  private warnOnce(message: string): void {
    if (this.warned.has(message)) return;
    this.warned.add(message);
    this.logger.warn(message);
  }

  private tick(): void {
    if (this.stopped) return;
    this.running = this.runOnce().then(
      (result) => this.after(result),
      (error: unknown) => this.after({ files: 0, error: `relay run failed: ${(error as Error).message}` }),
    );
  }

  private after(result: RelayRunResult): void {
    if (result.files > 0) this.logger.log(`relayed ${result.files} Circular 10/2021 file(s)`);
    if (result.error === null) {
      if (this.lastError) this.logger.log('Circular 10/2021 relay works again');
      this.lastError = '';
      this.failures = 0;
      return this.schedule(this.loop.pollMs);
    }
    if (result.error !== this.lastError) this.logger.warn(`${result.error}; retrying with backoff`);
    this.lastError = result.error;
    this.failures++;
    this.schedule(Math.min(this.loop.backoffMaxMs, this.loop.backoffMinMs * 2 ** (this.failures - 1)));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => this.tick(), ms);
    this.timer.unref();
  }
}
