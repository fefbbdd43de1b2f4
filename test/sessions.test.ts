// Sign-in for people over real HTTP and a real SMTP capture: invitations and sign-in links by email,
// the session cookie, CSRF on writes, sign-out, and a removed member's sessions ending at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionCookie } from '../usecases/sessions';
import { signInPathIn } from './helpers/smtp';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack('sessions', { worker: false });
});
afterAll(async () => stack?.stop());

/** The link's secret from the newest mail to `to` whose subject matches. */
async function tokenMailedTo(to: string, subject: RegExp, after = 0): Promise<string> {
  const mail = await stack.smtp.waitFor((m) => m.to.includes(to) && subject.test(m.subject) && stack.smtp.mails.indexOf(m) >= after);
  const link = signInPathIn(mail);
  expect(link.workspace).toBe('acme');
  return link.token;
}

async function requestLink(email: string): Promise<string> {
  const before = stack.smtp.mails.length;
  const res = await stack.http.request('POST', '/acme/sign-in-links', { json: { email } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return tokenMailedTo(email, /^Sign in to acme/, before);
}

interface Browser { cookie: string; csrf: string }

async function redeem(token: string): Promise<Browser> {
  const res = await stack.http.request('POST', '/acme/sessions', { json: { token } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const setCookie = res.headers.get('set-cookie')!;
  return { cookie: setCookie.split(';')[0]!, csrf: res.body.csrfToken };
}

const asBrowser = (b: Browser, extra: Record<string, string> = {}) => ({ headers: { cookie: b.cookie, ...extra } });

describe('invitations', () => {
  it('an owner invites a member, who signs in through the one-time link in the mail', async () => {
    const res = await stack.http.request('POST', '/acme/invitations', { key: stack.ownerKey, json: { email: 'Ivy@Acme.test', role: 'labeler' } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ email: 'ivy@acme.test', role: 'labeler' });
    expect(res.body.apiKey).toBeUndefined();
    const token = await tokenMailedTo('ivy@acme.test', /invited to acme/);
    const browser = await redeem(token);
    const me = await stack.http.request('GET', '/acme/me', asBrowser(browser));
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: 'ivy@acme.test', role: 'labeler' });
    // Used once, it is spent.
    const again = await stack.http.request('POST', '/acme/sessions', { json: { token } });
    expect(again.status).toBe(401);
  });

  it('inviting an existing member is a 409, and a labeler may not invite', async () => {
    const dup = await stack.http.request('POST', '/acme/invitations', { key: stack.ownerKey, json: { email: 'owner@acme.test', role: 'labeler' } });
    expect(dup.status).toBe(409);
    const add = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'lab@acme.test', role: 'labeler' } });
    const refused = await stack.http.request('POST', '/acme/invitations', { key: add.body.apiKey, json: { email: 'x@acme.test', role: 'labeler' } });
    expect(refused.status).toBe(403);
  });
});

