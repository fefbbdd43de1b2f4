// MongoDB holds per-image state and everything people made; every state change is a single-document
// conditional update, and every natural key has a unique index (so retries are idempotent).
// Hot paths find documents by `_id` only, with ids derived from natural keys (`${jobId}:${imageId}`,
// an image's id from its project and content hash), because that is the one lookup every
// MongoDB-wire store answers from an index; secondary indexes below serve real MongoDB and reports.
import mongoose, { Schema, type Connection, type InferSchemaType } from 'mongoose';
import { roles } from '../domain/roles';
import { projectTypes } from '../domain/annotations';
import { jobImageStates, jobStatuses } from '../domain/jobs';
import { splitNames } from '../domain/splits';

const opts = { versionKey: false, timestamps: true } as const;

const workspaceSchema = new Schema(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    /** Kept here so "never remove the last owner" is one conditional update on one document. */
    owners: { type: [String], default: [] },
  },
  opts,
);

const memberSchema = new Schema(
  {
    workspace: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: '' },
    role: { type: String, enum: roles, required: true },
  },
  opts,
);
memberSchema.index({ workspace: 1, email: 1 }, { unique: true });

const apiKeySchema = new Schema(
  {
    _id: { type: String, required: true }, // the key's public prefix
    workspace: { type: String, required: true },
    email: { type: String, required: true },
    name: { type: String, default: '' },
    /** sha256 of the whole key; the key itself is shown once and never stored. */
    hash: { type: String, required: true },
    createdBy: { type: String, required: true },
    revokedAt: { type: Date, default: null },
  },
  opts,
);
apiKeySchema.index({ workspace: 1, email: 1 });

const projectSchema = new Schema(
  {
    workspace: { type: String, required: true },
    slug: { type: String, required: true },
    name: { type: String, required: true },
    type: { type: String, enum: projectTypes, required: true },
    classes: { type: [String], required: true },
    /** The last number given to a dataset item (see DatasetEntry). */
    datasetSeq: { type: Number, default: 0 },
    /** Images in the dataset. */
    datasetCount: { type: Number, default: 0 },
    /** The last number given to a dataset version. */
    versionSeq: { type: Number, default: 0 },
    /** The last number given in each split's own order (see DatasetEntry), and images per split. */
    splitSeq: { train: { type: Number, default: 0 }, valid: { type: Number, default: 0 }, test: { type: Number, default: 0 } },
    splitCounts: { train: { type: Number, default: 0 }, valid: { type: Number, default: 0 }, test: { type: Number, default: 0 } },
    /** Pages of the project's images in upload order (see ImagePage). */
    imagePages: { type: Number, default: 0 },
    /** Rejections of one image after which it goes to a manager instead of back to its labeler. */
    maxReworkRounds: { type: Number, default: 3 },
    /** A manager's revert of an approved image sends it back to review (else the reverted version is approved as it stands). */
    reviewAfterRevert: { type: Boolean, default: false },
  },
  opts,
);
projectSchema.index({ workspace: 1, slug: 1 }, { unique: true });

const imageSchema = new Schema(
  {
    _id: { type: String, required: true }, // imageIdFor(workspace, project, sha256): the dedupe key
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    name: { type: String, required: true },
    sha256: { type: String, required: true },
    width: { type: Number, required: true },
    height: { type: Number, required: true },
    format: { type: String, required: true },
    bytes: { type: Number, required: true },
    uploadId: { type: String, required: true },
    /** The one active batch the image is in. */
    batchId: { type: String, default: null },
    /** The page of that batch listing it (see BatchPage): an entry anywhere else is stale. */
    batchPage: { type: Number, default: null },
    /** The page of the project's upload order listing it (see ImagePage). */
    uploadPage: { type: Number, default: null },
    /** The job the image is assigned to; set by a conditional update so no image is in two jobs. */
    jobId: { type: String, default: null },
    /** Its thumbnail and preview: null until the upload's workflow has made them (or found it cannot). */
    derivatives: { type: String, enum: ['ready', 'failed', null], default: null },
  },
  opts,
);
imageSchema.index({ workspace: 1, project: 1, sha256: 1 }, { unique: true });
imageSchema.index({ batchId: 1, jobId: 1, createdAt: 1 });

const uploadSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    /** Files received; the rest is set when the upload is recorded (`done`). */
    total: { type: Number, required: true },
    /** Who sent it (the event log names them). */
    by: { type: String, default: undefined },
    batchId: { type: String, default: null },
    files: [{ _id: false, name: String, imageId: String, duplicate: Boolean, error: { code: String, message: String } }],
    done: { type: Boolean, default: false },
  },
  opts,
);

/** A dataset archive being imported: checked whole first, then its images ingested and their annotations submitted in a job. */
const importSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    format: { type: String, required: true },
    name: { type: String, required: true },
    by: { type: String, required: true },
    status: { type: String, enum: ['checking', 'importing', 'done', 'failed'], required: true },
    /** Images the archive names, then the counts of what became of them. */
    total: { type: Number, default: 0 },
    submitted: { type: Number, default: 0 },
    duplicates: { type: Number, default: 0 },
    refused: { type: Number, default: 0 },
    /** Classes the project gained from the archive. */
    classesAdded: { type: [String], default: [] },
    /** Why the archive was refused, each naming its file (at most `maxProblemsListed`). */
    problems: [{ _id: false, file: String, message: String }],
    problemsTotal: { type: Number, default: 0 },
    batchId: { type: String, default: null },
    jobId: { type: String, default: null },
  },
  opts,
);

const batchSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    name: { type: String, required: true },
    priority: { type: Number, required: true, min: 1, max: 5 },
    archived: { type: Boolean, default: false },
    /** Images in the batch: moved by `$inc` with each image that comes or goes (db/batch-pages.ts). */
    numImages: { type: Number, default: 0 },
    /** BatchPages written so far. */
    pages: { type: Number, default: 0 },
    /** Uploads recorded into the batch whose thumbnails are still being made (each workflow drops its own). */
    ingesting: { type: [String], default: undefined },
    /** Moves under way that will change `numImages`, by token (see MoveMark in db/batch-pages.ts). */
    moving: { type: Schema.Types.Mixed, default: undefined },
    /**
     * A batch made by a request (POST batches): its `fillBatch` workflow moves the listed or sampled
     * images in, `pages` of ≤ 1,000 ids (see BatchFillPage), `done` of them so far, `filled` once all are.
     * Batches made otherwise (uploads, merges, "Unassigned") have none.
     */
    fill: {
      type: new Schema({
        pages: { type: Number, required: true },
        done: { type: Number, default: 0 },
        filled: { type: Boolean, default: false },
        /** How the ids were sampled, when they were (`seed` reproduces the sample). */
        sample: { type: new Schema({ method: String, size: Number, seed: Number }, { _id: false }), default: undefined },
      }, { _id: false }),
      default: undefined,
    },
  },
  opts,
);
batchSchema.index({ workspace: 1, project: 1, name: 1 }, { unique: true });

/**
 * A batch's images as they joined it, ≤ 1,000 to a page (`${batchId}#${n}`), so walking a batch is
 * lookups by _id. Pages are only ever added: an entry counts while its image's `batchId` and
 * `batchPage` still point at it.
 */
const batchPageSchema = new Schema(
  {
    _id: { type: String, required: true },
    imageIds: { type: [String], required: true },
    /**
     * How many of its images have left the page, counted after they left (never before), so a page
     * whose every image has left is skipped without reading them; a crash in between only undercounts.
     */
    left: { type: Number, default: 0 },
  },
  { versionKey: false },
);

/**
 * One page (≤ 1,000 ids, `${batchId}#${n}`) of a request to fill a new batch, written before its
 * `fillBatch` workflow starts, and what moving it did once `done`: the page is the activity's business
 * key, so a retried or resumed page reports what it did instead of doing it again.
 */
const batchFillPageSchema = new Schema(
  {
    _id: { type: String, required: true },
    imageIds: { type: [String], required: true },
    done: { type: Boolean, default: false },
    moved: { type: Number, default: 0 },
    excluded: { type: [{ _id: false, imageId: String, reason: String }], default: undefined },
  },
  { versionKey: false, timestamps: { createdAt: true, updatedAt: false } },
);

const jobSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    name: { type: String, required: true },
    batchId: { type: String, required: true },
    labeler: { type: String, required: true },
    reviewer: { type: String, required: true },
    createdBy: { type: String, required: true },
    instructionsText: { type: String, default: '' },
    requestedImages: { type: Number, required: true },
    numImages: { type: Number, default: 0 },
    status: { type: String, enum: jobStatuses, required: true },
    counts: {
      unannotated: { type: Number, default: 0 },
      annotated: { type: Number, default: 0 },
      approved: { type: Number, default: 0 },
      rejected: { type: Number, default: 0 },
    },
    inDataset: { type: Number, default: 0 },
    /** When the job last entered each stage, by status. */
    stageEnteredAt: { type: Schema.Types.Mixed, default: () => ({}) },
    /** When the counters were last recounted from the images (drift from a crash is put right then). */
    reconciledAt: { type: Date, default: null },
    /** Set or cleared by a manager; the workflow's timers remind and escalate from it. */
    dueAt: { type: Date, default: null },
  },
  opts,
);
jobSchema.index({ workspace: 1, project: 1, createdAt: 1 });

const jobImageSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${jobId}:${imageId}`
    jobId: { type: String, required: true },
    imageId: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    state: { type: String, enum: jobImageStates, required: true },
    /** Rework comes back first: 0 for rejected, 1 for unannotated. */
    queueRank: { type: Number, required: true },
    seq: { type: Number, required: true },
    leaseHolder: { type: String, default: null },
    leaseExpiresAt: { type: Date, default: null },
    lastVersion: { type: Number, default: 0 },
    submittedVersion: { type: Number, default: null },
    approvedVersion: { type: Number, default: null },
    rounds: { type: Number, default: 0 },
    rejectReason: { type: String, default: null },
    /** Skipped by its labeler: out of every stream until a manager acts on it. */
    skippedBy: { type: String, default: null },
    skipReason: { type: String, default: null },
    /** When this round's work began (its first lease since the last submit): times per image come from it. */
    leasedAt: { type: Date, default: undefined },
    /** Rejected the project's limit of times: out of the labeler's stream until a manager sends it back. */
    escalatedAt: { type: Date, default: null },
    inDataset: { type: Boolean, default: false },
    /** The split an imported image came from: where it goes once approved, unless an accept says otherwise. */
    plannedSplit: { type: String, default: undefined },
  },
  opts,
);
jobImageSchema.index({ jobId: 1, state: 1, queueRank: 1, seq: 1 });

/**
 * The project's images in upload order, one page per recorded upload (`${workspace}/${project}#${page}`),
 * listed before the images are inserted: an id whose image does not name this page is skipped.
 */
const imagePageSchema = new Schema(
  {
    _id: { type: String, required: true },
    imageIds: { type: [String], required: true },
    /**
     * Each image's name, beside its id: a JSON array in one string, which the store reads far faster than
     * an array of strings (none on pages written before names were kept).
     */
    names: { type: String, default: undefined },
    at: { type: Date, required: true },
  },
  { versionKey: false },
);

/** A job's images in stream order, 500 to a page (`${jobId}#${page}`), so walking a job is lookups by _id. */
export const jobPageSize = 500;
const jobPageSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    imageIds: { type: [String], required: true },
    /**
     * Every class an annotation of the page's images has used (added before the annotation is written,
     * never taken out), so a class filter skips a page without it. Only pages made with `classesIndexed`
     * are complete: older ones may miss classes used before and are read as before.
     */
    classes: { type: [String], default: undefined },
    classesIndexed: { type: Boolean, default: undefined },
  },
  { versionKey: false },
);

/**
 * Where a job's label stream stands (one per job, `_id` is the job id). The JobImage documents hold the
 * truth (state, lease); this holds what lets `next` find the right image without a query: the next
 * never-handed-out position, rework and returned images to hand out first, and the leases handed out.
 * A crash between a JobImage write and the matching write here only hides an image until the job's
 * reconcile, which rebuilds these lists from the images.
 */
