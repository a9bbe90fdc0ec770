import { posix } from 'node:path';
import { Writable } from 'node:stream';
import { FileSystem, FtpConnection } from 'ftp-srv';
import { MAX_FILE_BYTES } from '../format/circular10-format';
import { LoggerAccount } from './logger-accounts';

/** A complete upload of a file a station logger sent: the intake parses and stores it. */
export type UploadHandler = (upload: { station: string; path: string; content: Buffer }) => Promise<void>;

/** Files with this extension are station files; others (a `.tmp` before its rename) wait in the session. */
const STATION_FILE = /\.txt$/i;

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
 * A file is never stored on disk: an upload is held in memory (at most MAX_FILE_BYTES) and the transfer
 * ends (226) only after its readings are committed, as MQTT's PUBACK does. Writing anywhere else, reading
 * and deleting are refused with 550 and a reason. Uploading to a temporary name and renaming it to `.txt`
 * (how many loggers make a file appear atomically) works within one session.
 */
export class LoggerFileSystem extends FileSystem {
  private directory: string;
  /** Uploads under a temporary name, waiting for their rename. */
  private readonly pending = new Map<string, Buffer>();

  constructor(
    connection: FtpConnection,
    private readonly account: LoggerAccount,
    private readonly onUpload: UploadHandler,
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
    if (pending) return stat(posix.basename(full), false, pending.length);
    throw new Error(`${full}: no such file or directory`);
  }

  override async list(path = '.'): Promise<Stat[]> {
    const full = this.resolve(path);
    if (full === '/') return this.account.stations.map((s) => stat(s, true));
    if (!this.stationOf(full)) throw new Error(`${full}: no such directory`);
    return [...this.pending.entries()]
      .filter(([p]) => posix.dirname(p) === full)
      .map(([p, content]) => stat(posix.basename(p), false, content.length));
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
    const chunks: Buffer[] = [];
    let size = 0;
    const stream = new Writable({
      write: (chunk: Buffer, _encoding, done) => {
        size += chunk.length;
        if (size > MAX_FILE_BYTES) return done(new Error(`${path}: larger than ${MAX_FILE_BYTES} bytes`));
        chunks.push(chunk);
        done();
      },
      final: (done) => {
        const content = Buffer.concat(chunks);
        if (!STATION_FILE.test(path)) {
          this.pending.set(path, content);
          return done();
        }
        this.onUpload({ station, path, content }).then(() => done(), done);
      },
    });
    // ftp-srv ends the transfer by emitting 'close' when a listener is attached (as its own disk streams do).
    stream.once('close', () => stream.end());
    return { stream, clientPath: path };
  }

  override async rename(from: string, to: string): Promise<void> {
    const source = this.resolve(from);
    const content = this.pending.get(source);
    if (!content) throw new Error(`${source}: no such file`);
    const target = this.target(to);
    this.pending.delete(source);
    if (STATION_FILE.test(target.path)) await this.onUpload({ ...target, content });
    else this.pending.set(target.path, content);
  }

  override async delete(path: string): Promise<void> {
    const full = this.resolve(path);
    if (!this.pending.delete(full))
      throw new Error(`${full}: no such file (received files are not kept here)`);
  }

  override read(fileName: string): Promise<never> {
    return Promise.reject(new Error(`${this.resolve(fileName)}: reading is not supported`));
  }

  override chmod(path: string): Promise<never> {
    return Promise.reject(new Error(`${this.resolve(path)}: changing modes is not supported`));
  }
}
