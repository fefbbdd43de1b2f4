// One labeling job: assignment → labeling ⇄ review (rework loop) → dataset inclusion → complete.
// Per-image events live in MongoDB; this workflow hears of them through coalesced `progressed`
// signals and recounts with an activity, so a 25,000-image job stays far from history limits.
import {
  ApplicationFailure, allHandlersFinished, condition, continueAsNew, defineQuery, defineSignal, defineUpdate,
  patched, proxyActivities, setHandler, upsertSearchAttributes, workflowInfo,
} from '@temporalio/workflow';
import type { JobsQueueActivities, LabelingJobInput } from '../activities';
import { failureTypes, searchAttributes } from '../common/temporal';
import { isJobFinished, jobStatusOf, type JobProgress, type JobStatus } from '../domain/jobs';
import { defaultDueEscalationMs, defaultDueSoonMs, nextDueStep, remindIfOverdue, type DueNotices, type DueTimes } from './due-dates';
import { handleJobCommands, type JobDetails } from './job-commands';

export type { LabelingJobInput };

/** Something changed in the job's images; the workflow recounts. Carries nothing: it coalesces. */
export const progressedSignal = defineSignal('progressed');
/** Resolves once images are assigned, with the count; what the API waits on when it creates a job. */
export const assignedUpdate = defineUpdate<{ numImages: number }>('assigned');
export const cancelUpdate = defineUpdate<{ status: JobStatus }, [{ by: string }]>('cancel');
/** The job's live state: its status, counts, and when it entered each stage (ISO times). */
export const statusQuery = defineQuery<{ status: JobStatus; progress?: JobProgress; stageEnteredAt: Partial<Record<JobStatus, string>> }>('status');

export interface LabelingJobState {
  status: JobStatus;
  numImages?: number;
  /** Signals received by this run, across continue-as-new only as a total for the UI. */
  signalsTotal: number;
  /** Times the job became ready for review: keys the reviewer's notice, once per round. */
  reviewRounds?: number;
  /** When the job last entered each stage. */
  stageEnteredAt?: Partial<Record<JobStatus, string>>;
  /** Who works on it, its name, instructions and due date, as managers' commands left them. */
  details?: JobDetails;
  dueNotices?: DueNotices;
}

export interface LabelingJobResult { status: JobStatus; numImages: number; approved: number }

const retry = { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) };
const { createJobRecord, setJobStatus, releaseJobImages, sendNotification, notifyRejections } =
  proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '30 seconds', retry });
/** Work that grows with the job heartbeats, so a killed worker is noticed in seconds, not minutes. */
const { assignImages, syncJobProgress } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '15 minutes',
  heartbeatTimeout: '15 seconds',
  retry,
});

/** Continue as new well before the server's per-run signal cap (10,000). */
const maxSignalsPerRun = 2_000;
/**
 * And before the history grows long: a worker that drops the run from its cache (a task timed out on a
 * busy machine) replays the whole history, and replaying ~5,000 events took longer than a task may, so
 * it lost the run again and again (bench/big-job stalled at 3,300 of 25,000 images).
 */
const maxEventsPerRun = 2_000;
/** Even without signals, recount now and then: a lost signal only delays progress, drift is put right. */
const resyncInterval = '5 minutes';
const resyncMs = 5 * 60_000;

