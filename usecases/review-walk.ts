// Review mode: the reviewer walks the job's submitted images in stream order, each with the shapes its
// labeler submitted. A walk is a cursor (the stream position of the last image shown), so deciding on an
// image never moves the ones after it, and the next image can be fetched before the decision.
import { jobImageId, jobPageImageIds } from '../db/job-stream';
import { jobPageSize } from '../db/models';
import { fromStored, type StoredAnnotation } from '../domain/annotations';
import { isReviewerOf } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { forbidden } from './errors';
import { findVisibleJob } from './jobs';

/**
 * Up to `limit` images after stream position `after` that await review, in stream order, and the
 * position to go on from (null when the job has no more). Reads the job's pages by _id, and each page's
 * images in one lookup by _id, whatever the project's size.
 */
export async function reviewPage(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, query: { after?: number; limit: number }) {
  const job = await findVisibleJob(ctx, actor, projectSlug, jobId);
  if (!isReviewerOf(actor, job)) throw forbidden('only the job\'s reviewer or a manager reviews its images');
  const total = job.numImages ?? 0;
  const after = query.after ?? -1;
  const waiting: JobImageDoc[] = [];
  let page = Math.max(0, Math.floor((after + 1) / jobPageSize));
  for (; page * jobPageSize < total && waiting.length < query.limit; page++) {
    const ids = await jobPageImageIds(ctx.models, jobId, page, Math.min(jobPageSize, total - page * jobPageSize));
    if (ids.length === 0) continue;
    const found = await ctx.models.JobImage.find({ _id: { $in: ids.map((id) => jobImageId(jobId, id)) } }).lean();
    waiting.push(...found.filter((j) => j.state === 'annotated' && j.seq > after).sort((a, b) => a.seq - b.seq));
  }
  const shown = waiting.slice(0, query.limit);
  const more = waiting.length > shown.length || page * jobPageSize < total;
  return { images: await Promise.all(shown.map((ji) => toReview(ctx, ji))), next: more && shown.length > 0 ? shown[shown.length - 1]!.seq : null };
}

type JobImageDoc = { _id: string; imageId: string; seq: number; state: string; rounds: number; submittedVersion?: number | null };

/** An image awaiting review with the shapes its labeler submitted. */
async function toReview(ctx: AppContext, ji: JobImageDoc) {
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

/** The first image after stream position `after` that awaits review, or undefined when none does. */
export async function nextToReview(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, after?: number) {
  return (await reviewPage(ctx, actor, projectSlug, jobId, { after, limit: 1 })).images[0];
}
