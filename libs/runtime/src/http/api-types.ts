import { NestFactory } from '@nestjs/core';
import { OpenAPIObject } from '@nestjs/swagger';
import { loadConfig } from '@hp/config';
import { ApiAppModule } from '../app-modules';
import { API_PREFIX, openApiDocument } from './http-app';

/**
 * The dashboard's API types (apps/dashboard/public/api-types.d.ts), generated from the API app's OpenAPI
 * document: each named schema becomes a type of that name, each operation its body and answer. The document
 * is built from an app created in preview mode (no database, queue or listener), so generating needs no
 * running services; `npm run api:types` writes the file and a test fails when the committed one differs.
 */
export const API_TYPES_FILE = 'apps/dashboard/public/api-types.d.ts';

/** The API app's OpenAPI document, exactly as /api/docs-json serves it. */
export async function apiAppDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({
    // Preview mode reads no setting, but the config must load: a placeholder secret of the required length.
    AUTH_JWT_SECRET: 'api-types-generation-only-secret-000000',
    LOG_LEVEL: 'error',
  });
  const app = await NestFactory.create(ApiAppModule.forRoot(config), { preview: true, logger: false });
  try {
    app.setGlobalPrefix(API_PREFIX, { exclude: ['metrics'] });
    return openApiDocument(app);
  } finally {
    await app.close();
  }
}

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  description?: string;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}

const INDENT = '  ';

function comment(text: string | undefined, indent: string): string {
  if (!text) return '';
  return `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n`;
}

function literal(value: unknown): string {
  return typeof value === 'string'
    ? `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
    : JSON.stringify(value);
}

function key(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : literal(name);
}

/** A union or intersection wrapped where a postfix `[]` or another operator would bind into it. */
function wrapped(type: string): string {
  return /[|&]/.test(type) && !/^\{[\s\S]*\}$/.test(type) ? `(${type})` : type;
}

/** The TypeScript type of an OpenAPI 3.0 schema. */
function typeOf(schema: Schema | undefined, indent: string): string {
  if (!schema) return 'unknown';
  const base = bareTypeOf(schema, indent);
  return schema.nullable && base !== 'unknown' && base !== 'null' ? `${wrapped(base)} | null` : base;
}

function bareTypeOf(schema: Schema, indent: string): string {
  if (schema.$ref) return schema.$ref.slice(schema.$ref.lastIndexOf('/') + 1);
  if (schema.allOf) return schema.allOf.map((s) => wrapped(typeOf(s, indent))).join(' & ');
  const union = schema.oneOf ?? schema.anyOf;
  if (union) return union.map((s) => wrapped(typeOf(s, indent))).join(' | ');
  if (schema.enum) return schema.enum.map(literal).join(' | ');
  switch (schema.type) {
    case 'string':
      return 'string';
    case 'integer':
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'array':
      return `${wrapped(typeOf(schema.items, indent))}[]`;
    case 'object':
    case undefined:
      return objectTypeOf(schema, indent);
    default:
      return 'unknown';
  }
}

function objectTypeOf(schema: Schema, indent: string): string {
  const properties = Object.entries(schema.properties ?? {});
  const extra = schema.additionalProperties;
  if (properties.length === 0) {
    if (extra && typeof extra === 'object') return `Record<string, ${typeOf(extra, indent)}>`;
    return schema.type === 'object' ? 'Record<string, unknown>' : 'unknown';
  }
  const inner = indent + INDENT;
  const required = new Set(schema.required ?? []);
  const lines = properties.map(
    ([name, property]) =>
      `${comment(property.description, inner)}${inner}${key(name)}${required.has(name) ? '' : '?'}: ${typeOf(property, inner)};\n`,
  );
  if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${typeOf(extra, inner)};\n`);
  return `{\n${lines.join('')}${indent}}`;
}

function jsonSchemaOf(content: Record<string, { schema?: Schema }> | undefined): Schema | undefined {
  return content?.['application/json']?.schema;
}

/** The declaration file of a document's named schemas and of its operations' bodies and answers. */
export function apiTypesOf(document: OpenAPIObject): string {
  const out: string[] = [
    "// Generated from the API's OpenAPI document by `npm run api:types` (libs/runtime/src/http/api-types.ts).",
    "// Do not edit: change the routes' schemas and run it again (a test fails while this file is stale).",
    '',
  ];
  const schemas = (document.components?.schemas ?? {}) as Record<string, Schema>;
  for (const name of Object.keys(schemas).sort()) {
    const schema = schemas[name];
    out.push(`${comment(schema.description, '')}export type ${name} = ${typeOf(schema, '')};`, '');
  }
  out.push(
    '/** Each operation (`METHOD /path`): its JSON body, if it takes one, and its answer (200 or 201). */',
    'export interface ApiOperations {',
  );
  const paths = document.paths as Record<string, Record<string, Operation>>;
  for (const path of Object.keys(paths).sort()) {
    for (const [method, operation] of Object.entries(paths[path])) {
      if (!['get', 'put', 'post', 'delete', 'patch'].includes(method)) continue;
      const responses = operation.responses ?? {};
      const answer = responses['200'] ?? responses['201'];
      const body = jsonSchemaOf(operation.requestBody?.content);
      const inner = INDENT.repeat(2);
      const fields = [
        ...(body ? [`${inner}body: ${typeOf(body, inner)};\n`] : []),
        `${inner}response: ${answer?.content ? typeOf(jsonSchemaOf(answer.content), inner) : 'void'};\n`,
      ];
      out.push(`${INDENT}${literal(`${method.toUpperCase()} ${path}`)}: {\n${fields.join('')}${INDENT}};`);
    }
  }
  out.push('}', '');
  return out.join('\n');
}
