// Upkeep that runs hourly on Temporal schedules, made by the first jobs worker that starts, so each runs
// once however many workers there are, and survives all of them being down: the staging sweep (staged
// files of crashed uploads) and the settling of batch moves a crash interrupted.
import { Client, ScheduleAlreadyRunning, type Connection, type ScheduleOptionsAction } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { settleBatchMoves } from '../workflows/settle-batch-moves';
import { stagingSweepAfterMs, sweepStaging } from '../workflows/sweep-staging';

export const stagingSweepScheduleId = (jobsTaskQueue: string) => `staging-sweep-${jobsTaskQueue}`;
export const batchMovesScheduleId = (jobsTaskQueue: string) => `settle-batch-moves-${jobsTaskQueue}`;

export async function ensureUpkeepSchedules(connection: Connection, namespace: string, jobsTaskQueue: string, logger: Logger): Promise<void> {
  const client = new Client({ connection, namespace });
  /** Makes the schedule unless it exists; where schedules are refused, says what goes undone and carries on. */
  const hourly = async (scheduleId: string, undone: string, action: ScheduleOptionsAction) => {
    try {
      await client.schedule.create({ scheduleId, spec: { intervals: [{ every: '1 hour' }] }, action });
      logger.info({ scheduleId }, 'made an upkeep schedule');
    } catch (err) {
      if (!(err instanceof ScheduleAlreadyRunning)) logger.warn({ err, scheduleId }, `could not make the schedule; ${undone} until it is made`);
    }
  };
  await hourly(stagingSweepScheduleId(jobsTaskQueue), 'staged files of crashed uploads stay', {
    type: 'startWorkflow', workflowType: sweepStaging, workflowId: `sweep-staging-${jobsTaskQueue}`, taskQueue: jobsTaskQueue, args: [{ olderThanMs: stagingSweepAfterMs }],
  });
  await hourly(batchMovesScheduleId(jobsTaskQueue), 'batch counters a crash left off stay off', {
    type: 'startWorkflow', workflowType: settleBatchMoves, workflowId: `settle-batch-moves-${jobsTaskQueue}`, taskQueue: jobsTaskQueue, args: [],
  });
}
