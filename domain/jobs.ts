// The job's aggregate state, derived from its images' states.
export const jobImageStates = ['unannotated', 'annotated', 'approved', 'rejected'] as const;
export type JobImageState = (typeof jobImageStates)[number];

export const jobStatuses = ['assigning', 'assigned', 'review', 'complete', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** The four counts partition numImages. */
export interface JobCounts {
  unannotated: number;
  annotated: number;
  approved: number;
  rejected: number;
}

export interface JobProgress extends JobCounts {
  numImages: number;
  /** Approved images already in the dataset. */
  inDataset: number;
}

export const emptyCounts = (): JobCounts => ({ unannotated: 0, annotated: 0, approved: 0, rejected: 0 });

export function isJobFinished(p: JobProgress): boolean {
  return p.inDataset === p.numImages;
}

/** `assigned` while the labeler has work, `review` once everything left waits on the reviewer. */
export function jobStatusOf(p: JobProgress): JobStatus {
  if (isJobFinished(p)) return 'complete';
  return p.unannotated + p.rejected > 0 ? 'assigned' : 'review';
}
