// Members, API keys and the audit log: the workspace's people and their access.
import { listAudit } from '../../usecases/audit';
import { addMember, createKey, listKeys, listMembers, removeMember, revokeKey, rotateKeys, updateMember, whoAmI } from '../../usecases/members';
import { invalid } from '../../usecases/errors';
import { defineRoute, type RouteSpec } from '../route';
import { addMemberBody, auditQuery, createKeyBody, emailParam, keysQuery, updateMemberBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

/** A member's email from the path, validated like a body field. */
const emailOf = (params: Record<string, string>) => {
  const parsed = emailParam.safeParse(params.email);
  if (!parsed.success) throw invalid('email', 'not an email address');
  return parsed.data;
};

export const identityRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/members'), summary: 'Add a member and issue their API key (shown once)', action: 'members.manage',
    body: addMemberBody,
    handler: async (ctx, { actor, body }) => ({ status: 201, body: await addMember(ctx, actor, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/me'), summary: 'The caller: email, name and role', action: 'workspace.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: await whoAmI(ctx, actor) }),
  }),
  defineRoute({
    method: 'post', path: p('/me/keys/rotate'), summary: 'Rotate the caller\'s own keys: all are revoked, one new key is shown once', action: 'workspace.read',
    successStatus: 201,
    handler: async (ctx, { actor }) => ({ status: 201, body: await rotateKeys(ctx, actor, actor.email) }),
  }),
  defineRoute({
    method: 'get', path: p('/members'), response: answers.memberList, summary: 'List members', action: 'members.read',
    handler: async (ctx, { actor }) => ({ status: 200, body: await listMembers(ctx, actor) }),
  }),
  defineRoute({
    method: 'patch', path: p('/members/:email'), summary: 'Change a member\'s role or name', action: 'members.manage', body: updateMemberBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateMember(ctx, actor, emailOf(params), body) }),
  }),
  defineRoute({
    method: 'delete', path: p('/members/:email'), summary: 'Remove a member: their keys stop working and their leased images are released', action: 'members.manage',
    handler: async (ctx, { actor, params }) => {
      await removeMember(ctx, actor, emailOf(params));
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'post', path: p('/members/:email/keys'), summary: 'Issue another API key for a member (shown once)', action: 'members.manage', body: createKeyBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createKey(ctx, actor, emailOf(params), body.name) }),
  }),
  defineRoute({
    method: 'post', path: p('/members/:email/keys/rotate'), summary: 'Rotate a member\'s keys: all are revoked, one new key is shown once', action: 'members.manage',
    successStatus: 201,
    handler: async (ctx, { actor, params }) => ({ status: 201, body: await rotateKeys(ctx, actor, emailOf(params)) }),
  }),
  defineRoute({
    method: 'get', path: p('/keys'), summary: 'List API keys by prefix (never the secrets)', action: 'members.manage', query: keysQuery,
    handler: async (ctx, { actor, query }) => ({ status: 200, body: await listKeys(ctx, actor, query.email) }),
  }),
  defineRoute({
    method: 'delete', path: p('/keys/:prefix'), summary: 'Revoke one API key; it stops working at once', action: 'members.manage',
    handler: async (ctx, { actor, params }) => {
      await revokeKey(ctx, actor, params.prefix!);
      return { status: 204 };
    },
  }),
  defineRoute({
    method: 'get', path: p('/audit'), summary: 'Membership, role and key changes, newest first', action: 'audit.read', query: auditQuery,
    handler: async (ctx, { actor, query }) => ({ status: 200, body: await listAudit(ctx, actor, query) }),
  }),
];
