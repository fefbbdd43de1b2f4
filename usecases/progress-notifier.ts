// Tells a job's workflow that its images changed. Signals are coalesced per job (one in flight, one
// trailing), so a burst of per-image writes becomes a handful of signals, not one per image.
import type { Client } from '@temporalio/client';
import type { Logger } from '../common/logger';
import { workflowIds } from '../common/temporal';
import { progressedSignal } from '../workflows/labeling-job';

export interface ProgressNotifier {
  jobChanged(jobId: string): void;
  /** Waits for the signals already asked for (shutdown, tests). */
  flush(): Promise<void>;
}

export function createProgressNotifier(client: Client, logger: Logger, minIntervalMs = 200): ProgressNotifier {
  const pending = new Map<string, Promise<void>>();
  const again = new Set<string>();

  function send(jobId: string): Promise<void> {
    const run = (async () => {
      try {
        await client.workflow.getHandle(workflowIds.labelingJob(jobId)).signal(progressedSignal);
      } catch (err) {
        // The workflow recounts on a timer too, so a lost signal only delays progress.
        logger.warn({ err, jobId }, 'could not signal job progress');
      }
      await new Promise((r) => setTimeout(r, minIntervalMs));
      pending.delete(jobId);
      if (again.delete(jobId)) jobChanged(jobId);
    })();
    pending.set(jobId, run);
    return run;
  }

  function jobChanged(jobId: string): void {
    if (pending.has(jobId)) again.add(jobId);
    else void send(jobId);
  }

  return {
    jobChanged,
    async flush() {
      while (pending.size > 0) await Promise.all(pending.values());
    },
  };
}
