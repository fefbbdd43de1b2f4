import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import express, { type Request, type RequestHandler, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import { roleAllows } from '../domain/roles';
import type { AppContext } from '../usecases/context';
import { AppError } from '../usecases/errors';
import { answerOnce } from '../usecases/idempotency';
import { prefixOf } from '../usecases/api-keys';
import { apiKeyOf, authenticateRequest, sessionCookieOf } from './auth';
import { docsRouter } from './docs';
import { webAppRouter } from './web';
import { errorMiddleware, zodToAppError } from './errors';
import { archiveLimits, stagedFiles, stagedMultipart } from './multipart';
import { buildOpenApiDocument } from './openapi';
import type { RouteResult, RouteSpec } from './route';
import { routes } from './routes';

export interface HealthReport { status: 'ok' | 'unavailable'; temporal: 'ok' | 'down'; mongo: 'ok' | 'down' }

export interface AppOptions { rateLimitPerMinute: number; authFailuresPerMinute: number; checkResponses: boolean }

export function createApp(ctx: AppContext, health: () => Promise<HealthReport>, opts: AppOptions) {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(pinoHttp({
    logger: ctx.logger,
    genReqId: (req, res) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    redact: ['req.query.api_key', 'req.headers.authorization'],
  }));
  // A batch of 100,000 image ids (the most a batch holds) is about 2.7 MB of JSON.
  app.use(express.json({ limit: '4mb' }));

  app.get('/api/health', async (_req, res) => {
    const report = await health();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });
  const openApiDocument = buildOpenApiDocument(routes);
  app.get('/api/openapi.json', (_req, res) => {
    res.json(openApiDocument);
  });
  app.use('/api/docs', docsRouter());

  const multipart = { images: stagedMultipart(ctx.store), archive: stagedMultipart(ctx.store, archiveLimits) };
  const limits = [failedAuthLimit(opts.authFailuresPerMinute), perKeyRateLimit(opts.rateLimitPerMinute)];
  app.use('/api/:workspace', ...limits);
  // Roboflow's key check is `POST /api/` itself.
  app.use(/^\/api\/?$/, ...limits);
  // A path with a word where another has a parameter (`/:workspace/members` beside Roboflow's
  // `/:workspace/:project`) must be tried first, whatever file it comes from: fewer parameters first.
  const byParameters = (r: RouteSpec) => (r.path.match(/:/g) ?? []).length;
  for (const route of [...routes].sort((a, b) => byParameters(a) - byParameters(b))) {
    app[route.method](`/api${route.path}`, ...handlersFor(ctx, route, multipart, opts.checkResponses));
  }

  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such route')));
  app.use(webAppRouter());
  app.use(errorMiddleware(ctx.logger));
  return app;
}

function rateLimitedError(req: Request, res: Parameters<RequestHandler>[1], what: string): AppError {
  const resetTime = (req as Request & { rateLimit?: { resetTime?: Date } }).rateLimit?.resetTime;
  const seconds = resetTime ? Math.max(1, Math.ceil((resetTime.getTime() - Date.now()) / 1000)) : 60;
  res.setHeader('Retry-After', String(seconds));
  return new AppError('rate_limited', `${what}; retry in ${seconds} s`);
}

/**
 * Counts only refused keys, per address: made-up keys would each get their own bucket in the
 * per-key limit, so guessing keys could otherwise flood the key lookup.
 */
function failedAuthLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: false,
    legacyHeaders: false,
    keyGenerator: (req) => ipKeyGenerator(req.ip ?? ''),
    requestWasSuccessful: (_req, res) => res.statusCode !== 401,
    skipSuccessfulRequests: true,
    handler: (req, res, next) => next(rateLimitedError(req, res, 'too many requests with a bad API key from this address')),
  });
}

