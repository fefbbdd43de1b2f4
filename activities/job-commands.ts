// Managers' commands on a job's images, run by the job's workflow a page at a time. Each reads its
// command (db JobCommand) by id and is idempotent on it: a retry after a crash does the same again.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { failureTypes } from '../common/temporal';
import { includeInDataset } from '../db/dataset';
import { jobImageId, jobImageIdPages } from '../db/job-stream';
import type { Models } from '../db/models';
import type { JobImageState } from '../domain/jobs';
import { planSplits, SplitCountsTooSmall, type PlannedSplit, type SplitSpec } from '../domain/splits';

/** Images read or written per request. */
const pageSize = 500;

export interface JobCommandRef { jobId: string; commandId: string }

export interface AcceptParams { statuses: ('approved' | 'annotated')[]; spec: SplitSpec }
export interface AcceptResult { accepted: number; skipped: number; splits: Partial<Record<PlannedSplit, number>> }

export const jobCommandId = ({ jobId, commandId }: JobCommandRef) => `${jobId}:${commandId}`;

export function createJobCommandActivities({ models }: { models: Models }) {
  const { Job, JobCommand, JobImage, JobStream } = models;

  async function loadCommand(ref: JobCommandRef) {
    const cmd = await JobCommand.findById(jobCommandId(ref)).lean();
    if (!cmd) throw ApplicationFailure.nonRetryable(`command ${ref.commandId} of job ${ref.jobId} does not exist`, failureTypes.notFound);
    return cmd;
  }

  /** The command's images a page at a time: those it names, or every image of the job. */
  async function* selectedPages(jobId: string, imageIds: string[] | null | undefined): AsyncGenerator<string[]> {
    if (imageIds) {
      for (let i = 0; i < imageIds.length; i += pageSize) yield imageIds.slice(i, i + pageSize);
      return;
    }
    const stream = await JobStream.findById(jobId, { total: 1 }).lean();
    yield* jobImageIdPages(models, jobId, stream?.total ?? 0);
  }

  async function loadJobImages(jobId: string, imageIds: string[]) {
    return JobImage.find({ _id: { $in: imageIds.map((id) => jobImageId(jobId, id)) } }).lean();
  }

  /** Approves a submitted image on a manager's word, as a review would, moving the job's counters. */
  async function approveSubmitted(jobId: string, imageId: string): Promise<void> {
    const ji = await JobImage.findById(jobImageId(jobId, imageId), { state: 1, submittedVersion: 1 }).lean();
    if (!ji || ji.state !== 'annotated') return;
    const res = await JobImage.updateOne(
      { _id: ji._id, state: 'annotated', submittedVersion: ji.submittedVersion },
      { $set: { state: 'approved', approvedVersion: ji.submittedVersion } },
    );
    if (res.modifiedCount === 1) await Job.updateOne({ _id: jobId }, { $inc: { 'counts.annotated': -1, 'counts.approved': 1 } });
  }

  /** Decides each image's split once, from the images in the accepted states when it is first run. */
  async function acceptPlan(ref: JobCommandRef, params: AcceptParams) {
    const cmd = await loadCommand(ref);
    if (cmd.plan) return cmd.plan;
    const eligible: string[] = [];
    for await (const page of selectedPages(ref.jobId, cmd.imageIds)) {
      heartbeat();
      const images = await loadJobImages(ref.jobId, page);
      eligible.push(...images.filter((ji) => (params.statuses as JobImageState[]).includes(ji.state as JobImageState)).map((ji) => ji.imageId));
    }
    let splits: PlannedSplit[];
    try {
      splits = planSplits(eligible, params.spec);
    } catch (err) {
      if (err instanceof SplitCountsTooSmall) throw ApplicationFailure.nonRetryable(`splits: ${err.message}`, failureTypes.invalidInput);
      throw err;
    }
    // Of two tries racing, the first plan written is the one both apply.
    await JobCommand.updateOne({ _id: cmd._id, plan: null }, { $set: { plan: { imageIds: eligible, splits } } });
    return (await loadCommand(ref)).plan!;
  }

  return {
    /**
     * Accepts the command's images into the dataset with the splits its plan chose: a submitted image
     * (when `annotated` is among the statuses) is approved first; one already in the dataset moves to
     * its new split (or keeps its own, with `keep`).
     */
    async acceptImages(ref: JobCommandRef): Promise<AcceptResult> {
      const cmd = await loadCommand(ref);
      const params = cmd.params as AcceptParams;
      const plan = await acceptPlan(ref, params);
      const imageIds = plan.imageIds ?? [];
      // Named images not in an accepted state (or not in the job) are skipped, as are any sent back since.
      const result: AcceptResult = { accepted: 0, skipped: (cmd.imageIds?.length ?? imageIds.length) - imageIds.length, splits: {} };
      for (let i = 0; i < imageIds.length; i++) {
        if (i % pageSize === 0) heartbeat(i);
        const imageId = imageIds[i]!;
        const split = plan.splits[i] as PlannedSplit;
        if (params.statuses.includes('annotated')) await approveSubmitted(ref.jobId, imageId);
        if (await includeInDataset(models, ref.jobId, imageId, split)) {
          result.accepted++;
          result.splits[split] = (result.splits[split] ?? 0) + 1;
        } else result.skipped++;
      }
      return result;
    },
  };
}
