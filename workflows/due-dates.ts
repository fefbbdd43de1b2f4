// Due dates on durable timers: once a job is past its due date and not done, its labeler is reminded;
// a further interval later, its managers are told. Once each per due date: a new date starts afresh.
import { proxyActivities } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

/** Which steps were taken for which due date; carried across continue-as-new. */
export interface DueNotices { dueAt: string; reminded?: boolean; escalated?: boolean }

/** Past the due date, how long the labeler has before managers are told, when the job does not say. */
export const defaultDueEscalationMs = 24 * 3600_000;

const { remindOverdue } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) },
});

const noticesFor = (dueAt: string, notices: DueNotices | undefined): DueNotices => (notices?.dueAt === dueAt ? notices : { dueAt });

/** When the next step falls due (epoch ms), or undefined when none is left for this due date. */
export function nextDueStep(dueAt: string | null, notices: DueNotices | undefined, escalationMs: number): number | undefined {
  if (!dueAt) return undefined;
  const taken = noticesFor(dueAt, notices);
  const due = Date.parse(dueAt);
  if (!taken.reminded) return due;
  return taken.escalated ? undefined : due + escalationMs;
}

/** Takes the steps that have fallen due; answers the notices to carry. */
export async function remindIfOverdue(jobId: string, dueAt: string, notices: DueNotices | undefined, escalationMs: number): Promise<DueNotices> {
  const taken = { ...noticesFor(dueAt, notices) };
  const now = Date.now();
  const due = Date.parse(dueAt);
  if (now >= due && !taken.reminded) {
    await remindOverdue({ jobId, dueAt, step: 'labeler' });
    taken.reminded = true;
  }
  if (now >= due + escalationMs && !taken.escalated) {
    await remindOverdue({ jobId, dueAt, step: 'managers' });
    taken.escalated = true;
  }
  return taken;
}
