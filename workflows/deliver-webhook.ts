// One webhook's deliveries: the project's events of its kinds, in the stream's order (so in order per
// job), each tried with backoff until delivered or out of attempts (then marked failed, to replay),
// until the hook is disabled or deleted. Enabling it again starts this afresh from its cursor.
import { ActivityFailure, continueAsNew, proxyActivities, workflowInfo } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';
import type { WaitingOn } from '../activities/webhooks';

export interface DeliverWebhookInput {
  hookId: string;
  /** From the server's settings when the workflow started. */
  retry: { maxAttempts: number; initialMs: number; timeoutMs: number };
  waiting?: WaitingOn;
}

const { nextWebhookEvents, advanceWebhook, failWebhookDelivery } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '1 minute',
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function deliverWebhook(input: DeliverWebhookInput): Promise<string> {
  const { deliverWebhookEvent } = proxyActivities<JobsQueueActivities>({
    startToCloseTimeout: input.retry.timeoutMs + 5_000,
    retry: { initialInterval: input.retry.initialMs, backoffCoefficient: 2, maximumInterval: '10 minutes', maximumAttempts: input.retry.maxAttempts },
  });
  let waiting = input.waiting;
  for (;;) {
    const batch = await nextWebhookEvents({ hookId: input.hookId, waiting, waitMs: 20_000 });
    if (batch.stop) return batch.stop;
    for (const seq of batch.seqs) {
      let outcome: string;
      try {
        outcome = await deliverWebhookEvent({ hookId: input.hookId, seq });
      } catch (err) {
        if (!(err instanceof ActivityFailure)) throw err;
        outcome = 'failed';
        await failWebhookDelivery({ hookId: input.hookId, seq });
      }
      // Disabled (or deleted) meanwhile: this event is not passed, so enabling again delivers it.
      if (outcome === 'disabled' || outcome === 'deleted') {
        await advanceWebhook({ hookId: input.hookId, cursor: seq - 1 });
        return outcome;
      }
    }
    await advanceWebhook({ hookId: input.hookId, cursor: batch.cursor });
    waiting = batch.waiting;
    if (workflowInfo().continueAsNewSuggested) return continueAsNew<typeof deliverWebhook>({ ...input, waiting });
  }
}
