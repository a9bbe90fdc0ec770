import { DynamicModule, Type } from '@nestjs/common';
import { MODULE_METADATA } from '@nestjs/common/constants';
import { AccessPolicy, declaredRoutes } from '@hp/contracts';
import { loadConfig } from '@hp/config';
import { API_PREFIX, ApiAppModule } from '@hp/runtime';

type ModuleEntry = Type | DynamicModule | Promise<DynamicModule> | undefined;

/** The controllers a module tree declares (static @Module metadata and dynamic modules), each once. */
export function controllersOf(root: ModuleEntry): Type[] {
  const controllers = new Set<Type>();
  const seen = new Set<unknown>();
  const visit = (entry: ModuleEntry): void => {
    if (!entry || entry instanceof Promise || seen.has(entry)) return;
    seen.add(entry);
    const dynamic = typeof entry === 'function' ? undefined : entry;
    const moduleClass = typeof entry === 'function' ? entry : entry.module;
    const metadata = (key: string) => (Reflect.getMetadata(key, moduleClass) as unknown[] | undefined) ?? [];
    for (const controller of [...metadata(MODULE_METADATA.CONTROLLERS), ...(dynamic?.controllers ?? [])])
      controllers.add(controller as Type);
    for (const imported of [...metadata(MODULE_METADATA.IMPORTS), ...(dynamic?.imports ?? [])])
      visit(imported as ModuleEntry);
  };
  visit(root);
  return [...controllers];
}

/**
 * Every route the API app serves (`METHOD /api/path`, as Express matches it) with the @Access its handler
 * declares (undefined when none): read from the handlers, synchronously, so tests can be generated per route.
 */
export function apiRoutes(): { key: string; access: AccessPolicy | undefined }[] {
  const config = loadConfig({
    DATABASE_URL: 'postgres://unused',
    REDIS_URL: 'redis://127.0.0.1:6379',
    AUTH_JWT_SECRET: 'a-test-secret-of-at-least-32-characters',
  });
  return declaredRoutes(controllersOf(ApiAppModule.forRoot(config))).map(({ key, access }) => {
    const [method, path] = key.split(' ');
    // The global prefix, as configureHttp sets it (/metrics stays at the root).
    return { key: path === '/metrics' ? key : `${method} /${API_PREFIX}${path}`, access };
  });
}

/** The API's routes with their declared access, by key. */
export function apiAccess(): Readonly<Record<string, AccessPolicy | undefined>> {
  return Object.fromEntries(apiRoutes().map(({ key, access }) => [key, access]));
}
