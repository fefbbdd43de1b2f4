// A manager's commands on a running job, as Workflow Updates beside the labelingJob workflow that
// registers them. Commands on images carry only a command id: the images and parameters are in
// MongoDB (JobCommand), and the activity works through them a page at a time.
import {
  ActivityFailure, ApplicationFailure, defineSignal, defineUpdate, getExternalWorkflowHandle, log, proxyActivities, setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { AcceptResult, Assignees, ImagesResult, JobCommandRef, JobEdit, JobsQueueActivities } from '../activities';
import { failureTypes, searchAttributes, workflowIds } from '../common/temporal';

export const acceptUpdate = defineUpdate<AcceptResult, [JobCommandRef]>('accept');
export const sendBackUpdate = defineUpdate<ImagesResult, [JobCommandRef]>('sendBack');
/** `to`: the job the images go to, or null for their batch (unassigned). */
export const moveImagesUpdate = defineUpdate<ImagesResult, [JobCommandRef & { to: string | null }]>('moveImages');
export const reassignUpdate = defineUpdate<Assignees, [{ commandId: string } & Partial<Assignees>]>('reassign');
export const editUpdate = defineUpdate<JobEdit, [JobEdit]>('edit');
/** Another job's `moveImages` claimed images for this job: append them to its stream. */
export const imagesArrivedSignal = defineSignal<[{ command: JobCommandRef }]>('imagesArrived');

/** What of the job a command may change, as the workflow keeps it for its notices. */
export interface JobDetails extends Assignees { name: string; instructionsText: string; dueAt: string | null }

export interface CommandHost {
  jobId: string;
  details: JobDetails;
  /** Why the job takes no command now (finished, cancelling), or undefined. */
  refusal(): string | undefined;
  /** The command changed images: recount them from MongoDB, counters and all. */
  changed(): void;
}

const retry = { initialInterval: '1 second', maximumInterval: '1 minute', nonRetryableErrorTypes: Object.values(failureTypes) };
const { acceptImages, sendBackImages, moveImagesOut, addMovedImages } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '15 minutes', heartbeatTimeout: '15 seconds', retry,
});
const { reassignJob, editJob, sendNotification } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '30 seconds', retry });

export function handleJobCommands(host: CommandHost): void {
  const { jobId, details } = host;
  const validator = (..._args: unknown[]) => {
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
  setHandler(sendBackUpdate, (ref) => run(() => sendBackImages(ref)), { validator });
  setHandler(moveImagesUpdate, ({ to, ...ref }) => run(async () => {
    const result = await moveImagesOut(ref);
    if (to !== null && result.changed > 0) await getExternalWorkflowHandle(workflowIds.labelingJob(to)).signal(imagesArrivedSignal, { command: ref });
    return result;
  }), { validator });

  // Arrivals are appended one command at a time: each moves the stream's `total`. A bad one is logged,
  // never allowed to fail the job.
  let arrivals = Promise.resolve();
  setHandler(imagesArrivedSignal, ({ command }) => {
    arrivals = arrivals.then(() => run(() => addMovedImages({ jobId, command })))
      .then(() => undefined, (err: unknown) => log.error('moved images could not be added', { command, err }));
    return arrivals;
  });

  setHandler(reassignUpdate, ({ commandId, labeler, reviewer }) => run(async () => {
    const before = await reassignJob({ jobId, labeler, reviewer });
    const tell = (to: string, what: string, text: string) =>
      sendNotification({ key: `job:${jobId}:reassigned:${commandId}:${what}`, to, subject: `${details.name}: ${what}`, text });
    if (labeler && labeler !== before.labeler) {
      details.labeler = labeler;
      await tell(labeler, 'you are its labeler', `You are now the labeler of ${details.name}.\n\n${details.instructionsText}`);
      await tell(before.labeler, 'you are no longer its labeler', `${details.name} was given to another labeler; your reserved images were released.`);
    }
    if (reviewer && reviewer !== before.reviewer) {
      details.reviewer = reviewer;
      await tell(reviewer, 'you are its reviewer', `You are now the reviewer of ${details.name}.`);
      await tell(before.reviewer, 'you are no longer its reviewer', `${details.name} was given to another reviewer.`);
    }
    upsertSearchAttributes([{ key: searchAttributes.labeler, value: details.labeler }, { key: searchAttributes.reviewer, value: details.reviewer }]);
    return { labeler: details.labeler, reviewer: details.reviewer };
  }), { validator });

  setHandler(editUpdate, (edit) => run(async () => {
    await editJob({ jobId, ...edit });
    Object.assign(details, Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)));
    if (edit.dueAt !== undefined) {
      upsertSearchAttributes([{ key: searchAttributes.dueDate, value: edit.dueAt === null ? null : new Date(edit.dueAt) }]);
    }
    return { name: details.name, instructionsText: details.instructionsText, dueAt: details.dueAt };
  }), { validator });
}
