// Job-level side effects. Each is idempotent on the job id (or image id), so Temporal may retry freely.
import { ApplicationFailure, Context, heartbeat } from '@temporalio/activity';
import { isOnlyDuplicateKeys } from '../db/duplicates';
import { failureTypes } from '../common/temporal';
import { batchMembers } from '../db/batch-pages';
import { includeInDataset } from '../db/dataset';
import { recordEvent } from '../db/event-log';
import { jobImageId, jobImageIdPages, jobPageId, jobProgressOf, type StreamLease } from '../db/job-stream';
import { jobPageSize, type Models } from '../db/models';
import { emptyCounts, isJobFinished, type JobCounts, type JobProgress, type JobStatus } from '../domain/jobs';

export interface LabelingJobInput {
  jobId: string;
  workspace: string;
  project: string;
  batchId: string;
  name: string;
  requestedImages: number;
  labeler: string;
  reviewer: string;
  createdBy: string;
  instructionsText: string;
  /** Past a due date, how long before managers are told (workflows/due-dates.ts has the default). */
  dueEscalationMs?: number;
  /** How long before the due date the labeler is told it is due soon (workflows/due-dates.ts has the default). */
  dueSoonMs?: number;
}

/** Claims and dataset writes go out in bulk requests of this many. */
/** Approved images put into the dataset at once. */
const includedTogether = 10;

