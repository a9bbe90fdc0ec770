import { randomUUID } from 'node:crypto';
import { FileHandle, open, readFile, rm } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { Writable } from 'node:stream';
import { FileSystem, FtpConnection } from 'ftp-srv';
import { MAX_FILE_BYTES } from '../format/circular10-format';
import { LoggerAccount } from './logger-accounts';

/** A complete upload of a file a station logger sent: the intake parses and stores it. */
export type UploadHandler = (upload: { station: string; path: string; content: Buffer }) => Promise<void>;

/** Files with this extension are station files; others (a `.tmp` before its rename) wait in the session. */
const STATION_FILE = /\.txt$/i;

/**
 * Uploads a process holds at once (in transfer, or waiting under a temporary name for their rename), per
 * session and in all: a logger, or someone with a logger's password, cannot fill the disk or memory.
 */
export class UploadBudget {
  private taken = 0;

  constructor(
    /** Where uploads are written while they arrive (a directory of this process's own). */
    readonly directory: string,
    readonly perSession = 8,
    readonly perProcess = 64,
  ) {}

  get inUse(): number {
    return this.taken;
  }

  /** Takes a slot for a session holding `held` already; throws a clear reason when there is none. */
  take(held: number): void {
    if (held >= this.perSession)
      throw new Error(
        `too many uploads pending in this session (${this.perSession}): rename or delete one first`,
      );
    if (this.taken >= this.perProcess)
      throw new Error('too many uploads pending on this server: try again later');
    this.taken++;
  }

  release(): void {
    this.taken = Math.max(0, this.taken - 1);
  }
}

interface PendingFile {
  readonly file: string;
  readonly size: number;
}

interface Stat {
  name: string;
  size: number;
  mtime: Date;
  mode: number;
  isDirectory(): boolean;
}

function stat(name: string, directory: boolean, size = 0): Stat {
  return { name, size, mtime: new Date(), mode: directory ? 0o755 : 0o644, isDirectory: () => directory };
}

/**
 * What a logger sees over FTP: one directory per station it may write for (`/<STATION>/`), nothing else.
 * An upload streams into a temporary file of the budget's directory (at most MAX_FILE_BYTES; at most
 * budget.perSession of them per session, budget.perProcess in all), is read back once complete, and
 * the transfer ends (226) only after its readings are committed, as MQTT's PUBACK does; the file is then
 * removed. Files of a closed session are removed with it (discard). Writing anywhere else, reading
 * and deleting are refused with 550 and a reason. Uploading to a temporary name and renaming it to `.txt`
 * (how many loggers make a file appear atomically) works within one session.
 */
export class LoggerFileSystem extends FileSystem {
  private directory: string;
  /** Uploads under a temporary name, waiting for their rename: their temporary files. */
  private readonly pending = new Map<string, PendingFile>();
  /** Uploads of this session in transfer or being stored. */
  private inFlight = 0;
  private discarded = false;

  constructor(
    connection: FtpConnection,
    private readonly account: LoggerAccount,
    private readonly onUpload: UploadHandler,
    private readonly budget: UploadBudget,
  ) {
    super(connection, { root: '/nonexistent', cwd: account.home });
    this.directory = account.home;
  }

  override currentDirectory(): string {
    return this.directory;
  }

  private resolve(path = '.'): string {
    return posix.resolve(this.directory, path.replace(/\\/g, '/'));
  }

  /** The station of a directory the account may write into; null otherwise. */
  private stationOf(dir: string): string | null {
    const station = dir.split('/')[1];
    return dir === `/${station}` && this.account.stations.includes(station) ? station : null;
  }

  private refuse(what: string): never {
    const where = this.account.stations.map((s) => `/${s}/`).join(', ') || 'no station directory';
    throw new Error(`${what}: ${this.account.deviceCode} may write only into ${where}`);
  }

  /** The station and file name of a path a file may be written to; throws a clear reason otherwise. */
  private target(path: string): { station: string; path: string } {
    const full = this.resolve(path);
    const station = this.stationOf(posix.dirname(full));
    if (station === null) this.refuse(`${full} refused`);
    return { station, path: full };
  }

  override async get(fileName: string): Promise<Stat> {
    const full = this.resolve(fileName);
    if (full === '/' || this.stationOf(full)) return stat(posix.basename(full) || '/', true);
    const pending = this.pending.get(full);
    if (pending) return stat(posix.basename(full), false, pending.size);
    throw new Error(`${full}: no such file or directory`);
  }

