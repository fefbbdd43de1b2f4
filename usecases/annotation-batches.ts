// Roboflow's annotation-batch administration: move listed images into a new batch, merge batches,
// delete a batch (its images go to "Unassigned"), list a batch's image ids.
import { batchMembers, emptyAndDeleteBatch, readBatchPage } from '../db/batch-pages';
import { recordChange } from '../db/event-log';
import { jobImageId } from '../db/job-stream';
import { defaultBatchPriority, hasLabels, maxBatchImages, unassignedBatchName } from '../domain/batches';
import { newId } from '../common/ids';
import { assertNameFree, createBatch, getBatch, insertBatch, loadBatch, projectScope, assertFilled, type Scope } from './batches';
import type { Actor, AppContext } from './context';
import { conflict, invalid } from './errors';

/** Moves listed images of one batch into a new batch (named for its source unless a name is given). */
export async function createAnnotationBatch(ctx: AppContext, actor: Actor, projectSlug: string, input: { sourceBatchId: string; imageIds: string[]; name?: string }) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const source = await ctx.models.Batch.findOne({ _id: input.sourceBatchId, ...scope }).lean();
  if (!source) throw invalid('sourceBatchId', `batch ${input.sourceBatchId} does not exist in project ${scope.project}`);
  const name = input.name ?? `${source.name} (${newId(6)})`;
  return createBatch(ctx, actor, projectSlug, { name, priority: source.priority, imageIds: input.imageIds, sourceBatchId: source._id });
}

/**
 * A job's batch follows its images, so a job's images stay in its batch. The Job collection is small
 * (one document per job), so this one filtered write is no scan of the images.
 */
async function moveJobs(ctx: AppContext, scope: Scope, fromBatchIds: string[], toBatchId: string) {
  await ctx.models.Job.updateMany({ ...scope, batchId: { $in: fromBatchIds } }, { $set: { batchId: toBatchId } });
}

/**
 * Merges whole batches (their images in jobs too, with their jobs) into an existing batch or a new one,
 * and removes the emptied sources. Everything is checked before the first write.
 */
export async function mergeBatches(
  ctx: AppContext, actor: Actor, projectSlug: string,
  input: { sourceBatchIds: string[]; targetBatchId?: string; name?: string; priority?: number },
) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const { Batch } = ctx.models;
  const sources = await Batch.find({ _id: { $in: input.sourceBatchIds }, ...scope }).lean();
  const missing = input.sourceBatchIds.filter((id) => !sources.some((s) => s._id === id));
  if (missing.length > 0) throw invalid('sourceBatchIds', `no such batch in project ${scope.project}: ${missing.join(', ')}`);
  sources.forEach(assertFilled);
  const target = input.targetBatchId ? await Batch.findOne({ _id: input.targetBatchId, ...scope }).lean() : null;
  if (input.targetBatchId) {
    if (!target) throw invalid('targetBatchId', `batch ${input.targetBatchId} does not exist in project ${scope.project}`);
    if (target.archived) throw conflict(`batch ${target.name} is archived`);
    assertFilled(target);
  } else {
    await assertNameFree(ctx, scope, input.name!);
  }
  const total = [...sources, ...(target ? [target] : [])].reduce((n, b) => n + (b.numImages ?? 0), 0);
  if (total > maxBatchImages) throw invalid('sourceBatchIds', `the merged batch would hold ${total} images; a batch holds at most ${maxBatchImages}`);
  const targetId = target?._id ?? newId();
  // Merged once every source is gone.
  await recordChange(ctx.models, {
    ...scope, kind: 'batch.merged', actor: actor.email, batch: targetId, data: { sources: sources.map((s) => ({ id: s._id, name: s.name })), images: total },
    check: { model: 'Batch', filter: { _id: { $in: input.sourceBatchIds } }, absent: true },
  }, async () => {
    if (!target) await insertBatch(ctx, scope, input.name!, input.priority ?? Math.min(...sources.map((s) => s.priority)), targetId);
    await moveJobs(ctx, scope, input.sourceBatchIds, targetId);
    for (const source of sources) await emptyAndDeleteBatch(ctx.models, source._id, targetId);
  });
  return getBatch(ctx, actor, projectSlug, targetId);
}