export function createJobActivities({ models }: { models: Models }) {
  const { DatasetQueue, Job, JobImage, JobPage, JobStream, Image } = models;

  async function loadJob(jobId: string) {
    const job = await Job.findById(jobId).lean();
    if (!job) throw ApplicationFailure.nonRetryable(`job ${jobId} does not exist`, failureTypes.notFound);
    return job;
  }

  /**
   * Recounts the job from its images and rebuilds the stream's lists, so drift from a crash between two
   * writes is put right. The counters are replaced only if no one changed them during the walk.
   */
  async function reconcile(jobId: string): Promise<void> {
    const before = await loadJob(jobId);
    const stream = await JobStream.findById(jobId).lean();
    if (!stream) return;
    const counts = emptyCounts();
    let inDataset = 0;
    const rework: string[] = [];
    const returned: string[] = [];
    const toDataset: string[] = [];
    const now = new Date();
    const leases = (stream.leases ?? {}) as Record<string, StreamLease>;
    let position = 0;
    for await (const imageIds of jobImageIdPages(models, jobId, stream.total)) {
      heartbeat(position);
      const images = await JobImage.find({ _id: { $in: imageIds.map((id) => jobImageId(jobId, id)) } }).lean();
      const byImage = new Map(images.map((ji) => [ji.imageId, ji]));
      for (const imageId of imageIds) {
        const ji = byImage.get(imageId);
        const handedOut = position++ < stream.cursor;
        if (!ji) continue;
        counts[ji.state as keyof JobCounts]++;
        if (ji.inDataset) inDataset++;
        if (ji.state === 'approved' && !ji.inDataset) toDataset.push(imageId);
        const leased = Boolean(ji.leaseHolder && ji.leaseExpiresAt && ji.leaseExpiresAt > now);
        if (!handedOut || leased || leases[imageId] || ji.skippedBy) continue;
        if (ji.state === 'rejected' && !ji.escalatedAt) rework.push(imageId);
        else if (ji.state === 'unannotated') returned.push(imageId);
      }
    }
    await JobStream.updateOne({ _id: jobId }, { $addToSet: { rework: { $each: rework }, returned: { $each: returned } } });
    if (toDataset.length > 0) await DatasetQueue.updateOne({ _id: jobId }, { $addToSet: { imageIds: { $each: toDataset } } }, { upsert: true });
    // numImages too: images moved out of or into the job change it (activities/job-commands.ts).
    const numImages = counts.unannotated + counts.annotated + counts.approved + counts.rejected;
    await Job.updateOne(
      { _id: jobId, counts: before.counts, inDataset: before.inDataset, numImages: before.numImages },
      { $set: { counts, inDataset, numImages, reconciledAt: new Date() } },
    );
  }

  return {
    async createJobRecord(input: LabelingJobInput): Promise<void> {
      const { jobId, ...fields } = input;
      await Job.updateOne({ _id: jobId }, { $setOnInsert: { ...fields, status: 'assigning', stageEnteredAt: { assigning: new Date() } } }, { upsert: true });
      await recordEvent(models, {
        workspace: fields.workspace, project: fields.project, kind: 'job.created', actor: fields.createdBy, job: jobId, batch: fields.batchId, key: `job/${jobId}`,
        data: { name: fields.name, labeler: fields.labeler, reviewer: fields.reviewer, requestedImages: fields.requestedImages },
      });
    },

    /**
     * Claims up to `requestedImages` unassigned images of the batch, oldest first, and lays out the
     * job's stream. An image is claimed by a conditional update on `jobId: null`, so two jobs never share
     * one; a retry keeps what this job already claimed. The stream is written last: once it exists,
     * assignment is done.
     */
    async assignImages({ jobId }: { jobId: string }): Promise<{ numImages: number }> {
      const job = await loadJob(jobId);
      const existing = await JobStream.findById(jobId, { total: 1 }).lean();
      if (existing) return { numImages: existing.total };
      // The batch's own pages, oldest first: no query over the whole Image collection.
      const chosen: string[] = [];
      // A retry walks every page, to find what an earlier try claimed anywhere in the batch.
      const firstTry = Context.current().info.attempt === 1;
      for await (const members of batchMembers(models, job.batchId)) {
        if (chosen.length >= job.requestedImages && firstTry) break;
        heartbeat(chosen.length);
        chosen.push(...members.filter((m) => m.jobId === jobId).map((m) => m._id)); // claimed by an earlier try
        const wanted = members.filter((m) => m.jobId === null).slice(0, job.requestedImages - chosen.length).map((m) => m._id);
        if (wanted.length === 0) continue;
        // One statement for the page: a conditional update per image, decided by the store atomically.
        await Image.updateMany({ _id: { $in: wanted }, batchId: job.batchId, jobId: null }, { $set: { jobId } });
        const won = await Image.find({ _id: { $in: wanted } }, { jobId: 1 }).lean();
        const mine = new Set(won.filter((w) => w.jobId === jobId).map((w) => w._id));
        chosen.push(...wanted.filter((id) => mine.has(id)));
      }
      for (let i = 0; i < chosen.length; i += jobPageSize) {
        heartbeat(i);
        const imageIds = chosen.slice(i, i + jobPageSize);
        // One insert per page; what an earlier try inserted comes back as duplicates.
        await JobImage.insertMany(
          imageIds.map((imageId, k) => ({
            _id: jobImageId(jobId, imageId), jobId, imageId, workspace: job.workspace, project: job.project, state: 'unannotated', queueRank: 1, seq: i + k,
          })),
          { ordered: false },
        ).catch((err: unknown) => {
          if (!isOnlyDuplicateKeys(err)) throw err;
        });
        const page = i / jobPageSize;
        await JobPage.updateOne({ _id: jobPageId(jobId, page) }, { $set: { jobId, imageIds }, $setOnInsert: { classesIndexed: true } }, { upsert: true });
      }
      await Job.updateOne({ _id: jobId }, { $set: { numImages: chosen.length, counts: { ...emptyCounts(), unannotated: chosen.length } } });
      // An insert, not an upsert: FerretDB drops empty arrays from `$setOnInsert`.
      await JobStream.create({ _id: jobId, total: chosen.length, cursor: 0, leases: {}, rework: [], returned: [], toDataset: [], unnotified: [] })
        .catch((err: { code?: number }) => {
          if (err.code !== 11000) throw err; // a retry after the stream was written
        });
      return { numImages: chosen.length };
    },

    /**
     * Puts the approved images the stream lists into the dataset, then reads the job's counters. With
     * `reconcile`, or when the counters say the job is done, recounts from the images first: a job is
     * declared complete on a recount, never on counters alone.
     */
    async syncJobProgress({ jobId, reconcile: full }: { jobId: string; reconcile?: boolean }): Promise<JobProgress> {
      // The queue, and what the stream itself listed before the queue existed.
      const [stream, queue] = await Promise.all([JobStream.findById(jobId, { toDataset: 1 }).lean(), DatasetQueue.findById(jobId).lean()]);
      const pending = [...new Set([...(stream?.toDataset ?? []), ...(queue?.imageIds ?? [])])];
      for (let i = 0; i < pending.length; i += includedTogether) {
        const chunk = pending.slice(i, i + includedTogether);
        heartbeat(i);
        // A few at once: each is a dozen small writes, so waiting on them one by one leaves the store idle.
        await Promise.all(chunk.map((imageId) => includeInDataset(models, jobId, imageId)));
        await DatasetQueue.updateOne({ _id: jobId }, { $pullAll: { imageIds: chunk } });
        if (stream?.toDataset?.length) await JobStream.updateOne({ _id: jobId }, { $pullAll: { toDataset: chunk } });
      }
      let job = await loadJob(jobId);
      if (full || isJobFinished(jobProgressOf(job))) {
        await reconcile(jobId);
        job = await loadJob(jobId);
      }
      const progress = jobProgressOf(job);
      // The status is the workflow's to store (setJobStatus), with the time the job entered it.
      return progress;
    },

    /** Stores the status and when the job entered it (`at`, the workflow's time; histories before it lack it). */
    async setJobStatus({ jobId, status, at }: { jobId: string; status: JobStatus; at?: string }): Promise<void> {
      await Job.updateOne({ _id: jobId }, { $set: { status, [`stageEnteredAt.${status}`]: at ? new Date(at) : new Date() } });
    },

    /** On cancel: images not yet approved go back to the batch for another job. */
    async releaseJobImages({ jobId }: { jobId: string }): Promise<{ released: number }> {
      const stream = await JobStream.findById(jobId, { total: 1 }).lean();
      let released = 0;
      for await (const imageIds of jobImageIdPages(models, jobId, stream?.total ?? 0)) {
        heartbeat(released);
        const open = await JobImage.find(
          { _id: { $in: imageIds.map((id) => jobImageId(jobId, id)) } },
          { imageId: 1, state: 1 },
        ).lean();
        const ids = open.filter((ji) => ji.state !== 'approved').map((ji) => ji.imageId);
        if (ids.length === 0) continue;
        const res = await Image.updateMany({ _id: { $in: ids }, jobId }, { $set: { jobId: null } });
        await JobImage.updateMany({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }, { $set: { leaseHolder: null, leaseExpiresAt: null } });
        released += res.modifiedCount;
      }
      return { released };
    },
  };
}
