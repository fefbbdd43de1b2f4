// Roboflow's `/annotation-jobs` administration calls (the `roboflow` package 1.7.3) on Tessera's
// use-cases: jobs are made by createJob, reviews by reviewImage, acceptance by acceptImages.
import { newId } from '../common/ids';
import { jobImageId, jobPageId } from '../db/job-stream';
import { jobPageSize } from '../db/models';
import type { JobImageState } from '../domain/jobs';
import type { SplitName } from '../domain/splits';
import { createBatch } from './batches';
import type { Actor, AppContext } from './context';
import { conflict, invalid } from './errors';
import { acceptImages, editJob, moveImages, reassignJob, sendBackImages, type AcceptInput } from './job-commands';
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

/** The job's images now in one of `states`, walked a page at a time by _id. */
async function jobImagesIn(ctx: AppContext, jobId: string, numImages: number, states: JobImageState[]): Promise<string[]> {
  const found: string[] = [];
  for (let page = 0; page * jobPageSize < numImages; page++) {
    const doc = await ctx.models.JobPage.findById(jobPageId(jobId, page)).lean();
    const ids = doc?.imageIds ?? [];
    const images = await ctx.models.JobImage.find({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }, { imageId: 1, state: 1 }).lean();
    found.push(...images.filter((ji) => states.includes(ji.state as JobImageState)).map((ji) => ji.imageId));
  }
  return found;
}

/**
 * Reviews every submitted image of the job (`currentStatus: annotated`, the only ones a review
 * applies to); an image reviewed meanwhile by someone else is left as they set it.
 */
export async function reviewJobImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { status: ReviewStatus; currentStatus: 'annotated' }) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  let updated = 0;
  for (const imageId of await jobImagesIn(ctx, jobId, job.numImages ?? 0, [input.currentStatus])) {
    try {
      await reviewImage(ctx, actor, projectSlug, jobId, imageId, input.status === 'approved' ? { decision: 'approve' } : { decision: 'reject', reason: roboflowRejectReason });
      updated += 1;
    } catch (err) {
      if ((err as { code?: string }).code !== 'conflict') throw err;
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


/** Roboflow's job update: exactly one of a new labeler, a new reviewer, or new instructions. */
export async function updateJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { labelerEmail?: string; reviewerEmail?: string; instructions?: string }) {
  if (input.instructions !== undefined) {
    const { dueAt: _dueAt, ...job } = await editJob(ctx, actor, projectSlug, jobId, { instructions: input.instructions });
    return job;
  }
  return reassignJob(ctx, actor, projectSlug, jobId, input);
}

/**
 * Tessera's job is in review by itself once nothing is left to label or rework; submitting it for review
 * answers the job then, and says what is left otherwise (409).
 */
export async function submitForReview(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = jobView(await findVisibleJob(ctx, actor, projectSlug, jobId));
  const left = job.unannotated + job.rejected;
  if (left > 0) throw conflict(`${left} of the job's images are still to be labeled or reworked`, { unannotated: job.unannotated, rejected: job.rejected });
  return job;
}

/** Sends every submitted, unreviewed image back to unannotated, with a new labeler when one is named. */
export async function returnForEdits(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { newLabelerEmail?: string }) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  const submitted = await jobImagesIn(ctx, jobId, job.numImages ?? 0, ['annotated']);
  if (input.newLabelerEmail) await reassignJob(ctx, actor, projectSlug, jobId, { labelerEmail: input.newLabelerEmail });
  const sent = submitted.length > 0 ? await sendBackImages(ctx, actor, projectSlug, jobId, { imageIds: submitted }) : undefined;
  return { returned: sent?.changed ?? 0, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

/** Roboflow's "delete annotations": every image of the job not in the dataset is cleared and sent back (usecases/job-commands.ts). */
export async function clearJobAnnotations(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const sent = await sendBackImages(ctx, actor, projectSlug, jobId, { clear: true });
  return { cleared: sent.changed, skipped: sent.skipped, job: sent.job };
}

/** The job the listed images are in now, by _id; images in no job or unknown are listed apart. */
async function byCurrentJob(ctx: AppContext, actor: Actor, projectSlug: string, imageIds: string[]) {
  const images = await ctx.models.Image.find({ _id: { $in: imageIds }, workspace: actor.workspace, project: projectSlug }, { jobId: 1 }).lean();
  const jobOf = new Map(images.map((i) => [i._id, i.jobId ?? null]));
  const groups = new Map<string, string[]>();
  const inNoJob: string[] = [];
  for (const id of imageIds) {
    const job = jobOf.get(id);
    if (job) groups.set(job, [...(groups.get(job) ?? []), id]);
    else inNoJob.push(id);
  }
  return { groups, inNoJob };
}

/**
 * Moves listed images from the jobs they are in into this job (they start unannotated there). A job
 * takes unassigned images only from its batch when it is made, so images in no job are listed apart.
 */
export async function addImagesToJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { imageIds: string[] }) {
  await findVisibleJob(ctx, actor, projectSlug, jobId);
  const { groups, inNoJob } = await byCurrentJob(ctx, actor, projectSlug, input.imageIds);
  let added = 0;
  for (const [from, imageIds] of groups) {
    if (from === jobId) continue;
    added += (await moveImages(ctx, actor, projectSlug, from, { imageIds, to: jobId })).changed;
  }
  return { added, skipped: inNoJob.map((imageId) => ({ imageId, reason: 'not_in_a_job' })), job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

export interface ReassignImagesInput { imageIds: string[]; labelerEmail: string; reviewerEmail?: string; instructions?: string; name?: string }

/**
 * Roboflow's "reassign images": the images leave the jobs they are in (back to their batch), move into a
 * new batch, and a new job is made of them. Without `reviewerEmail` the reviewer of the first job an
 * image left is kept.
 */
export async function reassignImages(ctx: AppContext, actor: Actor, projectSlug: string, input: ReassignImagesInput) {
  const { groups } = await byCurrentJob(ctx, actor, projectSlug, input.imageIds);
  const firstJob = groups.keys().next().value;
  const reviewer = input.reviewerEmail ?? (firstJob ? (await findVisibleJob(ctx, actor, projectSlug, firstJob)).reviewer : undefined);
  if (!reviewer) throw invalid('reviewerEmail', 'none of the images is in a job to take a reviewer from; name one');
  for (const [from, imageIds] of groups) await moveImages(ctx, actor, projectSlug, from, { imageIds, to: null });
  const name = input.name ?? `Reassigned ${newId(6)}`;
  const batch = await createBatch(ctx, actor, projectSlug, { name, priority: 1, imageIds: input.imageIds });
  if (batch.numImages === 0) throw conflict('none of the images could be reassigned', { excluded: batch.excluded });
  const job = await createJob(ctx, actor, projectSlug, {
    batch: batch.id, name, num_images: batch.numImages, labelerEmail: input.labelerEmail, reviewerEmail: reviewer, instructions: input.instructions,
  });
  return { ...job, excluded: batch.excluded };
}

