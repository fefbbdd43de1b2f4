// Roboflow's `/annotation-jobs` administration calls (the `roboflow` package 1.7.3) on Tessera's
// use-cases: jobs are made by createJob, reviews by reviewImage, acceptance by acceptImages.
import { jobImageId, jobPageId } from '../db/job-stream';
import { jobPageSize } from '../db/models';
import type { SplitName } from '../domain/splits';
import type { Actor, AppContext } from './context';
import { acceptImages, type AcceptInput } from './job-commands';
import { createJob, findVisibleJob, jobView, listJobs } from './jobs';
import { reviewImage } from './labeling';

/** Roboflow sends no reason with a rejection; Tessera's labeler is told this one. */
export const roboflowRejectReason = 'Rejected through the Roboflow API (no reason given)';

/** `after` is the `next` of the page before: the last job's id, jobs being listed oldest first. */
export async function listJobsPage(ctx: AppContext, actor: Actor, projectSlug: string, query: { limit: number; after?: string; showEmpty: boolean }) {
  const { jobs } = await listJobs(ctx, actor, projectSlug);
  const shown = jobs.filter((j) => query.showEmpty || j.numImages > 0);
  const start = query.after ? shown.findIndex((j) => j.id === query.after) + 1 : 0;
  const page = shown.slice(start, start + query.limit);
  return { jobs: page, next: start + page.length < shown.length ? page.at(-1)!.id : null };
}

/** A page of the job's image ids in stream order; `after` is the `next` of the page before (a position). */
export async function jobImagesPage(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, query: { limit: number; after?: number }) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  const total = job.numImages ?? 0;
  const start = query.after ?? 0;
  const end = Math.min(total, start + query.limit);
  const imageIds: string[] = [];
  for (let page = Math.floor(start / jobPageSize); page * jobPageSize < end; page++) {
    const doc = await ctx.models.JobPage.findById(jobPageId(jobId, page)).lean();
    imageIds.push(...(doc?.imageIds ?? []).slice(Math.max(0, start - page * jobPageSize), end - page * jobPageSize));
  }
  return { imageIds, next: end < total ? end : null };
}

export interface AdminCreateJobInput { batchId: string; labelerEmail: string; reviewerEmail: string; name?: string; numImages?: number; instructions?: string }

export function createJobAdmin(ctx: AppContext, actor: Actor, projectSlug: string, input: AdminCreateJobInput) {
  return createJob(ctx, actor, projectSlug, {
    batch: input.batchId, name: input.name, num_images: input.numImages,
    labelerEmail: input.labelerEmail, reviewerEmail: input.reviewerEmail, instructions: input.instructions,
  });
}

export type ReviewStatus = 'approved' | 'rejected';

/** Sets one submitted image's review: `approved`, or `rejected` (back to its labeler). */
export async function reviewJobImage(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, imageId: string, status: ReviewStatus) {
  const reviewed = await reviewImage(ctx, actor, projectSlug, jobId, imageId, status === 'approved' ? { decision: 'approve' } : { decision: 'reject', reason: roboflowRejectReason });
  return { imageId, status: reviewed.state, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

/**
 * Reviews every image of the job now in `currentStatus` (only submitted images, `annotated`, can be
 * reviewed). The job's images are walked a page at a time by _id; an image reviewed meanwhile by
 * someone else is left as they set it.
 */
export async function reviewJobImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { status: ReviewStatus; currentStatus: 'annotated' }) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  let updated = 0;
  for (let page = 0; page * jobPageSize < (job.numImages ?? 0); page++) {
    const doc = await ctx.models.JobPage.findById(jobPageId(jobId, page)).lean();
    const ids = doc?.imageIds ?? [];
    const submitted = await ctx.models.JobImage.find({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }, { imageId: 1, state: 1 }).lean();
    for (const ji of submitted.filter((s) => s.state === 'annotated')) {
      try {
        await reviewImage(ctx, actor, projectSlug, jobId, ji.imageId, input.status === 'approved' ? { decision: 'approve' } : { decision: 'reject', reason: roboflowRejectReason });
        updated += 1;
      } catch (err) {
        if ((err as { code?: string }).code !== 'conflict') throw err;
      }
    }
  }
  return { updated, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

export interface RoboflowAcceptInput {
  splitMethod: 'preset' | 'split' | SplitName;
  statusesToInclude: ('approved' | 'annotated')[];
  trainCount: number;
  validCount: number;
  testCount: number;
  imageIds?: string[];
}

/**
 * Roboflow's accept: `train`/`valid`/`test` put every image in that split, `preset` keeps the split an
 * image has, `split` deals the images out by `trainCount`/`validCount`/`testCount` (seed 0, so the same
 * call gives the same splits).
 */
export function acceptJobImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: RoboflowAcceptInput) {
  const base: AcceptInput = { statuses: input.statusesToInclude, ...(input.imageIds ? { imageIds: input.imageIds } : {}) };
  const spec: AcceptInput = input.splitMethod === 'split'
    ? { splits: { train: input.trainCount, valid: input.validCount, test: input.testCount }, mode: 'count', seed: 0 }
    : { split: input.splitMethod === 'preset' ? 'keep' : input.splitMethod };
  return acceptImages(ctx, actor, projectSlug, jobId, { ...base, ...spec });
}

