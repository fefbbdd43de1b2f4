import type { Actor, AppContext } from './context';

export type AuditAction =
  | 'member.added' | 'member.updated' | 'member.removed'
  | 'key.issued' | 'key.revoked' | 'key.rotated'
  | 'member.invited';

/** Who did what to whom; never a secret. */
export async function audit(ctx: AppContext, actor: Actor, action: AuditAction, target: string, details: Record<string, unknown> = {}) {
  await ctx.models.AuditEvent.create({ workspace: actor.workspace, actor: actor.email, action, target, details });
}

export async function listAudit(ctx: AppContext, actor: Actor, opts: { limit: number; before?: Date }) {
  const filter = { workspace: actor.workspace, ...(opts.before ? { createdAt: { $lt: opts.before } } : {}) };
  const events = await ctx.models.AuditEvent.find(filter).sort({ createdAt: -1, _id: -1 }).limit(opts.limit).lean();
  return {
    events: events.map((e) => ({ at: e.createdAt.toISOString(), actor: e.actor, action: e.action, target: e.target, details: e.details })),
  };
}
