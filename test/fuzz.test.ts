// Hostile input on every route: random and malicious bodies, path parameters, query strings, headers
// and keys, over real HTTP against the real API and database. Whatever is sent, the answer is a 4xx
// in the spec's error shape (a read may also answer 2xx: what it ignores cannot hurt), never a 5xx,
// never a stack trace, and nothing in the database changes.
import { createHash } from 'node:crypto';
import http from 'node:http';
import fc from 'fast-check';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { RouteSpec } from '../api/route';
import { routes } from '../api/routes';
import { createJob, createProjectWithImages, createTeam, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

/** Runs per route and property; `FUZZ_RUNS` and `FUZZ_SEED` reproduce or deepen a run. */
const numRuns = Number(process.env.FUZZ_RUNS ?? 30);
const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const fcParams = { numRuns, seed, endOnFailure: true } as const;

const keyOf = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;
const paramsOf = (route: RouteSpec) => [...route.path.matchAll(/:(\w+)/g)].map((m) => m[1]!);
/** Roboflow's key check (`POST /`) is a POST that only reads. */
const isRead = (route: RouteSpec) => route.method === 'get' || keyOf(route) === 'POST /';
/** A POST/PUT/PATCH/DELETE that takes no body: with real ids it is a valid request, so one id is always made up. */
const needsBogusId = (route: RouteSpec) => !isRead(route) && !route.body && !route.multipart;

// ---------------------------------------------------------------------------------------------
// The stack, its fixtures and a raw HTTP client (fetch refuses GET bodies and odd paths/headers).

interface Fixtures { workspace: string; project: string; job: string; image: string; email: string; prefix: string; batch: string; upload: string; version: string; export: string; comment: string; hook: string; delivery: string; import: string }

let stack: TestStack;
let team: Team;
let fx: Fixtures;
/** Keys that were real once: one revoked, one of a removed member. */
let deadKeys: string[] = [];
/** Every real id, lowercased: a "made-up" value must never hit one of these. */
let realValues = new Set<string>();

interface Sent { method: string; path: string; headers: Record<string, string>; body?: string | Buffer }
interface Answer { status: number; text: string; contentType: string }

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function send(req: Sent): Promise<Answer> {
  const url = new URL(stack.api.url);
  // Node frames a GET or DELETE body only with an explicit length; unframed, it would poison the connection.
  const headers = req.body === undefined ? req.headers : { ...req.headers, 'content-length': String(Buffer.byteLength(req.body)) };
  return new Promise((resolve, reject) => {
    let answered = false;
    const r = http.request(
      { host: url.hostname, port: url.port, method: req.method, path: `/api${req.path}`, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          answered = true;
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), contentType: String(res.headers['content-type'] ?? '') });
        });
        res.on('error', reject);
      },
    );
    // The server may answer (413, 415) and close before a large body is written: that is an answer.
    r.on('error', (err) => {
      if (!answered) reject(new Error(`${req.method} ${req.path}: ${err.message}`));
    });
    r.end(req.body);
  });
}

/** Where each fixture id goes in a path. */
function realParam(name: string): string {
  const v = (fx as unknown as Record<string, string | undefined>)[name];
  if (v === undefined) throw new Error(`the fuzz test has no fixture value for :${name}; add one to Fixtures`);
  return encodeURIComponent(v);
}

const buildPath = (route: RouteSpec, values: Record<string, string>) => route.path.replace(/:(\w+)/g, (_, n: string) => values[n]!);

// ---------------------------------------------------------------------------------------------
// The database, before and after: every collection's count and a hash of its documents.

type Snapshot = Record<string, { count: number; hash: string; docs: Map<string, string> }>;

