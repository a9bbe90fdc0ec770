import * as path from 'node:path';
import { INestApplication } from '@nestjs/common';
import { NestExpressApplication } from '@nestjs/platform-express';
import { PlatformConfig } from '@hp/config';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import {
  MESSAGE_FORMAT_URL,
  namedApiSchemas,
  REASON_CATALOGUE_FILE,
  REASON_CATALOGUE_URL,
} from '@hp/contracts';
import { DomainErrorFilter } from './domain-error.filter';
import { consoleAssets, type ConsoleSettings } from './console-assets';
import { CONSOLE_PATH, securityHeaders } from './security-headers';

export const API_PREFIX = 'api';
export const OPENAPI_PATH = 'api/docs';
/** apps/dashboard/public, from the sources or from dist/ (npm run build copies it). */
export const DASHBOARD_DIR = path.resolve(__dirname, '../../../../apps/dashboard/public');
/**
 * intl-messageformat's browser build: one ES module with its dependencies (the package exports only its
 * entry point, so the file is found beside it).
 */
export const MESSAGE_FORMAT_FILE = path.join(
  path.dirname(require.resolve('intl-messageformat')),
  'intl-messageformat.iife.js',
);

/**
 * Prefix, error filter and, unless `openApi` is false (the ingestion app serves only /metrics), the
 * OpenAPI document (UI at /api/docs, JSON at /api/docs-json) and the web apps (the dashboard at /, the
 * console at /console/ with its map settings).
 */
export function configureHttp(
  app: INestApplication,
  { openApi = true, console: consoleSettings = {} }: { openApi?: boolean; console?: ConsoleSettings } = {},
): void {
  // /metrics stays at the root, where Prometheus scrapes by default.
  app.use(securityHeaders);
  (app as NestExpressApplication).disable('x-powered-by');
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  app.useGlobalFilters(new DomainErrorFilter());
  if (!openApi) return;
  // The typed console (apps/console, built by vite) at /console/, beside the previous dashboard until its
  // screens are ported.
  app.use(CONSOLE_PATH, consoleAssets(consoleSettings));
  // The officers' web app (apps/dashboard) at the root: static files, hash routes, the API under /api.
  (app as NestExpressApplication).useStaticAssets(DASHBOARD_DIR, { index: 'index.html', maxAge: 0 });
  // The reason messages the server words reports and notices with, and the formatter, for the dashboard
  // (same origin, so the strict CSP holds).
  app.use(REASON_CATALOGUE_URL, (_req: unknown, res: FileResponse) =>
    res.type('application/json').sendFile(REASON_CATALOGUE_FILE, { maxAge: 0 }),
  );
  app.use(MESSAGE_FORMAT_URL, (_req: unknown, res: FileResponse) =>
    res.type('text/javascript').sendFile(MESSAGE_FORMAT_FILE, { maxAge: 0 }),
  );
  SwaggerModule.setup(OPENAPI_PATH, app, openApiDocument(app), { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}

/** The console's settings from the platform's configuration. */
export function consoleSettings(config: PlatformConfig): ConsoleSettings {
  return { mapTileUrl: config.map.tileUrl, mapTileAttribution: config.map.tileAttribution };
}

/** The part of Express's response the two files above need. */
interface FileResponse {
  type(contentType: string): FileResponse;
  sendFile(file: string, options: { maxAge: number }): void;
}

/**
 * The OpenAPI document of an app's routes, with the features' named response schemas (apiSchema) under
 * components/schemas beside the DTO classes'. The app needs no listener, nor even its providers: the
 * dashboard's type generator reads it from an app created in preview mode.
 */
export function openApiDocument(app: INestApplication): OpenAPIObject {
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Hai Phong industrial-park environmental compliance API')
      .setDescription(
        'Parks, treatment plants, monitoring stations and their telemetry (QCVN 40, Circular 10/2021).',
      )
      .setVersion('1')
      .build(),
  );
  const schemas = (document.components ??= {}).schemas ?? {};
  for (const [name, schema] of Object.entries(namedApiSchemas())) {
    if (name in schemas) throw new Error(`API schema ${name} is also the name of a DTO class`);
    schemas[name] = schema as (typeof schemas)[string];
  }
  document.components.schemas = schemas;
  return document;
}
