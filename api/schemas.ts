// Request bodies. Strict objects: an unknown field is an error, so nobody can set `status` or `role`.
import { z } from 'zod';
import { projectTypes } from '../domain/annotations';
import { jobImageStates } from '../domain/jobs';
import { maxBatchImages } from '../domain/batches';
import { roles } from '../domain/roles';
import { splitNames } from '../domain/splits';
import { exportFormats } from '../domain/export-formats';
import { fitModes } from '../domain/preprocessing';
import { eventKinds } from '../domain/events';

const email = z.email().max(254).transform((e) => e.toLowerCase());
const name = z.string().trim().min(1).max(200);

export const addMemberBody = z.strictObject({ email, role: z.enum(roles), name: name.optional() });

export const updateMemberBody = z.strictObject({ role: z.enum(roles).optional(), name: z.string().trim().max(200).optional() })
  .refine((b) => b.role !== undefined || b.name !== undefined, { message: 'give role or name', path: ['role'] });

export const createKeyBody = z.strictObject({ name: z.string().trim().min(1).max(100) });

export const emailParam = email;

export const keysQuery = z.strictObject({ email: email.optional() });

export const auditQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.iso.datetime().transform((d) => new Date(d)).optional(),
});

export const skipBody = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() });

export const nextImageQuery = z.strictObject({
  /**
   * The image the caller is on, and any it submitted whose answer it still waits for (up to 10 ids,
   * comma-separated): reserve one other than those (a client fetching ahead holds them all).
   */
  except: z.string().regex(/^[^,]{1,64}(,[^,]{1,64}){0,9}$/, 'up to 10 image ids of at most 64 characters, comma-separated').optional(),
});

export const reviewNextQuery = z.strictObject({
  /** The `position` of the image shown last: the walk goes on after it. */
  after: z.coerce.number().int().min(0).optional(),
});

export const reviewPageQuery = reviewNextQuery.extend({ limit: z.coerce.number().int().min(1).max(100).default(20) });

export const datasetQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  after: z.coerce.number().int().min(0).optional(),
  split: z.enum(splitNames).optional(),
});

/** Words the API uses as path segments beside project ids. */
const reservedProjectIds = ['projects', 'members', 'keys', 'audit', 'me', 'docs', 'openapi.json', 'health', 'invitations', 'sign-in-links', 'sessions', 'session'];

const classes = z.array(z.string().trim().min(1).max(100)).min(1).max(1000)
  .refine((c) => new Set(c).size === c.length, 'classes must be unique');

export const createProjectBody = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lowercase letters, digits and dashes, 1-63 chars')
    .refine((id) => !reservedProjectIds.includes(id), 'this id is reserved'),
  name,
  type: z.enum(projectTypes),
  classes,
});

