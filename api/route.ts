// A route is data: method, path, who may call it, what it accepts, one use-case call. One list of
// these drives registration, authorization and validation (and the OpenAPI document).
import type { IncomingHttpHeaders } from 'node:http';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Action } from '../domain/roles';
import type { Actor, AppContext } from '../usecases/context';
import type { UploadedFile } from '../usecases/uploads';

export interface RouteInput<B, Q = Record<string, unknown>> {
  actor: Actor;
  params: Record<string, string>;
  body: B;
  query: Q;
  files: UploadedFile[];
  fields: Record<string, string>;
  headers: IncomingHttpHeaders;
}

/** A JSON `body`, or bytes as a `stream` (their Content-Type among `headers`), or neither. */
export interface RouteResult { status: number; body?: unknown; headers?: Record<string, string>; stream?: Readable }

export interface RouteSpec<B = unknown, Q = Record<string, unknown>> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path below /api. */
  path: string;
  summary: string;
  /** What the caller's role must allow; `public` routes take no key (signing in). */
  action: Action | 'public';
  body?: z.ZodType<B>;
  /** What a success answers, as JSON: documentation (OpenAPI, and so the web app's typed client); with TESSERA_CHECK_RESPONSES every real answer is checked against it. */
  response?: z.ZodType;
  /** Query parameters (besides `api_key`), strict like bodies. */
  query?: z.ZodType<Q>;
  /** `file` parts staged as they arrive: images (many, each at most an image's size) or one dataset `archive`. */
  multipart?: 'images' | 'archive';
  /** Answers bytes (an image) with an ETag, or 304 when `If-None-Match` matches it. Documentation only. */
  binary?: boolean;
  /** Honours an `Idempotency-Key` header: a replay answers as the first request did. */
  idempotent?: boolean;
  /** Documentation only (OpenAPI). Default: the subject of `action` (`jobs.manage` → `jobs`). */
  tags?: string[];
  /** Documentation only. Default: 201 for a POST to a collection (`…/jobs`), 204 for DELETE, else 200. */
  successStatus?: 200 | 201 | 202 | 204;
  /** Documentation only: the route may also answer 204 No Content. Default: paths ending in `/next`. */
  mayBeEmpty?: boolean;
  handler: (ctx: AppContext, input: RouteInput<B, Q>) => Promise<RouteResult>;
}

export const defineRoute = <B, Q = Record<string, unknown>>(spec: RouteSpec<B, Q>): RouteSpec => spec as unknown as RouteSpec;