/** Per API key (per address for calls without one), so one script cannot starve a team. */
function perKeyRateLimit(limit: number): RequestHandler {
  return rateLimit({
    windowMs: 60_000,
    limit,
    standardHeaders: 'draft-7',
    legacyHeaders: false,
    keyGenerator: (req) => {
      const key = apiKeyOf(req.query, req.headers.authorization);
      if (key) return `key:${prefixOf(key)}`;
      const session = sessionCookieOf(req.headers.cookie);
      return session ? `session:${session.slice(0, 16)}` : `ip:${ipKeyGenerator(req.ip ?? '')}`;
    },
    handler: (req, res, next) => next(rateLimitedError(req, res, 'too many requests for this key')),
  });
}

function handlersFor(ctx: AppContext, route: RouteSpec, multipart: Record<'images' | 'archive', RequestHandler>, checkResponses: boolean): RequestHandler[] {
  const auth: RequestHandler = async (req, res, next) => {
    try {
      const workspace = req.params.workspace === undefined ? undefined : String(req.params.workspace);
      const project = req.params.project === undefined ? undefined : String(req.params.project);
      const actor = await authenticateRequest(ctx.models, workspace, project, req);
      if (route.action !== 'public' && !roleAllows(actor.role, route.action)) throw new AppError('forbidden', `a ${actor.role} may not do this`);
      res.locals.actor = actor;
      next();
    } catch (err) {
      next(err);
    }
  };
  const handle: RequestHandler = async (req, res, next) => {
    try {
      const body = route.body ? parseBody(route, req) : undefined;
      const query = route.query ? parseQuery(route, req) : {};
      const files = stagedFiles(req);
      const fields = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const run = () => route.handler(ctx, { actor: res.locals.actor, params: req.params as Record<string, string>, body, query, files, fields, headers: req.headers });
      const idempotencyKey = route.idempotent ? req.get('idempotency-key') : undefined;
      const result: RouteResult = idempotencyKey === undefined
        ? await run()
        : await answerOnce(ctx, res.locals.actor, idempotencyKey, { method: req.method, path: req.path, body: req.body }, run);
      if (checkResponses) checkAnswer(route, result);
      res.status(result.status).set(result.headers ?? {});
      if (result.stream) await sendStream(result.stream, res);
      else if (result.body === undefined) res.end();
      else res.json(result.body);
    } catch (err) {
      next(err);
    }
  };
  if (route.action === 'public') return [handle];
  return route.multipart ? [auth, multipart[route.multipart], handle] : [auth, handle];
}

/** A success's JSON body as it goes out (dates as strings) against the route's documented schema. */
function checkAnswer(route: RouteSpec, result: RouteResult) {
  if (!route.response || result.body === undefined || result.status >= 300) return;
  const parsed = route.response.safeParse(JSON.parse(JSON.stringify(result.body)));
  if (!parsed.success) {
    const where = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`).join('; ');
    throw new AppError('internal', `${route.method.toUpperCase()} ${route.path} answered other than documented: ${where}`);
  }
}

/** Sends bytes; a client that goes away mid-download is no error of ours (the file is closed either way). */
async function sendStream(stream: Readable, res: Response): Promise<void> {
  await pipeline(stream, res).catch((err: NodeJS.ErrnoException) => {
    if (err.code !== 'ERR_STREAM_PREMATURE_CLOSE') throw err;
  });
}

function parseQuery(route: RouteSpec, req: Request): Record<string, unknown> {
  // The key may ride in the query (Roboflow style); it is not one of the route's parameters.
  const { api_key: _key, ...query } = req.query as Record<string, unknown>;
  const parsed = route.query!.safeParse(query);
  if (!parsed.success) throw zodToAppError(parsed.error, 'query');
  return parsed.data;
}

function parseBody(route: RouteSpec, req: Request): unknown {
  if (!req.is('application/json')) throw new AppError('unsupported_media_type', 'send a JSON body (Content-Type: application/json)');
  const parsed = route.body!.safeParse(req.body);
  if (!parsed.success) throw zodToAppError(parsed.error);
  return parsed.data;
}
