// Reverting an image's annotation: an earlier version's shapes become a new version, so the revert is
// itself on the timeline and nothing is overwritten.
import { fromStored, type StoredAnnotation } from '../domain/annotations';
import { recordChange } from '../db/event-log';
import { jobImageId } from '../db/job-stream';
import type { JobImageState } from '../domain/jobs';
import { roleAllows } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { conflict, forbidden, invalid } from './errors';
import { loadVisibleImage } from './image-access';

const openStates: JobImageState[] = ['unannotated', 'rejected'];

/**
 * The image's labeler may revert while the image is open and not leased to someone else (the new
 * version is a draft they then submit); a manager may revert always: awaiting review, the new version
 * is what the reviewer sees; approved, it is the approved version (and the dataset's, if the image is
 * there), and goes back to review when the project says so.
 */
export async function revertAnnotation(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, input: { version: number }) {
  const { project, image, job } = await loadVisibleImage(ctx, actor, projectSlug, imageId);
  if (!job) throw conflict('the image is in no job, so it has no annotation to revert');
  const manager = roleAllows(actor.role, 'jobs.manage');
  if (!manager && job.labeler !== actor.email) throw forbidden('only the image\'s labeler or a manager reverts its annotation');
  const { JobImage, Annotation, DatasetItem, Job } = ctx.models;
  const ji = await JobImage.findById(jobImageId(job._id, image._id)).lean();
  if (!ji) throw conflict('the image is still being assigned');
  const source = await Annotation.findById(`${ji._id}:v${input.version}`).lean();
  if (!source) throw invalid('version', `the image has no version ${input.version} in job ${job._id} (its versions are 1 to ${ji.lastVersion})`);
  const open = openStates.includes(ji.state as JobImageState) && !ji.skippedBy;
  if (!manager && !open) throw conflict(`the image is ${ji.skippedBy ? 'skipped' : ji.state}: only a manager can revert it now`);
  const now = new Date();
  const leaseFree = { $or: [{ leaseHolder: null }, { leaseHolder: actor.email }, { leaseExpiresAt: { $lte: now } }] };
  // The version number is taken only if the image is still as read, so a concurrent submit or review wins cleanly.
  const bumped = await JobImage.findOneAndUpdate(
    { _id: ji._id, state: ji.state, lastVersion: ji.lastVersion, ...(manager ? {} : leaseFree) },
    { $inc: { lastVersion: 1 } },
    { returnDocument: 'after' },
  ).lean();
  if (!bumped) throw conflict(open ? 'another labeler holds this image, or it changed meanwhile' : 'the image changed meanwhile; load it again');
  const version = bumped.lastVersion;
  const toReview = ji.state === 'approved' && project.reviewAfterRevert === true;
  const annotations = source.annotations as StoredAnnotation[];
  await recordChange(
    ctx.models,
    {
      workspace: ji.workspace, project: ji.project, kind: 'image.reverted', actor: actor.email, job: job._id, image: image._id,
      data: { version, revertedFrom: input.version, state: toReview ? 'annotated' : ji.state, annotations },
      check: { model: 'Annotation', id: `${ji._id}:v${version}` },
    },
    async () => {
      await Annotation.create({
        _id: `${ji._id}:v${version}`, workspace: ji.workspace, project: ji.project, jobImageId: ji._id, version,
        draft: open, author: actor.email, annotations, revertedFrom: input.version,
      });
      if (ji.state === 'annotated') await JobImage.updateOne({ _id: ji._id, state: 'annotated' }, { $set: { submittedVersion: version } });
      if (ji.state !== 'approved') return;
      if (ji.inDataset) {
        await DatasetItem.updateOne({ _id: `${ji.workspace}/${ji.project}/${ji.imageId}` }, { $set: { version, annotations } });
      }
      const moved = await JobImage.updateOne(
        { _id: ji._id, state: 'approved' },
        { $set: toReview ? { state: 'annotated', submittedVersion: version } : { approvedVersion: version } },
      );
      if (toReview && moved.modifiedCount === 1) {
        await Job.updateOne({ _id: job._id }, { $inc: { 'counts.approved': -1, 'counts.annotated': 1 } });
        ctx.progress.jobChanged(job._id);
      }
    },
  );
  return { imageId: image._id, version, revertedFrom: input.version, draft: open, state: toReview ? 'annotated' : ji.state, annotations: fromStored(annotations) };
}
