// What the routes answer, for the OpenAPI document (and so the web app's generated client). Named
// schemas (`.meta({ id })`) become shared components. Objects list what the answer always or may
// carry; when the API is started with TESSERA_CHECK_RESPONSES (the test stacks are), every JSON answer
// of a route is parsed with its schema, so a documented shape that drifts from the real one fails tests.
import { z } from 'zod';
import { projectTypes } from '../domain/annotations';
import { roles } from '../domain/roles';

const isoTime = z.string().describe('ISO 8601 time');
const firestoreTime = z.object({ _seconds: z.number(), _nanoseconds: z.number() }).describe('Roboflow\'s timestamp shape');
const role = z.enum(roles);
const progress = z.object({ done: z.number(), total: z.number() });
const imageSize = { id: z.string(), name: z.string(), width: z.number(), height: z.number() };

const shape = z.object({
  class: z.string(),
  box: z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() }).optional(),
  polygon: z.array(z.tuple([z.number(), z.number()])).optional(),
}).meta({ id: 'Shape', description: 'One region: a box, a polygon, or neither (a tag of the whole image)' });

export const sessionAnswer = z.object({
  email: z.string(), role, via: z.enum(['session', 'api_key']).optional(),
  csrfToken: z.string().optional().describe('Send it as `X-CSRF-Token` on unsafe methods'), expiresAt: isoTime.optional(),
}).meta({ id: 'Session' });

export const project = z.object({
  id: z.string(), workspace: z.string(), name: z.string(), type: z.enum(projectTypes), classes: z.array(z.string()),
  maxReworkRounds: z.number(), reviewAfterRevert: z.boolean(), created: isoTime,
}).meta({ id: 'Project' });
export const projectList = z.object({ projects: z.array(project) });

export const member = z.object({ email: z.string(), name: z.string(), role, created: isoTime }).meta({ id: 'Member' });
export const memberList = z.object({ members: z.array(member) });

const counts = { unannotated: z.number(), annotated: z.number(), approved: z.number(), rejected: z.number() };
const jobStatus = z.enum(['assigned', 'review', 'complete', 'cancelled']);
export const job = z.object({
  id: z.string(), name: z.string(), project: z.string(), owner: z.string(), createdBy: z.string(),
  sourceBatch: z.string().describe('`<project>/<batch id>`'), labeler: z.string(), reviewer: z.string(),
  numImages: z.number(), ...counts, status: jobStatus, instructionsText: z.string().optional(),
  created: firestoreTime, dueAt: isoTime.nullable().optional(),
}).meta({ id: 'Job', description: 'A labeling job, in Roboflow\'s shape; the four counts partition numImages' });
export const jobList = z.object({ jobs: z.array(job) });

export const boardEntry = job.extend({
  inDataset: z.number(), dueAt: isoTime.nullable(), overdue: z.boolean(),
  stage: z.object({ status: z.string(), enteredAt: isoTime, seconds: z.number().describe('How long the job has been in its stage') }),
}).meta({ id: 'BoardEntry' });
export const jobBoard = z.object({
  jobs: z.array(boardEntry),
  next: z.string().nullable(),
  labelers: z.array(z.object({ labeler: z.string(), jobs: z.number(), openJobs: z.number(), overdueJobs: z.number(), numImages: z.number(), ...counts })),
});

export const jobState = z.object({
  status: z.string(),
  progress: z.object({ ...counts, numImages: z.number(), inDataset: z.number() }),
  stageEnteredAt: z.record(z.string(), isoTime),
});

export const batch = z.object({
  id: z.string(), name: z.string(), priority: z.number(), status: z.string(), numImages: z.number(), images: z.number(), numJobs: z.number(),
  counts: z.object({ unassigned: z.number(), ...counts }), uploaded: firestoreTime,
  ingestion: z.object({ uploads: z.number(), done: z.number(), total: z.number() }).describe('Uploads into the batch still being processed'),
  filling: z.object({ done: z.number(), total: z.number() }).nullable()
    .describe('While the request that created the batch is still moving its images in: pages of 1,000 ids done of total'),
}).meta({ id: 'Batch' });
export const batchList = z.object({ batches: z.array(batch) });
export const createdBatch = z.object({
  id: z.string(), name: z.string(), priority: z.number(), numImages: z.number(),
  excluded: z.array(z.unknown()).describe('Images asked for that could not be taken, with why'),
});
export const batchFill = z.object({
  status: z.enum(['filling', 'filled']),
  progress: z.object({ done: z.number(), total: z.number() }).describe('Pages of 1,000 requested ids moved, of total'),
  result: createdBatch.nullable().describe('Once filled: the answer POST batches gives'),
});

export const uploadAnswer = z.object({
  id: z.string(), status: z.enum(['checking', 'processing', 'done']), progress,
  batch: z.object({ id: z.string(), name: z.string() }).optional(),
  images: z.array(z.object({ ...imageSize, duplicate: z.boolean() })).optional(),
  errors: z.array(z.object({ name: z.string(), code: z.string(), message: z.string() })).optional(),
}).meta({ id: 'Upload' });

