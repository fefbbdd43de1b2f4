// A dataset version: the dataset as it stood when the version was made, copied page by page into the
// version (activities/versions.ts). The copy resumes where a crashed worker left it.
import { proxyActivities } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

export interface BuildVersionInput { versionId: string }
export interface BuildVersionResult { items: number }

const { snapshotDataset } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '2 hours',
  // It heartbeats every page: a killed worker is noticed in seconds, and the retry starts at that page.
  heartbeatTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) },
});

export async function buildVersion(input: BuildVersionInput): Promise<BuildVersionResult> {
  return snapshotDataset({ versionId: input.versionId });
}
