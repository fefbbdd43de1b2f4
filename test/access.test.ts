// Who may call what: this file holds its own copy of the role × route table (from the product
// contract, ../shared/SPEC.md §1 and §3) and checks every route against it over real HTTP, with each
// role's real key and paths that point at things that exist.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../api/routes';
import type { RouteSpec } from '../api/route';
import { roles, type Role } from '../domain/roles';
import { bootstrapWorkspace } from '../usecases/members';
import { createJob, createTeam, imageForm, pngImage, type Team } from './helpers/fixtures';
import { startTestStack, type HttpResponse, type TestStack } from './helpers/stack';

const all: readonly Role[] = roles;
const admins: Role[] = ['owner', 'admin'];
const managers: Role[] = ['owner', 'admin', 'manager'];

/**
 * The contract, route by route. Owner and admin may do everything; a manager runs projects, uploads,
 * batches, jobs (and may label and review them, §3), the dataset and reports, and may list members,
 * but not manage members or keys nor read the audit log; a labeler only labels (and reads their jobs,
 * projects and themselves); a reviewer only reviews (likewise). Everybody may read `/me` and rotate
 * their own keys. A new route fails "every route is in the access table" until it is added here.
 */
const expectedAccess: Record<string, readonly Role[]> = {
  'GET /:workspace/me': all,
  'POST /:workspace/me/keys/rotate': all,
  'POST /:workspace/members': admins,
  'GET /:workspace/members': managers,
  'PATCH /:workspace/members/:email': admins,
  'DELETE /:workspace/members/:email': admins,
  'POST /:workspace/members/:email/keys': admins,
  'POST /:workspace/members/:email/keys/rotate': admins,
  'GET /:workspace/keys': admins,
  'DELETE /:workspace/keys/:prefix': admins,
  'GET /:workspace/audit': admins,
  'POST /:workspace/projects': managers,
  'GET /:workspace/projects': all,
  'GET /:workspace/projects/:project': all,
  'PATCH /:workspace/projects/:project': managers,
  'POST /:workspace/:project/images': managers,
  'GET /:workspace/:project/uploads/:upload': managers,
  'GET /:workspace/:project/images': managers,
  'GET /:workspace/:project/images/:image': managers,
  'GET /:workspace/:project/images/:image/file': all,
  'GET /:workspace/:project/images/:image/thumbnail': all,
  'GET /:workspace/:project/images/:image/preview': all,
  'POST /:workspace/:project/batches': managers,
  'GET /:workspace/:project/batches': managers,
  'GET /:workspace/:project/batches/:batch': managers,
  'GET /:workspace/:project/batches/:batch/fill': managers,
  'POST /:workspace/:project/batches/:batch/archive': managers,
  'GET /:workspace/:project/annotation-batches': managers,
  'GET /:workspace/:project/annotation-batches/:batch': managers,
  'GET /:workspace/:project/annotation-batches/:batch/images': managers,
  'POST /:workspace/:project/annotation-batches': managers,
  'POST /:workspace/:project/annotation-batches/merge': managers,
  'DELETE /:workspace/:project/annotation-batches/:batch': managers,
  'POST /:workspace/:project/jobs': managers,
  'GET /:workspace/:project/jobs': all,
  'GET /:workspace/:project/jobs/:job': all,
  'GET /:workspace/:project/jobs/:job/state': all,
  'POST /:workspace/:project/jobs/:job/cancel': managers,
  'POST /:workspace/:project/jobs/:job/next': [...managers, 'labeler'],
  'PUT /:workspace/:project/jobs/:job/images/:image/annotation': [...managers, 'labeler'],
  'POST /:workspace/:project/jobs/:job/images/:image/skip': [...managers, 'labeler'],
  'POST /:workspace/:project/jobs/:job/images/:image/review': [...managers, 'reviewer'],
  'GET /:workspace/:project/dataset': managers,
  'POST /:workspace/:project/jobs/:job/accept': managers,
  'POST /:workspace/:project/jobs/:job/send-back': managers,
  'POST /:workspace/:project/jobs/:job/move': managers,
  'POST /:workspace/:project/jobs/:job/reassign': managers,
  'PATCH /:workspace/:project/jobs/:job': managers,
  'GET /:workspace/:project/jobs/:job/escalated': managers,
  'GET /:workspace/:project/job-board': all,
  'GET /:workspace/:project/reports/labelers': managers,
  'GET /:workspace/:project/reports/reviewers': managers,
  'POST /:workspace/:project/versions': managers,
  'GET /:workspace/:project/versions': managers,
  'GET /:workspace/:project/versions/:version': managers,
  'POST /:workspace/:project/versions/:version/exports': managers,
  'GET /:workspace/:project/versions/:version/exports/:export': managers,
  'GET /:workspace/:project/versions/:version/exports/:export/download': managers,
  'POST /:workspace/invitations': admins,
  // Public: signing in needs no key (checked below, in "outside callers").
  'POST /:workspace/sign-in-links': all,
  'POST /:workspace/sessions': all,
  'GET /:workspace/session': all,
  'DELETE /:workspace/session': all,
  // Roboflow's own client (api/routes/roboflow*.ts).
  'POST /': all,
  'GET /:workspace': all,
  'GET /:workspace/:project': all,
  'POST /dataset/:project/upload': managers,
  'POST /dataset/:project/annotate/:image': [...managers, 'labeler'],
  'GET /:workspace/:project/annotation-jobs': all,
  'GET /:workspace/:project/annotation-jobs/:job': all,
  'GET /:workspace/:project/annotation-jobs/:job/images': all,
  'POST /:workspace/:project/annotation-jobs': managers,
  'POST /:workspace/:project/annotation-jobs/:job/images/:image/status': [...managers, 'reviewer'],
  'POST /:workspace/:project/annotation-jobs/:job/images/status': [...managers, 'reviewer'],
  'POST /:workspace/:project/annotation-jobs/:job/accept': managers,
  'PATCH /:workspace/:project/annotation-jobs/:job': managers,
  'POST /:workspace/:project/annotation-jobs/:job/submit-review': managers,
  'POST /:workspace/:project/annotation-jobs/:job/return-edits': managers,
  'POST /:workspace/:project/annotation-jobs/:job/images': managers,
  'POST /:workspace/:project/annotation-jobs/reassign-images': managers,
  'POST /:workspace/:project/annotation-jobs/:job/move-to-unassigned': managers,
  'DELETE /:workspace/:project/annotation-jobs/:job/annotations': managers,
  // The event log (api/routes/timeline.ts).
  'GET /:workspace/:project/timeline': managers,
  'GET /:workspace/:project/jobs/:job/timeline': all,
  'GET /:workspace/:project/images/:image/timeline': all,
  // Beside an image (api/routes/comments.ts): who may see the image may comment; the use-cases decide edits and reverts.
  'GET /:workspace/:project/images/:image/comments': all,
  'POST /:workspace/:project/images/:image/comments': all,
  'PATCH /:workspace/:project/images/:image/comments/:comment': all,
  'DELETE /:workspace/:project/images/:image/comments/:comment': all,
  'POST /:workspace/:project/images/:image/comments/:comment/resolve': all,
  'POST /:workspace/:project/images/:image/revert': all,
  // Webhooks (api/routes/webhooks.ts): managers.
  'POST /:workspace/:project/webhooks': managers,
  'GET /:workspace/:project/webhooks': managers,
  'GET /:workspace/:project/webhooks/:hook': managers,
  'PATCH /:workspace/:project/webhooks/:hook': managers,
  'DELETE /:workspace/:project/webhooks/:hook': managers,
  'POST /:workspace/:project/webhooks/:hook/rotate-secret': managers,
  'GET /:workspace/:project/webhooks/:hook/deliveries': managers,
  'POST /:workspace/:project/webhooks/:hook/deliveries/:delivery/replay': managers,
  // Imports (api/routes/imports.ts): managers, since an import makes a job.
  'GET /:workspace/:project/jobs/:job/review/next': [...managers, 'reviewer'],
  'GET /:workspace/:project/jobs/:job/review': [...managers, 'reviewer'],
  'POST /:workspace/:project/imports': managers,
  'GET /:workspace/:project/imports/:import': managers,
};
const publicRoutes = ['POST /:workspace/sign-in-links', 'POST /:workspace/sessions'];