async function snapshot(): Promise<Snapshot> {
  const db = stack.db.conn.db!;
  const names = (await db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name).sort();
  const out: Snapshot = {};
  for (const name of names) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    const texts = docs.map((d) => mongo.BSON.EJSON.stringify(d, { relaxed: false }));
    out[name] = {
      count: docs.length,
      hash: createHash('sha256').update(texts.join('\n')).digest('hex'),
      docs: new Map(docs.map((d, i) => [mongo.BSON.EJSON.stringify(d._id, { relaxed: false }), texts[i]!])),
    };
  }
  return out;
}

/** What changed between two snapshots, document by document (empty when nothing did). */
function changes(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const name of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[name];
    const b = after[name];
    if (!a || !b) {
      out.push(`collection ${name} ${a ? 'dropped' : `created with ${b!.count} documents`}`);
      continue;
    }
    if (a.hash === b.hash && a.count === b.count) continue;
    for (const [id, text] of b.docs) {
      if (!a.docs.has(id)) out.push(`${name}: added ${text.slice(0, 400)}`);
      else if (a.docs.get(id) !== text) out.push(`${name}: changed ${a.docs.get(id)!.slice(0, 300)} → ${text.slice(0, 300)}`);
    }
    for (const id of a.docs.keys()) if (!b.docs.has(id)) out.push(`${name}: removed ${id}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// What every answer must look like.

const errorCodes = ['invalid_input', 'unauthorized', 'forbidden', 'not_found', 'conflict', 'too_large', 'unsupported_media_type', 'rate_limited'];
const leakPatterns = [
  /\n\s+at\s/, /\bat\s+\S+\s+\([^)]*:\d+:\d+\)/, /\.(ts|js|mjs|cjs):\d+:\d+/, /node_modules/, /"stack"\s*:/,
  /E11000/, /Mongo\w*Error/, /Cast to \w+ failed/, /Cannot read propert/, /is not a function/, /is not defined/,
];

function describeExchange(req: Sent, res: Answer): string {
  const body = req.body === undefined ? '(none)' : typeof req.body === 'string' ? JSON.stringify(req.body.slice(0, 300)) : `<${req.body.length} bytes>`;
  const headers = JSON.stringify(req.headers, (k, v: unknown) => (k === 'authorization' && typeof v === 'string' ? `${v.slice(0, 40)}…` : v));
  return `${req.method} /api${req.path.slice(0, 300)}\n  headers ${headers.slice(0, 400)}\n  body ${body}\n  → ${res.status} ${res.text.slice(0, 500)}`;
}

/**
 * `readMayPass`: a read with real ids may answer 2xx (it ignored the hostile part);
 * `expectStatus`: when the outcome is known exactly (401 without a good key).
 */
function checkAnswer(req: Sent, res: Answer, opts: { readMayPass: boolean; expectStatus?: number }): void {
  const where = describeExchange(req, res);
  if (res.status >= 500) throw new Error(`5xx for hostile input:\n${where}`);
  for (const p of leakPatterns) if (p.test(res.text)) throw new Error(`internals leak (${p}):\n${where}`);
  if (opts.expectStatus !== undefined && res.status !== opts.expectStatus) throw new Error(`expected ${opts.expectStatus}:\n${where}`);
  if (res.status >= 200 && res.status < 300) {
    if (!opts.readMayPass) throw new Error(`hostile input was accepted:\n${where}`);
    return;
  }
  if (res.status < 400) throw new Error(`neither success nor a client error:\n${where}`);
  let parsed: { error?: { code?: unknown; message?: unknown } } | undefined;
  try {
    parsed = JSON.parse(res.text) as typeof parsed;
  } catch {
    throw new Error(`a ${res.status} without a JSON body:\n${where}`);
  }
  const e = parsed?.error;
  if (!res.contentType.startsWith('application/json') || typeof e?.code !== 'string' || !errorCodes.includes(e.code) || typeof e.message !== 'string' || e.message === '') {
    throw new Error(`a ${res.status} without the {error: {code, message}} shape:\n${where}`);
  }
}

// ---------------------------------------------------------------------------------------------
// Generators.

/** Valid bodies, so that "valid + one hostile thing" reaches the handler's own checks. */
function validBody(route: RouteSpec): Record<string, unknown> {
  const samples: Record<string, Record<string, unknown>> = {
    'POST /:workspace/members': { email: 'fuzz-new@acme.test', role: 'labeler' },
    'PATCH /:workspace/members/:email': { role: 'reviewer' },
    'POST /:workspace/members/:email/keys': { name: 'fuzz' },
    'POST /:workspace/projects': { id: 'fuzz-new', name: 'New', type: 'classification', classes: ['a'] },
    'PATCH /:workspace/projects/:project': { name: 'Renamed' },
    'POST /:workspace/:project/batches': { name: 'fuzz batch', priority: 1, sample: { size: 1, method: 'random' } },
    'POST /:workspace/:project/jobs': { name: 'fuzz job', batch: fx.batch, num_images: 1, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    'PUT /:workspace/:project/jobs/:job/images/:image/annotation': { annotations: [{ class: 'cat', box: { x: 1, y: 1, width: 2, height: 2 } }] },
    'POST /:workspace/:project/jobs/:job/images/:image/review': { decision: 'reject', reason: 'blurry' },
    'POST /:workspace/:project/versions': { preprocessing: { autoOrient: true } },
    'POST /:workspace/:project/versions/:version/exports': { format: 'coco', images: false },
  };
  return samples[keyOf(route)] ?? {};
}

const shapeOf = (route: RouteSpec): Record<string, z.ZodType> => (route.body as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {};

/** Is this text, as the server would parse it, a body the route accepts? Those are filtered out. */
function acceptedBy(route: RouteSpec, text: string): boolean {
  if (!route.body) return false;
  try {
    // The JSON body parser drops a leading byte-order mark, so a route sees what follows it, and reads
    // an empty body as no body at all (`{}`), which a route whose fields are all optional takes.
    const json = text.replace(/^\ufeff/, '');
    return route.body.safeParse(json === '' ? {} : JSON.parse(json)).success;
  } catch {
    return false;
  }
}

/** Raw JSON tokens a JS value cannot carry; written as `"\u0000raw:<token>"` and spliced in after stringify. */
const rawTokens = ['1e999', '-1e999', '-0', '1e-400', '9007199254740993', '0.1', '1.7976931348623157e309'];
const rawMarker = (t: string) => `\u0000raw:${t}`;
const spliceRaw = (text: string) => rawTokens.reduce((s, t) => s.split(JSON.stringify(rawMarker(t))).join(t), text);

const oddValues: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53, '', ' ', 'x', '\u0000', '\ud800', '💥'.repeat(50), 'a'.repeat(5000), [], [null], [[[]]], {}, { $gt: '' },
  { $ne: null }, { $where: 'sleep(1000)' }, { __proto__: null }, ['cat', 'dog'], { x: 1, y: 1, width: 1, height: 1 },
  ...rawTokens.map(rawMarker),
];
const oddValue = fc.oneof(fc.constantFrom(...oddValues), fc.jsonValue({ maxDepth: 3 }));

const pollutingKeys = ['__proto__', 'constructor', 'prototype'];
const unknownKeys = ['status', 'role', 'approved', 'workspace', 'owner', 'createdBy', '_id', 'id', 'version', 'inDataset', 'leaseHolder', 'numImages', 'counts', 'hash', 'revokedAt', '$set', '$where', 'isAdmin'];

/** Adds a key a JS object literal cannot hold as its own (`__proto__`) by writing the JSON text. */
function withRawKey(base: Record<string, unknown>, key: string, valueJson: string): string {
  const text = JSON.stringify(base);
  return text === '{}' ? `{${JSON.stringify(key)}:${valueJson}}` : `${text.slice(0, -1)},${JSON.stringify(key)}:${valueJson}}`;
}

const safeStringify = (v: unknown): string => {
  try {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x)) ?? 'null';
  } catch {
    return String(v);
  }
};

const nastyTexts = [
  '', '{', '{"a":', '}', 'null', 'true', '1', '"text"', '[]', '[{}]', '{"a":1}}', "{'a':1}", 'NaN', '\ufeff{}', '{"a":1,}', '{"a":"\\ud800"}',
  '{"__proto__":1}', '\u0000', 'undefined', '{"a":1}{"b":2}', '{"a":\u0000}', '[' + '['.repeat(5000), '{"a":' + '"x'.repeat(100),
  'status=complete&role=owner', '<?xml version="1.0"?><a/>',
];

/** Bodies a route must refuse (or, where it takes none, must not be steered by), as JSON text. */
function hostileBody(route: RouteSpec): fc.Arbitrary<string> {
  const base = validBody(route);
  const fields = [...new Set([...Object.keys(shapeOf(route)), ...Object.keys(base)])];
  const fieldArb = fields.length ? fc.constantFrom(...fields) : fc.constantFrom('name', 'email', 'annotations');
  const wrongField = (f: string) => {
    const schema = shapeOf(route)[f];
    return schema ? oddValue.filter((v) => !schema.safeParse(JSON.parse(spliceRaw(safeStringify(v)))).success) : oddValue;
  };
  const depth = fc.constantFrom(50, 1_000, 20_000, 200_000);
  return fc.oneof(
    // anything at all
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc.anything({ maxDepth: 3 }).map(safeStringify),
    // deep nesting, alone and inside a known field
    fc.tuple(depth, fc.boolean()).map(([d, arr]) => (arr ? '['.repeat(d) + ']'.repeat(d) : '{"a":'.repeat(d) + '1' + '}'.repeat(d))),
    fc.tuple(fieldArb, depth).map(([f, d]) => withRawKey(base, f, '['.repeat(d) + ']'.repeat(d))),
    // huge strings in a known field (the last is above the 4 MB body limit)
    fc.tuple(fieldArb, fc.constantFrom(300, 100_000, 1_900_000, 4_200_000)).map(([f, n]) => JSON.stringify({ ...base, [f]: 'x'.repeat(n) })),
    // prototype pollution, at the top and one level down
    fc.tuple(fc.constantFrom(...pollutingKeys), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) =>
      withRawKey(base, k, k === 'constructor' ? JSON.stringify({ prototype: { polluted: 'yes', role: 'owner' } }) : JSON.stringify({ polluted: 'yes', role: 'owner', v }))),
    fieldArb.map((f) => JSON.stringify({ ...base, [f]: JSON.parse('{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}') as unknown })),
    // a wrong value for one known field, or for several
    fieldArb.chain((f) => wrongField(f).map((v) => spliceRaw(JSON.stringify({ ...base, [f]: v })))),
    fc.subarray(fields.length ? fields : ['name'], { minLength: 1 }).chain((fs) =>
      fc.tuple(...fs.map((f) => wrongField(f))).map((vs) => spliceRaw(JSON.stringify({ ...base, ...Object.fromEntries(fs.map((f, i) => [f, vs[i]])) })))),
    // a field nobody may set
    fc.tuple(fc.constantFrom(...unknownKeys.filter((k) => !fields.includes(k))), fc.jsonValue({ maxDepth: 1 })).map(([k, v]) => JSON.stringify({ ...base, [k]: v ?? 'complete' })),
    // not JSON, or JSON the parser refuses, under a JSON content type
    fc.constantFrom(...nastyTexts),
  ).filter((text) => !acceptedBy(route, text));
}

/** Path segments that point at nothing: random unicode, traversal, NUL, bad escapes, operators, long. */
const bogusSegment: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).map((s) => encodeURIComponent(s)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).map((s) => {
    try {
      return encodeURIComponent(s);
    } catch {
      return encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\u0000'));
    }
  }),
  fc.constantFrom(
    '..%2F..%2Fetc%2Fpasswd', '%2e%2e%2f', '..', '.', '%00', 'a%00b', '%', '%zz', '%E0%A4%A', '%C0%AF', '%252F', '%u0041', '%F0%9F%92%A5',
    '$where', '%24ne', encodeURIComponent('{"$gt":""}'), 'null', 'undefined', '0', '-1', 'NaN', '1e999', '[object Object]', '__proto__', 'constructor',
    '000000000000000000000000', 'ffffffffffffffffffffffff', 'AAAAAAAAAAAAAAAAAAAA', encodeURIComponent('nobody@acme.test'), encodeURIComponent('a@b'),
    encodeURIComponent('<script>alert(1)</script>'), encodeURIComponent("' OR 1=1 --"), 'projects', 'members', 'me', 'jobs', 'keys',
  ),
  fc.integer({ min: 200, max: 3_000 }).map((n) => 'a'.repeat(n)),
).map((seg) => (/^[\x21-\x7e]*$/.test(seg) && !/[#?/]/.test(seg) ? seg : encodeURIComponent(seg))).filter((seg) => {
  let decoded = seg;
  try {
    decoded = decodeURIComponent(seg);
  } catch {
    // stays encoded: cannot name anything real
  }
  return seg.length > 0 && !realValues.has(decoded.toLowerCase().trim());
});

/** Real ids and made-up ones; for a write that takes no body, at least one is made up. */
function pathValues(route: RouteSpec, opts: { allReal?: boolean } = {}): fc.Arbitrary<Record<string, string>> {
  const names = paramsOf(route);
  // Reads may go with all ids real (then the query string is what they must refuse).
  const mayMakeUp = !opts.allReal || needsBogusId(route);
  const mustMakeUp = mayMakeUp && !isRead(route);
  return fc.tuple(
    fc.array(fc.boolean(), { minLength: names.length, maxLength: names.length }),
    fc.array(bogusSegment, { minLength: names.length, maxLength: names.length }),
    fc.nat({ max: Math.max(0, names.length - 1) }),
  ).map(([bogus, values, forced]) => Object.fromEntries(names.map((n, i) => {
    const madeUp = mayMakeUp && (bogus[i]! || (mustMakeUp && i === forced));
    return [n, madeUp ? values[i]! : realParam(n)];
  })));
}

const hostileQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.dictionary(fc.string({ minLength: 1, maxLength: 10 }), fc.string({ maxLength: 30 }), { maxKeys: 4 })
    .map((d) => `?${Object.entries(d).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
  fc.constantFrom(
    '?limit=0', '?limit=-1', '?limit=1e400', '?limit=abc', '?limit=501', '?limit=5&limit=6', '?limit=', '?before=yesterday', '?before=2026-13-45T99:99:99Z',
    '?email=not-an-email', '?email=a@b.c&email=d@e.f', '?email[$ne]=x', '?email=%00', '?__proto__[polluted]=1', '?constructor[prototype][polluted]=1',
    '?__proto__=x', '?%', '?%zz=1', '?&&&==&', '?api_key=x&api_key=y', '?status=complete', '?role=owner', '?approved=true', `?a=${'x'.repeat(3_000)}`,
  ),
);

const jsonHeaders = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', ...extra });

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  stack = await startTestStack('fuzz', { env: { TESSERA_RATE_LIMIT_PER_MINUTE: '1000000', TESSERA_AUTH_FAILURES_PER_MINUTE: '1000000', TESSERA_API_WAIT_MS: '5000' } });
  team = await createTeam(stack);
  const upload = await createProjectWithImages(stack, team, 'fuzz', 2);
  const job = await createJob(stack, team, 'fuzz', upload.batch.id, 2);
  const add = async (email: string) => {
    const res = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email, role: 'labeler' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { apiKey: string; keyPrefix: string };
  };
  const spare = await add('spare@acme.test');
  const revoked = await add('revoked@acme.test');
  expect((await stack.http.request('DELETE', `/acme/keys/${revoked.keyPrefix}`, { key: stack.ownerKey })).status).toBe(204);
  const removed = await add('removed@acme.test');
  expect((await stack.http.request('DELETE', '/acme/members/removed%40acme.test', { key: stack.ownerKey })).status).toBe(204);
  deadKeys = [revoked.apiKey, removed.apiKey];
  fx = { workspace: 'acme', project: 'fuzz', job: job.id, image: upload.images[0]!.id, email: 'spare@acme.test', prefix: spare.keyPrefix, batch: upload.batch.id, upload: upload.id, version: '1', export: 'none', comment: '1', hook: 'none', delivery: '1', import: 'none' };
  realValues = new Set([
    ...Object.values(fx), ...upload.images.map((i) => i.id),
    'owner@acme.test', 'labeler@acme.test', 'reviewer@acme.test', 'manager@acme.test', 'revoked@acme.test', 'removed@acme.test',
  ].map((v) => v.toLowerCase()));
  // The job's workflow has assigned it and mailed the labeler; with the worker stopped nothing but the
  // API can write, so any change in the database below is the API's doing.
  await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test'));
  await stack.worker?.stop();
  stack.worker = undefined;
});
afterAll(async () => {
  agent.destroy();
  await stack?.stop();
});

