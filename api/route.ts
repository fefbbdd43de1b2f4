// A route is data: method, path, who may call it, what it accepts, one use-case call. One list of
// these drives registration, authorization and validation (and the OpenAPI document).
import type { z } from 'zod';
import type { Action } from '../domain/roles';
import type { Actor, AppContext } from '../usecases/context';
import type { UploadedFile } from '../usecases/uploads';

export interface RouteInput<B> {
  actor: Actor;
  params: Record<string, string>;
  body: B;
  files: UploadedFile[];
  fields: Record<string, string>;
}

export interface RouteResult { status: number; body?: unknown }

export interface RouteSpec<B = unknown> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** Express path below /api. */
  path: string;
  summary: string;
  /** What the caller's role must allow. */
  action: Action;
  body?: z.ZodType<B>;
  multipart?: boolean;
  handler: (ctx: AppContext, input: RouteInput<B>) => Promise<RouteResult>;
}

export const defineRoute = <B>(spec: RouteSpec<B>): RouteSpec => spec as unknown as RouteSpec;