/** Roboflow's key check names no workspace: it answers which one the key belongs to, for any key. */
const keyCheck = 'POST /';

const keyOf = (route: RouteSpec) => `${route.method.toUpperCase()} ${route.path}`;

const project = 'access';

/** What one role's calls point at: its own job, image, throwaway member and key, so destructive calls hurt nobody else. */
interface Targets { workspace: string; project: string; job: string; image: string; email: string; prefix: string; batch: string; upload: string; version: string; export: string; comment: string; hook: string; delivery: string; import: string }

let stack: TestStack;
let team: Team;
/** Each role's current key (rotating one's own keys replaces it). */
const keys = {} as Record<Role, string>;
const targets = {} as Record<Role, Targets>;

/** Fills the route's path with real ids; a parameter this file does not know fails, naming it. */
function pathFor(route: RouteSpec, t: Targets): string {
  return route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = (t as unknown as Record<string, string | undefined>)[name];
    if (value === undefined) throw new Error(`${keyOf(route)}: the access test has no value for :${name}; add one to Targets`);
    return encodeURIComponent(value);
  });
}

/** One call with an empty or minimal body: `{}` as JSON, a form without files for uploads, nothing for GET. */
function call(route: RouteSpec, path: string, opts: { key?: string; headers?: Record<string, string> } = {}): Promise<HttpResponse> {
  const method = route.method.toUpperCase();
  if (route.multipart) {
    const form = new FormData();
    form.append('note', 'no files');
    return stack.http.request(method, path, { ...opts, form });
  }
  return stack.http.request(method, path, method === 'GET' ? opts : { ...opts, json: {} });
}

