// Ids and walks over a job's images that need no query but lookups by _id (see JobPage, JobStream).
import type { JobProgress } from '../domain/jobs';
import { jobPageSize, type JobDoc, type Models } from './models';

export const jobImageId = (jobId: string, imageId: string) => `${jobId}:${imageId}`;
export const jobPageId = (jobId: string, page: number) => `${jobId}#${page}`;

export interface StreamLease { holder: string; expiresAt: Date }

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

/** The job's counters as stored: the four counts (partitioning numImages) and how many are in the dataset. */
export function jobProgressOf(job: Pick<JobDoc, 'counts' | 'numImages' | 'inDataset'>): JobProgress {
  const c = job.counts;
  return {
    unannotated: c?.unannotated ?? 0, annotated: c?.annotated ?? 0, approved: c?.approved ?? 0, rejected: c?.rejected ?? 0,
    numImages: job.numImages ?? 0, inDataset: job.inDataset ?? 0,
  };
}
