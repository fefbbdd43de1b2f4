// Sign-in for people: invitations, emailed sign-in links, the browser session and signing out.
import { describeSession, endSession, inviteMember, redeemSignInLink, requestSignInLink, sessionCookie } from '../../usecases/sessions';
import { defineRoute, type RouteSpec } from '../route';
import { inviteMemberBody, redeemSignInBody, signInLinkBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const sessionsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/invitations'), summary: 'Add a member and email them a one-time sign-in link (no API key is issued)', action: 'members.manage',
    body: inviteMemberBody, tags: ['sessions'],
    handler: async (ctx, { actor, body }) => ({ status: 201, body: await inviteMember(ctx, actor, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/sign-in-links'), summary: 'Email a one-time sign-in link to a member (answers the same for any address)', action: 'public',
    body: signInLinkBody, tags: ['sessions'], successStatus: 202,
    handler: async (ctx, { params, body }) => ({ status: 202, body: await requestSignInLink(ctx, params.workspace!, body.email) }),
  }),
  defineRoute({
    method: 'post', path: p('/sessions'), response: answers.sessionAnswer, summary: 'Redeem a sign-in link: sets the HttpOnly session cookie and returns the CSRF token', action: 'public',
    body: redeemSignInBody, tags: ['sessions'],
    handler: async (ctx, { params, body }) => {
      const opened = await redeemSignInLink(ctx, params.workspace!, body.token);
      const maxAgeSeconds = Math.floor((opened.expiresAt.getTime() - Date.now()) / 1000);
      const cookie = sessionCookie(params.workspace!, opened.cookieValue, { secure: ctx.publicUrl.startsWith('https:'), maxAgeSeconds });
      return { status: 201, body: opened.body, headers: { 'set-cookie': cookie, 'cache-control': 'no-store' } };
    },
  }),
  defineRoute({
    method: 'get', path: p('/session'), response: answers.sessionAnswer, summary: 'The caller and how they came: with a session, its CSRF token and end', action: 'workspace.read',
    tags: ['sessions'],
    handler: async (_ctx, { actor }) => ({ status: 200, body: describeSession(actor), headers: { 'cache-control': 'no-store' } }),
  }),
  defineRoute({
    method: 'delete', path: p('/session'), summary: 'Sign out: ends the session and clears its cookie (nothing to end for an API key)', action: 'workspace.read',
    tags: ['sessions'],
    handler: async (ctx, { actor }) => {
      await endSession(ctx, actor);
      return { status: 204, headers: { 'set-cookie': sessionCookie(actor.workspace, '', { secure: ctx.publicUrl.startsWith('https:'), maxAgeSeconds: 0 }) } };
    },
  }),
];
