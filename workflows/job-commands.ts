// A manager's commands on a running job, as Workflow Updates beside the labelingJob workflow that
// registers them. Each carries only a command id: its images and parameters are in MongoDB
// (JobCommand), and its activity works through them a page at a time.
import { ActivityFailure, ApplicationFailure, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { AcceptResult, JobCommandRef, JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

export const acceptUpdate = defineUpdate<AcceptResult, [JobCommandRef]>('accept');

export interface CommandHost {
  /** Why the job takes no command now (finished, cancelling), or undefined. */
  refusal(): string | undefined;
  /** The command changed images: recount them from MongoDB, counters and all. */
  changed(): void;
}

const { acceptImages } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '15 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) },
});

export function handleJobCommands(host: CommandHost): void {
  const validator = (_ref: JobCommandRef) => {
    const refusal = host.refusal();
    if (refusal) throw ApplicationFailure.nonRetryable(refusal, failureTypes.invalidState);
  };
  /** A refusal from the activity reaches the caller as the update's own failure, with its type. */
  const run = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (err) {
      if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) throw err.cause;
      throw err;
    } finally {
      host.changed();
    }
  };
  setHandler(acceptUpdate, (ref) => run(() => acceptImages(ref)), { validator });
}
