// Webhooks: a manager's URLs per project, each with the event kinds it wants, a secret to check our
// signature with, and a durable workflow delivering to it (workflows/deliver-webhook.ts).
import { randomBytes } from 'node:crypto';
import { attemptDelivery, deliveryId, resolveTarget } from '../activities/webhook-delivery';
import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { eventStreamId, type EventKind } from '../domain/events';
import { deliverWebhook } from '../workflows/deliver-webhook';
import type { Actor, AppContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { loadProject } from './projects';

/** After a rotation, deliveries carry a signature with the old secret too for this long, so receivers can switch over. */
const rotationGraceMs = 24 * 3600_000;

type HookDoc = { _id: string; url: string; kinds: string[]; description?: string | null; enabled: boolean; createdBy: string; cursor: number; createdAt: Date; previousUntil?: Date | null };

function hookView(h: HookDoc) {
  return {
    id: h._id, url: h.url, kinds: h.kinds, description: h.description ?? '', enabled: h.enabled, createdBy: h.createdBy,
    created: h.createdAt.toISOString(), cursor: h.cursor, previousSecretValidUntil: h.previousUntil && h.previousUntil > new Date() ? h.previousUntil.toISOString() : null,
  };
}

const newSecret = () => `whsec_${randomBytes(24).toString('base64url')}`;

async function checkUrl(ctx: AppContext, url: string) {
  const target = await resolveTarget(url, ctx.webhooks.allowPrivate);
  if ('refused' in target) throw invalid('url', target.refused);
}

async function loadHook(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  const hook = await ctx.models.Webhook.findById(hookId).lean();
  if (!hook || hook.workspace !== actor.workspace || hook.project !== project.slug) throw notFound(`webhook ${hookId}`);
  return hook as HookDoc & { workspace: string; project: string };
}

function startDelivering(ctx: AppContext, hookId: string) {
  const { maxAttempts, retryInitialMs: initialMs, timeoutMs } = ctx.webhooks;
  return ctx.temporal.workflow.start(deliverWebhook, {
    workflowId: workflowIds.deliverWebhook(hookId), taskQueue: ctx.taskQueues.jobs, workflowIdConflictPolicy: 'USE_EXISTING',
    args: [{ hookId, retry: { maxAttempts, initialMs, timeoutMs } }],
  });
}

export async function createWebhook(ctx: AppContext, actor: Actor, projectSlug: string, input: { url: string; kinds: EventKind[]; description?: string }) {
  const project = await loadProject(ctx, actor, projectSlug);
  await checkUrl(ctx, input.url);
  // Events from now on: the stream's number at creation is where it starts.
  const head = (await ctx.models.EventStream.findById(eventStreamId(actor.workspace, project.slug), { seq: 1 }).lean())?.seq ?? 0;
  const secret = newSecret();
  const hook = await ctx.models.Webhook.create({
    _id: newId(), workspace: actor.workspace, project: project.slug, url: input.url, kinds: input.kinds, description: input.description ?? '',
    secret, createdBy: actor.email, cursor: head,
  });
  await startDelivering(ctx, hook._id);
  return { ...hookView(hook.toObject() as HookDoc), secret };
}

export async function listWebhooks(ctx: AppContext, actor: Actor, projectSlug: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  // A project has few hooks; the collection is small.
  const hooks = await ctx.models.Webhook.find({ workspace: actor.workspace, project: project.slug }).sort({ createdAt: 1 }).lean();
  return { webhooks: hooks.map((h) => hookView(h as HookDoc)) };
}

export async function getWebhook(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string) {
  return hookView(await loadHook(ctx, actor, projectSlug, hookId));
}

export async function updateWebhook(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string, input: { url?: string; kinds?: EventKind[]; description?: string; enabled?: boolean }) {
  await loadHook(ctx, actor, projectSlug, hookId);
  if (input.url !== undefined) await checkUrl(ctx, input.url);
  const set = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined));
  const hook = await ctx.models.Webhook.findOneAndUpdate({ _id: hookId }, { $set: set }, { returnDocument: 'after' }).lean();
  // Disabled, its workflow ends at its next look; enabled, one starts again from the cursor.
  if (hook!.enabled) await startDelivering(ctx, hookId);
  return hookView(hook as HookDoc);
}

