// The OpenAPI 3.1 document, generated from the route list at start-up: a route added to `routes` is
// documented without anything else to write. Request bodies come from the routes' zod schemas.
import { z } from 'zod';
import { version } from '../package.json';
import type { RouteSpec } from './route';

type Json = Record<string, unknown>;

/** Express `/:workspace/:project/jobs/:job` → OpenAPI `/{workspace}/{project}/jobs/{job}`. */
export const openApiPath = (expressPath: string) => expressPath.replace(/:(\w+)/g, '{$1}');

const pathParams = (expressPath: string) => [...expressPath.matchAll(/:(\w+)/g)].map((m) => m[1]!);

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `post /:workspace/:project/jobs/:job/cancel` → `postWorkspaceProjectJobsJobCancel`. */
export function operationIdOf(method: string, expressPath: string): string {
  const words = expressPath.split(/[^A-Za-z0-9]+/).filter(Boolean).map(capitalize);
  return method.toLowerCase() + words.join('');
}

/** The resource a route belongs to: the subject of its permission (`jobs.manage` → `jobs`). */
const tagsOf = (route: RouteSpec) => route.tags ?? [route.action.split('.')[0]!];

/** A POST to a collection (`…/jobs`, `…/members`) creates; a POST to an action (`…/cancel`) does not. */
function successStatusOf(route: RouteSpec): number {
  if (route.successStatus) return route.successStatus;
  const last = route.path.split('/').filter(Boolean).at(-1) ?? '';
  if (route.method === 'post' && !last.startsWith(':') && last.endsWith('s')) return 201;
  if (route.method === 'delete') return 204;
  return 200;
}

const mayBeEmpty = (route: RouteSpec) => route.mayBeEmpty ?? /\/next$/.test(route.path);

const errorResponses: Record<string, string> = {
  400: 'Invalid input: the body, a parameter or a field failed validation (`invalid_input`)',
  401: 'No API key, or the key is not valid (`unauthorized`)',
  403: 'The caller\'s role does not allow this (`forbidden`)',
  404: 'No such workspace, project, job or image, or not visible to the caller (`not_found`)',
  409: 'The request conflicts with the current state (`conflict`), or one with the same `Idempotency-Key` is still being answered (`in_progress`: send it again later)',
  413: 'The body or an uploaded file is too large (`too_large`)',
  415: 'Wrong Content-Type for this route (`unsupported_media_type`)',
  429: 'Too many requests (`rate_limited`)',
  500: 'Internal error (`internal`)',
  503: 'A backing service did not answer in time (`unavailable`); the request may still complete',
};

const errorSchema: Json = {
  type: 'object',
  description: 'Every error answer has this shape.',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: {
        code: {
          type: 'string',
          enum: ['invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'in_progress', 'too_large', 'unsupported_media_type', 'rate_limited', 'unavailable', 'internal'],
        },
        message: { type: 'string' },
        details: {
          description: 'Machine-readable detail; for `invalid_input`, `fields` names each failing field.',
          type: 'object',
          properties: {
            fields: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
          },
        },
      },
    },
  },
};

const jsonObject = (description: string): Json => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });

/**
 * JSON Schema (draft 2020-12, the dialect of OpenAPI 3.1) of what a route accepts. Refinements are not
 * representable and are left out (the server still enforces them); anything else unrepresentable
 * becomes "any" rather than failing the document. Recursive schemas' `$defs` move to components.
 */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output' = 'input'): Json | undefined {
  try {
    const out = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    delete out.$schema;
    return out;
  } catch {
    return undefined;
  }
}

/** `node` with each `$ref` in it passed through `to`: zod's `#/$defs/…` become the document's components. */
function withRefs(node: unknown, to: (ref: string) => string): unknown {
  if (Array.isArray(node)) return node.map((n) => withRefs(n, to));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, k === '$ref' && typeof v === 'string' ? to(v) : withRefs(v, to)]));
}

const defsPrefix = '#/$defs/';

function bodySchema(schema: z.ZodType, operationId: string, components: Json): Json {
  const out = jsonSchemaOf(schema);
  if (!out) return { type: 'object' };
  const defs = out.$defs as Record<string, Json> | undefined;
  if (!defs) return out;
  delete out.$defs;
  const target = (name: string) => `${operationId}_${name}`;
  const to = (ref: string) => {
    if (ref === '#') return `#/components/schemas/${operationId}`;
    return ref.startsWith(defsPrefix) ? `#/components/schemas/${target(ref.slice(defsPrefix.length))}` : ref;
  };
  for (const [name, def] of Object.entries(defs)) components[target(name)] = withRefs(def, to);
  components[operationId] = withRefs(out, to);
  return { $ref: `#/components/schemas/${operationId}` };
}

/**
 * What a route answers. Schemas named with `.meta({ id })` become shared components under that name
 * (`Job`, `Batch`, …), so the typed client has one type for each.
 */
function responseSchema(schema: z.ZodType, components: Json): Json {
  const out = jsonSchemaOf(schema, 'output');
  if (!out) return { type: 'object' };
  const to = (ref: string) => (ref.startsWith(defsPrefix) ? `#/components/schemas/${ref.slice(defsPrefix.length)}` : ref);
  const defs = (out.$defs ?? {}) as Record<string, Json>;
  delete out.$defs;
  for (const [name, def] of Object.entries(defs)) components[name] = withRefs(def, to);
  return withRefs(out, to) as Json;
}

const binaryResponse: Json = {
  description: 'The bytes, with a strong `ETag` and `Cache-Control: private, max-age=31536000, immutable`',
  headers: { ETag: { schema: { type: 'string' } } },
  content: { 'image/*': { schema: { type: 'string', contentMediaType: 'application/octet-stream' } } },
};

