import { randomInt } from 'node:crypto';
import { newId } from '../common/ids';
import type { Actor, AppContext } from './context';
import { conflict } from './errors';
import { loadProject } from './projects';

export interface BatchInput {
  name: string;
  priority: number;
  imageIds?: string[];
  sample?: { size: number; method: 'random' | 'ordered' };
}

const maxBatchImages = 100_000;

/**
 * Creates a batch from listed images or a sample of the unbatched ones. Each image joins by a
 * conditional update on `batchId: null`, so an image is in at most one active batch.
 */
export async function createBatch(ctx: AppContext, actor: Actor, projectSlug: string, input: BatchInput) {
  const project = await loadProject(ctx, actor, projectSlug);
  const { Batch, Image } = ctx.models;
  const scope = { workspace: actor.workspace, project: project.slug };
  const id = newId();
  try {
    await Batch.create({ _id: id, ...scope, name: input.name, priority: input.priority });
  } catch (err) {
    if ((err as { code?: number }).code === 11000) throw conflict(`a batch named "${input.name}" already exists in this project`);
    throw err;
  }
  const excluded: { imageId: string; reason: string }[] = [];
  let candidates: string[] = [];
  if (input.imageIds) {
    const wanted = [...new Set(input.imageIds)];
    const valid = wanted.filter((i) => /^[0-9a-f]{24}$/.test(i));
    const found = await Image.find({ ...scope, _id: { $in: valid } }, { _id: 1, batchId: 1, jobId: 1 }).lean();
    const byId = new Map(found.map((f) => [f._id.toString(), f]));
    for (const imageId of wanted) {
      const img = byId.get(imageId);
      if (!img) excluded.push({ imageId, reason: 'not_found' });
      else if (img.jobId) excluded.push({ imageId, reason: 'already_submitted' });
      else if (img.batchId) excluded.push({ imageId, reason: 'in_another_batch' });
      else candidates.push(imageId);
    }
  } else if (input.sample) {
    const pool = await Image.find({ ...scope, batchId: null, jobId: null }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).limit(maxBatchImages).lean();
    const ids = pool.map((p) => p._id.toString());
    if (input.sample.method === 'random') shuffle(ids);
    candidates = ids.slice(0, input.sample.size);
  }
  let numImages = 0;
  for (const imageId of candidates.slice(0, maxBatchImages)) {
    const res = await Image.updateOne({ _id: imageId, batchId: null, jobId: null }, { $set: { batchId: id } });
    if (res.modifiedCount === 1) numImages++;
    else excluded.push({ imageId, reason: 'in_another_batch' });
  }
  return { id, name: input.name, priority: input.priority, numImages, excluded };
}

function shuffle<T>(a: T[]): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
}
