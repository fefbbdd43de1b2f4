// Members, roles, API keys and audit, through real HTTP on a real database.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, createProjectWithImages, createTeam, labelNext, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('identity');
  team = await createTeam(stack);
});
afterAll(async () => stack?.stop());

const add = async (email: string, role: string, key = stack.ownerKey) =>
  stack.http.request('POST', '/acme/members', { key, json: { email, role } });

describe('API keys', () => {
  it('shows a key once, accepts it in both forms, and stores only its hash', async () => {
    const res = await add('keys@acme.test', 'labeler');
    expect(res.status).toBe(201);
    const key: string = res.body.apiKey;
    expect(key).toMatch(/^tsk_[A-Za-z0-9]{12}_[\w-]{40,}$/);
    expect(res.body.keyPrefix).toBe(key.split('_')[1]);
    expect((await stack.http.request('GET', '/acme/me', { key })).body).toMatchObject({ email: 'keys@acme.test', role: 'labeler' });
    expect((await stack.http.request('GET', `/acme/me?api_key=${encodeURIComponent(key)}`)).status).toBe(200);

    const everything = [];
    for (const c of await stack.db.conn.db!.listCollections().toArray()) everything.push(...(await stack.db.conn.db!.collection(c.name).find().toArray()));
    const dump = JSON.stringify(everything);
    expect(dump).not.toContain(key);
    expect(dump).not.toContain(stack.ownerKey);
    const listed = await stack.http.request('GET', '/acme/keys?email=keys@acme.test', { key: stack.ownerKey });
    expect(listed.body.keys).toEqual([expect.objectContaining({ prefix: res.body.keyPrefix, email: 'keys@acme.test', revoked: null })]);
    expect(JSON.stringify(listed.body)).not.toContain(key);
  });

  it('refuses a rotated key at once and accepts the new one', async () => {
    const { body } = await add('rotate@acme.test', 'reviewer');
    const rotated = await stack.http.request('POST', '/acme/me/keys/rotate', { key: body.apiKey });
    expect(rotated.status).toBe(201);
    expect((await stack.http.request('GET', '/acme/me', { key: body.apiKey })).status).toBe(401);
    expect((await stack.http.request('GET', '/acme/me', { key: rotated.body.apiKey })).status).toBe(200);

    const byAdmin = await stack.http.request('POST', '/acme/members/rotate@acme.test/keys/rotate', { key: stack.ownerKey });
    expect((await stack.http.request('GET', '/acme/me', { key: rotated.body.apiKey })).status).toBe(401);
    expect((await stack.http.request('GET', '/acme/me', { key: byAdmin.body.apiKey })).status).toBe(200);
  });

  it('refuses a revoked key at once while the member\'s other keys keep working', async () => {
    const { body } = await add('revoke@acme.test', 'labeler');
    const second = await stack.http.request('POST', '/acme/members/revoke@acme.test/keys', { key: stack.ownerKey, json: { name: 'ci script' } });
    expect(second.status).toBe(201);
    const revoked = await stack.http.request('DELETE', `/acme/keys/${body.keyPrefix}`, { key: stack.ownerKey });
    expect(revoked.status).toBe(204);
    expect((await stack.http.request('GET', '/acme/me', { key: body.apiKey })).status).toBe(401);
    expect((await stack.http.request('GET', '/acme/me', { key: second.body.apiKey })).status).toBe(200);
    expect((await stack.http.request('DELETE', `/acme/keys/${body.keyPrefix}`, { key: stack.ownerKey })).status).toBe(409);
  });
});

