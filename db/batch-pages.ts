// Which images a batch holds, found by lookups by _id only (see BatchPage), and moving images between
// batches in bulk. An image's `batchId` is the truth; the pages say where to look.
import { readAhead } from '../common/read-ahead';
import type { Models } from './models';

/** At most this many ids per page, per `$in` read and per conditional update. */
export const batchPageSize = 1_000;

export const batchPageId = (batchId: string, page: number) => `${batchId}#${page}`;

/** An image where a batch page lists it. */
export interface Listed { _id: string; batchId: string; batchPage: number }
export interface BatchMember extends Listed { jobId: string | null; createdAt: Date }

/** Every image the page listed has left it (see BatchPage's `left`): nothing on it to read. */
export const pageEmptied = (page: { imageIds: string[]; left?: number | null }) => (page.left ?? 0) >= page.imageIds.length;

/**
 * Lists images on a new page of the batch and returns its number, which each image must then record
 * as `batchPage`. The page is written before any image points at it, so an image is always findable
 * from its batch; a crash in between leaves only stale entries.
 */
export async function addBatchPage(models: Models, batchId: string, imageIds: string[]): Promise<number> {
  // No projection: FerretDB's findAndModify does not take one.
  const batch = await models.Batch.findOneAndUpdate({ _id: batchId }, { $inc: { pages: 1 } }, { returnDocument: 'after' }).lean();
  if (!batch) throw new Error(`batch ${batchId} no longer exists`);
  const page = batch.pages - 1;
  await models.BatchPage.create({ _id: batchPageId(batchId, page), imageIds });
  return page;
}

/** The images a page lists that are still in the batch by that entry, in page order, with their place on it. */
export async function readBatchPage(models: Models, batchId: string, page: number): Promise<{ offset: number; image: BatchMember }[]> {
  const doc = await models.BatchPage.findById(batchPageId(batchId, page)).lean();
  if (!doc || pageEmptied(doc)) return []; // no doc: a crash between numbering the page and writing it
  const images = await models.Image.find({ _id: { $in: doc.imageIds } }, { batchId: 1, batchPage: 1, jobId: 1, createdAt: 1 }).lean();
  const live = new Map(images.filter((i) => i.batchId === batchId && i.batchPage === page).map((i) => [i._id, i]));
  return doc.imageIds.flatMap((id, offset) => {
    const image = live.get(id);
    return image ? [{ offset, image: { _id: image._id, batchId, batchPage: page, jobId: image.jobId ?? null, createdAt: image.createdAt } }] : [];
  });
}

/** Every image of the batch, a page at a time, the next page read while the caller uses this one. */
export async function* batchMembers(models: Models, batchId: string): AsyncGenerator<BatchMember[]> {
  const batch = await models.Batch.findById(batchId, { pages: 1 }).lean();
  for await (const members of readAhead(batch?.pages ?? 0, (page) => readBatchPage(models, batchId, page))) yield members.map((m) => m.image);
}

/**
 * A move under way, listed on each batch whose counter it will change (`Batch.moving`, keyed by token)
 * from before its images move until that counter moves with them, in the same conditional update. A
 * crash in between leaves it listed; `settleStaleMoves` then counts what moved and puts the counter
 * right, once. The token is the target page (`${to}#${toPage}`), new for every chunk of a move. Kept as
 * a map, not an array: FerretDB's `$pull` removes only elements equal to the value given.
 */
export interface MoveMark { at: Date; to: string; toPage: number; fromPages: number[] }

/** Applies a batch's share of a move to its counter and takes the mark off, unless that was done already. */
async function settleMark(models: Models, batchId: string, token: string, change: number): Promise<void> {
  await models.Batch.updateOne({ _id: batchId, [`moving.${token}`]: { $exists: true } }, { $inc: { numImages: change }, $unset: { [`moving.${token}`]: '' } });
}

/**
 * Moves images into the target batch, a page at a time. Per page they come from, one conditional update
 * by `_id: {$in}` on still being listed there (and, unless `withJobs`, in no job) moves them and says
 * how many moved, so the page's `left` and the two batches' counters move by exactly that. One
 * `updateMany`, not a bulk of `updateOne`s: FerretDB holds a connection per statement of an update
 * command until the command ends, and a command of ~100 statements exhausts its pool of 100 and never
 * returns. Returns the ids that changed meanwhile and did not move. Without `countArrivals` the target's
 * counter is left to the caller (a batch fill adds its total once, exactly, when it closes).
 */
