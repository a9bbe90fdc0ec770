import { INestApplication } from '@nestjs/common';
import { AuthService, UserRole } from '@hp/accounts';
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
  /** Request headers of a user signed in with that role (and parks), minted by the app's token service. */
  signedIn(username: string, role: UserRole, parkIds?: number[]): Record<string, string>;
  /** A JSON request to the API (path after /api) with these headers: its status and parsed body. */
  request(
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }>;
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
        // The API app is one process of a split deployment: its queue is BullMQ, never in-process.
        REDIS_URL: 'redis://127.0.0.1:6379',
        REDIS_PREFIX: `seeded-api-${process.pid}`,
        AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
        ...env,
      }),
    )) as INestApplication;
    await app.get(RegistrySeeder).seed();
    const started = app;
    const url = `${(await started.getUrl()).replace('[::1]', '127.0.0.1')}/api`;
    return {
      app: started,
      url,
      databaseUrl: database.url,
      signedIn: (username, role, parkIds = []) => ({
        authorization: `Bearer ${started.get(AuthService).accessToken({ id: 0, username, role, parkIds })}`,
        'content-type': 'application/json',
      }),
      request: async (method, path, headers, body) => {
        const response = await fetch(`${url}${path}`, {
          method,
          headers,
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
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
