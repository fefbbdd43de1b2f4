// The staging sweep runs hourly on a Temporal schedule, made by the first worker that starts, so it
// runs once however many workers there are, and survives all of them being down.
import { Client, ScheduleAlreadyRunning, type Connection } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { stagingSweepAfterMs, sweepStaging } from '../workflows/sweep-staging';

export const stagingSweepScheduleId = (jobsTaskQueue: string) => `staging-sweep-${jobsTaskQueue}`;

export async function ensureStagingSweepSchedule(connection: Connection, namespace: string, jobsTaskQueue: string, logger: Logger): Promise<void> {
  try {
    await new Client({ connection, namespace }).schedule.create({
      scheduleId: stagingSweepScheduleId(jobsTaskQueue),
      spec: { intervals: [{ every: '1 hour' }] },
      action: { type: 'startWorkflow', workflowType: sweepStaging, workflowId: `sweep-staging-${jobsTaskQueue}`, taskQueue: jobsTaskQueue, args: [{ olderThanMs: stagingSweepAfterMs }] },
    });
    logger.info({ scheduleId: stagingSweepScheduleId(jobsTaskQueue) }, 'made the staging sweep schedule');
  } catch (err) {
    if (!(err instanceof ScheduleAlreadyRunning)) logger.warn({ err }, 'could not make the staging sweep schedule; staged files of crashed uploads stay until it is made');
  }
}