  override async list(path = '.'): Promise<Stat[]> {
    const full = this.resolve(path);
    if (full === '/') return this.account.stations.map((s) => stat(s, true));
    if (!this.stationOf(full)) throw new Error(`${full}: no such directory`);
    return [...this.pending.entries()]
      .filter(([p]) => posix.dirname(p) === full)
      .map(([p, pending]) => stat(posix.basename(p), false, pending.size));
  }

  override async chdir(path = '.'): Promise<string> {
    const full = this.resolve(path);
    if (full !== '/' && !this.stationOf(full)) throw new Error(`${full}: no such directory`);
    this.directory = full;
    return full;
  }

  override async mkdir(path: string): Promise<string> {
    const full = this.resolve(path);
    // A logger that creates its remote directory first: it exists already.
    if (full === '/' || this.stationOf(full)) return full;
    return this.refuse(`creating ${full} refused`);
  }

  override write(
    fileName: string,
    options: { append?: boolean; start?: unknown } = {},
  ): { stream: Writable; clientPath: string } {
    const { station, path } = this.target(fileName);
    if (options.append || options.start)
      throw new Error(`${path}: appending or resuming is not supported, send the file again`);
    if (this.discarded) throw new Error('session closed');
    this.budget.take(this.pending.size + this.inFlight);
    this.inFlight++;
    const file = join(this.budget.directory, randomUUID());
    let handle: FileHandle | null = null;
    let size = 0;
    let kept = false;
    const done = () => {
      this.inFlight--;
      if (!kept) this.budget.release();
    };
    const stream = new Writable({
      construct: (callback) => {
        open(file, 'wx', 0o600).then((opened) => {
          handle = opened;
          callback();
        }, callback);
      },
      write: (chunk: Buffer, _encoding, callback) => {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) return callback(new Error(`${path}: larger than ${MAX_FILE_BYTES} bytes`));
        handle!.write(chunk).then(() => callback(), callback);
      },
      final: (callback) => {
        const closing = handle!.close();
        handle = null;
        closing
          .then(async () => {
            if (!STATION_FILE.test(path)) {
              if (this.discarded) throw new Error('session closed');
              await this.replacePending(path, { file, size });
              kept = true;
              return;
            }
            await this.store(station, path, file);
          })
          .then(() => callback(), callback);
      },
      destroy: (error, callback) => {
        const closing = handle ? handle.close() : Promise.resolve();
        handle = null;
        closing
          .then(() => (kept ? undefined : rm(file, { force: true })))
          .finally(done)
          .then(
            () => callback(error),
            () => callback(error),
          );
      },
    });
    // ftp-srv ends the transfer by emitting 'close' when a listener is attached (as its own disk streams do).
    stream.once('close', () => stream.end());
    return { stream, clientPath: path };
  }

  /** Reads a complete upload back (at most MAX_FILE_BYTES), stores its readings, and removes its file. */
  private async store(station: string, path: string, file: string): Promise<void> {
    try {
      await this.onUpload({ station, path, content: await readFile(file) });
    } finally {
      await rm(file, { force: true });
    }
  }

  /** Keeps an upload under its temporary name (an earlier one of the same name is replaced). */
  private async replacePending(path: string, pending: PendingFile): Promise<void> {
    const earlier = this.pending.get(path);
    this.pending.set(path, pending);
    if (earlier) await this.drop(earlier);
  }

  private async drop(pending: PendingFile): Promise<void> {
    this.budget.release();
    await rm(pending.file, { force: true });
  }

  /** The session is gone: its uploads waiting for a rename go with it. */
  async discard(): Promise<void> {
    this.discarded = true;
    const files = [...this.pending.values()];
    this.pending.clear();
    await Promise.all(files.map((f) => this.drop(f)));
  }

  override async rename(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const pending = this.pending.get(source);
    if (!pending) throw new Error(`${source}: no such file`);
    const target = this.target(to);
    this.pending.delete(source);
    if (STATION_FILE.test(target.path)) {
      try {
        await this.store(target.station, target.path, pending.file);
      } finally {
        this.budget.release();
      }
    } else await this.replacePending(target.path, pending);
  }

  override async delete(path: string): Promise<void> {
    const full = this.resolve(path);
    const pending = this.pending.get(full);
    if (!pending) throw new Error(`${full}: no such file (received files are not kept here)`);
    this.pending.delete(full);
    await this.drop(pending);
  }

  override read(fileName: string): Promise<never> {
    return Promise.reject(new Error(`${this.resolve(fileName)}: reading is not supported`));
  }

  override chmod(path: string): Promise<never> {
    return Promise.reject(new Error(`${this.resolve(path)}: changing modes is not supported`));
  }
}