describe('sign-in links', () => {
  it('the session cookie is HttpOnly, SameSite=Lax, scoped to the workspace, and carries no Secure flag on plain http', async () => {
    const token = await requestLink('owner@acme.test');
    const res = await stack.http.request('POST', '/acme/sessions', { json: { token } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^tessera_session=[\w-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Lax');
    expect(cookie).toContain('Path=/api/acme');
    expect(cookie).not.toContain('Secure');
    expect(res.body).toMatchObject({ email: 'owner@acme.test', role: 'owner', csrfToken: expect.any(String) });
  });

  it('the cookie is Secure when the app is served over https', () => {
    expect(sessionCookie('acme', 'v', { secure: true, maxAgeSeconds: 60 })).toMatch(/; Secure$/);
  });

  it('a link asked for an address that is no member answers the same and sends nothing', async () => {
    const before = stack.smtp.mails.length;
    const res = await stack.http.request('POST', '/acme/sign-in-links', { json: { email: 'stranger@acme.test' } });
    expect(res.status).toBe(202);
    const unknownWorkspace = await stack.http.request('POST', '/nowhere/sign-in-links', { json: { email: 'owner@acme.test' } });
    expect(unknownWorkspace.status).toBe(202);
    expect(unknownWorkspace.body).toEqual(res.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(stack.smtp.mails.slice(before).filter((m) => m.to.includes('stranger@acme.test'))).toEqual([]);
  });

  it('an expired link is refused, and is stored only as a hash', async () => {
    const token = await requestLink('owner@acme.test');
    expect(await stack.db.models.SignInLink.exists({ _id: token })).toBeNull();
    await stack.db.models.SignInLink.updateMany({ usedAt: null }, { $set: { expiresAt: new Date(Date.now() - 1000) } });
    const res = await stack.http.request('POST', '/acme/sessions', { json: { token } });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  it('a link is bound to its workspace', async () => {
    const token = await requestLink('owner@acme.test');
    const res = await stack.http.request('POST', '/globex/sessions', { json: { token } });
    expect(res.status).toBe(401);
  });

  it('a bad token is named as the field at fault', async () => {
    const res = await stack.http.request('POST', '/acme/sessions', { json: { token: 'short' } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.error)).toContain('token');
  });
});

describe('the session', () => {
  it('reads with the cookie alone; writes need the CSRF token; API keys are unaffected', async () => {
    const browser = await redeem(await requestLink('owner@acme.test'));
    const session = await stack.http.request('GET', '/acme/session', asBrowser(browser));
    expect(session.body).toMatchObject({ email: 'owner@acme.test', via: 'session', csrfToken: browser.csrf });
    const project = { id: 'csrf', name: 'CSRF', type: 'classification', classes: ['a'] };
    const noToken = await stack.http.request('POST', '/acme/projects', { ...asBrowser(browser), json: project });
    expect(noToken.status).toBe(403);
    const wrongToken = await stack.http.request('POST', '/acme/projects', { ...asBrowser(browser, { 'x-csrf-token': `${browser.csrf.slice(0, -1)}x` }), json: project });
    expect(wrongToken.status).toBe(403);
    expect((await stack.http.request('GET', '/acme/projects/csrf', { key: stack.ownerKey })).status).toBe(404);
    const ok = await stack.http.request('POST', '/acme/projects', { ...asBrowser(browser, { 'x-csrf-token': browser.csrf }), json: project });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    const byKey = await stack.http.request('GET', '/acme/session', { key: stack.ownerKey });
    expect(byKey.body).toEqual({ email: 'owner@acme.test', role: 'owner', via: 'api_key' });
  });

  it('a session is good only in its own workspace', async () => {
    const browser = await redeem(await requestLink('owner@acme.test'));
    const res = await stack.http.request('GET', '/globex/me', asBrowser(browser));
    expect(res.status).toBe(404);
  });

  it('sign out ends the session and clears the cookie', async () => {
    const browser = await redeem(await requestLink('owner@acme.test'));
    const out = await stack.http.request('DELETE', '/acme/session', asBrowser(browser, { 'x-csrf-token': browser.csrf }));
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/^tessera_session=; .*Max-Age=0/);
    const after = await stack.http.request('GET', '/acme/me', asBrowser(browser));
    expect(after.status).toBe(401);
  });

  it('removing a member ends their sessions at once, and an old link cannot revive them', async () => {
    await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'leaving@acme.test', role: 'reviewer' } });
    const browser = await redeem(await requestLink('leaving@acme.test'));
    const spare = await requestLink('leaving@acme.test');
    expect((await stack.http.request('GET', '/acme/me', asBrowser(browser))).status).toBe(200);
    expect((await stack.http.request('DELETE', '/acme/members/leaving%40acme.test', { key: stack.ownerKey })).status).toBe(204);
    expect((await stack.http.request('GET', '/acme/me', asBrowser(browser))).status).toBe(401);
    // Added again, the same address is a new member: the old link was bound to the one removed.
    await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'leaving@acme.test', role: 'reviewer' } });
    expect((await stack.http.request('POST', '/acme/sessions', { json: { token: spare } })).status).toBe(401);
    expect((await stack.http.request('GET', '/acme/me', asBrowser(browser))).status).toBe(401);
  });

  it('a role change applies to an open session at once', async () => {
    await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'mover@acme.test', role: 'manager' } });
    const browser = await redeem(await requestLink('mover@acme.test'));
    expect((await stack.http.request('GET', '/acme/members', asBrowser(browser))).status).toBe(200);
    await stack.http.request('PATCH', '/acme/members/mover%40acme.test', { key: stack.ownerKey, json: { role: 'labeler' } });
    expect((await stack.http.request('GET', '/acme/members', asBrowser(browser))).status).toBe(403);
  });
});
