// Ids and walks over a job's images that need no query but lookups by _id (see JobPage, JobStream).
import type { JobProgress } from '../domain/jobs';
import { jobPageSize, type JobDoc, type Models } from './models';

export const jobImageId = (jobId: string, imageId: string) => `${jobId}:${imageId}`;
export const jobPageId = (jobId: string, page: number) => `${jobId}#${page}`;

export interface StreamLease { holder: string; expiresAt: Date }

/**
 * Notes on its job page the classes an annotation of the image at stream position `seq` uses. Called
 * before the annotation is written, so a page's classes always include those of its images' annotations.
 */
export async function noteClasses(models: Models, jobId: string, seq: number, annotations: { class: string }[]): Promise<void> {
  const classes = [...new Set(annotations.map((a) => a.class))];
  if (classes.length > 0) await models.JobPage.updateOne({ _id: jobPageId(jobId, Math.floor(seq / jobPageSize)) }, { $addToSet: { classes: { $each: classes } } });
}

/** The job's image ids in stream order, a page (≤ 500) at a time. */
export async function* jobImageIdPages(models: Models, jobId: string, total: number): AsyncGenerator<string[]> {
  const pageCount = Math.ceil(total / jobPageSize);
  // A few pages per query keeps each answer small while walking a 25,000-image job in ~10 queries.
  for (let first = 0; first < pageCount; first += 5) {
    const ids = Array.from({ length: Math.min(5, pageCount - first) }, (_, i) => jobPageId(jobId, first + i));
    const pages = await models.JobPage.find({ _id: { $in: ids } }).lean();
    pages.sort((a, b) => pageNumber(a._id) - pageNumber(b._id));
    for (const page of pages) yield page.imageIds;
  }
}

const pageNumber = (id: string) => Number(id.slice(id.lastIndexOf('#') + 1));

/**
 * Job pages' image ids as last read, by page id, most recently used last. The image at a stream
 * position never changes once written (a page only grows, past the stream's end), so a read answers
 * later ones for the positions it covered: reading a page of 500 ids costs FerretDB ~12 ms, and every
 * `next` needs one (bench/big-job: two thirds of the store's read time went to them).
 */
const pagesRead = new Map<string, string[]>();
const pagesReadLimit = 128;

/** The image ids of a job's page `page`, at least its first `needed` (fewer only when the page has no more). */
export async function jobPageImageIds(models: Models, jobId: string, page: number, needed: number): Promise<string[]> {
  const id = jobPageId(jobId, page);
  let ids = pagesRead.get(id);
  if (!ids || ids.length < needed) ids = (await models.JobPage.findById(id, { imageIds: 1 }).lean())?.imageIds ?? [];
  pagesRead.delete(id);
  pagesRead.set(id, ids);
  if (pagesRead.size > pagesReadLimit) pagesRead.delete(pagesRead.keys().next().value!);
  return ids;
}

/** The image at a position of the job's stream, if the job's pages have one there. */
export async function imageAtPosition(models: Models, jobId: string, position: number): Promise<string | undefined> {
  const offset = position % jobPageSize;
  return (await jobPageImageIds(models, jobId, Math.floor(position / jobPageSize), offset + 1))[offset];
}

/** The job's counters as stored: the four counts (partitioning numImages) and how many are in the dataset. */
export function jobProgressOf(job: Pick<JobDoc, 'counts' | 'numImages' | 'inDataset'>): JobProgress {
  const c = job.counts;
  return {
    unannotated: c?.unannotated ?? 0, annotated: c?.annotated ?? 0, approved: c?.approved ?? 0, rejected: c?.rejected ?? 0,
    numImages: job.numImages ?? 0, inDataset: job.inDataset ?? 0,
  };
}
