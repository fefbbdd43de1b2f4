// The audit log: changes to the workspace itself (members, roles, keys), kept as events of the
// workspace's own stream and read back as the audit view.
import { recordEvent } from '../db/event-log';
import { eventStreamId, workspaceStream, type EventKind } from '../domain/events';
import type { Actor, AppContext } from './context';
import { readEvents, settledHead, streamSeqs } from './timeline';

export type AuditAction = Extract<EventKind, `member.${string}` | `key.${string}`>;

/**
 * Who did what to whom; never a secret. Recorded after the change it describes: these changes are
 * rare, made by one admin's request, and a crash between the two loses only the line, never the change.
 */
export async function audit(ctx: AppContext, actor: Actor, action: AuditAction, target: string, details: Record<string, unknown> = {}) {
  await recordEvent(ctx.models, { workspace: actor.workspace, project: workspaceStream, kind: action, actor: actor.email, data: { target, details } });
}

export async function listAudit(ctx: AppContext, actor: Actor, opts: { limit: number; before?: Date }) {
  const stream = eventStreamId(actor.workspace, workspaceStream);
  const head = await settledHead(ctx, stream);
  const page = await readEvents(ctx, stream, streamSeqs(head, { order: 'newest' }), { order: 'newest', limit: opts.limit, before: opts.before });
  return {
    events: page.events.map((e) => ({ at: e.at, actor: e.actor, action: e.kind, target: e.data.target as string, details: e.data.details as Record<string, unknown> })),
  };
}
