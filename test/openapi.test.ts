// The OpenAPI document and the docs page, from the real app over real HTTP.
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiPath } from '../api/openapi';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { routes } from '../api/routes';
import { webApiTypes, webApiTypesFile } from '../scripts/web-api-types';
import { startTestStack, type TestStack } from './helpers/stack';

const webSourceDir = path.join(__dirname, '..', 'web', 'src');

let stack: TestStack;
let doc: any;

beforeAll(async () => {
  stack = await startTestStack('openapi', { worker: false });
  const res = await stack.http.request('GET', '/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = res.body;
});
afterAll(async () => stack?.stop());

describe('the API description', () => {
  it('serves an OpenAPI 3.1 document that a standard validator accepts', async () => {
    expect(doc.openapi).toMatch(/^3\.1\./);
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(validator.version).toBe('3.1');
    expect(result.errors, JSON.stringify(result.errors, null, 2)).toBeUndefined();
    expect(result.valid).toBe(true);

    expect(doc.info).toMatchObject({ title: 'Tessera', version: expect.any(String) });
    expect(doc.servers).toEqual([{ url: '/api' }]);
    expect(doc.components.securitySchemes).toMatchObject({
      apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key' },
      bearerKey: { type: 'http', scheme: 'bearer' },
      sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tessera_session' },
    });
    expect(doc.security).toEqual([{ apiKeyQuery: [] }, { bearerKey: [] }, { sessionCookie: [] }]);
    expect(doc.paths['/health'].get.security).toEqual([]);
    expect(doc.paths['/{workspace}/sessions'].post.security).toEqual([]);
    expect(doc.paths['/openapi.json'].get.security).toEqual([]);
    expect(doc.components.schemas.Error.properties.error.required).toEqual(['code', 'message']);

    const ids = Object.values(doc.paths).flatMap((item: any) => Object.values(item).map((op: any) => op.operationId));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('documents every route the app serves', () => {
    expect(routes.length).toBeGreaterThan(0);
    for (const route of routes) {
      const where = `${route.method.toUpperCase()} ${route.path}`;
      const op = doc.paths[openApiPath(route.path)]?.[route.method];
      expect(op, `${where} is not in the document`).toBeDefined();
      expect(op, where).toMatchObject({ summary: route.summary, 'x-permission': route.action, tags: [expect.any(String)] });
      const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]);
      expect(op.parameters.filter((p: any) => p.in === 'path').map((p: any) => [p.name, p.required]), where)
        .toEqual(pathParams.map((name) => [name, true]));
      for (const code of ['400', '401', '403', '404', '409', '413', '415', '429']) {
        expect(op.responses[code], `${where} ${code}`).toEqual({ $ref: `#/components/responses/${code}` });
      }
      if (route.multipart) {
        const file = op.requestBody.content['multipart/form-data'].schema.properties.file;
        // Images come as many parts; a dataset archive as one.
        expect(file, where).toMatchObject(route.multipart === 'archive' ? { type: 'string', format: 'binary' } : { type: 'array', items: { format: 'binary' } });
      } else if (route.body) {
        expect(op.requestBody.content['application/json'].schema, where).toMatchObject({ type: expect.anything() });
      } else {
        expect(op.requestBody, where).toBeUndefined();
      }
    }
    // A few the spec pins down.
    expect(doc.paths['/{workspace}/{project}/jobs'].post.responses).toHaveProperty('201');
    expect(doc.paths['/{workspace}/{project}/jobs/{job}/next'].post.responses).toHaveProperty('204');
    expect(doc.paths['/{workspace}/{project}/jobs/{job}/cancel'].post.responses).toHaveProperty('200');
    expect(doc.paths['/{workspace}/{project}/jobs'].post.requestBody.content['application/json'].schema)
      // `name` and `num_images` may be null or absent: Roboflow's package sends null when a script gives none.
      .toMatchObject({ type: 'object', required: expect.arrayContaining(['batch', 'labelerEmail', 'reviewerEmail']), additionalProperties: false });
  });

  it('documents what each route the web app reads answers, with the shared shapes as named schemas', () => {
    const answerOf = (path: string, method: string) => {
      const op = doc.paths[path][method];
      return op.responses[Object.keys(op.responses).find((c) => c.startsWith('2'))!].content['application/json'].schema;
    };
    expect(answerOf('/{workspace}/{project}/job-board', 'get')).toMatchObject({ properties: { jobs: { items: { $ref: '#/components/schemas/BoardEntry' } } } });
    expect(answerOf('/{workspace}/{project}/jobs/{job}', 'get')).toEqual({ $ref: '#/components/schemas/Job' });
    expect(answerOf('/{workspace}/{project}/jobs/{job}/next', 'post')).toEqual({ $ref: '#/components/schemas/NextImage' });
    expect(doc.components.schemas.Job).toMatchObject({ required: expect.arrayContaining(['id', 'labeler', 'unannotated', 'status']) });
    expect(doc.components.schemas.Shape.properties.polygon).toMatchObject({ type: 'array', items: { type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }] } });
    // Every answer the web app reads has a documented shape (and the test stacks check each real answer against it).
    const webSources = readdirSync(webSourceDir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts'))
      .map((f) => readFileSync(path.join(webSourceDir, f), 'utf8')).join('\n');
    const read = [...webSources.matchAll(/answer(?:OrNothing)?\(client\.(GET|POST|PUT|PATCH|DELETE)\('([^']+)'/g)].map((m) => [m[2]!, m[1]!.toLowerCase()] as const);
    expect(read.length).toBeGreaterThan(20);
    for (const [p, method] of read) expect(answerOf(p, method), `${method} ${p}`).not.toEqual({ type: 'object' });
  });

  it('gives the web app a typed client generated from this document (npm run gen:web-api)', async () => {
    expect(readFileSync(webApiTypesFile, 'utf8'), 'web/src/api/schema.d.ts is stale: run npm run gen:web-api').toBe(await webApiTypes());
  });

  it('serves a readable docs page', async () => {
    const res = await fetch(`${stack.api.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.redirected).toBe(true);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    const assets = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1]!, res.url).href);
    expect(assets.length).toBeGreaterThanOrEqual(3);
    for (const asset of assets) {
      const a = await fetch(asset);
      expect(a.status, asset).toBe(200);
      expect((await a.arrayBuffer()).byteLength, asset).toBeGreaterThan(0);
    }
    // The page points Swagger UI at the generated document (not the package's petstore default).
    expect(assets).toContain(`${stack.api.url}/api/openapi.json`);
    const init = await (await fetch(new URL('swagger-initializer.js', res.url))).text();
    expect(init).toContain('openapi-document');
    expect(init).not.toContain('petstore');
  });
});