/** The batch's images, and how many have labels (a submitted annotation in their job). */
async function tally(ctx: AppContext, batchId: string) {
  let images = 0;
  let labeled = 0;
  for await (const members of batchMembers(ctx.models, batchId)) {
    images += members.length;
    const inJob = members.filter((m) => m.jobId);
    if (inJob.length === 0) continue;
    const states = await ctx.models.JobImage.find({ _id: { $in: inJob.map((m) => jobImageId(m.jobId!, m._id)) } }, { state: 1 }).lean();
    labeled += states.filter((ji) => hasLabels(ji.state)).length;
  }
  return { images, labeled };
}

/** The project's "Unassigned" batch, made when first needed. */
async function unassignedBatch(ctx: AppContext, scope: Scope) {
  const filter = { ...scope, name: unassignedBatchName };
  await ctx.models.Batch.updateOne(filter, { $setOnInsert: { _id: newId(), priority: defaultBatchPriority } }, { upsert: true });
  return (await ctx.models.Batch.findOne(filter).lean())!;
}

/**
 * Deletes a batch: refused while any of its images has labels; the rest (with any job they are in) go
 * to the project's "Unassigned" batch. Images themselves are never deleted (`permanent` is refused).
 */
export async function deleteBatch(ctx: AppContext, actor: Actor, projectSlug: string, batchId: string, query: { permanent: boolean }) {
  if (query.permanent) throw invalid('permanent', 'deleting the images themselves is not supported; omit permanent to keep them as unassigned');
  const scope = await projectScope(ctx, actor, projectSlug);
  const batch = await loadBatch(ctx, scope, batchId);
  assertFilled(batch);
  const { images, labeled } = await tally(ctx, batch._id);
  if (labeled > 0) throw conflict(`${labeled} of the batch's images have labels; a batch with labels cannot be deleted`, { labeled });
  if (batch.name === unassignedBatchName && images > 0) throw conflict(`the ${unassignedBatchName} batch cannot be deleted while it holds images`);
  const target = batch.name === unassignedBatchName ? batch : await unassignedBatch(ctx, scope);
  const moved = await recordChange(ctx.models, {
    ...scope, kind: 'batch.deleted', actor: actor.email, batch: batch._id, data: { name: batch.name, movedTo: target._id },
    check: { model: 'Batch', id: batch._id, absent: true },
  }, async () => {
    await moveJobs(ctx, scope, [batch._id], target._id);
    return emptyAndDeleteBatch(ctx.models, batch._id, target._id);
  }, (images) => ({ images }));
  return { id: batch._id, deleted: true, numImages: moved, movedTo: batch === target ? null : { id: target._id, name: target.name } };
}

/**
 * A page of the batch's image ids, in the order they joined it. `after` is the `next` of the page before
 * (`<page>.<offset>` on the batch's pages), so each page is a few lookups by _id whatever the batch's size.
 */
export async function listBatchImages(ctx: AppContext, actor: Actor, projectSlug: string, batchId: string, query: { limit: number; after?: string }) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const batch = await loadBatch(ctx, scope, batchId);
  const [startPage, startOffset] = query.after ? query.after.split('.').map(Number) as [number, number] : [0, -1];
  const imageIds: string[] = [];
  for (let page = startPage; page < (batch.pages ?? 0); page++) {
    for (const { offset, image } of await readBatchPage(ctx.models, batch._id, page)) {
      if (page === startPage && offset <= startOffset) continue;
      imageIds.push(image._id);
      if (imageIds.length === query.limit) return { imageIds, next: `${page}.${offset}` };
    }
  }
  return { imageIds, next: null };
}