/**
 * Calls that destroy their target go last, in this order, so every other call (and each of these)
 * still finds what it points at: revoke the spare key, rotate the spare's keys, remove the spare,
 * delete the role's batch, cancel the role's job, rotate the caller's own keys.
 */
const destructive = [
  'DELETE /:workspace/keys/:prefix',
  'POST /:workspace/members/:email/keys/rotate',
  'DELETE /:workspace/members/:email',
  'DELETE /:workspace/:project/annotation-batches/:batch',
  'POST /:workspace/:project/jobs/:job/cancel',
  'POST /:workspace/:project/annotation-jobs/:job/move-to-unassigned',
  'POST /:workspace/me/keys/rotate',
];
const callOrder = [...routes].sort((a, b) => destructive.indexOf(keyOf(a)) - destructive.indexOf(keyOf(b)));

const show = (res: HttpResponse) => `${res.status} ${JSON.stringify(res.body)}`.slice(0, 300);

beforeAll(async () => {
  // Walks every route with refused keys many times over; the per-address guard on that is tested in identity.
  stack = await startTestStack('access', { env: { TESSERA_AUTH_FAILURES_PER_MINUTE: '100000' } });
  team = await createTeam(stack);
  const admin = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'admin@acme.test', role: 'admin' } });
  expect(admin.status, show(admin)).toBe(201);
  Object.assign(keys, { owner: stack.ownerKey, admin: admin.body.apiKey, manager: team.manager, labeler: team.labeler, reviewer: team.reviewer });

  const created = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: project, name: 'Access', type: 'object-detection', classes: ['cat'] } });
  expect(created.status, show(created)).toBe(201);
  let seed = 500;
  for (const role of roles) {
    // Its own batch (one image) and job, so a role that may cancel cancels only its own job.
    const up = await stack.http.request('POST', `/acme/${project}/images`, {
      key: team.manager, form: imageForm([{ name: `${role}.png`, bytes: await pngImage(seed++) }], { batch: `batch-${role}` }),
    });
    expect(up.status, show(up)).toBe(201);
    const job = await createJob(stack, team, project, up.body.batch.id, 1);
    // A throwaway member (and its key) for the member and key routes.
    const spare = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: `spare-${role}@acme.test`, role: 'labeler' } });
    expect(spare.status, show(spare)).toBe(201);
    targets[role] = { workspace: 'acme', project, job: job.id, image: up.body.images[0].id, email: `spare-${role}@acme.test`, prefix: spare.body.keyPrefix, batch: up.body.batch.id, upload: up.body.id, version: '1', export: 'no-such-export', comment: '1', hook: 'no-such-hook', delivery: '1', import: 'no-such-import' };
  }
});
afterAll(async () => stack?.stop());

