// Run by the staging sweep schedule (worker/upkeep-schedules.ts): removes staged files that no
// workflow will record (see activities/staging-sweep.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';

/** Older than this, a staged upload no workflow is running for is abandoned: a request never takes a day. */
export const stagingSweepAfterMs = 24 * 3600_000;

const { sweepStaging: sweep } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '1 minute',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

export async function sweepStaging(input: { olderThanMs: number } = { olderThanMs: stagingSweepAfterMs }): Promise<{ owners: number; removed: number; kept: number; fillPages: number }> {
  return sweep(input);
}