describe('members and roles', () => {
  it('changes a role, and the new role applies to the next request', async () => {
    const { body } = await add('promote@acme.test', 'labeler');
    expect((await stack.http.request('GET', '/acme/members', { key: body.apiKey })).status).toBe(403);
    const changed = await stack.http.request('PATCH', '/acme/members/promote@acme.test', { key: stack.ownerKey, json: { role: 'manager' } });
    expect(changed.body).toMatchObject({ email: 'promote@acme.test', role: 'manager' });
    expect((await stack.http.request('GET', '/acme/members', { key: body.apiKey })).status).toBe(200);
  });

  it('removes a member: their key stops at once and their leased image goes back to the stream', async () => {
    const { body } = await add('leaver@acme.test', 'labeler');
    const upload = await createProjectWithImages(stack, team, 'leaver', 1);
    const job = await stack.http.request('POST', '/acme/leaver/jobs', {
      key: team.manager,
      json: { name: 'j', batch: upload.batch.id, num_images: 1, labelerEmail: 'leaver@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    const leased = await stack.http.request('POST', `/acme/leaver/jobs/${job.body.id}/next`, { key: body.apiKey });
    expect(leased.status).toBe(200);
    // A manager cannot take the leased image while the lease holds…
    expect((await stack.http.request('POST', `/acme/leaver/jobs/${job.body.id}/next`, { key: team.manager })).status).toBe(204);

    expect((await stack.http.request('DELETE', '/acme/members/leaver@acme.test', { key: stack.ownerKey })).status).toBe(204);
    expect((await stack.http.request('GET', '/acme/me', { key: body.apiKey })).status).toBe(401);
    // …and can once its holder is gone.
    const taken = await stack.http.request('POST', `/acme/leaver/jobs/${job.body.id}/next`, { key: team.manager });
    expect(taken.body.image.id).toBe(leased.body.image.id);
  });

  it('never removes or demotes the last owner', async () => {
    expect((await stack.http.request('DELETE', '/acme/members/owner@acme.test', { key: stack.ownerKey })).status).toBe(409);
    const demote = await stack.http.request('PATCH', '/acme/members/owner@acme.test', { key: stack.ownerKey, json: { role: 'admin' } });
    expect(demote.status).toBe(409);
    expect(demote.body.error.message).toMatch(/at least one owner/);
  });

  it('lets an owner step down once there is another owner', async () => {
    const { body } = await add('second-owner@acme.test', 'owner');
    expect((await stack.http.request('PATCH', '/acme/members/second-owner@acme.test', { key: stack.ownerKey, json: { role: 'admin' } })).status).toBe(200);
    expect((await stack.http.request('PATCH', '/acme/members/second-owner@acme.test', { key: stack.ownerKey, json: { role: 'owner' } })).status).toBe(200);
    expect((await stack.http.request('DELETE', '/acme/members/second-owner@acme.test', { key: body.apiKey })).status).toBe(204);
  });

  it('keeps the owner role out of an admin\'s reach', async () => {
    const admin = (await add('admin@acme.test', 'admin')).body.apiKey;
    expect((await add('wannabe@acme.test', 'owner', admin)).status).toBe(403);
    expect((await stack.http.request('DELETE', '/acme/members/owner@acme.test', { key: admin })).status).toBe(403);
    expect((await add('helper@acme.test', 'manager', admin)).status).toBe(201);
  });

  it('refuses a duplicate member with 409 and a bad email naming the field', async () => {
    expect((await add('labeler@acme.test', 'labeler')).status).toBe(409);
    const bad = await add('not-an-email', 'labeler');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].path).toBe('email');
  });
});

describe('audit', () => {
  it('records membership, role and key changes with who did them, for admins only', async () => {
    await add('audited@acme.test', 'labeler');
    await stack.http.request('PATCH', '/acme/members/audited@acme.test', { key: stack.ownerKey, json: { role: 'reviewer' } });
    await stack.http.request('POST', '/acme/members/audited@acme.test/keys/rotate', { key: stack.ownerKey });
    await stack.http.request('DELETE', '/acme/members/audited@acme.test', { key: stack.ownerKey });
    const log = await stack.http.request('GET', '/acme/audit?limit=50', { key: stack.ownerKey });
    const mine = log.body.events.filter((e: { target: string }) => e.target === 'audited@acme.test').map((e: { action: string; actor: string }) => [e.action, e.actor]);
    expect(mine).toEqual([
      ['member.removed', 'owner@acme.test'],
      ['key.rotated', 'owner@acme.test'],
      ['member.updated', 'owner@acme.test'],
      ['member.added', 'owner@acme.test'],
    ]);
    expect((await stack.http.request('GET', '/acme/audit', { key: team.manager })).status).toBe(403);
    expect((await stack.http.request('GET', '/acme/audit?limit=0', { key: stack.ownerKey })).status).toBe(400);
  });
});

describe('projects', () => {
  it('renames a project and refuses to remove a class still used by annotations', async () => {
    const upload = await createProjectWithImages(stack, team, 'classes', 1);
    const job = await createJob(stack, team, 'classes', upload.batch.id, 1);
    await labelNext(stack, team, 'classes', job.id); // annotates with "cat"
    const renamed = await stack.http.request('PATCH', '/acme/projects/classes', { key: team.manager, json: { name: 'Renamed' } });
    expect(renamed.body).toMatchObject({ id: 'classes', name: 'Renamed', classes: ['cat', 'dog'] });
    const dropCat = await stack.http.request('PATCH', '/acme/projects/classes', { key: team.manager, json: { classes: ['dog'] } });
    expect(dropCat.status).toBe(409);
    expect(dropCat.body.error.details).toEqual({ classes: ['cat'] });
    const dropDog = await stack.http.request('PATCH', '/acme/projects/classes', { key: team.manager, json: { classes: ['cat', 'bird'] } });
    expect(dropDog.body.classes).toEqual(['cat', 'bird']);
  });

  it('refuses a status field on a project update (no mass assignment)', async () => {
    const res = await stack.http.request('PATCH', '/acme/projects/classes', { key: team.manager, json: { name: 'x', workspace: 'other' } });
    expect(res.status).toBe(400);
  });
});

describe('limits', () => {
  it('answers 413 for a body over the limit', async () => {
    const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'big', name: 'x'.repeat(5 * 1024 * 1024) } }); // the JSON limit is 4 MB
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
  });

  it('makes an address wait after too many refused keys, whatever keys it makes up', async () => {
    const guarded = await startTestStack('identity-guess', { worker: false, env: { TESSERA_AUTH_FAILURES_PER_MINUTE: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await guarded.http.request('GET', '/acme/me', { key: `tsk_Guess${String(i).padStart(7, '0')}_nope` })).status);
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      const waited = await guarded.http.request('GET', '/acme/me', { key: 'tsk_AnotherGuess_nope' });
      expect(waited.status).toBe(429);
      expect(Number(waited.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await guarded.stop();
    }
  });

  it('answers 429 with Retry-After once a key exceeds its rate', async () => {
    const limited = await startTestStack('identity-rate', { worker: false, env: { TESSERA_RATE_LIMIT_PER_MINUTE: '5' } });
    try {
      const other = await limited.http.request('POST', '/acme/members', { key: limited.ownerKey, json: { email: 'x@acme.test', role: 'labeler' } });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await limited.http.request('GET', '/acme/me', { key: limited.ownerKey })).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const last = await limited.http.request('GET', '/acme/me', { key: limited.ownerKey });
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(last.body.error.code).toBe('rate_limited');
      // Another key is not slowed by the first one's burst.
      expect((await limited.http.request('GET', '/acme/me', { key: other.body.apiKey })).status).toBe(200);
    } finally {
      await limited.stop();
    }
  });
});
