// The kinds of change the event log records, and what a webhook may subscribe to.
export const eventKinds = [
  'upload.recorded', 'batch.created', 'batch.archived', 'batch.merged', 'batch.deleted',
  'job.created', 'job.updated', 'job.images_accepted', 'job.images_sent_back', 'job.images_moved', 'job.reassigned',
  'image.leased', 'image.draft_saved', 'image.submitted', 'image.skipped', 'image.approved', 'image.rejected',
  'image.reverted', 'image.added_to_dataset',
  'comment.created', 'comment.edited', 'comment.deleted', 'comment.resolved',
  'version.created', 'export.created',
  'member.invited', 'member.added', 'member.updated', 'member.removed', 'key.issued', 'key.revoked', 'key.rotated',
] as const;
export type EventKind = (typeof eventKinds)[number];

/** The ids an event touches; a timeline of a job or an image lists the events naming it. */
export interface EventSubjects { job?: string; image?: string; batch?: string; comment?: string }

/** Events of one project (or of the workspace itself, project '') are numbered in one stream. */
export const workspaceStream = '';
export const eventStreamId = (workspace: string, project: string) => `${workspace}/${project}`;
export const eventId = (stream: string, seq: number) => `${stream}#${seq}`;
/** A job's events are indexed in blocks of the stream's numbers, so indexing one is a single upsert. */
export const jobEventBlockSize = 1000;
export const jobEventBlockId = (jobId: string, block: number) => `j:${jobId}@${block}`;
export const imageEventIndexId = (imageId: string) => `i:${imageId}`;
