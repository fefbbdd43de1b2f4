import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import type { Actor } from '../usecases/context';
import { keyMatches, prefixOf } from '../usecases/api-keys';
import { authenticateSession, sessionCookieName } from '../usecases/sessions';
import { AppError, notFound } from '../usecases/errors';

/** The key from `?api_key=` (as Roboflow takes it) or `Authorization: Bearer`. */
export function apiKeyOf(query: unknown, authorization: string | undefined): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  const q = (query as Record<string, unknown> | undefined)?.api_key;
  return typeof q === 'string' && q.length > 0 ? q : undefined;
}

const invalidKey = () => new AppError('unauthorized', 'the API key is not valid');

/**
 * The caller for this workspace; another workspace's key answers 404 so existence does not leak. Without
 * a workspace (Roboflow's key check and its `/dataset/:project/…` paths) the key's own workspace is
 * meant, and a project named in the path must be one of it (404 before anything else is looked at).
 */
export async function authenticate(models: Models, key: string | undefined, workspace: string | undefined, project?: string): Promise<Actor> {
  if (!key) throw new AppError('unauthorized', 'an API key is required (?api_key= or Authorization: Bearer)');
  if (key.length > 200) throw invalidKey();
  const stored = await models.ApiKey.findOne({ _id: prefixOf(key), revokedAt: null }).lean();
  if (!stored || !keyMatches(key, stored.hash)) throw invalidKey();
  const member = await models.Member.findOne({ workspace: stored.workspace, email: stored.email }).lean();
  if (!member) throw invalidKey();
  if (workspace !== undefined && member.workspace !== workspace) throw notFound(`workspace ${workspace}`);
  if (workspace === undefined && project !== undefined && !(await models.Project.exists({ workspace: member.workspace, slug: project }))) {
    throw notFound(`project ${project}`);
  }
  return { workspace: member.workspace, email: member.email, role: member.role as Role, memberId: member._id.toString() };
}

/** The session secret from the `Cookie` header, if any. */
export function sessionCookieOf(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === sessionCookieName && rest.length > 0 && rest.join('=')) return rest.join('=');
  }
  return undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * An API key wins when one is given (scripts); otherwise a browser session cookie, CSRF-checked on
 * writes. Paths without a workspace (Roboflow's) take keys only: the app always names its workspace.
 */
export async function authenticateRequest(
  models: Models, workspace: string | undefined, project: string | undefined,
  req: { method: string; query: unknown; headers: { authorization?: string; cookie?: string; 'x-csrf-token'?: string | string[] } },
): Promise<Actor> {
  const key = apiKeyOf(req.query, req.headers.authorization);
  const session = key || workspace === undefined ? undefined : sessionCookieOf(req.headers.cookie);
  if (session === undefined || workspace === undefined) return authenticate(models, key, workspace, project);
  const csrf = req.headers['x-csrf-token'];
  return authenticateSession(models, session, workspace, { unsafe: !safeMethods.has(req.method), csrfToken: typeof csrf === 'string' ? csrf : undefined });
}