export async function deleteWebhook(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string) {
  await loadHook(ctx, actor, projectSlug, hookId);
  await ctx.models.Webhook.deleteOne({ _id: hookId });
  return { id: hookId, deleted: true };
}

export async function rotateWebhookSecret(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string) {
  const old = await ctx.models.Webhook.findById(hookId, { secret: 1 }).lean();
  await loadHook(ctx, actor, projectSlug, hookId);
  const secret = newSecret();
  const hook = await ctx.models.Webhook.findOneAndUpdate(
    { _id: hookId, secret: old!.secret },
    { $set: { secret, previousSecret: old!.secret, previousUntil: new Date(Date.now() + rotationGraceMs) } },
    { returnDocument: 'after' },
  ).lean();
  if (!hook) throw conflict('the secret was rotated meanwhile');
  return { ...hookView(hook as HookDoc), secret };
}

type DeliveryDoc = { _id: string; seq: number; eventId: string; kind: string; job?: string | null; status: string; attempts?: { at?: Date | null; status?: number | null; error?: string | null; ms?: number | null }[] | null };

function deliveryView(d: DeliveryDoc) {
  return {
    id: String(d.seq), eventId: d.eventId, kind: d.kind, job: d.job ?? null, status: d.status,
    attempts: (d.attempts ?? []).map((a) => ({ at: a.at?.toISOString() ?? null, status: a.status ?? null, error: a.error ?? null, ms: a.ms ?? null })),
  };
}

/** Newest first, by the stream's numbers down from the hook's cursor (lookups by _id); `after` is the `next` before. */
export async function listDeliveries(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string, query: { status?: string; limit: number; after?: number }) {
  const hook = await loadHook(ctx, actor, projectSlug, hookId);
  const head = (await ctx.models.EventStream.findById(eventStreamId(hook.workspace, hook.project), { seq: 1 }).lean())?.seq ?? 0;
  const out: ReturnType<typeof deliveryView>[] = [];
  let seq = query.after !== undefined ? query.after - 1 : head;
  let examined = 0;
  while (seq >= 1 && out.length < query.limit && examined < 2000) {
    const seqs = Array.from({ length: Math.min(200, seq) }, (_, i) => seq - i);
    const docs = new Map((await ctx.models.Delivery.find({ _id: { $in: seqs.map((n) => deliveryId(hookId, n)) } }).lean()).map((d) => [d.seq, d]));
    for (const n of seqs) {
      examined++;
      seq = n - 1;
      const d = docs.get(n);
      if (d && (!query.status || d.status === query.status)) out.push(deliveryView(d as DeliveryDoc));
      if (out.length >= query.limit) break;
    }
  }
  return { deliveries: out, next: seq >= 1 ? String(seq + 1) : null };
}

/** Sends one delivery again now (whatever its status), recording the attempt. */
export async function replayDelivery(ctx: AppContext, actor: Actor, projectSlug: string, hookId: string, seq: number) {
  await loadHook(ctx, actor, projectSlug, hookId);
  if (!(await ctx.models.Delivery.exists({ _id: deliveryId(hookId, seq) }))) throw notFound(`delivery ${seq} of webhook ${hookId}`);
  const outcome = await attemptDelivery(ctx.models, ctx.webhooks, hookId, seq, { replay: true });
  if ('skipped' in outcome) throw conflict(outcome.skipped === 'void' ? 'the event is not in the log' : `the webhook is ${outcome.skipped}`);
  const d = await ctx.models.Delivery.findById(deliveryId(hookId, seq)).lean();
  return deliveryView(d as DeliveryDoc);
}
