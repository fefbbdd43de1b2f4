import { WithStartWorkflowOperation } from '@temporalio/client';
import { newId } from '../common/ids';
import { searchAttributes, workflowIds } from '../common/temporal';
import type { JobDoc } from '../db/models';
import { jobProgressOf } from '../db/job-stream';
import type { JobStatus } from '../domain/jobs';
import { canSeeJob, roleAllows } from '../domain/roles';
import { assignedUpdate, cancelUpdate, labelingJob } from '../workflows/labeling-job';
import type { Actor, AppContext } from './context';
import { conflict, invalid, notFound } from './errors';
import { loadProject } from './projects';
import { waitOnWorker } from './worker-wait';
import { listJobsPage } from './job-board';
import { assertFilled, batchView, jobsOf } from './batches';

export interface CreateJobInput {
  /** Default: "<batch name>: Job <n>", n counting the project's jobs. */
  name?: string | null;
  batch: string;
  /** Default: every unassigned image of the batch. */
  num_images?: number | null;
  labelerEmail: string;
  reviewerEmail: string;
  instructions?: string;
  /** Roboflow's package sends the instructions under this name. */
  instructionText?: string;
}

type JobRecord = JobDoc & { _id: string; createdAt: Date };

/** The Roboflow job shape; the counts are the job's counters, moved in the same request as each image. */
export function jobView(job: JobRecord) {
  const ms = job.createdAt.getTime();
  const status: JobStatus = job.status === 'assigning' ? 'assigned' : job.status;
  const { unannotated, annotated, approved, rejected } = jobProgressOf(job);
  return {
    id: job._id, name: job.name, project: job.project, owner: job.workspace, createdBy: job.createdBy,
    sourceBatch: `${job.project}/${job.batchId}`, labeler: job.labeler, reviewer: job.reviewer,
    numImages: job.numImages, unannotated, annotated, approved, rejected, status, instructionsText: job.instructionsText,
    created: { _seconds: Math.floor(ms / 1000), _nanoseconds: (ms % 1000) * 1_000_000 },
  };
}

export async function assertAssignable(ctx: AppContext, actor: Actor, email: string, field: string, need: 'labeling.work' | 'review.work') {
  const m = await ctx.models.Member.findOne({ workspace: actor.workspace, email }).lean();
  if (!m) throw invalid(field, `${email} is not a member of this workspace`);
  if (!roleAllows(m.role, need)) throw invalid(field, `${email} is a ${m.role} and cannot ${need === 'labeling.work' ? 'label' : 'review'}`);
}

/** Starts the job's workflow and waits (bounded) until its images are assigned. */
export async function createJob(ctx: AppContext, actor: Actor, projectSlug: string, input: CreateJobInput) {
  const project = await loadProject(ctx, actor, projectSlug);
  const batch = await ctx.models.Batch.findOne({ _id: input.batch, workspace: actor.workspace, project: project.slug }).lean();
  if (!batch) throw invalid('batch', `batch ${input.batch} does not exist in project ${project.slug}`);
  if (batch.archived) throw conflict(`batch ${batch.name} is archived`);
  assertFilled(batch);
  await assertAssignable(ctx, actor, input.labelerEmail, 'labelerEmail', 'labeling.work');
  await assertAssignable(ctx, actor, input.reviewerEmail, 'reviewerEmail', 'review.work');
  // From the counters: a query for one free image would scan the images on FerretDB (seconds at 100,000).
  if (batchView(batch, await jobsOf(ctx, { workspace: actor.workspace, project: project.slug })).counts.unassigned === 0) {
    throw conflict(`batch ${batch.name} has no unassigned images`);
  }

  const jobId = newId();
  const name = input.name ?? `${batch.name}: Job ${(await ctx.models.Job.countDocuments({ workspace: actor.workspace, project: project.slug })) + 1}`;
  const startWorkflowOperation = new WithStartWorkflowOperation(labelingJob, {
    workflowId: workflowIds.labelingJob(jobId),
    taskQueue: ctx.taskQueues.jobs,
    workflowIdConflictPolicy: 'FAIL',
    args: [{
      jobId, workspace: actor.workspace, project: project.slug, batchId: batch._id, name,
      requestedImages: input.num_images ?? Math.max(1, batch.numImages ?? 0), labeler: input.labelerEmail, reviewer: input.reviewerEmail,
      createdBy: actor.email, instructionsText: input.instructions ?? input.instructionText ?? 'No instructions provided',
      dueEscalationMs: ctx.dueEscalationSeconds * 1000,
      dueSoonMs: ctx.dueSoonSeconds * 1000,
    }],
    typedSearchAttributes: [
      { key: searchAttributes.workspace, value: actor.workspace },
      { key: searchAttributes.project, value: project.slug },
      { key: searchAttributes.jobStatus, value: 'assigning' },
      { key: searchAttributes.labeler, value: input.labelerEmail },
      { key: searchAttributes.reviewer, value: input.reviewerEmail },
    ],
  });
  await waitOnWorker(ctx, { jobId }, () => ctx.temporal.workflow.executeUpdateWithStart(assignedUpdate, { startWorkflowOperation }));
  return getJob(ctx, actor, projectSlug, jobId);
}

export async function findVisibleJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string): Promise<JobRecord> {
  const job = (await ctx.models.Job.findOne({ _id: jobId, workspace: actor.workspace, project: projectSlug }).lean()) as JobRecord | null;
  if (!job || !canSeeJob(actor, job)) throw notFound(`job ${jobId}`);
  return job;
}

/** One job: Roboflow's shape, and its due date (the list keeps exactly Roboflow's fields; the board has `/job-board`). */
export async function getJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  return { ...jobView(job), dueAt: job.dueAt?.toISOString() ?? null };
}

/** Every job the caller may see (the board's list without filters; see usecases/job-board.ts). */
export const listJobs = (ctx: AppContext, actor: Actor, projectSlug: string) => listJobsPage(ctx, actor, projectSlug, {});

/**
 * The job's state as its workflow stored it: status, counts and when it entered each stage. Read from
 * MongoDB, so it answers with no worker running; the workflow's `status` query tells the same.
 */
export async function jobState(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  const entered = (job.stageEnteredAt ?? {}) as Record<string, Date>;
  return {
    status: job.status,
    progress: jobProgressOf(job),
    stageEnteredAt: Object.fromEntries(Object.entries(entered).map(([stage, at]) => [stage, new Date(at).toISOString()])),
  };
}

export async function cancelJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  // A finished workflow no longer runs validators; its state is final in MongoDB, so check it here.
  if (job.status === 'complete' || job.status === 'cancelled') throw conflict(`the job is already ${job.status}`);
  await ctx.temporal.withDeadline(Date.now() + ctx.waitMs, () =>
    ctx.temporal.workflow.getHandle(workflowIds.labelingJob(jobId)).executeUpdate(cancelUpdate, { args: [{ by: actor.email }] }),
  );
  return getJob(ctx, actor, projectSlug, jobId);
}
