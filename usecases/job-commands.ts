// A manager's commands on one job. Each is written down (JobCommand) and then run by the job's
// workflow, which answers with what it changed or says why it refused. Called by the API's routes and
// by the Roboflow-compatible `/annotation-jobs` adapter alike.
import { newId } from '../common/ids';
import { recordChange } from '../db/event-log';
import { jobImageId } from '../db/job-stream';
import { workflowIds } from '../common/temporal';
import { jobCommandId, type AcceptParams, type AcceptResult, type JobCommandRef, type JobEdit, type MoveParams } from '../activities/job-commands';
import { splitNames, type PlannedSplit, type SplitCounts, type SplitSpec } from '../domain/splits';
import { acceptIntoDataset } from '../workflows/dataset-accept';
import { acceptUpdate, editUpdate, moveImagesUpdate, reassignUpdate, sendBackUpdate } from '../workflows/job-commands';
import type { Actor, AppContext } from './context';
import { AppError, conflict, invalid } from './errors';
import { assertAssignable, findVisibleJob, jobView } from './jobs';
import { waitOnWorker } from './worker-wait';

export interface AcceptInput {
  /** The images to accept; every image of the job in `statuses` when absent. */
  imageIds?: string[];
  /** Which images qualify: `approved` (the default) and/or `annotated` (accepted early, unreviewed). */
  statuses?: ('approved' | 'annotated')[];
  /** One split for all (`keep`: each keeps the split it has, a new one goes to the default)... */
  split?: PlannedSplit;
  /** ...or a share of the images per split, as percentages (summing to 100) or counts, drawn by `seed`. */
  splits?: SplitCounts;
  mode?: 'percent' | 'count';
  seed?: number;
}

/** The split rule asked for; a 400 names the field when it is not one. */
export function splitSpecOf(input: AcceptInput): SplitSpec {
  if ((input.split === undefined) === (input.splits === undefined)) throw invalid('split', 'give exactly one of split or splits');
  if (input.split !== undefined) return { split: input.split };
  const splits = input.splits!;
  for (const s of splitNames) {
    if (!Number.isInteger(splits[s]) || splits[s] < 0) throw invalid(`splits.${s}`, 'a whole number, 0 or more');
  }
  const mode = input.mode ?? 'percent';
  if (mode === 'percent' && splits.train + splits.valid + splits.test !== 100) throw invalid('splits', 'percentages must add up to 100');
  return { splits, mode, seed: input.seed ?? 0 };
}

async function loadOpenJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  if (job.status === 'cancelled') throw conflict('the job is cancelled');
  return job;
}

/** A finished workflow no longer runs validators; its state is final in MongoDB, so check it here. */
async function loadRunningJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await loadOpenJob(ctx, actor, projectSlug, jobId);
  if (job.status === 'complete') throw conflict('the job is complete');
  return job;
}

/**
 * Runs a reassignment or an edit through the job's workflow inside its event. A wait that runs out
 * leaves the event pending: the workflow has the update and may still make it, and the settler decides
 * by `check` (the job's fields as the command sets them).
 */
function jobChange<T>(
  ctx: AppContext, actor: Actor, job: { _id: string; project: string }, kind: 'job.reassigned' | 'job.updated',
  data: Record<string, unknown>, fields: Record<string, unknown>, change: () => Promise<T>, dataOf?: (result: T) => Record<string, unknown>,
): Promise<T> {
  return recordChange(
    ctx.models,
    { workspace: actor.workspace, project: job.project, kind, actor: actor.email, job: job._id, data, check: { model: 'Job', id: job._id, filter: fields } },
    change, dataOf,
    { undecided: (err) => err instanceof AppError && err.code === 'unavailable' },
  );
}

const jobHandle = (ctx: AppContext, jobId: string) => ctx.temporal.workflow.getHandle(workflowIds.labelingJob(jobId));

/** Writes the command down; the workflow's messages then carry only its id. */
async function recordCommand(ctx: AppContext, actor: Actor, jobId: string, kind: string, imageIds: string[] | undefined, params: object): Promise<JobCommandRef> {
  const ref = { jobId, commandId: newId() };
  await ctx.models.JobCommand.create({ _id: jobCommandId(ref), jobId, kind, by: actor.email, imageIds: imageIds ?? null, params });
  return ref;
}

/**
 * Accepts images of the job into the dataset with their splits. On a running job the job's workflow
 * runs it; on a complete one (every image already in the dataset) a workflow of its own files the
 * images into the splits asked for.
 */
