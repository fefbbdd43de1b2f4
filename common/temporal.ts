// One place for the names both sides of Temporal must agree on: task queues, search attributes,
// workflow ids and non-retryable failure types.
import { defineSearchAttributeKey } from '@temporalio/common';

export interface TaskQueues {
  /** Workflows and database/notification activities. */
  jobs: string;
  /** Heavy image work (decode, measure, thumbnail), scaled separately. */
  images: string;
}

export function taskQueues(prefix = 'tessera'): TaskQueues {
  return { jobs: `${prefix}-jobs`, images: `${prefix}-images` };
}

export const searchAttributes = {
  workspace: defineSearchAttributeKey('TesseraWorkspace', 'KEYWORD'),
  project: defineSearchAttributeKey('TesseraProject', 'KEYWORD'),
  jobStatus: defineSearchAttributeKey('TesseraJobStatus', 'KEYWORD'),
  labeler: defineSearchAttributeKey('TesseraLabeler', 'KEYWORD'),
  reviewer: defineSearchAttributeKey('TesseraReviewer', 'KEYWORD'),
  dueDate: defineSearchAttributeKey('TesseraDueDate', 'DATETIME'),
} as const;

export const allSearchAttributes = Object.values(searchAttributes);

export const workflowIds = {
  labelingJob: (jobId: string) => `labeling-job-${jobId}`,
  ingestUpload: (uploadId: string) => `ingest-upload-${uploadId}`,
  acceptIntoDataset: (jobId: string, commandId: string) => `accept-into-dataset-${jobId}-${commandId}`,
  buildVersion: (versionId: string) => `build-version-${versionId}`,
  buildExport: (exportId: string) => `build-export-${exportId}`,
  deliverWebhook: (hookId: string) => `deliver-webhook-${hookId}`,
  importDataset: (importId: string) => `import-dataset-${importId}`,
  fillBatch: (batchId: string) => `fill-batch-${batchId}`,
};

/** ApplicationFailure types that must not be retried: the input or the state is wrong, not the world. */
export const failureTypes = {
  invalidState: 'InvalidState',
  notFound: 'NotFound',
  invalidInput: 'InvalidInput',
} as const;
