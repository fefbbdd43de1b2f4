// Review mode: the reviewer walks the job's submitted images in stream order, each with the shapes its
// labeler submitted. A walk is a cursor (the stream position of the last image shown), so deciding on an
// image never moves the ones after it, and the next image can be fetched before the decision.
import { jobImageId, jobPageId } from '../db/job-stream';
import { jobPageSize } from '../db/models';
import { fromStored, type StoredAnnotation } from '../domain/annotations';
import { isReviewerOf } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { forbidden } from './errors';
import { findVisibleJob } from './jobs';

/**
 * The first image after stream position `after` that awaits review, or undefined when none does. Reads
 * the job's pages by _id, and each page's images in one lookup by _id, whatever the project's size.
 */
export async function nextToReview(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, after = -1) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  if (!isReviewerOf(actor, job)) throw forbidden('only the job\'s reviewer or a manager reviews its images');
  const total = job.numImages ?? 0;
  for (let page = Math.max(0, Math.floor((after + 1) / jobPageSize)); page * jobPageSize < total; page++) {
    const ids = (await ctx.models.JobPage.findById(jobPageId(jobId, page), { imageIds: 1 }).lean())?.imageIds ?? [];
    if (ids.length === 0) continue;
    const waiting = await ctx.models.JobImage.find({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }).lean();
    const ji = waiting.filter((j) => j.state === 'annotated' && j.seq > after).sort((a, b) => a.seq - b.seq)[0];
    if (!ji) continue;
    const [image, annotation] = await Promise.all([
      ctx.models.Image.findById(ji.imageId, { name: 1, width: 1, height: 1 }).lean(),
      ctx.models.Annotation.findById(`${ji._id}:v${ji.submittedVersion}`).lean(),
    ]);
    return {
      image: { id: ji.imageId, name: image?.name ?? '', width: image?.width ?? 0, height: image?.height ?? 0 },
      position: ji.seq,
      round: ji.rounds,
      annotation: {
        version: ji.submittedVersion ?? 0, author: annotation?.author ?? null,
        annotations: fromStored((annotation?.annotations ?? []) as StoredAnnotation[]),
      },
    };
  }
  return undefined;
}
