// Activities are built from their dependencies, so the worker, tests and scripts wire them the same way.
import type { Models } from '../db/models';
import type { BlobStore } from './blob-store';
import { createImageActivities } from './images';
import type { Mailer } from './mailer';
import { createIngestActivities } from './ingest';
import { createJobActivities } from './jobs';
import { createJobCommandActivities } from './job-commands';
import { createNotificationActivities } from './notifications';
import { createExportActivities } from './exports';
import { createVersionActivities } from './versions';
import { createWebhookActivities } from './webhooks';
import { createImportActivities } from './imports';
import { createImportArchiveActivities } from './import-archive';
import { createStagingSweepActivities } from './staging-sweep';
import { createBatchActivities } from './batches';
import type { WebhookSettings } from '../config';

export interface ActivityDeps { models: Models; mailer: Mailer; store: BlobStore; webhooks: WebhookSettings }

/** Activities of the jobs task queue (database and notifications). */
export function createActivities(deps: ActivityDeps) {
  return { ...createJobActivities(deps), ...createJobCommandActivities(deps), ...createNotificationActivities(deps), ...createIngestActivities(deps), ...createVersionActivities(deps), ...createWebhookActivities(deps), ...createImportActivities(deps), ...createStagingSweepActivities(deps), ...createBatchActivities(deps) };
}

/** Activities of the images task queue (decoding, rendering and zipping images). */
export function createImagesQueueActivities(deps: ActivityDeps) {
  return { ...createImageActivities(deps), ...createExportActivities(deps), ...createImportArchiveActivities(deps) };
}

export type JobsQueueActivities = ReturnType<typeof createActivities>;
export type ImagesQueueActivities = ReturnType<typeof createImagesQueueActivities>;
export type { LabelingJobInput } from './jobs';
export type { AcceptResult, Assignees, ImagesResult, JobCommandRef, JobEdit } from './job-commands';
export type { InspectedImage } from './images';
export type { CloseBatchFill, OpenBatchFill } from './batches';