const imageRow = z.object({
  ...imageSize, batch: z.string().nullable(), job: z.string().nullable(), state: z.string().nullable().describe('In its job; null when in none'),
  classes: z.array(z.string()), thumbnail: z.boolean().describe('Whether its thumbnail is ready'), uploadedAt: isoTime,
}).meta({ id: 'ImageRow' });
export const imagePage = z.object({
  images: z.array(imageRow),
  examined: z.number().describe('How many images were looked at for this page'),
  next: z.string().nullable(),
});

export const nextImage = z.object({
  image: z.object(imageSize), leaseExpiresAt: isoTime,
  rework: z.object({ round: z.number(), reason: z.string().nullable().optional() }).optional(),
  annotation: z.object({ version: z.number(), draft: z.boolean(), annotations: z.array(shape) }).nullable().optional(),
}).meta({ id: 'NextImage', description: 'The image leased to the caller, with its latest annotation and why it came back' });

export const toReview = z.object({
  image: z.object(imageSize), position: z.number().describe('Its place in the review stream (`after=`)'), round: z.number(),
  annotation: z.object({ version: z.number(), author: z.string().nullable(), annotations: z.array(shape) }),
}).meta({ id: 'ToReview' });
export const reviewPage = z.object({ images: z.array(toReview), next: z.number().nullable() });

const commentFields = {
  id: z.number(), thread: z.number(), author: z.string(), text: z.string().nullable(), createdAt: isoTime, editedAt: isoTime.nullable(),
  deletedAt: isoTime.nullable(), deletedBy: z.string().nullable(), resolvedAt: isoTime.nullable(), resolvedBy: z.string().nullable(),
  history: z.array(z.object({ text: z.string(), at: isoTime })),
};
const comment = z.object(commentFields).meta({ id: 'Comment' });
export const commentThreads = z.object({ threads: z.array(comment.extend({ replies: z.array(comment) }).meta({ id: 'CommentThread' })) });

export const reverted = z.object({
  imageId: z.string(), version: z.number().describe('The new version, holding the shapes of `revertedFrom`'), revertedFrom: z.number(),
  draft: z.boolean(), state: z.string(), annotations: z.array(shape),
}).meta({ id: 'Reverted' });

export const timelinePage = z.object({
  events: z.array(z.object({
    id: z.string(), seq: z.number(), kind: z.string(), actor: z.string(), at: isoTime,
    job: z.string().optional(), batch: z.string().optional(), image: z.string().optional(), data: z.record(z.string(), z.unknown()).optional(),
  }).meta({ id: 'TimelineEvent' })),
  next: z.union([z.string(), z.number()]).nullable(),
});

const perImageTimes = { medianSecondsPerImage: z.number().nullable(), p90SecondsPerImage: z.number().nullable() };
const labelerFigures = { labeled: z.number(), approved: z.number(), rejected: z.number(), reworkRounds: z.number(), skips: z.number(), reworkRate: z.number().nullable(), ...perImageTimes };
const reviewerFigures = { reviewed: z.number(), approved: z.number(), rejected: z.number(), rejectRate: z.number().nullable() };
export const labelerReport = z.object({
  from: z.string().optional().describe('With a range: its first day'), to: z.string().optional(),
  labelers: z.array(z.object({ email: z.string(), ...labelerFigures })),
  days: z.array(z.object({ day: z.string(), ...labelerFigures })).optional().describe('With a range: each day\'s sums'),
}).meta({ id: 'LabelerReport' });
export const reviewerReport = z.object({
  from: z.string().optional().describe('With a range: its first day'), to: z.string().optional(),
  reviewers: z.array(z.object({ email: z.string(), ...reviewerFigures })),
  days: z.array(z.object({ day: z.string(), ...reviewerFigures })).optional().describe('With a range: each day\'s sums'),
}).meta({ id: 'ReviewerReport' });

const splits = z.record(z.string(), z.number());
export const datasetPage = z.object({
  count: z.number(), splits,
  images: z.array(z.object({ ...imageSize, split: z.string().nullable().optional(), version: z.number(), annotations: z.array(shape) })),
  next: z.number().nullable(),
}).meta({ id: 'DatasetPage' });

export const version = z.object({
  id: z.number(), status: z.string(), progress, images: z.number().nullable(), splits: splits.nullable().optional(),
  classes: z.array(z.string()).optional(), createdBy: z.string().optional(), created: isoTime.optional(),
}).meta({ id: 'Version' });
export const versionList = z.object({ versions: z.array(version) });

export const datasetExport = z.object({
  id: z.string(), version: z.number(), format: z.string(), images: z.boolean(), status: z.string(), progress,
  bytes: z.number().optional(), sha256: z.string().optional(), error: z.string().optional(), download: z.string().nullable(),
}).meta({ id: 'Export' });