export async function acceptImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: AcceptInput) {
  const spec = splitSpecOf(input);
  const job = await loadOpenJob(ctx, actor, projectSlug, jobId);
  const params: AcceptParams = { statuses: input.statuses ?? ['approved'], spec };
  const ref = await recordCommand(ctx, actor, jobId, 'accept', input.imageIds, params);
  const result: AcceptResult = await waitOnWorker(ctx, { jobId, commandId: ref.commandId }, () =>
    job.status === 'complete'
      ? ctx.temporal.workflow.execute(acceptIntoDataset, {
        workflowId: workflowIds.acceptIntoDataset(jobId, ref.commandId), taskQueue: ctx.taskQueues.jobs, args: [ref],
      })
      : ctx.temporal.workflow.getHandle(workflowIds.labelingJob(jobId)).executeUpdate(acceptUpdate, { args: [ref], updateId: ref.commandId }),
  );
  return { ...result, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

/**
 * Sends the images back to unannotated (a skipped one re-enters the stream); images in the dataset stay.
 * With `clear`, every image of the job not in the dataset also gets an empty latest version (earlier
 * versions stay on its timeline, to revert to).
 */
export async function sendBackImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { imageIds?: string[]; clear?: boolean }) {
  await loadRunningJob(ctx, actor, projectSlug, jobId);
  const ref = await recordCommand(ctx, actor, jobId, 'sendBack', input.imageIds, input.clear ? { clear: true } : {});
  const result = await waitOnWorker(ctx, { jobId, commandId: ref.commandId }, () =>
    jobHandle(ctx, jobId).executeUpdate(sendBackUpdate, { args: [ref], updateId: ref.commandId }));
  return { ...result, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

/**
 * Moves the images out of the job: to another running job of the project (`to`), which appends them
 * to its stream as unannotated within moments, or back to their batch (`to: null`). Images in the
 * dataset stay.
 */
export async function moveImages(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { imageIds: string[]; to: string | null }) {
  await loadRunningJob(ctx, actor, projectSlug, jobId);
  if (input.to !== null) {
    if (input.to === jobId) throw invalid('to', 'the images are already in this job');
    const target = await ctx.models.Job.findOne({ _id: input.to, workspace: actor.workspace, project: projectSlug }, { status: 1 }).lean();
    if (!target) throw invalid('to', `job ${input.to} does not exist in project ${projectSlug}`);
    if (target.status === 'complete' || target.status === 'cancelled') throw conflict(`job ${input.to} is ${target.status}`);
  }
  const params: MoveParams = { to: input.to };
  const ref = await recordCommand(ctx, actor, jobId, 'move', input.imageIds, params);
  const result = await waitOnWorker(ctx, { jobId, commandId: ref.commandId }, () =>
    jobHandle(ctx, jobId).executeUpdate(moveImagesUpdate, { args: [{ ...ref, to: input.to }], updateId: ref.commandId }));
  return { ...result, to: input.to, job: jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)) };
}

/** Names a new labeler and/or reviewer; both are told, the old labeler's reserved images are released. */
export async function reassignJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { labelerEmail?: string; reviewerEmail?: string }) {
  if (!input.labelerEmail && !input.reviewerEmail) throw invalid('labelerEmail', 'give labelerEmail, reviewerEmail or both');
  const running = await loadRunningJob(ctx, actor, projectSlug, jobId);
  if (input.labelerEmail) await assertAssignable(ctx, actor, input.labelerEmail, 'labelerEmail', 'labeling.work');
  if (input.reviewerEmail) await assertAssignable(ctx, actor, input.reviewerEmail, 'reviewerEmail', 'review.work');
  const commandId = newId();
  const to = { ...(input.labelerEmail ? { labeler: input.labelerEmail } : {}), ...(input.reviewerEmail ? { reviewer: input.reviewerEmail } : {}) };
  await jobChange(ctx, actor, running, 'job.reassigned', { to }, to, () => waitOnWorker(ctx, { jobId, commandId }, () =>
    jobHandle(ctx, jobId).executeUpdate(reassignUpdate, { args: [{ commandId, labeler: input.labelerEmail, reviewer: input.reviewerEmail }], updateId: commandId })),
  (before) => ({ from: before }));
  return jobView(await findVisibleJob(ctx, actor, projectSlug, jobId));
}

/** Renames the job, changes its instructions, or sets (ISO time) or clears (null) its due date. */
export async function editJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, input: { name?: string; instructions?: string; dueAt?: string | null }) {
  const running = await loadRunningJob(ctx, actor, projectSlug, jobId);
  const edit: JobEdit = { name: input.name, instructionsText: input.instructions, dueAt: input.dueAt };
  const updateId = newId();
  // The text fields tell a made edit (a due date alone is stored as a date, which a JSON check cannot name).
  const fields = Object.fromEntries(Object.entries({ name: input.name, instructionsText: input.instructions }).filter(([, v]) => v !== undefined));
  const done = await jobChange(ctx, actor, running, 'job.updated', Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)), fields,
    () => waitOnWorker(ctx, { jobId, commandId: updateId }, () => jobHandle(ctx, jobId).executeUpdate(editUpdate, { args: [edit], updateId })));
  return { ...jobView(await findVisibleJob(ctx, actor, projectSlug, jobId)), dueAt: done.dueAt };
}


/** Images that reached the project's rework round limit and wait on a manager (send them back to resume). */
export async function listEscalated(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  await findVisibleJob(ctx, actor, projectSlug, jobId);
  const stream = await ctx.models.JobStream.findById(jobId, { escalated: 1 }).lean();
  const ids = stream?.escalated ?? [];
  const images = await ctx.models.JobImage.find({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }).lean();
  return {
    images: images.filter((ji) => ji.escalatedAt).map((ji) => ({
      imageId: ji.imageId, rounds: ji.rounds, reason: ji.rejectReason, escalatedAt: ji.escalatedAt!.toISOString(),
    })),
  };
}