const imagesBody: Json = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file'],
        properties: {
          file: { type: 'array', description: 'One part per image', items: { type: 'string', format: 'binary', contentMediaType: 'application/octet-stream' } },
          batch: { type: 'string', description: 'Add the images to this batch' },
        },
      },
      encoding: { file: { contentType: 'image/*, application/octet-stream' } },
    },
  },
};

const archiveBody: Json = {
  required: true,
  content: {
    'multipart/form-data': {
      schema: {
        type: 'object',
        required: ['file', 'format'],
        properties: {
          file: { type: 'string', format: 'binary', description: 'The dataset as one .zip: images with COCO .json files, or YOLO\'s data.yaml with images/ and labels/ folders' },
          format: { type: 'string', enum: ['coco', 'yolo'] },
          batch: { type: 'string', description: 'Name of the new batch the images go to (default: "Import of <file>")' },
          labelerEmail: { type: 'string', description: 'Who the annotations are submitted as (default: the caller)' },
          reviewerEmail: { type: 'string', description: 'Who reviews them (default: the caller)' },
        },
      },
      encoding: { file: { contentType: 'application/zip, application/octet-stream' } },
    },
  },
};

/** Query parameters, from a route's zod `query` schema when it has one (the key is a security scheme). */
function queryParams(route: RouteSpec): Json[] {
  const query = (route as { query?: unknown }).query;
  if (!(query instanceof z.ZodType)) return [];
  const schema = jsonSchemaOf(query);
  const properties = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema?.required ?? []) as string[]);
  return Object.entries(properties).filter(([name]) => name !== 'api_key').map(([name, s]) => {
    const { description, ...rest } = s;
    return { name, in: 'query', required: required.has(name), schema: rest, ...(typeof description === 'string' ? { description } : {}) };
  });
}

function operationOf(route: RouteSpec, operationId: string, schemas: Json): Json {
  const status = successStatusOf(route);
  const responses: Json = {};
  const description = status === 201 ? 'Created' : 'OK';
  responses[status] = status === 204 ? { description: 'Done' }
    : route.binary ? binaryResponse
      : route.response ? { description, content: { 'application/json': { schema: responseSchema(route.response, schemas) } } }
        : jsonObject(description);
  if (mayBeEmpty(route) && status !== 204) responses[204] = { description: 'Nothing to return' };
  if (route.binary) responses[304] = { description: 'Not modified: `If-None-Match` names the current ETag' };
  for (const code of Object.keys(errorResponses)) responses[code] = { $ref: `#/components/responses/${code}` };
  const op: Json = {
    operationId,
    summary: route.summary,
    tags: tagsOf(route),
    'x-permission': route.action,
    description: route.action === 'public' ? 'Needs no key or session.' : `Requires the \`${route.action}\` permission.`,
    parameters: [
      ...pathParams(route.path).map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
      ...queryParams(route),
    ],
    responses,
  };
  if (route.action === 'public') op.security = [];
  if (route.multipart) op.requestBody = route.multipart === 'archive' ? archiveBody : imagesBody;
  else if (route.body) op.requestBody = { required: true, content: { 'application/json': { schema: bodySchema(route.body, operationId, schemas) } } };
  return op;
}

export function buildOpenApiDocument(routes: RouteSpec[]): object {
  const schemas: Json = { Error: errorSchema };
  const paths: Record<string, Json> = {
    '/health': {
      get: {
        operationId: 'getHealth',
        summary: 'Whether the API, Temporal and MongoDB are up',
        tags: ['meta'],
        security: [],
        responses: {
          200: { description: 'All up', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
          503: { description: 'A backing service is down', content: { 'application/json': { schema: { $ref: '#/components/schemas/Health' } } } },
        },
      },
    },
    '/openapi.json': {
      get: {
        operationId: 'getOpenApiDocument',
        summary: 'This OpenAPI document',
        tags: ['meta'],
        security: [],
        responses: { 200: jsonObject('The OpenAPI 3.1 document') },
      },
    },
  };
  schemas.Health = {
    type: 'object',
    required: ['status', 'temporal', 'mongo'],
    properties: {
      status: { type: 'string', enum: ['ok', 'unavailable'] },
      temporal: { type: 'string', enum: ['ok', 'down'] },
      mongo: { type: 'string', enum: ['ok', 'down'] },
    },
  };
  const usedIds = new Set(['getHealth', 'getOpenApiDocument']);
  for (const route of routes) {
    let operationId = operationIdOf(route.method, route.path);
    for (let n = 2; usedIds.has(operationId); n++) operationId = `${operationIdOf(route.method, route.path)}${n}`;
    usedIds.add(operationId);
    const item = (paths[openApiPath(route.path)] ??= {});
    item[route.method] = operationOf(route, operationId, schemas);
  }
  const tags = [...new Set(routes.flatMap(tagsOf)), 'meta'].map((name) => ({ name }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tessera',
      version,
      description: 'Collaborative image labeling where every job is a durable Temporal workflow. '
        + 'Authenticate with a workspace API key, as `?api_key=` or `Authorization: Bearer <key>`.',
    },
    servers: [{ url: '/api' }],
    security: [{ apiKeyQuery: [] }, { bearerKey: [] }, { sessionCookie: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        apiKeyQuery: { type: 'apiKey', in: 'query', name: 'api_key', description: 'The API key as a query parameter (Roboflow-style)' },
        bearerKey: { type: 'http', scheme: 'bearer', description: 'The API key as `Authorization: Bearer <key>`' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'tessera_session', description: 'A person\'s session from a sign-in link (the web app); unsafe methods also need its `X-CSRF-Token` header' },
      },
      schemas,
      responses: Object.fromEntries(Object.entries(errorResponses).map(([code, description]) => [
        code, { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      ])),
    },
  };
}
