// Collection: one upload request. Files are staged on disk before the workflow starts, so once the API
// has acknowledged the upload, a crash anywhere only delays it.
import { proxyActivities } from '@temporalio/workflow';
import type { ImagesQueueActivities, JobsQueueActivities } from '../activities';
import type { InspectedImage } from '../activities';
import { failureTypes } from '../common/temporal';

export interface IngestUploadInput {
  uploadId: string;
  workspace: string;
  project: string;
  batchName: string;
  files: { index: number; name: string }[];
  /** The images task queue; heavy work runs there. */
  imagesTaskQueue: string;
}

export interface IngestUploadResult { stored: number; duplicates: number; failed: number }

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) };
const { recordUpload } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '2 minutes', retry });

/** Files inspected at once: bounds memory on the images worker. */
const parallelism = 8;

export async function ingestUpload(input: IngestUploadInput): Promise<IngestUploadResult> {
  const { inspectStagedImage } = proxyActivities<ImagesQueueActivities>({
    taskQueue: input.imagesTaskQueue,
    startToCloseTimeout: '1 minute',
    retry,
  });
  const results: InspectedImage[] = new Array(input.files.length);
  for (let i = 0; i < input.files.length; i += parallelism) {
    const chunk = input.files.slice(i, i + parallelism);
    const inspected = await Promise.all(chunk.map((f) => inspectStagedImage({ uploadId: input.uploadId, index: f.index })));
    inspected.forEach((r, j) => (results[i + j] = r));
  }
  return recordUpload({
    uploadId: input.uploadId,
    workspace: input.workspace,
    project: input.project,
    batchName: input.batchName,
    files: input.files.map((f, i) => ({ name: f.name, result: results[i]! })),
  });
}