describe('the role × route table', () => {
  it('every route is in the access table, and every table entry is a route', () => {
    const routeKeys = routes.map(keyOf);
    const missing = routeKeys.filter((k) => !(k in expectedAccess));
    const stale = Object.keys(expectedAccess).filter((k) => !routeKeys.includes(k));
    expect(missing, `routes missing from the access table in test/access.test.ts: ${missing.join(', ')}`).toEqual([]);
    expect(stale, `access table entries that are no longer routes: ${stale.join(', ')}`).toEqual([]);
    expect(new Set(routeKeys).size, 'two routes share a method and path').toBe(routeKeys.length);
  });

  it.each(roles.map((role) => [role]))('a %s gets exactly the routes the table allows', async (role) => {
    const problems: string[] = [];
    for (const route of callOrder) {
      const key = keyOf(route);
      const allowed = expectedAccess[key];
      if (!allowed) {
        problems.push(`${key}: not in the access table`);
        continue;
      }
      const res = await call(route, pathFor(route, targets[role]), { key: keys[role] });
      if (allowed.includes(role)) {
        if (res.status === 401 || res.status === 403 || res.status >= 500) problems.push(`${key}: allowed for a ${role}, got ${show(res)}`);
      } else if (res.status !== 403 || res.body?.error?.code !== 'forbidden') {
        problems.push(`${key}: forbidden for a ${role}, got ${show(res)}`);
      }
      // Rotating one's own keys revokes the key in use; carry on with the new one.
      if (key === 'POST /:workspace/me/keys/rotate' && res.status === 201) keys[role] = res.body.apiKey;
    }
    expect(problems).toEqual([]);
    // The role's key still works after the whole table (nothing revoked it by accident).
    const me = await stack.http.request('GET', '/acme/me', { key: keys[role] });
    expect(me.status, show(me)).toBe(200);
    expect(me.body.role).toBe(role);
  });
});

describe('outside callers', () => {
  it('another workspace\'s key gets 404 on every route', async () => {
    const otherKey = 'globex-owner-key-0123456789abcdef-access';
    expect(await bootstrapWorkspace(stack.db.models, { workspace: 'globex', email: 'owner@globex.test', apiKey: otherKey })).toBe(true);
    // The key is good in its own workspace, so the 404s below are about acme, not the key.
    expect((await stack.http.request('GET', '/globex/me', { key: otherKey })).status).toBe(200);
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.action !== 'public' && keyOf(r) !== keyCheck)) {
      const res = await call(route, pathFor(route, targets.owner), { key: otherKey });
      if (res.status !== 404 || res.body?.error?.code !== 'not_found') problems.push(`${keyOf(route)}: got ${show(res)}`);
    }
    expect(problems).toEqual([]);
  });

  it('no key, or a key nobody has, gets 401 on every route', async () => {
    const problems: string[] = [];
    for (const route of routes.filter((r) => r.action !== 'public')) {
      const path = pathFor(route, targets.owner);
      for (const key of [undefined, 'tsk_AAAAAAAAAAAA_not-a-real-key', `${stack.ownerKey}x`]) {
        const res = await call(route, path, { key });
        if (res.status !== 401 || res.body?.error?.code !== 'unauthorized') problems.push(`${keyOf(route)} with key ${String(key)}: got ${show(res)}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('only the sign-in routes answer without a key, and they read the body before anything else', async () => {
    expect(routes.filter((r) => r.action === 'public').map(keyOf).sort()).toEqual([...publicRoutes].sort());
    for (const route of routes.filter((r) => r.action === 'public')) {
      const res = await call(route, pathFor(route, targets.owner));
      expect(res.status, `${keyOf(route)}: ${show(res)}`).toBe(400);
    }
  });
});
