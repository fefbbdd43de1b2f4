import { randomUUID } from 'node:crypto';
import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { pinoHttp } from 'pino-http';
import { maxImageBytes } from '../domain/images';
import { roleAllows } from '../domain/roles';
import type { AppContext } from '../usecases/context';
import { AppError } from '../usecases/errors';
import { apiKeyOf, authenticate } from './auth';
import { errorMiddleware, zodToAppError } from './errors';
import type { RouteSpec } from './route';
import { routes } from './routes';

export interface HealthReport { status: 'ok' | 'unavailable'; temporal: 'ok' | 'down'; mongo: 'ok' | 'down' }

const maxFilesPerUpload = 100;

export function createApp(ctx: AppContext, health: () => Promise<HealthReport>) {
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
  app.use(express.json({ limit: '2mb' }));

  app.get('/api/health', async (_req, res) => {
    const report = await health();
    res.status(report.status === 'ok' ? 200 : 503).json(report);
  });

  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: maxImageBytes, files: maxFilesPerUpload, fields: 10 } });
  for (const route of routes) app[route.method](`/api${route.path}`, ...handlersFor(ctx, route, upload));

  app.use('/api', (_req, _res, next) => next(new AppError('not_found', 'no such route')));
  app.use(errorMiddleware(ctx.logger));
  return app;
}

function handlersFor(ctx: AppContext, route: RouteSpec, upload: multer.Multer): RequestHandler[] {
  const auth: RequestHandler = async (req, res, next) => {
    try {
      const actor = await authenticate(ctx.models, apiKeyOf(req.query, req.headers.authorization), String(req.params.workspace));
      if (!roleAllows(actor.role, route.action)) throw new AppError('forbidden', `a ${actor.role} may not do this`);
      res.locals.actor = actor;
      next();
    } catch (err) {
      next(err);
    }
  };
  const multipart: RequestHandler = (req, res, next) => {
    if (!req.is('multipart/form-data')) return next(new AppError('unsupported_media_type', 'send the images as multipart/form-data with `file` parts'));
    upload.array('file', maxFilesPerUpload)(req, res, next);
  };
  const handle: RequestHandler = async (req, res, next) => {
    try {
      const body = route.body ? parseBody(route, req) : undefined;
      const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f) => ({ name: f.originalname, bytes: f.buffer }));
      const fields = Object.fromEntries(Object.entries((req.body ?? {}) as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
      const result = await route.handler(ctx, { actor: res.locals.actor, params: req.params as Record<string, string>, body, files, fields });
      if (result.body === undefined) res.status(result.status).end();
      else res.status(result.status).json(result.body);
    } catch (err) {
      next(err);
    }
  };
  return route.multipart ? [auth, multipart, handle] : [auth, handle];
}

function parseBody(route: RouteSpec, req: Request): unknown {
  if (!req.is('application/json')) throw new AppError('unsupported_media_type', 'send a JSON body (Content-Type: application/json)');
  const parsed = route.body!.safeParse(req.body);
  if (!parsed.success) throw zodToAppError(parsed.error);
  return parsed.data;
}
