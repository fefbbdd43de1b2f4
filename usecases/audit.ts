// The audit log: changes to the workspace itself (members, roles, keys), kept as events of the
// workspace's own stream and read back as the audit view.
import { recordChange, type EventCheck } from '../db/event-log';
import { eventStreamId, workspaceStream, type EventKind } from '../domain/events';
import type { Actor, AppContext } from './context';
import { readEvents, settledHead, streamSeqs } from './timeline';

export type AuditAction = Extract<EventKind, `member.${string}` | `key.${string}`>;

/**
 * Makes a change to the workspace (members, roles, keys) inside its audit event: pending before, done
 * after, so a crash in between is settled by `check` (is the change there?) and neither the change nor
 * its line is lost. Never a secret in `details`.
 */
export function audited<T>(
  ctx: AppContext, actor: Actor, action: AuditAction, target: string, check: EventCheck,
  change: () => Promise<T>, detailsOf: (result: T) => Record<string, unknown>,
): Promise<T> {
  return recordChange(
    ctx.models,
    { workspace: actor.workspace, project: workspaceStream, kind: action, actor: actor.email, data: { target }, check },
    change,
    (result) => ({ details: detailsOf(result) }),
  );
}

export async function listAudit(ctx: AppContext, actor: Actor, opts: { limit: number; before?: Date }) {
  const stream = eventStreamId(actor.workspace, workspaceStream);
  const head = await settledHead(ctx, stream);
  const page = await readEvents(ctx, stream, streamSeqs(head, { order: 'newest' }), { order: 'newest', limit: opts.limit, before: opts.before });
  return {
    events: page.events.map((e) => ({ at: e.at, actor: e.actor, action: e.kind, target: e.data.target as string, details: e.data.details as Record<string, unknown> })),
  };
}
