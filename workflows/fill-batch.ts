// Collection: one request to make a batch (POST batches). The API stores the listed or sampled ids as
// pages of 1,000 before this starts, so once the request is accepted a crash of the API or the worker
// only delays the batch: each page is moved once (activities/batches.ts) and the fill resumes where
// it was. The API answers from the `filled` update, or with the batch id when it takes longer.
import { allHandlersFinished, condition, defineUpdate, proxyActivities, setHandler } from '@temporalio/workflow';
import type { CloseBatchFill, JobsQueueActivities, OpenBatchFill } from '../activities';
import { failureTypes } from '../common/temporal';

/** The batch to make and how many pages of ids the API stored for it; the ids themselves stay in MongoDB. */
export type FillBatchInput = Omit<OpenBatchFill & CloseBatchFill, 'numImages'>;

export interface FillBatchResult { numImages: number }

/** Answers once every page is moved: how many images the batch received. Fails when the name is taken. */
export const filledUpdate = defineUpdate<FillBatchResult>('filled');

const { openBatchFill, fillBatchPage, closeBatchFill } = proxyActivities<JobsQueueActivities>({
  startToCloseTimeout: '5 minutes',
  // A page's activity beats while it works: a killed worker's page is taken up again in seconds.
  heartbeatTimeout: '10 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) },
});

/** Pages moved at once: one page's reads overlap the other's writes. */
const pagesAtOnce = 2;

export async function fillBatch(input: FillBatchInput): Promise<FillBatchResult> {
  let outcome: { filled: FillBatchResult } | { refused: unknown } | undefined = undefined;
  setHandler(filledUpdate, async () => {
    await condition(() => outcome !== undefined);
    if ('refused' in outcome!) throw outcome.refused;
    return outcome!.filled;
  });
  const { batchId, workspace, project } = input;
  try {
    await openBatchFill({ batchId, workspace, project, name: input.name, priority: input.priority, pages: input.pages, sample: input.sample });
  } catch (err) {
    outcome = { refused: err };
    await condition(allHandlersFinished);
    throw err;
  }
  let numImages = 0;
  let next = 0;
  const movePages = async () => {
    while (next < input.pages) {
      // Awaited first: `numImages += await …` would read numImages before the other page's result lands.
      const moved = await fillBatchPage({ batchId, workspace, project, page: next++, sourceBatchId: input.sourceBatchId });
      numImages += moved;
    }
  };
  await Promise.all(Array.from({ length: pagesAtOnce }, movePages));
  const { actor, name, sourceBatchId, sample } = input;
  await closeBatchFill({ batchId, workspace, project, actor, name, sourceBatchId, sample, numImages });
  outcome = { filled: { numImages } };
  await condition(allHandlersFinished);
  return outcome.filled;
}
