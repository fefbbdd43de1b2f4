// Sign-in for people: no passwords. An emailed one-time link (invitation or sign-in) gives a browser
// session. Links and sessions are stored by the sha256 of their secret (found by `_id`), bound to the
// member document, so removing a member ends them at once; the CSRF token is derived from the
// session's secret and never stored.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Models } from '../db/models';
import type { Role } from '../domain/roles';
import { audited } from './audit';
import type { Actor, AppContext } from './context';
import { AppError, notFound } from './errors';
import { assertMayChange, createMember } from './members';

export const signInLinkMinutes = 15;
export const invitationHours = 72;
export const sessionDays = 7;
export const sessionCookieName = 'tessera_session';

const sha256 = (secret: string) => createHash('sha256').update(secret).digest('hex');
const newSecret = () => randomBytes(32).toString('base64url');
const csrfTokenOf = (sessionSecret: string) => createHmac('sha256', sessionSecret).update('csrf').digest('base64url');

/** The app's page that redeems a link; the secret rides in the fragment, so it reaches no server log or Referer. */
export const signInUrl = (publicUrl: string, workspace: string, secret: string) =>
  `${publicUrl.replace(/\/$/, '')}/sign-in#workspace=${encodeURIComponent(workspace)}&token=${secret}`;

async function issueLink(models: Models, member: { _id: unknown; workspace: string; email: string }, purpose: 'invitation' | 'sign-in'): Promise<string> {
  const secret = newSecret();
  const ttlMs = purpose === 'invitation' ? invitationHours * 3_600_000 : signInLinkMinutes * 60_000;
  await models.SignInLink.create({
    _id: sha256(secret), workspace: member.workspace, memberId: String(member._id), email: member.email, purpose, expiresAt: new Date(Date.now() + ttlMs),
  });
  return secret;
}

/** Adds a member without an API key and mails them a one-time link into the app. */
export async function inviteMember(ctx: AppContext, actor: Actor, input: { email: string; role: Role; name?: string }) {
  await assertMayChange(ctx, actor, null, input.email, input.role);
  const secret = await audited(ctx, actor, 'member.invited', input.email, { model: 'Member', filter: { workspace: actor.workspace, email: input.email } },
    async () => issueLink(ctx.models, await createMember(ctx, actor, input), 'invitation'), () => ({ role: input.role }));
  // After the event: a mail that fails leaves the member invited (ask for a sign-in link to get in).
  await ctx.mailer.send({
    to: input.email,
    subject: `You are invited to ${actor.workspace} on Tessera`,
    text: `${actor.email} invited you to the workspace ${actor.workspace} as a ${input.role}.\n\nOpen this link to sign in (it works once, for ${invitationHours} hours):\n${signInUrl(ctx.publicUrl, actor.workspace, secret)}\n`,
  });
  return { email: input.email, role: input.role, expiresInHours: invitationHours };
}

/** Mails a sign-in link when the address is a member; answers the same either way, so membership does not leak. */
export async function requestSignInLink(ctx: AppContext, workspace: string, email: string) {
  const member = await ctx.models.Member.findOne({ workspace, email }).lean();
  if (member) {
    const secret = await issueLink(ctx.models, member, 'sign-in');
    await ctx.mailer.send({
      to: email,
      subject: `Sign in to ${workspace} on Tessera`,
      text: `Open this link to sign in to ${workspace} (it works once, for ${signInLinkMinutes} minutes):\n${signInUrl(ctx.publicUrl, workspace, secret)}\n\nIf you did not ask for it, ignore this mail.\n`,
    });
  }
  return { sent: true, expiresInMinutes: signInLinkMinutes };
}

const badLink = () => new AppError('unauthorized', 'this sign-in link is not valid: it was used already, has expired, or was never issued');

/** Uses a link up (one atomic update, so two tabs cannot both redeem it) and opens a session. */
export async function redeemSignInLink(ctx: AppContext, workspace: string, secret: string) {
  const now = new Date();
  const link = await ctx.models.SignInLink.findOneAndUpdate({ _id: sha256(secret), usedAt: null }, { $set: { usedAt: now } }).lean();
  if (!link || link.workspace !== workspace || link.expiresAt <= now) throw badLink();
  const member = await ctx.models.Member.findById(link.memberId).lean();
  if (!member) throw badLink();
  const sessionSecret = newSecret();
  const expiresAt = new Date(now.getTime() + sessionDays * 86_400_000);
  await ctx.models.Session.create({ _id: sha256(sessionSecret), workspace, memberId: link.memberId, email: member.email, expiresAt });
  return {
    cookieValue: sessionSecret,
    expiresAt,
    body: { email: member.email, role: member.role, csrfToken: csrfTokenOf(sessionSecret), expiresAt: expiresAt.toISOString() },
  };
}

const noSession = () => new AppError('unauthorized', 'the session has ended; sign in again');

/**
 * The caller behind a session cookie. Unsafe methods must carry the session's CSRF token in
 * `X-CSRF-Token`: another site can make the browser send the cookie, but cannot read the token.
 */
export async function authenticateSession(models: Models, secret: string, workspace: string, opts: { unsafe: boolean; csrfToken?: string }): Promise<Actor> {
  if (secret.length > 100) throw noSession();
  const session = await models.Session.findById(sha256(secret)).lean();
  if (!session || session.endedAt || session.expiresAt <= new Date()) throw noSession();
  if (session.workspace !== workspace) throw notFound(`workspace ${workspace}`);
  const member = await models.Member.findById(session.memberId).lean();
  if (!member) throw noSession();
  const csrfToken = csrfTokenOf(secret);
  if (opts.unsafe) {
    const given = Buffer.from(opts.csrfToken ?? '');
    const expected = Buffer.from(csrfToken);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new AppError('forbidden', 'a request with a session cookie must carry the session\'s X-CSRF-Token header');
    }
  }
  return {
    workspace, email: member.email, role: member.role as Role, memberId: String(member._id),
    session: { id: session._id, csrfToken, expiresAt: session.expiresAt },
  };
}

/** What the app needs after a reload: who is signed in and the CSRF token for its writes. */
export function describeSession(actor: Actor) {
  return {
    email: actor.email, role: actor.role, via: actor.session ? 'session' : 'api_key',
    ...(actor.session ? { csrfToken: actor.session.csrfToken, expiresAt: actor.session.expiresAt.toISOString() } : {}),
  };
}

export async function endSession(ctx: AppContext, actor: Actor) {
  if (actor.session) await ctx.models.Session.updateOne({ _id: actor.session.id }, { $set: { endedAt: new Date() } });
}

/** The cookie's attributes: HttpOnly, SameSite=Lax, scoped to the workspace's API, Secure when served over https. */
export function sessionCookie(workspace: string, value: string, opts: { secure: boolean; maxAgeSeconds: number }): string {
  return [
    `${sessionCookieName}=${value}`, `Path=/api/${encodeURIComponent(workspace)}`, `Max-Age=${opts.maxAgeSeconds}`,
    'HttpOnly', 'SameSite=Lax', ...(opts.secure ? ['Secure'] : []),
  ].join('; ');
}

/** `npm start` prints this when the bootstrap owner has never had a session, so a newcomer can sign in. */
export async function firstSignInUrl(models: Models, publicUrl: string, b: { workspace: string; email: string }): Promise<string | undefined> {
  if (await models.Session.exists({ workspace: b.workspace, email: b.email })) return undefined;
  const member = await models.Member.findOne({ workspace: b.workspace, email: b.email }).lean();
  if (!member) return undefined;
  return signInUrl(publicUrl, b.workspace, await issueLink(models, member, 'sign-in'));
}
