// An accept on a job that is already complete (its workflow has ended): its images are all in the
// dataset, so accepting only files them into the splits asked for. Keyed by the command's id.
import { proxyActivities } from '@temporalio/workflow';
import type { AcceptResult, JobCommandRef, JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

const { acceptImages } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) },
});

export async function acceptIntoDataset(ref: JobCommandRef): Promise<AcceptResult> {
  return acceptImages(ref);
}
