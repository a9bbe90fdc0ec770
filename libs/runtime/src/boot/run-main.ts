import { ConfigError, loadConfig, PlatformConfig } from '@hp/config';

interface Closable {
  close(): Promise<unknown>;
}

/**
 * The whole of an app's main(): read the config once (a bad value stops the process with the variable
 * named), boot, and close cleanly on SIGINT/SIGTERM.
 */
export function runMain(boot: (config: PlatformConfig) => Promise<Closable>): void {
  let config: PlatformConfig;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof ConfigError ? error.message : error);
    process.exit(1);
  }
  boot(config).then(
    (handle) => {
      const stop = (signal: string) => {
        console.log(`${signal}: shutting down`);
        handle.close().then(
          () => process.exit(0),
          (error: unknown) => {
            console.error(error);
            process.exit(1);
          },
        );
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    },
    (error: unknown) => {
      console.error('failed to start:', error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