export const updateProjectBody = z.strictObject({ name: name.optional(), classes: classes.optional(), maxReworkRounds: z.number().int().min(1).max(100).optional(), reviewAfterRevert: z.boolean().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give name, classes, maxReworkRounds or reviewAfterRevert', path: ['name'] });

const batchId = z.string().min(1).max(64);
/** No coercion: `"1"` and `2.5` are refused. */
const priority = z.number().int().min(1).max(5);

/** Names each id given twice (the first ten), so the caller can fix the list. */
function noDuplicates(ids: string[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  if (twice.size > 0) ctx.addIssue({ code: 'custom', message: `ids given more than once: ${[...twice].slice(0, 10).join(', ')}${twice.size > 10 ? ` and ${twice.size - 10} more` : ''}` });
}
const imageIds = z.array(z.string().min(1).max(64)).min(1).max(maxBatchImages).superRefine(noDuplicates);

/** Object-level rules run even when a field failed too, so one answer names every offending field. */
const always = { when: (payload: { value: unknown }) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) };

export const createBatchBody = z.strictObject({
  name,
  priority,
  imageIds: imageIds.optional(),
  sourceBatchId: batchId.optional(),
  sample: z.strictObject({
    size: z.number().int().min(1).max(maxBatchImages),
    method: z.enum(['random', 'ordered']),
    seed: z.number().int().min(0).max(0xffff_ffff).optional(),
  }).optional(),
}).refine((b) => (b.imageIds === undefined) !== (b.sample === undefined), { message: 'give exactly one of imageIds or sample', path: ['imageIds'], ...always });

/** Roboflow's `create_annotation_batch`: move listed images of one batch into a new one. */
export const createAnnotationBatchBody = z.strictObject({ sourceBatchId: batchId, imageIds, name: name.optional() });

/** Roboflow's `merge_annotation_batches`, plus merging into a new batch (`name`, `priority`) instead. */
export const mergeBatchesBody = z.strictObject({
  sourceBatchIds: z.array(batchId).min(1).max(100).superRefine(noDuplicates),
  targetBatchId: batchId.optional(),
  name: name.optional(),
  priority: priority.optional(),
})
  .refine((b) => (b.targetBatchId === undefined) !== (b.name === undefined), { message: 'give exactly one of targetBatchId or name', path: ['targetBatchId'], ...always })
  .refine((b) => !Array.isArray(b.sourceBatchIds) || !b.sourceBatchIds.includes(b.targetBatchId!), { message: 'the target cannot be one of the sources', path: ['targetBatchId'], ...always })
  .refine((b) => b.targetBatchId === undefined || b.priority === undefined, { message: 'priority is for a new batch; the target keeps its own', path: ['priority'], ...always });

const pageLimit = z.coerce.number().int().min(1).max(200).default(50);

/** `after` is the `next` of the page before. */
export const annotationBatchesQuery = z.strictObject({
  limit: pageLimit,
  after: z.string().regex(/^\d{1,15}_[A-Za-z0-9]{1,64}$/, 'not a cursor this API gave').optional(),
  showEmpty: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const batchImagesQuery = z.strictObject({
  limit: pageLimit,
  after: z.string().regex(/^\d{1,9}\.\d{1,4}$/, 'not a cursor this API gave').optional(),
});

/** Browsing images: filters, a sort, and `after` = the `next` of the page before (with the same sort). */
export const browseImagesQuery = z.strictObject({
  batch: z.string().min(1).max(64).optional(),
  job: z.string().min(1).max(64).optional(),
  state: z.enum(['unassigned', ...jobImageStates]).optional(),
  labeler: email.optional(),
  class: z.string().min(1).max(100).optional(),
  namePrefix: z.string().min(1).max(255).optional(),
  uploadedFrom: z.iso.datetime({ offset: true }).transform((d) => new Date(d)).optional(),
  uploadedTo: z.iso.datetime({ offset: true }).transform((d) => new Date(d)).optional(),
  sort: z.enum(['uploaded', '-uploaded', 'name', '-name']).default('uploaded'),
  limit: pageLimit,
  after: z.string().regex(/^(\d{1,9}\.\d{1,4}|[A-Za-z0-9_-]{1,700})$/, 'not a cursor this API gave').optional(),
}).refine((q) => !(q.batch && q.job), { message: 'filter by a batch or a job, not both', path: ['job'] });

export const deleteBatchQuery = z.strictObject({ permanent: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') });

/**
 * Roboflow's jobs body. Its package sends `name` and `num_images` as null when not given (then the name
 * is "<batch>: Job <n>" and every unassigned image of the batch is taken) and the instructions as
 * `instructionText`.
 */
export const createJobBody = z.strictObject({
  name: name.nullish(),
  batch: z.string().min(1).max(64),
  num_images: z.number().int().min(1).max(100_000).nullish(),
  labelerEmail: email,
  reviewerEmail: email,
  instructions: z.string().max(10_000).optional(),
  instructionText: z.string().max(10_000).optional(),
}).refine((b) => b.instructions === undefined || b.instructionText === undefined, { message: 'give instructions or instructionText, not both', path: ['instructionText'], ...always });

const coordinate = z.number().finite();
export const annotationBody = z.strictObject({
  annotations: z.array(z.strictObject({
    class: z.string().min(1).max(100),
    box: z.strictObject({ x: coordinate, y: coordinate, width: coordinate, height: coordinate }).optional(),
    polygon: z.array(z.tuple([coordinate, coordinate])).max(10_000).optional(),
  })).max(5_000),
  draft: z.boolean().optional(),
});

export const reviewBody = z.strictObject({
  decision: z.enum(['approve', 'reject']),
  reason: z.string().trim().min(1).max(2_000).optional(),
}).refine((r) => r.decision === 'approve' || r.reason !== undefined, { message: 'a rejection needs a reason', path: ['reason'] });

/** Accept into the dataset: one `split` for all, or `splits` by percent (summing to 100) or count, drawn by `seed`. */
const splitShares = z.strictObject({ train: z.number().int().min(0), valid: z.number().int().min(0), test: z.number().int().min(0) });
export const acceptBody = z.strictObject({
  imageIds: imageIds.optional(),
  statuses: z.array(z.enum(['approved', 'annotated'])).min(1).max(2).optional(),
  split: z.enum([...splitNames, 'keep']).optional(),
  splits: splitShares.optional(),
  mode: z.enum(['percent', 'count']).optional(),
  seed: z.number().int().min(0).max(0xffff_ffff).optional(),
})
  .refine((b) => (b.split === undefined) !== (b.splits === undefined), { message: 'give exactly one of split or splits', path: ['split'], ...always })
  .refine((b) => b.splits === undefined || (b.mode ?? 'percent') !== 'percent' || b.splits.train + b.splits.valid + b.splits.test === 100,
    { message: 'percentages must add up to 100', path: ['splits'], ...always })
  .refine((b) => b.splits !== undefined || (b.mode === undefined && b.seed === undefined), { message: 'mode and seed go with splits', path: ['mode'], ...always });

// Dataset versions and exports.
const className = z.string().trim().min(1).max(100);
/** `preprocessing` is required (`{}` for none), so an empty body is refused rather than taken as a version. */
export const createVersionBody = z.strictObject({
  preprocessing: z.strictObject({
    autoOrient: z.boolean().optional(),
    resize: z.strictObject({ width: z.number().int().min(1).max(8192), height: z.number().int().min(1).max(8192), fit: z.enum(fitModes) }).optional(),
    classes: z.strictObject({
      remap: z.record(className, className).optional(),
      drop: z.array(className).max(1000).optional(),
    }).optional(),
  }),
});

export const createExportBody = z.strictObject({
  format: z.enum(exportFormats),
  /** Images in the zip, or labels only. */
  images: z.boolean().default(true),
});

// Sign-in for people (sessions).
export const inviteMemberBody = addMemberBody;
export const signInLinkBody = z.strictObject({ email });
export const redeemSignInBody = z.strictObject({ token: z.string().min(20).max(100).regex(/^[\w-]+$/, 'the token from the sign-in link') });

/** The jobs board's filters and cursor (also on the Roboflow-compatible job list). */
export const jobsQuery = z.strictObject({
  labeler: email.optional(),
  reviewer: email.optional(),
  status: z.enum(['assigned', 'review', 'complete', 'cancelled']).optional(),
  overdue: z.enum(['true']).transform(() => true).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  after: z.string().regex(/^\d{1,15}_[A-Za-z0-9]{1,64}$/, 'not a cursor this API gave').optional(),
});

/** Manager commands on a job's images. */
export const sendBackBody = z.strictObject({ imageIds });
export const moveImagesBody = z.strictObject({ imageIds, to: z.string().min(1).max(64).nullable() });
export const reassignBody = z.strictObject({ labelerEmail: email.optional(), reviewerEmail: email.optional() })
  .refine((b) => b.labelerEmail !== undefined || b.reviewerEmail !== undefined, { message: 'give labelerEmail, reviewerEmail or both', path: ['labelerEmail'] });
export const editJobBody = z.strictObject({
  name: name.optional(),
  instructions: z.string().max(10_000).optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
}).refine((b) => b.name !== undefined || b.instructions !== undefined || b.dueAt !== undefined, { message: 'give name, instructions or dueAt', path: ['name'] });

// Roboflow's own client (api/routes/roboflow.ts). Its query strings carry whatever keyword arguments a
// script passed through, so these keep the fields Tessera reads and ignore the rest.
const queryFlag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const roboflowUploadQuery = z.object({
  batch: name.optional(),
  /** A hosted image's URL: refused, Tessera stores only files it was sent. */
  image: z.string().optional(),
});

export const roboflowAnnotateQuery = z.object({
  /** The annotation file's name: its extension says the format. */
  name: z.string().min(1).max(500),
  prediction: queryFlag.optional(),
});

export const roboflowAnnotateBody = z.object({
  annotationFile: z.string().max(20_000_000),
  labelmap: z.union([z.record(z.string(), z.string()), z.array(z.string())]).nullish(),
});

// Roboflow's `/annotation-jobs` administration (api/routes/roboflow-annotation-jobs.ts).
export const annotationJobsQuery = z.strictObject({
  limit: pageLimit,
  after: z.string().regex(/^[A-Za-z0-9]{1,64}$/, 'not a cursor this API gave').optional(),
  showEmpty: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
});

export const annotationJobImagesQuery = z.strictObject({
  limit: pageLimit,
  after: z.coerce.number().int().min(0).max(100_000).optional(),
});

export const createAnnotationJobBody = z.strictObject({
  batchId: batchId,
  labelerEmail: email,
  reviewerEmail: email,
  name: name.optional(),
  numImages: z.number().int().min(1).max(100_000).optional(),
  instructions: z.string().max(10_000).optional(),
});

const reviewStatus = z.enum(['approved', 'rejected']);
export const reviewJobImageBody = z.strictObject({ status: reviewStatus });
export const reviewJobImagesBody = z.strictObject({ status: reviewStatus, currentStatus: z.enum(['annotated']) });

const splitCount = z.number().int().min(0).max(100_000);
export const roboflowAcceptBody = z.strictObject({
  splitMethod: z.enum(['preset', 'split', ...splitNames]),
  statusesToInclude: z.array(z.enum(['approved', 'annotated'])).min(1).max(2),
  trainCount: splitCount,
  validCount: splitCount,
  testCount: splitCount,
  imageIds: imageIds.optional(),
});

/** Roboflow's job update: exactly one of the three. */
export const updateAnnotationJobBody = z.strictObject({ labelerEmail: email.optional(), reviewerEmail: email.optional(), instructions: z.string().max(10_000).optional() })
  .refine((b) => [b.labelerEmail, b.reviewerEmail, b.instructions].filter((v) => v !== undefined).length === 1,
    { message: 'give exactly one of labelerEmail, reviewerEmail or instructions', path: ['labelerEmail'], ...always });
export const returnForEditsBody = z.strictObject({ newLabelerEmail: email.optional() });
export const jobImageIdsBody = z.strictObject({ imageIds });
export const reassignImagesBody = z.strictObject({
  imageIds, labelerEmail: email, reviewerEmail: email.optional(), instructions: z.string().max(10_000).optional(), name: name.optional(),
});

/** Timelines: filters, an order, and `after` = the `next` of the page before (with the same order). */
export const timelineQuery = z.strictObject({
  kind: z.enum(eventKinds).optional(),
  actor: email.optional(),
  since: z.iso.datetime({ offset: true }).transform((d) => new Date(d)).optional(),
  order: z.enum(['newest', 'oldest']).default('newest'),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  after: z.coerce.number().int().min(0).optional(),
});

export const revertBody = z.strictObject({ version: z.number().int().min(1) });
const commentText = z.string().trim().min(1).max(10_000);
export const commentBody = z.strictObject({ text: commentText, replyTo: z.number().int().min(1).optional() });
export const editCommentBody = z.strictObject({ text: commentText });
export const resolveCommentBody = z.strictObject({ resolved: z.boolean().default(true) });

/** A report's days (UTC, both included): both or neither; at most a year. */
const day = z.iso.date();
export const reportQuery = z.strictObject({ from: day.optional(), to: day.optional() })
  .refine((q) => (q.from === undefined) === (q.to === undefined), { message: 'give both from and to, or neither', path: ['to'] })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'to is before from', path: ['to'] })
  .refine((q) => !q.from || !q.to || Date.parse(q.to) - Date.parse(q.from) <= 365 * 86_400_000, { message: 'a report covers at most 366 days', path: ['to'] });

const hookUrl = z.string().trim().min(1).max(2000);
const hookKinds = z.array(z.enum(eventKinds)).min(1).max(eventKinds.length).refine((k) => new Set(k).size === k.length, 'kinds must be unique');
export const createWebhookBody = z.strictObject({ url: hookUrl, kinds: hookKinds, description: z.string().trim().max(500).optional() });
export const updateWebhookBody = z.strictObject({ url: hookUrl.optional(), kinds: hookKinds.optional(), description: z.string().trim().max(500).optional(), enabled: z.boolean().optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'give url, kinds, description or enabled', path: ['enabled'] });
export const deliveriesQuery = z.strictObject({
  status: z.enum(['pending', 'delivered', 'failed']).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  after: z.coerce.number().int().min(1).optional(),
});
