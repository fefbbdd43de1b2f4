// Filling a new batch with the images a request listed (or sampled), one page of ≤ 1,000 ids at a time:
// each page is sorted into the images that may move and those that stay (with why), then moved by
// conditional updates (db/batch-pages.ts). The request's pages are stored first (BatchFillPage), so the
// `fillBatch` workflow carries only ids and counts and a crash anywhere resumes at the page it was on.
import { type ExclusionReason, exclusionReason } from '../domain/batches';
import { batchPageId, batchPageSize, deleteFillPageIds, moveImages, type Listed } from './batch-pages';
import { jobImageId } from './job-stream';
import type { Models } from './models';

export interface Scope { workspace: string; project: string }
export interface Excluded { imageId: string; reason: ExclusionReason }

/** The request's page `n` of the batch's fill: its ids and, once done, what moving them did. */
export const fillPageId = batchPageId;

/**
 * Sorts listed images into those that may move and those that stay (with why), by _id. Images already in
 * `intoBatchId` are counted apart: a resumed page finds there the ones it moved before a crash.
 */
async function classify(models: Models, scope: Scope, ids: string[], sourceBatchId?: string, intoBatchId?: string) {
  const images = await models.Image.find({ _id: { $in: ids }, ...scope }, { batchId: 1, batchPage: 1, jobId: 1 }).lean();
  const inJob = images.filter((img) => img.jobId);
  const jobImages = inJob.length === 0 ? [] : await models.JobImage.find({ _id: { $in: inJob.map((img) => jobImageId(img.jobId!, img._id)) } }, { imageId: 1, state: 1 }).lean();
  const byId = new Map(images.map((img) => [img._id, { batchId: img.batchId ?? null, batchPage: img.batchPage ?? null, jobId: img.jobId ?? null }]));
  const stateOf = new Map(jobImages.map((ji) => [ji.imageId, ji.state]));
  const movable: Listed[] = [];
  const excluded: Excluded[] = [];
  let arrived = 0;
  for (const imageId of ids) {
    const image = byId.get(imageId);
    if (intoBatchId && image?.batchId === intoBatchId) {
      arrived++;
      continue;
    }
    const reason = exclusionReason(image, stateOf.get(imageId), sourceBatchId);
    if (reason) excluded.push({ imageId, reason });
    else movable.push({ _id: imageId, batchId: image!.batchId!, batchPage: image!.batchPage! });
  }
  return { movable, excluded, arrived };
}

/** Moves what was found movable; an image that changed meanwhile is looked at again and listed with why it stayed. */
async function moveInto(models: Models, scope: Scope, targetId: string, candidates: Listed[], sourceBatchId?: string) {
  const { moved, missed } = await moveImages(models, targetId, candidates, { withJobs: false, countArrivals: false });
  if (missed.length === 0) return { moved, excluded: [] as Excluded[] };
  const again = await classify(models, scope, missed, sourceBatchId);
  return { moved, excluded: [...again.excluded, ...again.movable.map((m) => ({ imageId: m._id, reason: 'moved' as const }))] };
}

/** Stores the request's ids as the fill's pages, before its workflow starts. */
export async function writeFillPages(models: Models, batchId: string, imageIds: string[]): Promise<number> {
  const pages = Array.from({ length: Math.ceil(imageIds.length / batchPageSize) }, (_, n) => ({
    _id: fillPageId(batchId, n), imageIds: imageIds.slice(n * batchPageSize, (n + 1) * batchPageSize), done: false, moved: 0, createdAt: new Date(),
  }));
  // Lean (no casting: the fields are written as given), in groups: one command of 100,000 ids would be 3 MB.
  for (let i = 0; i < pages.length; i += 10) await models.BatchFillPage.insertMany(pages.slice(i, i + 10), { lean: true });
  return pages.length;
}

/**
 * Moves page `page` of the fill into the batch, once: a page already done answers what it did, and a page
 * a crash interrupted counts the images it had moved (they are in the batch) and moves the rest. Returns
 * how many images of the page are now in the batch.
 */
export async function fillPage(models: Models, scope: Scope, batchId: string, page: number, sourceBatchId?: string): Promise<number> {
  const _id = fillPageId(batchId, page);
  const doc = await models.BatchFillPage.findById(_id).lean();
  if (!doc) throw new Error(`fill page ${_id} does not exist`);
  if (doc.done) return doc.moved;
  const sorted = await classify(models, scope, doc.imageIds, sourceBatchId, batchId);
  const into = await moveInto(models, scope, batchId, sorted.movable, sourceBatchId);
  const moved = sorted.arrived + into.moved;
  const marked = await models.BatchFillPage.updateOne({ _id, done: false }, { $set: { done: true, moved, excluded: [...sorted.excluded, ...into.excluded] } });
  if (marked.modifiedCount === 1) await models.Batch.updateOne({ _id: batchId }, { $inc: { 'fill.done': 1 } });
  return moved;
}

/** What the fill did, page by page in request order: images moved, and those that stayed with why. */
export async function fillResult(models: Models, batchId: string, pages: number): Promise<{ numImages: number; excluded: Excluded[] }> {
  let numImages = 0;
  const excluded: Excluded[] = [];
  for (let i = 0; i < pages; i += 10) {
    const ids = Array.from({ length: Math.min(10, pages - i) }, (_, k) => fillPageId(batchId, i + k));
    const docs = new Map((await models.BatchFillPage.find({ _id: { $in: ids } }).lean()).map((d) => [d._id, d]));
    for (const id of ids) {
      const doc = docs.get(id);
      numImages += doc?.moved ?? 0;
      excluded.push(...((doc?.excluded ?? []) as Excluded[]));
    }
  }
  return { numImages, excluded };
}

/** Removes the fill pages of a request refused before its batch was made. */
export async function deleteFillPages(models: Models, batchId: string, pages: number): Promise<void> {
  await deleteFillPageIds(models, Array.from({ length: pages }, (_, n) => fillPageId(batchId, n)));
}

/** A batch whose fill has not finished: it may not be merged or deleted until its images are in. */
export const stillFilling = (batch: { fill?: { filled?: boolean | null } | null }) => Boolean(batch.fill && !batch.fill.filled);
