// One export of a dataset version: the zip is written on the images task queue (activities/exports.ts).
// A killed worker's attempt is retried from the start; one that keeps failing is recorded as failed, so
// asking for the export again starts it over.
import { ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { ImagesQueueActivities, JobsQueueActivities } from '../activities';
import { failureTypes } from '../common/temporal';

export interface BuildExportInput {
  exportId: string;
  /** The images task queue; the zip is written there. */
  imagesTaskQueue: string;
}
export interface BuildExportResult { bytes: number; sha256: string }

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) };
const { markExportFailed } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '30 seconds', retry });

export async function buildExport(input: BuildExportInput): Promise<BuildExportResult> {
  const { writeExport } = proxyActivities<ImagesQueueActivities>({
    taskQueue: input.imagesTaskQueue,
    startToCloseTimeout: '6 hours',
    heartbeatTimeout: '30 seconds',
    retry: { ...retry, maximumAttempts: 5 },
  });
  try {
    return await writeExport({ exportId: input.exportId });
  } catch (err) {
    const cause = err instanceof Error && err.cause instanceof Error ? err.cause : err;
    await markExportFailed({ exportId: input.exportId, message: cause instanceof Error ? cause.message : String(cause) });
    throw ApplicationFailure.nonRetryable(`export ${input.exportId} failed`, failureTypes.invalidState);
  }
}
