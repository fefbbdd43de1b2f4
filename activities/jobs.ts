// Job-level side effects. Each is idempotent on the job id (or image id), so Temporal may retry freely.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { failureTypes } from '../common/temporal';
import type { Models } from '../db/models';
import { emptyCounts, jobImageStates, jobStatusOf, type JobProgress, type JobStatus } from '../domain/jobs';

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
}

export function createJobActivities({ models }: { models: Models }) {
  const { Job, JobImage, Image, DatasetItem, Annotation } = models;

  async function loadJob(jobId: string) {
    const job = await Job.findById(jobId).lean();
    if (!job) throw ApplicationFailure.nonRetryable(`job ${jobId} does not exist`, failureTypes.notFound);
    return job;
  }

  return {
    async createJobRecord(input: LabelingJobInput): Promise<void> {
      const { jobId, ...fields } = input;
      await Job.updateOne({ _id: jobId }, { $setOnInsert: { ...fields, status: 'assigning' } }, { upsert: true });
    },

    /**
     * Claims up to `requestedImages` unassigned images of the batch, oldest first. An image is claimed
     * by a conditional update on `jobId: null`, so two jobs never share one; a retry picks up images
     * this job already claimed.
     */
    async assignImages({ jobId }: { jobId: string }): Promise<{ numImages: number }> {
      const job = await loadJob(jobId);
      let claimed = await Image.countDocuments({ jobId });
      while (claimed < job.requestedImages) {
        heartbeat(claimed);
        const candidates = await Image.find({ batchId: job.batchId, jobId: null }, { _id: 1 })
          .sort({ createdAt: 1, _id: 1 })
          .limit(Math.min(500, job.requestedImages - claimed))
          .lean();
        if (candidates.length === 0) break;
        for (const c of candidates) {
          if (claimed >= job.requestedImages) break;
          const res = await Image.updateOne({ _id: c._id, jobId: null }, { $set: { jobId } });
          claimed += res.modifiedCount;
        }
      }
      const images = await Image.find({ jobId }, { _id: 1 }).sort({ createdAt: 1, _id: 1 }).lean();
      if (images.length > 0) {
        heartbeat(claimed);
        await JobImage.bulkWrite(
          images.map((img, seq) => ({
            updateOne: {
              filter: { _id: `${jobId}:${img._id.toString()}` },
              update: {
                $setOnInsert: {
                  jobId, imageId: img._id.toString(), workspace: job.workspace, project: job.project,
                  state: 'unannotated', queueRank: 1, seq,
                },
              },
              upsert: true,
            },
          })),
          { ordered: false },
        );
      }
      await Job.updateOne({ _id: jobId }, { $set: { numImages: images.length, counts: { ...emptyCounts(), unannotated: images.length } } });
      return { numImages: images.length };
    },

    /**
     * Puts every approved image into the dataset (once: the dataset item's id is the image), then
     * recounts the job from its images and stores the counts and status.
     */
    async syncJobProgress({ jobId }: { jobId: string }): Promise<JobProgress> {
      const job = await loadJob(jobId);
      const pending = await JobImage.find({ jobId, state: 'approved', inDataset: false }).lean();
      for (const ji of pending) {
        heartbeat();
        const approved = await Annotation.findById(`${ji._id}:v${ji.approvedVersion}`).lean();
        await DatasetItem.updateOne(
          { _id: `${ji.workspace}/${ji.project}/${ji.imageId}` },
          { $setOnInsert: { workspace: ji.workspace, project: ji.project, imageId: ji.imageId, jobId, version: ji.approvedVersion, annotations: approved?.annotations ?? [] } },
          { upsert: true },
        );
        await JobImage.updateOne({ _id: ji._id, state: 'approved' }, { $set: { inDataset: true } });
      }
      const counts = emptyCounts();
      const grouped = await JobImage.aggregate<{ _id: string; n: number }>([
        { $match: { jobId } },
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      for (const g of grouped) if ((jobImageStates as readonly string[]).includes(g._id)) counts[g._id as keyof typeof counts] = g.n;
      const inDataset = await JobImage.countDocuments({ jobId, inDataset: true });
      const progress: JobProgress = { ...counts, numImages: job.numImages, inDataset };
      const status: JobStatus = job.status === 'cancelled' ? 'cancelled' : jobStatusOf(progress);
      await Job.updateOne({ _id: jobId }, { $set: { counts, inDataset, status } });
      return progress;
    },

    async setJobStatus({ jobId, status }: { jobId: string; status: JobStatus }): Promise<void> {
      await Job.updateOne({ _id: jobId }, { $set: { status } });
    },

    /** On cancel: images not yet approved go back to the batch for another job. */
    async releaseJobImages({ jobId }: { jobId: string }): Promise<{ released: number }> {
      const open = await JobImage.find({ jobId, state: { $ne: 'approved' } }, { imageId: 1 }).lean();
      const ids = open.map((ji) => ji.imageId);
      const res = await Image.updateMany({ _id: { $in: ids }, jobId }, { $set: { jobId: null } });
      await JobImage.updateMany({ jobId, state: { $ne: 'approved' } }, { $set: { leaseHolder: null, leaseExpiresAt: null } });
      return { released: res.modifiedCount };
    },
  };
}
