import { FtpServerOptions, FtpSrv } from 'ftp-srv';

const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGQUIT'] as const;

/**
 * An ftp-srv server without the process signal handlers it installs (they exit the process on SIGTERM):
 * the application owns its shutdown and closes the server itself.
 */
export function createFtpServer(options: FtpServerOptions): FtpSrv {
  const before = new Map(SIGNALS.map((s) => [s, new Set(process.listeners(s))]));
  const server = new FtpSrv(options);
  for (const signal of SIGNALS)
    for (const listener of process.listeners(signal))
      if (!before.get(signal)!.has(listener)) process.removeListener(signal, listener);
  return server;
}
