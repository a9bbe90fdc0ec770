import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { DomainErrorFilter } from './domain-error.filter';

export const API_PREFIX = 'api';
export const OPENAPI_PATH = 'api/docs';

/**
 * Prefix, error filter and, unless `openApi` is false (the ingestion app serves only /metrics), the
 * OpenAPI document (UI at /api/docs, JSON at /api/docs-json).
 */
export function configureHttp(app: INestApplication, { openApi = true } = {}): void {
  // /metrics stays at the root, where Prometheus scrapes by default.
  app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
  app.useGlobalFilters(new DomainErrorFilter());
  if (!openApi) return;
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
  SwaggerModule.setup(OPENAPI_PATH, app, document, { jsonDocumentUrl: `${OPENAPI_PATH}-json` });
}