const jobStreamSchema = new Schema(
  {
    _id: { type: String, required: true },
    total: { type: Number, required: true },
    cursor: { type: Number, default: 0 },
    rework: { type: [String], default: [] },
    returned: { type: [String], default: [] },
    /** Images handed out, by image id: `{holder, expiresAt}`. An object, so one update sets or drops one. */
    leases: { type: Schema.Types.Mixed, default: () => ({}) },
    /** Approved images the job's workflow had yet to put into the dataset, listed before DatasetQueue (drained, no longer added to). */
    toDataset: { type: [String], default: [] },
    /** Rejections the labeler has not been mailed about yet. */
    unnotified: { type: [{ _id: false, imageId: String, round: Number, reason: String }], default: [] },
    /** Images escalated to a manager (rework round limit), and those managers have not been mailed about. */
    escalated: { type: [String], default: undefined },
    unnotifiedEscalations: { type: [{ _id: false, imageId: String, round: Number, reason: String }], default: undefined },
    /** Commands whose moved images are appended to this stream (see addMovedImages). */
    appended: { type: [String], default: undefined },
  },
  { versionKey: false },
);

/**
 * Approved images a job's workflow has yet to put into the dataset (`_id`: the job's id). Apart from the
 * JobStream, which every `next` and submit rewrites: a backlog here must not slow the label stream.
 */
const datasetQueueSchema = new Schema(
  {
    _id: { type: String, required: true },
    imageIds: { type: [String], default: undefined },
  },
  { versionKey: false },
);

const annotationSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${jobImageId}:v${version}`
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    jobImageId: { type: String, required: true },
    version: { type: Number, required: true },
    draft: { type: Boolean, required: true },
    author: { type: String, required: true },
    annotations: { type: Schema.Types.Mixed, required: true },
    /** Set on a version made by reverting to an earlier one. */
    revertedFrom: { type: Number, default: undefined },
  },
  opts,
);
annotationSchema.index({ jobImageId: 1, version: -1 });
annotationSchema.index({ workspace: 1, project: 1, 'annotations.class': 1 });

const datasetItemSchema = new Schema(
  {
    _id: { type: String, required: true }, // `${workspace}/${project}/${imageId}`: one entry per image, ever
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    imageId: { type: String, required: true },
    jobId: { type: String, required: true },
    version: { type: Number, required: true },
    annotations: { type: Schema.Types.Mixed, required: true },
    /** Its place in the dataset's order, once numbered (see DatasetEntry). */
    seq: { type: Number, default: null },
    /** Its split, and its place in that split's order; null until filed (see db/dataset.ts). */
    split: { type: String, enum: [...splitNames, null], default: null },
    splitSeq: { type: Number, default: null },
  },
  opts,
);
datasetItemSchema.index({ workspace: 1, project: 1, createdAt: 1 });

/**
 * The dataset in the order items entered it (`${workspace}/${project}#${seq}`), and each split in the
 * order items were filed into it (`${workspace}/${project}@${split}#${splitSeq}`): pages are lookups by _id.
 */
const datasetEntrySchema = new Schema(
  {
    _id: { type: String, required: true },
    itemId: { type: String, required: true },
  },
  { versionKey: false },
);

/**
 * A manager's command on a job's images (`_id`: `${jobId}:${commandId}`), written by the API before it
 * asks the workflow to run it, so the workflow's messages carry only ids. `plan` is what the command
 * decided per image (an accept's splits), written once, so a retry after a crash does the same.
 */
const jobCommandSchema = new Schema(
  {
    _id: { type: String, required: true },
    jobId: { type: String, required: true },
    kind: { type: String, required: true },
    by: { type: String, required: true },
    /** The images chosen; null for every image of the job. */
    imageIds: { type: [String], default: null },
    params: { type: Schema.Types.Mixed, default: () => ({}) },
    plan: { type: { _id: false, imageIds: [String], splits: [String] }, default: null },
  },
  opts,
);

/**
 * One person's work on a project, as a labeler or a reviewer (`_id`: `${workspace}/${project}/${role}/${email}`),
 * moved by `$inc` with each submit, review and skip, so reports read counters, never images.
 */
const personStatsSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    role: { type: String, enum: ['labeler', 'reviewer'], required: true },
    email: { type: String, required: true },
    labeled: { type: Number, default: 0 },
    approved: { type: Number, default: 0 },
    rejected: { type: Number, default: 0 },
    /** Submits of rejected images: each is one round of rework. */
    reworkRounds: { type: Number, default: 0 },
    skips: { type: Number, default: 0 },
    /** Seconds per submitted image, from its lease to its submit, by bucket (domain/work-times.ts). */
    secondsHistogram: { type: Schema.Types.Mixed, default: () => ({}) },
  },
  { versionKey: false },
);

/**
 * One project's work of one UTC day by role (`${workspace}/${project}/${role}@${YYYY-MM-DD}`): per person
 * (their email as a key, see domain/work-days.ts) the same counters as PersonStats, so a report over a
 * date range reads one document per day.
 */
const workDaySchema = new Schema(
  {
    _id: { type: String, required: true },
    people: { type: Schema.Types.Mixed, default: undefined },
  },
  { versionKey: false },
);

const notificationSchema = new Schema(
  {
    _id: { type: String, required: true }, // business key, so a retried activity sends once
    to: { type: String, required: true },
    subject: { type: String, required: true },
    text: { type: String, required: true },
    sentAt: { type: Date, default: null },
  },
  opts,
);

/** The first answer to a request sent with an `Idempotency-Key` (`_id`: workspace/member/key). */
const idempotencyRecordSchema = new Schema(
  {
    _id: { type: String, required: true },
    fingerprint: { type: String, required: true },
    /** Unset while the first request is still being answered. */
    status: { type: Number, default: null },
    body: { type: Schema.Types.Mixed, default: null },
    /** How many retries took over a request a crash left unanswered (usecases/idempotency.ts). */
    takenOver: { type: Number, default: 0 },
  },
  opts,
);

/**
 * An immutable snapshot of a project's dataset (`${workspace}/${project}@${number}`): the dataset up to
 * `datasetSeq` when it was made, copied into VersionItem pages, with the preprocessing every export of
 * it applies (so its exports never change).
 */
const versionSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    number: { type: Number, required: true },
    projectType: { type: String, enum: projectTypes, required: true },
    /** The version's classes, after preprocessing (index order for YOLO, category order for COCO). */
    classes: { type: [String], required: true },
    preprocessing: { type: Schema.Types.Mixed, default: () => ({}) },
    /** The dataset's last entry when the version was made: later entries are not in it. */
    datasetSeq: { type: Number, required: true },
    createdBy: { type: String, required: true },
    status: { type: String, enum: ['building', 'ready'], required: true },
    /** Pages written (see VersionItem); items written, of the dataset's size when the version was made. */
    pages: { type: Number, default: 0 },
    done: { type: Number, default: 0 },
    total: { type: Number, required: true },
    /** Images per split, counted with `done`. */
    splits: { train: { type: Number, default: 0 }, valid: { type: Number, default: 0 }, test: { type: Number, default: 0 } },
  },
  opts,
);

/** A one-time sign-in or invitation link (`_id`: sha256 of the secret; the secret is only in the mail). */
const signInLinkSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    /** Bound to this member document: a member removed and added again gets a new one. */
    memberId: { type: String, required: true },
    email: { type: String, required: true },
    purpose: { type: String, enum: ['invitation', 'sign-in'], required: true },
    expiresAt: { type: Date, required: true },
    usedAt: { type: Date, default: null },
  },
  opts,
);

/**
 * A page of a version's items (`${versionId}#${page}`, ≤ 1,000), so a version is walked by _id. The
 * items are one JSON string: nobody queries inside a page, and FerretDB reads and writes a 1,000-item
 * page 20–50 times faster as one string than as nested documents (measured: ~1 s against ~20 ms).
 */
const versionItemSchema = new Schema(
  {
    _id: { type: String, required: true },
    items: { type: String, required: true },
  },
  { versionKey: false },
);

/**
 * One export of a version (`_id` from the version, format and options, so asking twice finds the first),
 * its zip in the blob store once ready, with its size and sha256.
 */
const exportSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    versionId: { type: String, required: true },
    format: { type: String, required: true },
    images: { type: Boolean, required: true },
    status: { type: String, enum: ['building', 'ready', 'failed'], required: true },
    done: { type: Number, default: 0 },
    total: { type: Number, required: true },
    bytes: { type: Number, default: null },
    sha256: { type: String, default: null },
    error: { type: String, default: null },
  },
  opts,
);

/** A person's browser session (`_id`: sha256 of the cookie's secret). */
const sessionSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    memberId: { type: String, required: true },
    email: { type: String, required: true },
    expiresAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
  },
  opts,
);
sessionSchema.index({ workspace: 1, email: 1 });

/**
 * One change, numbered in its project's stream (`${workspace}/${project}#${seq}`). Written `pending`
 * before the change and `done` after it (`void` if the change did not happen), so no change lacks its
 * event and no done event lacks its change; a pending event left by a crash is settled by its `check`.
 */
const eventSchema = new Schema(
  {
    _id: { type: String, required: true },
    stream: { type: String, required: true },
    seq: { type: Number, required: true },
    state: { type: String, enum: ['pending', 'done', 'void'], required: true },
    kind: { type: String, required: true },
    actor: { type: String, required: true },
    at: { type: Date, required: true },
    job: { type: String, default: undefined },
    image: { type: String, default: undefined },
    batch: { type: String, default: undefined },
    comment: { type: String, default: undefined },
    data: { type: Schema.Types.Mixed, default: undefined },
    /** How to tell after a crash whether the change happened: a document of `model` matching `filter`. */
    check: { type: String, default: undefined },
  },
  { versionKey: false },
);

/** A project's event stream: the last number given, and the number up to which every event is done or void. */
const eventStreamSchema = new Schema(
  {
    _id: { type: String, required: true },
    seq: { type: Number, default: 0 },
    settled: { type: Number, default: undefined },
  },
  { versionKey: false },
);

/** The numbers of an image's events (`i:${imageId}`), or of a job's within a block of the stream (`j:${jobId}@${block}`). */
const eventIndexSchema = new Schema(
  {
    _id: { type: String, required: true },
    seqs: { type: [Number], required: true },
  },
  { versionKey: false },
);

/** Recording an event under a business key (an activity's retry) finds the event recorded before. */
const eventKeySchema = new Schema(
  {
    _id: { type: String, required: true },
    eventId: { type: String, required: true },
  },
  { versionKey: false },
);

/**
 * A comment on an image (`${imageId}:c${n}`, n counted on the image's CommentCount): a thread's first
 * comment or a reply to one. Edits keep the earlier text in `history`; a deleted comment stays, marked.
 */
const commentSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    image: { type: String, required: true },
    n: { type: Number, required: true },
    /** The number of the thread's first comment (its own for a first comment). */
    thread: { type: Number, required: true },
    author: { type: String, required: true },
    text: { type: String, required: true },
    history: { type: [{ _id: false, text: String, at: Date }], default: undefined },
    edits: { type: Number, default: 0 },
    deletedAt: { type: Date, default: null },
    deletedBy: { type: String, default: null },
    resolvedAt: { type: Date, default: null },
    resolvedBy: { type: String, default: null },
    /** Members mentioned and already mailed about it: each is mailed once. */
    mailed: { type: [String], default: undefined },
  },
  opts,
);

/** How many comments an image has had (`_id`: the image's id), so listing them is one lookup by _id. */
const commentCountSchema = new Schema(
  {
    _id: { type: String, required: true },
    n: { type: Number, default: 0 },
  },
  { versionKey: false },
);

/** A manager's webhook on a project: where events of the chosen kinds are POSTed, signed with `secret`. */
const webhookSchema = new Schema(
  {
    _id: { type: String, required: true },
    workspace: { type: String, required: true },
    project: { type: String, required: true },
    url: { type: String, required: true },
    kinds: { type: [String], required: true },
    description: { type: String, default: '' },
    /** Kept to sign with (an HMAC needs the secret itself); shown once, when made or rotated. */
    secret: { type: String, required: true },
    /** The secret before the last rotation, still signed with (a second signature) until `previousUntil`. */
    previousSecret: { type: String, default: null },
    previousUntil: { type: Date, default: null },
    enabled: { type: Boolean, default: true },
    createdBy: { type: String, required: true },
    /** The last number of the project's event stream this hook has dealt with (delivered, failed or skipped). */
    cursor: { type: Number, required: true },
  },
  opts,
);

