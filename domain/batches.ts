// Batch rules that need no database: limits, why an image stays where it is, sampling, counts.
import type { JobCounts } from './jobs';

export const maxBatchImages = 100_000;
export const unassignedBatchName = 'Unassigned';
/** Priority of batches made without one (uploads, "Unassigned"): the middle of 1 (highest) … 5. */
export const defaultBatchPriority = 3;

/**
 * Why an image was not moved into a new batch: `not_found` (no such image in the project, or not in
 * the given source batch), `in_job` (in a job, not submitted yet), `submitted` (has a submitted
 * annotation), `moved` (another request moved it while this one ran).
 */
export type ExclusionReason = 'not_found' | 'in_job' | 'submitted' | 'moved';

/** An image in a job has labels once an annotation of it was submitted: in every state but `unannotated`. */
export const hasLabels = (jobImageState: string) => jobImageState !== 'unannotated';

/** Why an image may not move, or null when it may. `jobImageState` is its state in the job it is in. */
export function exclusionReason(
  image: { batchId: string | null; jobId: string | null } | undefined, jobImageState: string | undefined, sourceBatchId?: string,
): ExclusionReason | null {
  if (!image || (sourceBatchId !== undefined && image.batchId !== sourceBatchId)) return 'not_found';
  if (!image.jobId) return null;
  return jobImageState !== undefined && hasLabels(jobImageState) ? 'submitted' : 'in_job';
}

/** A 32-bit PRNG (mulberry32): small, and the same seed always gives the same sequence. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Picks `size` of the pool, which comes oldest first: `ordered` takes the oldest, `random` a uniform
 * sample drawn with the seed (a partial Fisher–Yates shuffle), so the same seed and pool give the same
 * images. Either way they come in the pool's order: images uploaded together sit on the same batch
 * pages, so moving them takes one conditional update per page, not one per image scattered at random.
 */
export function samplePool<T>(pool: readonly T[], size: number, method: 'random' | 'ordered', seed: number): T[] {
  if (method === 'ordered') return pool.slice(0, size);
  const order = pool.map((_, i) => i);
  const next = seededRandom(seed);
  const n = Math.min(size, order.length);
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(next() * (order.length - i));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, n).sort((a, b) => a - b).map((i) => pool[i]!);
}

/**
 * A batch's images by state: `unassigned` (in no job) and, for those in a job, the job's own four
 * states. Only approved images stay in a cancelled job (the rest return to the batch).
 */
export interface BatchCounts extends JobCounts { unassigned: number }

export function batchCounts(numImages: number, jobs: { status: string; counts: JobCounts }[]): BatchCounts {
  const c: BatchCounts = { unassigned: 0, unannotated: 0, annotated: 0, approved: 0, rejected: 0 };
  for (const job of jobs) {
    if (job.status === 'cancelled') {
      c.approved += job.counts.approved;
      continue;
    }
    c.unannotated += job.counts.unannotated;
    c.annotated += job.counts.annotated;
    c.approved += job.counts.approved;
    c.rejected += job.counts.rejected;
  }
  c.unassigned = Math.max(0, numImages - c.unannotated - c.annotated - c.approved - c.rejected);
  return c;
}
