// Batches: named, prioritised sets of a project's images (Labelbox's rules, Roboflow's batches). Images
// are read and moved 1,000 at a time by _id (db/batch-pages.ts); a batch's counts come from its own
// counter and its jobs' counters, so listing batches reads no image.
import { randomInt } from 'node:crypto';
import { WithStartWorkflowOperation } from '@temporalio/client';
import { recordChange } from '../db/event-log';
import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { batchMembers, type BatchMember } from '../db/batch-pages';
import { fillResult, stillFilling, writeFillPages, type Scope } from '../db/batch-fill';
import { jobProgressOf } from '../db/job-stream';
import type { JobDoc } from '../db/models';
import { batchCounts, samplePool } from '../domain/batches';
import { filledUpdate, fillBatch } from '../workflows/fill-batch';
import type { Actor, AppContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { loadProject } from './projects';
import { batchIngestion } from './uploads';
import { waitOnWorker } from './worker-wait';

export interface CreateBatchInput {
  name: string;
  priority: number;
  imageIds?: string[];
  sourceBatchId?: string;
  sample?: { size: number; method: 'random' | 'ordered'; seed?: number };
}

export type { Scope };
type BatchRecord = {
  _id: string; name: string; priority: number; archived?: boolean | null; numImages?: number | null; createdAt: Date;
  fill?: { pages: number; done: number; filled: boolean } | null;
};
type JobOfBatch = Pick<JobDoc, 'batchId' | 'status' | 'counts'>;

export async function projectScope(ctx: AppContext, actor: Actor, projectSlug: string): Promise<Scope> {
  const project = await loadProject(ctx, actor, projectSlug);
  return { workspace: actor.workspace, project: project.slug };
}

/** A batch named in the path: 404 unless it is in the caller's project. */
export async function loadBatch(ctx: AppContext, scope: Scope, batchId: string) {
  const batch = await ctx.models.Batch.findOne({ _id: batchId, ...scope }).lean();
  if (!batch) throw notFound(`batch ${batchId}`);
  return batch;
}

/** Early and cheap; the unique index decides when two requests race (see insertBatch). */
export async function assertNameFree(ctx: AppContext, scope: Scope, name: string) {
  const taken = await ctx.models.Batch.exists({ ...scope, name });
  // Its id: a script retrying a request that was answered 503 (or lost) finds its batch there.
  if (taken) throw conflict(`a batch named "${name}" already exists in this project`, { batchId: taken._id });
}

/** A batch whose request is still moving its images in may not be merged, deleted or given a job yet: 409. */
export function assertFilled(batch: { _id: string; name: string; fill?: { filled?: boolean | null } | null }) {
  if (stillFilling(batch)) throw conflict(`batch ${batch.name} is still being filled by the request that created it; try again once GET …/batches/${batch._id}/fill says filled`);
}

export async function insertBatch(ctx: AppContext, scope: Scope, name: string, priority: number, id = newId()) {
  try {
    return (await ctx.models.Batch.create({ _id: id, ...scope, name, priority })).toObject();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`a batch named "${name}" already exists in this project`);
    throw err;
  }
}

/** Images in no job, oldest first: the source batch's, or else every batch's of the project. */
async function samplingPool(ctx: AppContext, scope: Scope, sourceBatchId?: string): Promise<BatchMember[]> {
  const batchIds = sourceBatchId ? [sourceBatchId] : (await ctx.models.Batch.find(scope, { _id: 1 }).lean()).map((b) => b._id);
  const pool: BatchMember[] = [];
  for (const batchId of batchIds) {
    for await (const members of batchMembers(ctx.models, batchId)) pool.push(...members.filter((m) => !m.jobId));
  }
  return pool.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0));
}

/**
 * Creates a batch from listed images or a sample, moving them from the batches they sat in. Bad input (an
 * unknown source, a name taken) is refused before anything is written. The ids are stored as pages and
 * the `fillBatch` workflow moves them, so once the workflow has started a crash only delays the batch;
 * the answer waits for it, bounded like every wait on a worker (503 with the batch id past that: the
 * batch's `fill` then tells the rest).
 */
export async function createBatch(ctx: AppContext, actor: Actor, projectSlug: string, input: CreateBatchInput) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const { sourceBatchId } = input;
  if (sourceBatchId && !(await ctx.models.Batch.exists({ _id: sourceBatchId, ...scope }))) {
    throw invalid('sourceBatchId', `batch ${sourceBatchId} does not exist in project ${scope.project}`);
  }
  await assertNameFree(ctx, scope, input.name);
  let imageIds = input.imageIds;
  let sample: { method: string; size: number; seed: number } | undefined;
  if (!imageIds) {
    const { size, method } = input.sample!;
    const seed = input.sample!.seed ?? randomInt(0x1_0000_0000);
    imageIds = samplePool(await samplingPool(ctx, scope, sourceBatchId), size, method, seed).map((m) => m._id);
    sample = { method, size, seed };
  }
  const batchId = newId();
  const pages = await writeFillPages(ctx.models, batchId, imageIds);
  const startWorkflowOperation = new WithStartWorkflowOperation(fillBatch, {
    workflowId: workflowIds.fillBatch(batchId),
    taskQueue: ctx.taskQueues.jobs,
    workflowIdConflictPolicy: 'FAIL',
    args: [{ batchId, ...scope, name: input.name, priority: input.priority, pages, actor: actor.email, sourceBatchId, sample }],
  });
  await waitOnWorker(ctx, { batchId }, () => ctx.temporal.workflow.executeUpdateWithStart(filledUpdate, { startWorkflowOperation }));
  return (await filledBatch(ctx, scope, batchId)).result!;
}

