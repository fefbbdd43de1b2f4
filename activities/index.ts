// Activities are built from their dependencies, so the worker, tests and scripts wire them the same way.
import type { Models } from '../db/models';
import type { BlobStore } from './blob-store';
import { createImageActivities } from './images';
import type { Mailer } from './mailer';
import { createIngestActivities } from './ingest';
import { createJobActivities } from './jobs';
import { createJobCommandActivities } from './job-commands';
import { createNotificationActivities } from './notifications';

export interface ActivityDeps { models: Models; mailer: Mailer; store: BlobStore }

/** Activities of the jobs task queue (database and notifications). */
export function createActivities(deps: ActivityDeps) {
  return { ...createJobActivities(deps), ...createJobCommandActivities(deps), ...createNotificationActivities(deps), ...createIngestActivities(deps) };
}

export { createImageActivities };
export type JobsQueueActivities = ReturnType<typeof createActivities>;
export type ImagesQueueActivities = ReturnType<typeof createImageActivities>;
export type { LabelingJobInput } from './jobs';
export type { AcceptResult, Assignees, ImagesResult, JobCommandRef, JobEdit } from './job-commands';
export type { InspectedImage } from './images';
