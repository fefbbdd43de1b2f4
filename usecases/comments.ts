// Comments on an image: threads of replies, edits that keep their history, deletions that stay
// visible as such, resolved threads, and `@email` mentions mailed once to members who can see the image.
import { recordChange } from '../db/event-log';
import type { EventDraft } from '../db/event-log';
import type { EventKind } from '../domain/events';
import { canSeeJob, roleAllows } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { conflict, forbidden, invalid, notFound } from './errors';
import { loadVisibleImage } from './image-access';

type Visible = Awaited<ReturnType<typeof loadVisibleImage>>;
type CommentDoc = {
  _id: string; n: number; thread: number; author: string; text: string; history?: { text?: string | null; at?: Date | null }[] | null;
  deletedAt?: Date | null; deletedBy?: string | null; resolvedAt?: Date | null; resolvedBy?: string | null; createdAt: Date; updatedAt: Date; edits?: number | null;
};

const commentId = (imageId: string, n: number) => `${imageId}:c${n}`;
const mentionPattern = /@([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;

function commentView(c: CommentDoc) {
  const deleted = c.deletedAt != null;
  return {
    id: c.n, thread: c.thread, author: c.author, text: deleted ? null : c.text, createdAt: c.createdAt.toISOString(),
    editedAt: c.edits ? c.updatedAt.toISOString() : null,
    deletedAt: c.deletedAt?.toISOString() ?? null, deletedBy: c.deletedBy ?? null,
    resolvedAt: c.resolvedAt?.toISOString() ?? null, resolvedBy: c.resolvedBy ?? null,
    /** Earlier texts, oldest first; the deleted text is the last of them. */
    history: (c.history ?? []).map((h) => ({ text: h.text ?? '', at: h.at?.toISOString() ?? null })),
  };
}

function eventOf(visible: Visible, actor: Actor, kind: EventKind, n: number, data: Record<string, unknown>): EventDraft {
  return {
    workspace: actor.workspace, project: visible.project.slug, kind, actor: actor.email, image: visible.image._id,
    job: visible.job?._id, comment: commentId(visible.image._id, n), data: { comment: n, ...data },
  };
}

export async function listComments(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string) {
  await loadVisibleImage(ctx, actor, projectSlug, imageId);
  const count = (await ctx.models.CommentCount.findById(imageId).lean())?.n ?? 0;
  const ids = Array.from({ length: count }, (_, i) => commentId(imageId, i + 1));
  const docs = ids.length ? await ctx.models.Comment.find({ _id: { $in: ids } }).lean() : [];
  docs.sort((a, b) => a.n - b.n);
  const threads = docs.filter((c) => c.thread === c.n).map((root) => ({
    ...commentView(root), replies: docs.filter((c) => c.thread === root.n && c.n !== root.n).map(commentView),
  }));
  return { threads };
}

export async function addComment(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, input: { text: string; replyTo?: number }) {
  const visible = await loadVisibleImage(ctx, actor, projectSlug, imageId);
  let thread: number | undefined;
  if (input.replyTo !== undefined) {
    const parent = await ctx.models.Comment.findById(commentId(imageId, input.replyTo)).lean();
    if (!parent) throw invalid('replyTo', `the image has no comment ${input.replyTo}`);
    thread = parent.thread;
  }
  const { n } = (await ctx.models.CommentCount.findOneAndUpdate({ _id: imageId }, { $inc: { n: 1 } }, { upsert: true, returnDocument: 'after' }).lean())!;
  const doc = await recordChange(
    ctx.models,
    { ...eventOf(visible, actor, 'comment.created', n, { thread: thread ?? n, text: input.text }), check: { model: 'Comment', id: commentId(imageId, n) } },
    () => ctx.models.Comment.create({
      _id: commentId(imageId, n), workspace: actor.workspace, project: visible.project.slug, image: imageId, n, thread: thread ?? n, author: actor.email, text: input.text,
    }),
  );
  const mentioned = await mailMentions(ctx, actor, visible, doc._id, input.text);
  return { ...commentView(doc.toObject() as CommentDoc), mentioned };
}

async function loadComment(ctx: AppContext, imageId: string, n: number) {
  const c = await ctx.models.Comment.findById(commentId(imageId, n)).lean();
  if (!c) throw notFound(`comment ${n} on image ${imageId}`);
  return c as CommentDoc;
}

export async function editComment(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, n: number, input: { text: string }) {
  const visible = await loadVisibleImage(ctx, actor, projectSlug, imageId);
  const c = await loadComment(ctx, imageId, n);
  if (c.author !== actor.email) throw forbidden('only its author edits a comment');
  if (c.deletedAt) throw conflict('the comment is deleted');
  const edits = (c.edits ?? 0) + 1;
  await recordChange(
    ctx.models,
    { ...eventOf(visible, actor, 'comment.edited', n, { text: input.text, previous: c.text }), check: { model: 'Comment', id: c._id, filter: { edits: { $gte: edits } } } },
    async () => {
      // Conditional on the text read, so two racing edits cannot both keep the same history entry.
      const res = await ctx.models.Comment.updateOne(
        { _id: c._id, text: c.text, deletedAt: null },
        { $set: { text: input.text }, $push: { history: { text: c.text, at: c.updatedAt } }, $inc: { edits: 1 } },
      );
      if (res.modifiedCount !== 1) throw conflict('the comment changed meanwhile; load it again');
    },
  );
  const mentioned = await mailMentions(ctx, actor, visible, c._id, input.text);
  return { ...commentView(await loadComment(ctx, imageId, n)), mentioned };
}

export async function deleteComment(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, n: number) {
  const visible = await loadVisibleImage(ctx, actor, projectSlug, imageId);
  const c = await loadComment(ctx, imageId, n);
  if (c.author !== actor.email && !roleAllows(actor.role, 'jobs.manage')) throw forbidden('only its author or a manager deletes a comment');
  if (c.deletedAt) return commentView(c);
  await recordChange(
    ctx.models,
    { ...eventOf(visible, actor, 'comment.deleted', n, {}), check: { model: 'Comment', id: c._id, filter: { deletedAt: { $ne: null } } } },
    async () => {
      await ctx.models.Comment.updateOne(
        { _id: c._id, deletedAt: null },
        { $set: { deletedAt: new Date(), deletedBy: actor.email }, $push: { history: { text: c.text, at: c.updatedAt } } },
      );
    },
  );
  return commentView(await loadComment(ctx, imageId, n));
}

/** Resolves (or reopens) the thread a comment belongs to. */
export async function resolveThread(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, n: number, input: { resolved: boolean }) {
  const visible = await loadVisibleImage(ctx, actor, projectSlug, imageId);
  const root = await loadComment(ctx, imageId, (await loadComment(ctx, imageId, n)).thread);
  if ((root.resolvedAt != null) === input.resolved) return commentView(root);
  await recordChange(
    ctx.models,
    {
      ...eventOf(visible, actor, 'comment.resolved', root.n, { resolved: input.resolved }),
      check: { model: 'Comment', id: root._id, filter: { resolvedAt: input.resolved ? { $ne: null } : null } },
    },
    () => ctx.models.Comment.updateOne(
      { _id: root._id },
      { $set: input.resolved ? { resolvedAt: new Date(), resolvedBy: actor.email } : { resolvedAt: null, resolvedBy: null } },
    ),
  );
  return commentView(await loadComment(ctx, imageId, root.n));
}

/**
 * Mails each member mentioned who may see the image, once per comment: the address is claimed on the
 * comment before sending and unclaimed if sending fails, so a later edit tries again.
 */
async function mailMentions(ctx: AppContext, actor: Actor, visible: Visible, id: string, text: string): Promise<string[]> {
  const emails = [...new Set([...text.matchAll(mentionPattern)].map((m) => m[1]!.toLowerCase()))].filter((e) => e !== actor.email);
  const mailed: string[] = [];
  for (const email of emails) {
    const member = await ctx.models.Member.findOne({ workspace: actor.workspace, email }).lean();
    if (!member || !canSeeJob(member, visible.job ?? { labeler: '', reviewer: '' })) continue;
    const claimed = await ctx.models.Comment.updateOne({ _id: id, mailed: { $ne: email } }, { $addToSet: { mailed: email } });
    if (claimed.modifiedCount !== 1) continue;
    const link = `${ctx.publicUrl}/${actor.workspace}/${visible.project.slug}/images/${visible.image._id}`;
    try {
      await ctx.mailer.send({
        to: email,
        subject: `${actor.email} mentioned you on ${visible.image.name}`,
        text: `${actor.email} mentioned you in a comment on ${visible.image.name} (project ${visible.project.name}):\n\n${text}\n\n${link}\n`,
      });
      mailed.push(email);
    } catch (err) {
      ctx.logger.warn({ err, email }, 'could not mail a mention');
      await ctx.models.Comment.updateOne({ _id: id }, { $pull: { mailed: email } });
    }
  }
  return mailed;
}