/**
 * Runs `run` (one property) for every route, checking after each route that the database did not
 * change; every route is tried, and the failures of all of them are reported together.
 */
async function forEveryRoute(run: (route: RouteSpec) => Promise<void>): Promise<void> {
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  const failures: string[] = [];
  let before = await snapshot();
  for (const route of routes) {
    try {
      await run(route);
    } catch (err) {
      const cause = (err as Error).cause as Error | undefined;
      failures.push(`${keyOf(route)}: ${cause?.message ?? (err as Error).message}\n  (${String((err as Error).message).split('\n')[1] ?? ''})`);
    }
    const after = await snapshot();
    const changed = changes(before, after);
    if (changed.length) failures.push(`${keyOf(route)} wrote to the database on hostile input:\n  ${changed.join('\n  ')}`);
    before = after;
  }
  if (failures.length) throw new Error(`${failures.length} route(s) failed:\n\n${failures.join('\n\n')}`);
  expect(Object.getOwnPropertyNames(Object.prototype).sort(), 'Object.prototype was polluted').toEqual(protoBefore);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
}

// Each test walks every route, so its time grows with the API: a generous limit, not a timing goal.
describe('hostile input', { timeout: 300_000 }, () => {
  it('answers hostile bodies on every route with a 4xx and writes nothing', async () => {
    const refused = new Map<string, number>();
    await forEveryRoute(async (route) => {
      await fc.assert(fc.asyncProperty(pathValues(route, { allReal: true }), hostileBody(route), async (values, body) => {
        const req: Sent = { method: route.method.toUpperCase(), path: buildPath(route, values), headers: jsonHeaders({ authorization: `Bearer ${stack.ownerKey}` }), body };
        const res = await send(req);
        checkAnswer(req, res, { readMayPass: isRead(route) });
        if (res.status === 400 || res.status === 413 || res.status === 415) refused.set(keyOf(route), (refused.get(keyOf(route)) ?? 0) + 1);
      }), fcParams);
    });
    // The bodies reached validation on every route that takes one (real ids, so nothing stopped them earlier).
    for (const route of routes.filter((r) => r.body || r.multipart)) expect(refused.get(keyOf(route)), keyOf(route)).toBeGreaterThan(0);
  }, 300_000); // grows with the number of routes (30 bodies each)

  it('answers made-up path parameters and hostile query strings on every route with a 4xx and writes nothing', async () => {
    await forEveryRoute(async (route) => {
      await fc.assert(fc.asyncProperty(pathValues(route), hostileQuery, async (values, query) => {
        // A valid body, so only the made-up ids (or the query) can make the request fail.
        const body = route.body ? JSON.stringify(validBody(route)) : route.multipart ? undefined : '{}';
        const headers: Record<string, string> = { authorization: `Bearer ${stack.ownerKey}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) };
        const req: Sent = { method: route.method.toUpperCase(), path: buildPath(route, values) + query, headers, body };
        const res = await send(req);
        checkAnswer(req, res, { readMayPass: isRead(route) });
      }), fcParams);
    });
  });

  it('answers odd content types, encodings and non-JSON bodies on every route with a 4xx and writes nothing', async () => {
    const contentTypes = [
      'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data', 'multipart/form-data; boundary=xyz', 'multipart/form-data; boundary=',
      'application/json; charset=latin1', 'application/json; charset=utf-16', 'application/json; charset=nope', 'application/xml', 'application/json;;',
      'application/json, text/plain', 'json', '*/*', '', 'application/jsonp', 'application/merge-patch+json', 'text/json', 'APPLICATION/JSON', 'application/json; charset=utf-8',
    ];
    const encodings = [undefined, 'gzip', 'deflate', 'br', 'x-unknown', 'gzip, identity'];
    const boundary = 'fuzzboundary';
    const part = (name: string, value: string, filename?: string) =>
      `--${boundary}\r\ncontent-disposition: form-data; name="${name}"${filename === undefined ? '' : `; filename="${filename}"`}\r\n${filename === undefined ? '' : 'content-type: image/png\r\n'}\r\n${value}\r\n`;
    const multipartBodies = [
      `--${boundary}--\r\n`, // no parts at all
      `${part('batch', 'x')}--${boundary}--\r\n`, // a field but no file
      `${part('__proto__', 'polluted')}${part('constructor', 'x')}--${boundary}--\r\n`,
      `${part('image', 'not a png', 'a.png')}--${boundary}--\r\n`, // a file under the wrong name
      `${Array.from({ length: 12 }, (_, i) => part(`f${i}`, 'v')).join('')}--${boundary}--\r\n`, // too many fields
      `${part('batch', 'x'.repeat(1_100_000))}--${boundary}--\r\n`, // a field over the size limit
      part('file', 'truncated', 'a.png').slice(0, -5), // cut off mid-part
      `--other\r\ncontent-disposition: form-data; name="file"; filename="a.png"\r\n\r\nxx\r\n--other--\r\n`, // the wrong boundary
      'garbage without any boundary',
    ];
    await forEveryRoute(async (route) => {
      const bodies: fc.Arbitrary<{ contentType?: string; body: string | Buffer }> = fc.oneof(
        fc.record({ contentType: fc.constantFrom(...contentTypes), body: fc.oneof(fc.constantFrom(...nastyTexts, '{}'), fc.uint8Array({ maxLength: 2_048 }).map((b) => Buffer.from(b))) }),
        fc.record({ contentType: fc.constant(undefined), body: fc.constantFrom('{}', 'x') }),
        fc.record({ contentType: fc.constantFrom(`multipart/form-data; boundary=${boundary}`, 'multipart/form-data; boundary=nomatch'), body: fc.constantFrom(...multipartBodies) }),
      );
      const extraHeaders = fc.record({
        encoding: fc.constantFrom(...encodings),
        requestId: fc.option(fc.constantFrom('x'.repeat(2_000), '../../etc', 'a b', '{"$gt":""}', '\u00ff\u00fe'), { nil: undefined }),
        accept: fc.constantFrom('application/json', 'text/html', '*/*', 'application/xml;q=0', ''),
      });
      // A route whose fields are all optional rightly takes an empty JSON object, however its charset is named.
      const takesEmpty = route.body?.safeParse({}).success === true;
      await fc.assert(fc.asyncProperty(pathValues(route, { allReal: true }), bodies, extraHeaders, async (values, { contentType, body }, extra) => {
        fc.pre(!(takesEmpty && ['', '{}', '\ufeff{}'].includes(String(body)) && /^application\/json/i.test(contentType ?? '')));
        const headers: Record<string, string> = { authorization: `Bearer ${stack.ownerKey}`, accept: extra.accept };
        if (contentType !== undefined) headers['content-type'] = contentType;
        if (extra.encoding) headers['content-encoding'] = extra.encoding;
        if (extra.requestId) headers['x-request-id'] = extra.requestId;
        const req: Sent = { method: route.method.toUpperCase(), path: buildPath(route, values), headers, body };
        const res = await send(req);
        checkAnswer(req, res, { readMayPass: isRead(route) });
      }), fcParams);
    });
  });

  it('answers 401 on every route without a good key, whatever else is sent, and writes nothing', async () => {
    const garbageKey = fc.oneof(
      fc.constantFrom(
        undefined, '', 'Bearer', 'Bearer ', 'Bearer \t', 'Basic dXNlcjpwYXNz', 'Token abc', 'Bearer a b', `Bearer ${'x'.repeat(201)}`, `Bearer ${'x'.repeat(5_000)}`,
        'bearer tsk_AAAAAAAAAAAA_nope', `Bearer tsk_${'A'.repeat(12)}_${'B'.repeat(43)}`, `Bearer ${stack.ownerKey.toUpperCase()}`, `Bearer ${stack.ownerKey.slice(0, -1)}`,
        `Bearer ${stack.ownerKey}x`, `Bearer tsk_${fx.prefix}_not-the-secret`, ...deadKeys.map((k) => `Bearer ${k}`), `Bearer ${'\u00ff'.repeat(30)}`,
      ),
      fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 80 }).filter((s) => /^[\x20-\x7e]+$/.test(s)).map((s) => `Bearer ${s}`),
    );
    const queryKey = fc.constantFrom('', '?api_key=', '?api_key=nope', '?api_key=nope&api_key=nope2', '?api_key[]=x', `?api_key=${encodeURIComponent(deadKeys[0]!)}`, '?api_key=%00');
    // Segments that cannot change which route matches (no raw slashes, valid escapes).
    const segment = fc.oneof(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).map((s) => encodeURIComponent(s)), fc.constantFrom('..%2F..', '%00', '%24ne', 'acme', 'a'.repeat(2_000)));
    await forEveryRoute(async (route) => {
      if (route.action === 'public') return; // signing in needs no key; those routes are fuzzed above
      const values = fc.tuple(...paramsOf(route).map(() => fc.oneof(segment, fc.constant(undefined)))).map((vs) =>
        Object.fromEntries(paramsOf(route).map((n, i) => [n, vs[i] ?? realParam(n)])));
      const bodies = fc.oneof(fc.constant(undefined), fc.jsonValue().filter((v) => typeof v === 'object' && v !== null).map((v) => JSON.stringify(v)), fc.constant(JSON.stringify(validBody(route))));
      await fc.assert(fc.asyncProperty(values, garbageKey, queryKey, bodies, async (vals, auth, query, body) => {
        const headers: Record<string, string> = {};
        if (auth !== undefined) headers.authorization = auth;
        if (body !== undefined) headers['content-type'] = 'application/json';
        const req: Sent = { method: route.method.toUpperCase(), path: buildPath(route, vals) + query, headers, body };
        const res = await send(req);
        checkAnswer(req, res, { readMayPass: false, expectStatus: 401 });
      }), fcParams);
    });
  });

  it('notices a write when there is one (the checks above are not vacuous)', async () => {
    const before = await snapshot();
    const res = await stack.http.request('PATCH', '/acme/projects/fuzz', { key: stack.ownerKey, json: { name: 'Renamed by the fuzz test' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const changed = changes(before, await snapshot());
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^projects: changed .*Renamed by the fuzz test/);
  });
});