export async function getBatchFill(ctx: AppContext, actor: Actor, projectSlug: string, batchId: string) {
  return filledBatch(ctx, await projectScope(ctx, actor, projectSlug), batchId);
}

/** A filled batch as POST batches answers it: what moved, and what stayed with why. Null while filling. */
async function filledBatch(ctx: AppContext, scope: Scope, batchId: string) {
  const batch = await loadBatch(ctx, scope, batchId);
  if (!batch.fill) throw notFound(`batch ${batchId} was not made by a request to create a batch, so it has no fill`);
  const progress = { done: batch.fill.done, total: batch.fill.pages };
  if (!batch.fill.filled) return { status: 'filling' as const, progress, result: null };
  const { numImages, excluded } = await fillResult(ctx.models, batchId, batch.fill.pages);
  const { sample } = batch.fill;
  return { status: 'filled' as const, progress, result: { id: batch._id, name: batch.name, priority: batch.priority, numImages, excluded, ...(sample ? { sample } : {}) } };
}

/**
 * Roboflow's batch fields (`images`, `numJobs`, `uploaded`) beside Tessera's. `counts` partitions
 * numImages: `unassigned` (in no job) and the four job states of those in a job.
 */
type Ingestion = Awaited<ReturnType<typeof batchIngestion>>;

export function batchView(b: BatchRecord, jobs: JobOfBatch[], ingestion?: Ingestion) {
  const own = jobs.filter((j) => j.batchId === b._id);
  const numImages = Math.max(0, b.numImages ?? 0);
  const ms = b.createdAt.getTime();
  return {
    id: b._id, name: b.name, priority: b.priority, status: b.archived ? 'archived' : 'active',
    numImages, images: numImages, numJobs: own.length,
    counts: batchCounts(numImages, own.map((j) => ({ status: j.status, counts: jobProgressOf({ ...j, numImages: 0, inDataset: 0 }) }))),
    uploaded: { _seconds: Math.floor(ms / 1000), _nanoseconds: (ms % 1000) * 1_000_000 },
    /** Files of the batch's uploads whose thumbnails are still being made: done of total. */
    ingestion: ingestion ?? { uploads: 0, done: 0, total: 0 },
    filling: b.fill && stillFilling(b) ? { done: b.fill.done, total: b.fill.pages } : null,
  };
}

/** The project's jobs, for the counts: the Job collection is small beside the images. */
export const jobsOf = (ctx: AppContext, scope: Scope) => ctx.models.Job.find(scope, { batchId: 1, status: 1, counts: 1 }).lean();

const byAge = (a: BatchRecord, b: BatchRecord) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

export async function listBatches(ctx: AppContext, actor: Actor, projectSlug: string) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const [batches, jobs] = await Promise.all([ctx.models.Batch.find(scope).lean(), jobsOf(ctx, scope)]);
  const ingestions = await Promise.all(batches.map((b) => batchIngestion(ctx, b)));
  return { batches: (batches as BatchRecord[]).map((b, i) => ({ b, i })).sort((x, y) => byAge(x.b, y.b)).map(({ b, i }) => batchView(b, jobs, ingestions[i])) };
}

/**
 * Roboflow's annotation-board list: oldest first, `limit` at a time; `after` is the `next` of the page
 * before (`<created ms>_<id>`, so a batch deleted meanwhile does not lose the place).
 */
export async function listAnnotationBatches(ctx: AppContext, actor: Actor, projectSlug: string, query: { limit: number; after?: string; showEmpty: boolean }) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const [batches, jobs] = await Promise.all([ctx.models.Batch.find(scope).lean(), jobsOf(ctx, scope)]);
  const [afterMs, afterId] = query.after ? [Number(query.after.split('_')[0]), query.after.split('_')[1]!] : [-1, ''];
  const rest = (batches as BatchRecord[]).sort(byAge).filter((b) => (query.showEmpty || (b.numImages ?? 0) > 0) &&
    (b.createdAt.getTime() > afterMs || (b.createdAt.getTime() === afterMs && b._id > afterId)));
  const page = rest.slice(0, query.limit);
  const last = page.at(-1);
  return { batches: page.map((b) => batchView(b, jobs)), next: rest.length > page.length && last ? `${last.createdAt.getTime()}_${last._id}` : null };
}

export async function getBatch(ctx: AppContext, actor: Actor, projectSlug: string, batchId: string) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const batch = await loadBatch(ctx, scope, batchId);
  return batchView(batch, await jobsOf(ctx, scope), await batchIngestion(ctx, batch));
}

/**
 * Archives a batch: no job can be made from it any more (POST jobs answers 409), and its images in no
 * job are free to be taken into a new batch. Archiving twice is harmless.
 */
export async function archiveBatch(ctx: AppContext, actor: Actor, projectSlug: string, batchId: string) {
  const scope = await projectScope(ctx, actor, projectSlug);
  // Looked up first: a batch that is not there is a 404 with nothing written, not a void event.
  await loadBatch(ctx, scope, batchId);
  const batch = await recordChange(ctx.models, {
    ...scope, kind: 'batch.archived', actor: actor.email, batch: batchId, check: { model: 'Batch', id: batchId, filter: { archived: true } },
  }, async () => {
    const archived = await ctx.models.Batch.findOneAndUpdate({ _id: batchId, ...scope }, { $set: { archived: true } }, { returnDocument: 'after' }).lean();
    if (!archived) throw notFound(`batch ${batchId}`);
    return archived;
  }, (archived) => ({ name: archived.name }));
  return batchView(batch, await jobsOf(ctx, scope));
}
