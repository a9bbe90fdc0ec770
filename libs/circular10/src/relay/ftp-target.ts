import { Readable } from 'node:stream';
import { Client } from 'basic-ftp';
import { redact } from '@hp/config';

/** The authority's FTP server, from CIRCULAR10_RELAY_URL `ftp://user:pass@host:port/dir`. */
export interface FtpTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Directory the files go to ('' for the login directory). */
  readonly dir: string;
  /** The URL with its password hidden, for logs. */
  readonly display: string;
}

/** Reads a relay URL; throws a clear error (without the password) when it cannot be used. */
export function parseRelayUrl(url: string): FtpTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new RangeError(`relay URL ${redact(url)} is not a URL like ftp://user:pass@host:21/dir`);
  }
  if (parsed.protocol !== 'ftp:')
    throw new RangeError(`relay URL ${redact(url)}: only ftp: is supported (SFTP is not built in)`);
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 21,
    user: decodeURIComponent(parsed.username) || 'anonymous',
    password: decodeURIComponent(parsed.password),
    dir: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, ''),
    display: redact(url),
  };
}

/**
 * Uploads files to the authority's server, one at a time, each under a temporary name first and then
 * renamed, so a file appears whole or not at all (an upload cut by an outage leaves only a `.part`).
 * One connection is kept between uploads; any failure closes it and the next upload reconnects.
 */
export class FtpUploader {
  private client: Client | null = null;

  constructor(
    private readonly target: FtpTarget,
    private readonly timeoutMs = 15_000,
  ) {}

  async upload(name: string, content: string): Promise<void> {
    try {
      const client = await this.connected();
      const part = `${name}.part`;
      await client.uploadFrom(Readable.from([Buffer.from(content, 'utf8')]), part);
      await client.rename(part, name);
    } catch (error) {
      this.close();
      throw new Error(`upload of ${name} to ${this.target.display} failed: ${(error as Error).message}`);
    }
  }

  close(): void {
    this.client?.close();
    this.client = null;
  }

  private async connected(): Promise<Client> {
    if (this.client && !this.client.closed) return this.client;
    const client = new Client(this.timeoutMs);
    this.client = client;
    await client.access({
      host: this.target.host,
      port: this.target.port,
      user: this.target.user,
      password: this.target.password,
      secure: false,
    });
    if (this.target.dir) await client.ensureDir(this.target.dir);
    return client;
  }
}