export async function moveImages(
  models: Models, targetId: string, images: Listed[], opts: { withJobs: boolean; countArrivals?: boolean },
): Promise<{ moved: number; missed: string[] }> {
  let moved = 0;
  const missed: string[] = [];
  for (let i = 0; i < images.length; i += batchPageSize) {
    const chunk = images.slice(i, i + batchPageSize);
    const ids = chunk.map((c) => c._id);
    const page = await addBatchPage(models, targetId, ids);
    const token = batchPageId(targetId, page);
    const bySourcePage = new Map<string, Listed[]>();
    for (const c of chunk) {
      const key = batchPageId(c.batchId, c.batchPage);
      const group = bySourcePage.get(key);
      if (group) group.push(c);
      else bySourcePage.set(key, [c]);
    }
    const fromPages = new Map<string, number[]>();
    for (const [first] of bySourcePage.values()) fromPages.set(first!.batchId, [...(fromPages.get(first!.batchId) ?? []), first!.batchPage]);
    const countTarget = opts.countArrivals !== false;
    const at = new Date();
    const marked = [...fromPages.keys(), ...(countTarget ? [targetId] : [])];
    await Promise.all(marked.map((batchId) => {
      const mark: MoveMark = { at, to: targetId, toPage: page, fromPages: batchId === targetId ? [] : fromPages.get(batchId)! };
      return models.Batch.updateOne({ _id: batchId }, { $set: { [`moving.${token}`]: mark } });
    }));
    const leftBatch = new Map<string, number>();
    for (const [sourcePage, group] of bySourcePage) {
      const { batchId: from, batchPage: fromPage } = group[0]!;
      const res = await models.Image.updateMany(
        { _id: { $in: group.map((c) => c._id) }, batchId: from, batchPage: fromPage, ...(opts.withJobs ? {} : { jobId: null }) },
        { $set: { batchId: targetId, batchPage: page } },
      );
      leftBatch.set(from, (leftBatch.get(from) ?? 0) + res.modifiedCount);
      if (res.modifiedCount > 0) await models.BatchPage.updateOne({ _id: sourcePage }, { $inc: { left: res.modifiedCount } });
    }
    let landed = 0;
    for (const [from, count] of leftBatch) {
      await settleMark(models, from, token, -count);
      landed += count;
    }
    if (countTarget) await settleMark(models, targetId, token, landed);
    moved += landed;
    if (landed < chunk.length) {
      const after = await models.Image.find({ _id: { $in: ids } }, { batchId: 1, batchPage: 1 }).lean();
      const here = new Set(after.filter((a) => a.batchId === targetId && a.batchPage === page).map((a) => a._id));
      missed.push(...ids.filter((id) => !here.has(id)));
    }
  }
  return { moved, missed };
}

/**
 * Puts right the counters of moves a crash interrupted: every mark older than `olderThan` (no move takes
 * that long) is settled by what its move did. The images it moved are those of the target page still
 * there; a source's share is those its listed pages held. Exactly once, whoever settles first: the
 * mover itself, late, or a second settler.
 */
export async function settleStaleMoves(models: Models, olderThan: Date): Promise<{ batches: number; marks: number; images: number }> {
  // The Batch collection is small beside the images: this filter may scan it.
  const marked = await models.Batch.find({ moving: { $exists: true, $ne: {} } }, { moving: 1 }).lean();
  let batches = 0;
  let marks = 0;
  let images = 0;
  for (const batch of marked) {
    const stale = Object.entries((batch.moving ?? {}) as Record<string, MoveMark>).filter(([, mark]) => new Date(mark.at) < olderThan);
    if (stale.length > 0) batches++;
    for (const [token, mark] of stale) {
      const target = await models.BatchPage.findById(batchPageId(mark.to, mark.toPage)).lean();
      const onTarget = target ? await models.Image.find({ _id: { $in: target.imageIds } }, { batchId: 1, batchPage: 1 }).lean() : [];
      let arrived = onTarget.filter((img) => img.batchId === mark.to && img.batchPage === mark.toPage).map((img) => img._id);
      if (batch._id !== mark.to) {
        // A source's share: the arrivals its listed pages held (an image listed there stale, having left
        // before, is counted too: a rare overcount, after a crash only).
        const sources = await models.BatchPage.find({ _id: { $in: mark.fromPages.map((n) => batchPageId(batch._id, n)) } }, { imageIds: 1 }).lean();
        const listed = new Set(sources.flatMap((p) => p.imageIds));
        arrived = arrived.filter((id) => listed.has(id));
      }
      await settleMark(models, batch._id, token, batch._id === mark.to ? arrived.length : -arrived.length);
      marks++;
      images += arrived.length;
    }
  }
  return { batches, marks, images };
}

/**
 * Moves every image of the batch (those in jobs too) into the target and deletes the batch, its pages
 * and its fill pages. It is deleted only if no page was added during the walk; otherwise the new pages are walked too.
 */
export async function emptyAndDeleteBatch(models: Models, batchId: string, targetId: string): Promise<number> {
  let moved = 0;
  let walked = 0;
  let fillPages = 0;
  for (;;) {
    const batch = await models.Batch.findById(batchId, { pages: 1, fill: 1 }).lean();
    if (!batch) break;
    fillPages = batch.fill?.pages ?? 0;
    for (; walked < batch.pages; walked++) {
      const members = await readBatchPage(models, batchId, walked);
      moved += (await moveImages(models, targetId, members.map((m) => m.image), { withJobs: true })).moved;
    }
    if ((await models.Batch.deleteOne({ _id: batchId, pages: walked })).deletedCount === 1) break;
  }
  const pageIds = Array.from({ length: walked }, (_, n) => batchPageId(batchId, n));
  for (let i = 0; i < pageIds.length; i += batchPageSize) await models.BatchPage.deleteMany({ _id: { $in: pageIds.slice(i, i + batchPageSize) } });
  // What the request that made it did (its fill pages, same ids) goes with it.
  await deleteFillPageIds(models, Array.from({ length: fillPages }, (_, n) => batchPageId(batchId, n)));
  return moved;
}

/** Removes these fill pages (BatchFillPage), 100 to a command; answers how many there were. */
export async function deleteFillPageIds(models: Models, ids: string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += 100) removed += (await models.BatchFillPage.deleteMany({ _id: { $in: ids.slice(i, i + 100) } })).deletedCount;
  return removed;
}
