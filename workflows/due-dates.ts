// Due dates on durable timers: a while before a job's due date its labeler is told it is due soon;
// once it is past its due date and not done, the labeler is reminded; a further interval later, its
// managers are told. Once each per due date: a new date starts afresh.
import { proxyActivities } from '@temporalio/workflow';
import type { JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

/** Which steps were taken for which due date; carried across continue-as-new. */
export interface DueNotices { dueAt: string; warned?: boolean; reminded?: boolean; escalated?: boolean }

/** Past the due date, how long the labeler has before managers are told, when the job does not say. */
export const defaultDueEscalationMs = 24 * 3600_000;
/** Before the due date, when the labeler is told it is due soon, when the job does not say. */
export const defaultDueSoonMs = 24 * 3600_000;

/** How long each step waits: `soonMs` is absent for jobs whose histories began before due-soon notices. */
export interface DueTimes { escalationMs: number; soonMs?: number }

const { remindOverdue } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) },
});

const noticesFor = (dueAt: string, notices: DueNotices | undefined): DueNotices => (notices?.dueAt === dueAt ? notices : { dueAt });

/** When the next step falls due (epoch ms), or undefined when none is left for this due date. */
export function nextDueStep(dueAt: string | null, notices: DueNotices | undefined, times: DueTimes): number | undefined {
  if (!dueAt) return undefined;
  const taken = noticesFor(dueAt, notices);
  const due = Date.parse(dueAt);
  if (times.soonMs !== undefined && !taken.warned && !taken.reminded && Date.now() < due) return due - times.soonMs;
  if (!taken.reminded) return due;
  return taken.escalated ? undefined : due + times.escalationMs;
}

/** Takes the steps that have fallen due; answers the notices to carry. */
export async function remindIfOverdue(jobId: string, dueAt: string, notices: DueNotices | undefined, times: DueTimes): Promise<DueNotices> {
  const taken = { ...noticesFor(dueAt, notices) };
  const now = Date.now();
  const due = Date.parse(dueAt);
  const { escalationMs, soonMs } = times;
  // Only ahead of the date: past it, the overdue reminder says more.
  if (soonMs !== undefined && now >= due - soonMs && now < due && !taken.warned) {
    await remindOverdue({ jobId, dueAt, step: 'soon' });
    taken.warned = true;
  }
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
