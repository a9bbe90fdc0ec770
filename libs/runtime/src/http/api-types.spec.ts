import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OpenAPIObject } from '@nestjs/swagger';
import { API_TYPES_FILE, apiAppDocument, apiTypesOf } from './api-types';

const ROOT = path.resolve(__dirname, '../../../..');
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

interface Operation {
  requestBody?: { content?: Record<string, { schema?: Record<string, unknown> }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}

function operations(document: OpenAPIObject): [string, Operation][] {
  return Object.entries(document.paths).flatMap(([p, ops]) =>
    Object.entries(ops as Record<string, Operation>)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${p}`, op]),
  );
}

describe("the API app's OpenAPI document and the dashboard's types generated from it", () => {
  let document: OpenAPIObject;
  beforeAll(async () => {
    document = await apiAppDocument();
  });

  it('matches the committed api-types.d.ts (run npm run api:types when it does not)', () => {
    const committed = readFileSync(path.join(ROOT, API_TYPES_FILE), 'utf8');
    const generated = apiTypesOf(document);
    if (committed !== generated) {
      const lines = [committed.split('\n'), generated.split('\n')];
      const longer = lines[0].length >= lines[1].length ? lines[0] : lines[1];
      const at = longer.findIndex((_, i) => lines[0][i] !== lines[1][i]);
      throw new Error(
        `${API_TYPES_FILE} is stale: run npm run api:types (first difference at line ${at + 1}: ` +
          `committed ${JSON.stringify(lines[0][at])}, generated ${JSON.stringify(lines[1][at])})`,
      );
    }
  });

  it('documents the answer of every operation: a 200/201 schema, or 204 No Content', () => {
    const undocumented = operations(document)
      .filter(([, op]) => {
        const responses = op.responses ?? {};
        const answer = responses['200'] ?? responses['201'];
        const content = Object.values(answer?.content ?? {});
        return !(content.length > 0 && content.every((c) => c.schema)) && !responses['204'];
      })
      .map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('describes every JSON body by a schema that refuses fields it does not name', () => {
    const loose = operations(document)
      .filter(([, op]) => op.requestBody)
      .filter(([, op]) => {
        const schema = op.requestBody?.content?.['application/json']?.schema;
        return !schema || schema['type'] !== 'object' || schema['additionalProperties'] !== false;
      })
      .map(([name]) => name);
    expect(loose).toEqual([]);
  });

  it('parses the parameters of every operation by its declared shape (@RequestInput), refusing others', () => {
    const undeclared = operations(document)
      .filter(([, op]) => !op.responses?.['400'])
      .map(([name]) => name);
    expect(undeclared).toEqual([]);
  });

  it('resolves every reference to a named schema', () => {
    const names = new Set(Object.keys(document.components?.schemas ?? {}));
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map(
      (m) => m[1],
    );
    expect(refs.length).toBeGreaterThan(50);
    expect([...new Set(refs)].filter((name) => !names.has(name))).toEqual([]);
  });
});