export async function labelingJob(input: LabelingJobInput, carried?: LabelingJobState): Promise<LabelingJobResult> {
  const state: LabelingJobState = carried ?? { status: 'assigning', signalsTotal: 0 };
  state.stageEnteredAt ??= { [state.status]: new Date().toISOString() };
  const details = (state.details ??= {
    labeler: input.labeler, reviewer: input.reviewer, name: input.name, instructionsText: input.instructionsText, dueAt: null,
  });
  let dirty = true;
  /** A manager's command changed images: the next recount reads them all, so no drift survives it. */
  let recountAll = false;
  let signalsThisRun = 0;
  let cancelledBy: string | undefined;
  let progress: JobProgress | undefined;

  setHandler(progressedSignal, () => {
    dirty = true;
    signalsThisRun++;
    state.signalsTotal++;
  });
  setHandler(statusQuery, () => ({ status: state.status, progress, stageEnteredAt: state.stageEnteredAt ?? {} }));
  setHandler(assignedUpdate, async () => {
    await condition(() => state.numImages !== undefined);
    return { numImages: state.numImages! };
  });
  setHandler(
    cancelUpdate,
    async ({ by }) => {
      cancelledBy = by;
      await condition(() => state.status === 'cancelled');
      return { status: state.status };
    },
    {
      validator: (_cmd: { by: string }) => {
        if (state.status === 'complete' || state.status === 'cancelled') {
          throw ApplicationFailure.nonRetryable(`the job is already ${state.status}`, failureTypes.invalidState);
        }
      },
    },
  );

  handleJobCommands({
    jobId: input.jobId,
    details,
    refusal: () => (cancelledBy !== undefined ? 'the job is being cancelled'
      : state.status === 'complete' || state.status === 'cancelled' ? `the job is already ${state.status}` : undefined),
    changed: () => {
      dirty = true;
      recountAll = true;
    },
  });

  const setStatus = async (status: JobStatus) => {
    if (status === state.status) return;
    // Stored first: an update that waits on the status must find it in MongoDB when it returns.
    const at = new Date().toISOString();
    await setJobStatus({ jobId: input.jobId, status, at });
    state.status = status;
    state.stageEnteredAt = { ...state.stageEnteredAt, [status]: at };
    upsertSearchAttributes([{ key: searchAttributes.jobStatus, value: status }]);
  };

  if (state.numImages === undefined) {
    await createJobRecord(input);
    state.numImages = (await assignImages({ jobId: input.jobId })).numImages;
    await sendNotification({
      key: `job:${input.jobId}:assigned`,
      to: input.labeler,
      subject: `New labeling job: ${input.name}`,
      text: `You have been assigned ${state.numImages} images in ${input.workspace}/${input.project}.\n\n${input.instructionsText}`,
    });
  }

  // Jobs begun before due-soon notices replay without them.
  const dueTimes = (): DueTimes => ({
    escalationMs: input.dueEscalationMs ?? defaultDueEscalationMs,
    soonMs: patched('due-soon-notices') ? input.dueSoonMs ?? defaultDueSoonMs : undefined,
  });
  for (;;) {
    // A due date wakes the job when its next reminder falls due (histories before due dates had none).
    const dueStep = details.dueAt && patched('due-date-reminders') ? nextDueStep(details.dueAt, state.dueNotices, dueTimes()) : undefined;
    const wait = dueStep === undefined ? resyncInterval : Math.max(1, Math.min(resyncMs, dueStep - Date.now()));
    const woken = await condition(() => dirty || cancelledBy !== undefined, wait);
    if (cancelledBy !== undefined) {
      await releaseJobImages({ jobId: input.jobId });
      await setStatus('cancelled');
      break;
    }
    dirty = false;
    // A quiet spell recounts from the images, putting right any drift of the counters.
    const reconcile = !woken || recountAll;
    recountAll = false;
    progress = await syncJobProgress({ jobId: input.jobId, reconcile });
    await notifyRejections({ jobId: input.jobId });
    if (isJobFinished(progress)) {
      await setStatus('complete');
      break;
    }
    if (dueStep !== undefined && details.dueAt) {
      state.dueNotices = await remindIfOverdue(input.jobId, details.dueAt, state.dueNotices, dueTimes());
    }
    const next = jobStatusOf(progress); // not finished, so `assigned` or `review`
    // Histories recorded before the reviewer was told have no such activity: replay them unchanged.
    if (next === 'review' && state.status !== 'review' && patched('tell-reviewer-when-ready')) {
      state.reviewRounds = (state.reviewRounds ?? 0) + 1;
      await sendNotification({
        key: `job:${input.jobId}:ready-for-review:${state.reviewRounds}`,
        to: details.reviewer,
        subject: `Ready for review: ${details.name}`,
        text: `Every image of ${details.name} in ${input.workspace}/${input.project} is submitted: ${progress.annotated} await your review.`,
      });
    }
    await setStatus(next);
    const longRun = workflowInfo().historyLength >= maxEventsPerRun && patched('shorter-runs'); // older histories replay unchanged
    if (workflowInfo().continueAsNewSuggested || signalsThisRun >= maxSignalsPerRun || longRun) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof labelingJob>(input, state);
    }
  }
  await condition(allHandlersFinished);
  return { status: state.status, numImages: state.numImages ?? 0, approved: progress?.approved ?? 0 };
}