/** One event's delivery to one hook (`${hookId}:${seq}`), with every attempt. */
const deliverySchema = new Schema(
  {
    _id: { type: String, required: true },
    hookId: { type: String, required: true },
    seq: { type: Number, required: true },
    eventId: { type: String, required: true },
    kind: { type: String, required: true },
    job: { type: String, default: null },
    status: { type: String, enum: ['pending', 'delivered', 'failed'], required: true },
    attempts: { type: [{ _id: false, at: Date, status: Number, error: String, ms: Number }], default: undefined },
  },
  opts,
);

export type JobDoc = InferSchemaType<typeof jobSchema>;

export function createModels(conn: Connection) {
  return {
    Workspace: conn.model('Workspace', workspaceSchema),
    Member: conn.model('Member', memberSchema),
    ApiKey: conn.model('ApiKey', apiKeySchema),
    Project: conn.model('Project', projectSchema),
    Image: conn.model('Image', imageSchema),
    Upload: conn.model('Upload', uploadSchema),
    Import: conn.model('Import', importSchema),
    Batch: conn.model('Batch', batchSchema),
    BatchPage: conn.model('BatchPage', batchPageSchema),
    BatchFillPage: conn.model('BatchFillPage', batchFillPageSchema),
    Job: conn.model('Job', jobSchema),
    JobImage: conn.model('JobImage', jobImageSchema),
    JobPage: conn.model('JobPage', jobPageSchema),
    ImagePage: conn.model('ImagePage', imagePageSchema),
    JobStream: conn.model('JobStream', jobStreamSchema),
    DatasetQueue: conn.model('DatasetQueue', datasetQueueSchema),
    Annotation: conn.model('Annotation', annotationSchema),
    DatasetItem: conn.model('DatasetItem', datasetItemSchema),
    DatasetEntry: conn.model('DatasetEntry', datasetEntrySchema),
    Notification: conn.model('Notification', notificationSchema),
    IdempotencyRecord: conn.model('IdempotencyRecord', idempotencyRecordSchema),
    JobCommand: conn.model('JobCommand', jobCommandSchema),
    PersonStats: conn.model('PersonStats', personStatsSchema),
    WorkDay: conn.model('WorkDay', workDaySchema),
    Version: conn.model('Version', versionSchema),
    VersionItem: conn.model('VersionItem', versionItemSchema),
    Export: conn.model('Export', exportSchema),
    SignInLink: conn.model('SignInLink', signInLinkSchema),
    Session: conn.model('Session', sessionSchema),
    Event: conn.model('Event', eventSchema),
    EventStream: conn.model('EventStream', eventStreamSchema),
    EventIndex: conn.model('EventIndex', eventIndexSchema),
    EventKey: conn.model('EventKey', eventKeySchema),
    Comment: conn.model('Comment', commentSchema),
    CommentCount: conn.model('CommentCount', commentCountSchema),
    Webhook: conn.model('Webhook', webhookSchema),
    Delivery: conn.model('Delivery', deliverySchema),
  };
}

export type Models = ReturnType<typeof createModels>;

export interface Database {
  conn: Connection;
  models: Models;
  close(): Promise<void>;
}

/** Connects and makes sure every unique index exists before anything relies on it. */
export async function connectDatabase(uri: string): Promise<Database> {
  const conn = mongoose.createConnection(uri, { autoIndex: false, serverSelectionTimeoutMS: 10_000 });
  await conn.asPromise();
  const models = createModels(conn);
  await Promise.all(Object.values(models).map((m) => m.createIndexes()));
  return { conn, models, close: () => conn.close() };
}

export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await db.conn.db!.admin().ping();
    return true;
  } catch {
    return false;
  }
}
