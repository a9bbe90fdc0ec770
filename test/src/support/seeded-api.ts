import { INestApplication } from '@nestjs/common';
import { loadConfig } from '@hp/config';
import { RegistrySeeder } from '@hp/registry';
import { bootstrapApi } from '@hp/runtime';
import { createTestDatabase, TestDatabase } from '@hp/testing';

export interface SeededApi {
  app: INestApplication;
  /** Base URL of the API, ending in /api. */
  url: string;
  /** The test database (for CLI commands against the same data). */
  databaseUrl: string;
  /** Closes the app and drops its database. */
  close(): Promise<void>;
}

/**
 * The API app as apps/api boots it, on a fresh test database with the Hai Phong registry seeded; `env`
 * adds or overrides variables.
 */
export async function startSeededApi(env: Record<string, string> = {}): Promise<SeededApi> {
  const database: TestDatabase = await createTestDatabase();
  let app: INestApplication | undefined;
  try {
    app = (await bootstrapApi(
      loadConfig({
        DATABASE_URL: database.url,
        HTTP_PORT: '0',
        HTTP_HOST: '127.0.0.1',
        LOG_LEVEL: 'error',
        REDIS_URL: '',
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        ...env,
      }),
    )) as INestApplication;
    await app.get(RegistrySeeder).seed();
    const started = app;
    return {
      app: started,
      url: `${(await started.getUrl()).replace('[::1]', '127.0.0.1')}/api`,
      databaseUrl: database.url,
      close: async () => {
        await started.close();
        await database.drop();
      },
    };
  } catch (error) {
    await app?.close();
    await database.drop();
    throw error;
  }
}
