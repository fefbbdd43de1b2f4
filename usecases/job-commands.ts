// A manager's commands on one job. Each is written down (JobCommand) and then run by the job's
// workflow, which answers with what it changed or says why it refused. Called by the API's routes and
// by the Roboflow-compatible `/annotation-jobs` adapter alike.
import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { jobCommandId, type AcceptParams, type AcceptResult, type JobCommandRef } from '../activities/job-commands';
import { splitNames, type PlannedSplit, type SplitCounts, type SplitSpec } from '../domain/splits';
import { acceptIntoDataset } from '../workflows/dataset-accept';
import { acceptUpdate } from '../workflows/job-commands';
import type { Actor, AppContext } from './context';
import { conflict, invalid } from './errors';
import { findVisibleJob, jobView } from './jobs';
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
