// Collection: one upload request. Files are staged before the workflow starts, so once the API has
// acknowledged the upload, a crash anywhere only delays it. Each file is checked on the images queue,
// the upload is recorded (the answer the API gives), then thumbnails and previews are made.
import { allHandlersFinished, condition, defineUpdate, patched, proxyActivities, setHandler } from '@temporalio/workflow';
import type { ImagesQueueActivities, JobsQueueActivities } from '../activities';
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

/** Answers once the upload is recorded: which files became images, which were duplicates, which were refused. */
export const recordedUpdate = defineUpdate<IngestUploadResult>('recorded');

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) };
const { recordUpload, finishIngestion } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '2 minutes', retry });

/** Files worked on at once by uploads recorded before `image-work-in-groups`. */
const parallelism = 8;
/** Files per activity: few enough that a retried group redoes little, enough to spare round trips. */
const groupSize = 10;

const groupsOf = <T>(items: T[]): T[][] =>
  Array.from({ length: Math.ceil(items.length / groupSize) }, (_, g) => items.slice(g * groupSize, (g + 1) * groupSize));

async function inChunks<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += parallelism) results.push(...(await Promise.all(items.slice(i, i + parallelism).map(work))));
  return results;
}

export async function ingestUpload(input: IngestUploadInput): Promise<IngestUploadResult> {
  let recorded: IngestUploadResult | undefined = undefined;
  setHandler(recordedUpdate, async () => {
    await condition(() => recorded !== undefined);
    return recorded!;
  });
  const { inspectStagedImage, makeDerivatives, inspectStagedImages, makeDerivativesOf } = proxyActivities<ImagesQueueActivities>({
    taskQueue: input.imagesTaskQueue,
    // A group of files is worked one after the other; heartbeats notice a killed worker in seconds.
    startToCloseTimeout: '10 minutes',
    heartbeatTimeout: '10 seconds',
    retry,
  });
  // Files in groups, all groups at once (the images worker bounds how many run): one activity per file
  // cost a round trip through Temporal per file, most of a small upload's time.
  const inGroups = patched('image-work-in-groups');
  const results = inGroups
    ? (await Promise.all(groupsOf(input.files.map((f) => f.index)).map((indexes) => inspectStagedImages({ uploadId: input.uploadId, indexes })))).flat()
    : await inChunks(input.files, (f) => inspectStagedImage({ uploadId: input.uploadId, index: f.index }));
  recorded = await recordUpload({
    uploadId: input.uploadId,
    workspace: input.workspace,
    project: input.project,
    batchName: input.batchName,
    files: input.files.map((f, i) => ({ name: f.name, result: results[i]! })),
  });
  // Uploads recorded before thumbnails came after the answer end here; their histories replay unchanged.
  if (patched('derivatives-after-record')) {
    const hashes = [...new Set(results.flatMap((r) => (r.ok ? [r.sha256] : [])))];
    const { workspace, project } = input;
    if (inGroups) await Promise.all(groupsOf(hashes).map((sha256s) => makeDerivativesOf({ workspace, project, sha256s })));
    else await inChunks(hashes, (sha256) => makeDerivatives({ workspace, project, sha256 }));
  }
  // The batch lists the upload as ingesting from when it is recorded until here.
  if (patched('ingestion-finished')) await finishIngestion({ uploadId: input.uploadId });
  await condition(allHandlersFinished);
  return recorded;
}
