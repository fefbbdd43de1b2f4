// Run hourly by a schedule (worker/upkeep-schedules.ts): batch counters a crash left off by a move are
// put right (see MoveMark in db/batch-pages.ts).
import { proxyActivities } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';

const { settleBatchMoves: settle } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '30 minutes',
  retry: { initialInterval: '10 seconds', maximumInterval: '10 minutes', maximumAttempts: 5 },
});

export async function settleBatchMoves(): Promise<{ batches: number; marks: number; images: number }> {
  return settle();
}
