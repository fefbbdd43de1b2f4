// The per-image state machine. Every transition is one conditional update on the job image, so two
// people (or a retry) racing on an image cannot both win; the workflow hears about it in aggregate.
import { validateAnnotations, type Annotation, type ProjectType } from '../domain/annotations';
import type { JobImageState } from '../domain/jobs';
import { isLabelerOf, isReviewerOf } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { AppError, conflict, forbidden, notFound } from './errors';
import { findVisibleJob } from './jobs';
import { loadProject } from './projects';

const openStates: JobImageState[] = ['unannotated', 'rejected'];

async function loadActiveJob(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  if (job.status === 'complete' || job.status === 'cancelled') throw conflict(`the job is ${job.status}`);
  return job;
}

/** Reserves the caller's next image: their own live lease first, then rework, then new images. */
export async function nextImage(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string) {
  const job = await loadActiveJob(ctx, actor, projectSlug, jobId);
  if (!isLabelerOf(actor, job)) throw forbidden('only the job\'s labeler or a manager takes images from its stream');
  const now = new Date();
  const leaseExpiresAt = new Date(now.getTime() + ctx.leaseSeconds * 1000);
  const reserved = await ctx.models.JobImage.findOneAndUpdate(
    {
      jobId, state: { $in: openStates },
      $or: [{ leaseHolder: actor.email, leaseExpiresAt: { $gt: now } }, { leaseHolder: null }, { leaseExpiresAt: { $lte: now } }],
    },
    { $set: { leaseHolder: actor.email, leaseExpiresAt } },
    { sort: { queueRank: 1, seq: 1 }, returnDocument: 'after' },
  ).lean();
  if (!reserved) return undefined;
  const image = await ctx.models.Image.findById(reserved.imageId).lean();
  if (!image) throw notFound(`image ${reserved.imageId}`);
  return {
    image: { id: reserved.imageId, name: image.name, width: image.width, height: image.height },
    leaseExpiresAt: leaseExpiresAt.toISOString(),
    rework: reserved.state === 'rejected' ? { round: reserved.rounds, reason: reserved.rejectReason } : undefined,
  };
}

async function loadJobImage(ctx: AppContext, jobId: string, imageId: string) {
  const ji = await ctx.models.JobImage.findById(`${jobId}:${imageId}`).lean();
  if (!ji) throw notFound(`image ${imageId} in job ${jobId}`);
  return ji;
}

/** Saves a draft or submits an annotation; returns its version. */
export async function saveAnnotation(
  ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, imageId: string,
  input: { annotations: Annotation[]; draft?: boolean },
) {
  const job = await loadActiveJob(ctx, actor, projectSlug, jobId);
  if (!isLabelerOf(actor, job)) throw forbidden('only the job\'s labeler or a manager annotates its images');
  const project = await loadProject(ctx, actor, projectSlug);
  const ji = await loadJobImage(ctx, jobId, imageId);
  const image = await ctx.models.Image.findById(imageId).lean();
  if (!image) throw notFound(`image ${imageId}`);
  const problems = validateAnnotations(input.annotations, { type: project.type as ProjectType, classes: project.classes }, image);
  if (problems.length > 0) {
    throw new AppError('invalid_input', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { fields: problems });
  }
  const now = new Date();
  const leaseFree = { $or: [{ leaseHolder: null }, { leaseHolder: actor.email }, { leaseExpiresAt: { $lte: now } }] };
  const bumped = await ctx.models.JobImage.findOneAndUpdate(
    { _id: ji._id, state: { $in: openStates }, ...leaseFree },
    { $inc: { lastVersion: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!bumped) throw conflict(ji.state === 'annotated' || ji.state === 'approved' ? `the image is already ${ji.state}` : 'another labeler holds this image');
  const version = bumped.lastVersion;
  const draft = input.draft === true;
  await ctx.models.Annotation.create({ _id: `${ji._id}:v${version}`, workspace: ji.workspace, project: ji.project, jobImageId: ji._id, version, draft, author: actor.email, annotations: input.annotations });
  if (!draft) {
    const submitted = await ctx.models.JobImage.updateOne(
      { _id: ji._id, state: { $in: openStates }, lastVersion: version },
      { $set: { state: 'annotated', submittedVersion: version, leaseHolder: null, leaseExpiresAt: null } },
    );
    if (submitted.modifiedCount !== 1) throw conflict('the image changed while it was being submitted; load it again');
    ctx.progress.jobChanged(jobId);
  }
  return { version, draft };
}

export async function reviewImage(
  ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, imageId: string,
  input: { decision: 'approve' | 'reject'; reason?: string },
) {
  const job = await loadActiveJob(ctx, actor, projectSlug, jobId);
  if (!isReviewerOf(actor, job)) throw forbidden('only the job\'s reviewer or a manager reviews its images');
  const ji = await loadJobImage(ctx, jobId, imageId);
  if (ji.state !== 'annotated') throw conflict(`the image is ${ji.state}, not awaiting review`);
  const filter = { _id: ji._id, state: 'annotated' as const, submittedVersion: ji.submittedVersion };
  const update = input.decision === 'approve'
    ? { $set: { state: 'approved' as const, approvedVersion: ji.submittedVersion } }
    : { $set: { state: 'rejected' as const, queueRank: 0, rejectReason: input.reason, rejectNotified: false }, $inc: { rounds: 1 } };
  const res = await ctx.models.JobImage.updateOne(filter, update);
  if (res.modifiedCount !== 1) throw conflict('the image was reviewed or changed meanwhile');
  ctx.progress.jobChanged(jobId);
  return { imageId, state: input.decision === 'approve' ? 'approved' : 'rejected', version: ji.submittedVersion };
}

export async function getDataset(ctx: AppContext, actor: Actor, projectSlug: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  const items = await ctx.models.DatasetItem.find({ workspace: actor.workspace, project: project.slug }).sort({ createdAt: 1 }).lean();
  const images = await ctx.models.Image.find({ _id: { $in: items.map((i) => i.imageId) } }).lean();
  const byId = new Map(images.map((i) => [i._id.toString(), i]));
  return {
    count: items.length,
    images: items.map((it) => {
      const img = byId.get(it.imageId);
      return { id: it.imageId, name: img?.name, width: img?.width, height: img?.height, version: it.version, annotations: it.annotations };
    }),
  };
}
