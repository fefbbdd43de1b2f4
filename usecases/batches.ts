// Batches: named, prioritised sets of a project's images (Labelbox's rules, Roboflow's batches). Images
// are read and moved 1,000 at a time by _id (db/batch-pages.ts); a batch's counts come from its own
// counter and its jobs' counters, so listing batches reads no image.
import { randomInt } from 'node:crypto';
import { recordChange } from '../db/event-log';
import { newId } from '../common/ids';
import { readAhead } from '../common/read-ahead';
import { batchMembers, batchPageSize, moveImages, type BatchMember, type Listed } from '../db/batch-pages';
import { jobImageId, jobProgressOf } from '../db/job-stream';
import type { JobDoc } from '../db/models';
import { batchCounts, exclusionReason, samplePool, type ExclusionReason } from '../domain/batches';
import type { Actor, AppContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { loadProject } from './projects';
import { batchIngestion } from './uploads';

export interface CreateBatchInput {
  name: string;
  priority: number;
  imageIds?: string[];
  sourceBatchId?: string;
  sample?: { size: number; method: 'random' | 'ordered'; seed?: number };
}

export interface Scope { workspace: string; project: string }
type Excluded = { imageId: string; reason: ExclusionReason };
type BatchRecord = { _id: string; name: string; priority: number; archived?: boolean | null; numImages?: number | null; createdAt: Date };
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
  if (await ctx.models.Batch.exists({ ...scope, name })) throw conflict(`a batch named "${name}" already exists in this project`);
}

export async function insertBatch(ctx: AppContext, scope: Scope, name: string, priority: number, id = newId()) {
  try {
    return (await ctx.models.Batch.create({ _id: id, ...scope, name, priority })).toObject();
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`a batch named "${name}" already exists in this project`);
    throw err;
  }
}

/** Sorts listed images into those that may move and those that stay (with why), 1,000 at a time by _id. */
async function classify(ctx: AppContext, scope: Scope, ids: string[], sourceBatchId?: string) {
  const { Image, JobImage } = ctx.models;
  const movable: Listed[] = [];
  const excluded: Excluded[] = [];
  for (let i = 0; i < ids.length; i += batchPageSize) {
    const chunk = ids.slice(i, i + batchPageSize);
    const images = await Image.find({ _id: { $in: chunk }, ...scope }, { batchId: 1, batchPage: 1, jobId: 1 }).lean();
    const inJob = images.filter((img) => img.jobId);
    const jobImages = inJob.length === 0 ? [] : await JobImage.find({ _id: { $in: inJob.map((img) => jobImageId(img.jobId!, img._id)) } }, { imageId: 1, state: 1 }).lean();
    const byId = new Map(images.map((img) => [img._id, { batchId: img.batchId ?? null, batchPage: img.batchPage ?? null, jobId: img.jobId ?? null }]));
    const stateOf = new Map(jobImages.map((ji) => [ji.imageId, ji.state]));
    for (const imageId of chunk) {
      const image = byId.get(imageId);
      const reason = exclusionReason(image, stateOf.get(imageId), sourceBatchId);
      if (reason) excluded.push({ imageId, reason });
      else movable.push({ _id: imageId, batchId: image!.batchId!, batchPage: image!.batchPage! });
    }
  }
  return { movable, excluded };
}

/** Moves what was found movable; an image that changed meanwhile is looked at again and listed with why it stayed. */
export async function moveInto(ctx: AppContext, scope: Scope, targetId: string, candidates: Listed[], sourceBatchId?: string) {
  const { moved, missed } = await moveImages(ctx.models, targetId, candidates, { withJobs: false });
  if (missed.length === 0) return { numImages: moved, excluded: [] as Excluded[] };
  const again = await classify(ctx, scope, missed, sourceBatchId);
  return { numImages: moved, excluded: [...again.excluded, ...again.movable.map((m) => ({ imageId: m._id, reason: 'moved' as const }))] };
}

/**
 * Sorts listed images and moves the movable ones, 1,000 at a time. The next 1,000 are read while these
 * move: reads do not wait for the store's writes, so the two overlap.
 */
async function classifyAndMove(ctx: AppContext, scope: Scope, targetId: string, ids: string[], sourceBatchId?: string) {
  const chunks = Array.from({ length: Math.ceil(ids.length / batchPageSize) }, (_, n) => ids.slice(n * batchPageSize, (n + 1) * batchPageSize));
  let numImages = 0;
  const excluded: Excluded[] = [];
  for await (const sorted of readAhead(chunks.length, (n) => classify(ctx, scope, chunks[n]!, sourceBatchId))) {
    const moved = await moveInto(ctx, scope, targetId, sorted.movable, sourceBatchId);
    numImages += moved.numImages;
    excluded.push(...sorted.excluded, ...moved.excluded);
  }
  return { numImages, excluded };
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
 * Creates a batch from listed images or a sample, moving them from the batches they sat in. Everything
 * is read and checked before the first write, so bad input (a name taken, an unknown source) leaves
 * nothing behind.
 */
export async function createBatch(ctx: AppContext, actor: Actor, projectSlug: string, input: CreateBatchInput) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const { sourceBatchId } = input;
  if (sourceBatchId && !(await ctx.models.Batch.exists({ _id: sourceBatchId, ...scope }))) {
    throw invalid('sourceBatchId', `batch ${sourceBatchId} does not exist in project ${scope.project}`);
  }
  await assertNameFree(ctx, scope, input.name);
  const { imageIds } = input;
  let candidates: Listed[] = [];
  let sample: { method: string; size: number; seed: number } | undefined;
  if (!imageIds) {
    const { size, method } = input.sample!;
    const seed = input.sample!.seed ?? randomInt(0x1_0000_0000);
    candidates = samplePool(await samplingPool(ctx, scope, sourceBatchId), size, method, seed);
    sample = { method, size, seed };
  }
  const batchId = newId();
  const { batch, moved } = await recordChange(ctx.models, {
    ...scope, kind: 'batch.created', actor: actor.email, batch: batchId, check: { model: 'Batch', id: batchId },
    data: { name: input.name, from: sourceBatchId ?? null, ...(sample ? { sample } : {}) },
  }, async () => {
    const made = await insertBatch(ctx, scope, input.name, input.priority, batchId);
    const into = imageIds ? classifyAndMove(ctx, scope, made._id, imageIds, sourceBatchId) : moveInto(ctx, scope, made._id, candidates, sourceBatchId);
    return { batch: made, moved: await into };
  }, (r) => ({ images: r.moved.numImages }));
  return {
    id: batch._id, name: batch.name, priority: batch.priority, numImages: moved.numImages, excluded: moved.excluded,
    ...(sample ? { sample } : {}),
  };
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
