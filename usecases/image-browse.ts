// Browsing a project's images. The store answers only lookups by _id quickly (FerretDB scans for
// anything else), so a page walks one of three lists of image ids kept as pages: the job's (JobPage)
// when a job is named (the jobs', one after the other, for a filter only images in a job pass), else the
// batch's (BatchPage), else the project's upload order (ImagePage); the
// other filters are checked on the images fetched by _id, and one request examines a bounded number
// of images, answering fewer than `limit` with a `next` when the filters are rare. A name prefix or a
// sort by name picks its candidates from the list's names held in memory (./image-names) instead.
import { fromStored, type StoredAnnotation } from '../domain/annotations';
import { batchPageId, pageEmptied } from '../db/batch-pages';
import { imagePageId } from '../db/image-pages';
import { jobImageId, jobPageId } from '../db/job-stream';
import { jobPageSize } from '../db/models';
import { loadBatch, projectScope, type Scope } from './batches';
import type { Actor, AppContext } from './context';
import { invalid, notFound } from './errors';
import { loadProject } from './projects';
import { byPosition, compareText, nameKey, type NamedEntry, type NamedList } from './image-names';

/** Images one request looks at; beyond, the page ends early with a `next`. */
const examineBudget = 1_000;
/** An upload's images are inserted within one attempt of its 2-minute activity after its page is dated; with room to spare. */
const pageDateSlackMs = 5 * 60_000;

type ImageRow = {
  _id: string; name: string; width: number; height: number; batchId?: string | null; batchPage?: number | null;
  uploadPage?: number | null; jobId?: string | null; derivatives?: string | null; createdAt: Date;
};
export interface BrowseImagesQuery {
  batch?: string; job?: string; state?: string; labeler?: string; class?: string; namePrefix?: string;
  uploadedFrom?: Date; uploadedTo?: Date; sort: 'uploaded' | '-uploaded' | 'name' | '-name'; limit: number; after?: string;
}

type PageDoc = { _id: string; imageIds: string[]; at?: Date; left?: number | null; classes?: string[] | null; classesIndexed?: boolean | null };
interface Spine {
  pages: number;
  pageId(page: number): string;
  read(pageIds: string[]): Promise<PageDoc[]>;
  live(image: ImageRow, page: number): boolean;
  /** The same list as ./image-names reads it: with the names its pages keep, which a walk does not need. */
  named: NamedList;
}

/** A list whose pages are read the same way by a walk and for their names (they keep none). */
function plainSpine(key: string, pages: number, pageId: (n: number) => string, read: (ids: string[]) => Promise<PageDoc[]>, live: Spine['live']): Spine {
  return { pages, pageId, read, live, named: { key, pages, pageId, read } };
}
interface Position { page: number; offset: number }
interface Entry extends Position { image: ImageRow; state: string; classes: string[] }

const imageFields = { name: 1, width: 1, height: 1, batchId: 1, batchPage: 1, uploadPage: 1, jobId: 1, derivatives: 1, createdAt: 1 } as const;

/** The jobs' lists (JobPage) one after the other: page `n` numbers across them, in the order given. */
async function jobsSpine(ctx: AppContext, key: string, jobIds: string[]): Promise<Spine> {
  const streams = new Map((await ctx.models.JobStream.find({ _id: { $in: jobIds } }, { total: 1 }).lean()).map((st) => [st._id, st.total ?? 0]));
  const starts: number[] = [];
  let pages = 0;
  for (const id of jobIds) {
    starts.push(pages);
    pages += Math.ceil((streams.get(id) ?? 0) / jobPageSize);
  }
  /** The job whose list holds page `n`, and the page's number in that list. */
  const locate = (n: number) => {
    let k = jobIds.length - 1;
    while (k > 0 && starts[k]! > n) k--;
    return { jobId: jobIds[k]!, page: n - starts[k]! };
  };
  return plainSpine(
    key, pages, (n) => { const at = locate(n); return jobPageId(at.jobId, at.page); },
    (ids) => ctx.models.JobPage.find({ _id: { $in: ids } }).lean(), (i, n) => i.jobId === locate(n).jobId,
  );
}

/** Filters only an image in a job can pass: a labeler, a class (of its annotation), a state in a job. */
const inJobsOnly = (query: BrowseImagesQuery) => Boolean(query.labeler || query.class || (query.state && query.state !== 'unassigned'));

/** The project's jobs (the labeler's, when one is named), oldest first. */
async function jobsByAge(ctx: AppContext, scope: Scope, labeler?: string): Promise<string[]> {
  const jobs = await ctx.models.Job.find({ ...scope, ...(labeler ? { labeler } : {}) }, { createdAt: 1 }).lean();
  return jobs.sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || (a._id < b._id ? -1 : 1)).map((j) => j._id);
}

/**
 * `imagePages`: the project's upload-order pages, as its document (read for the caller's access) says.
 * `labelerJobs`: the named labeler's jobs, oldest first, read once for the spine and the filter.
 */
async function spineFor(ctx: AppContext, scope: Scope, query: BrowseImagesQuery, imagePages: number, labelerJobs?: string[]): Promise<Spine> {
  if (query.job) {
    // Both by _id at once; the spine is used only once the job is found in the caller's project.
    const [job, spine] = await Promise.all([
      ctx.models.Job.findById(query.job, { workspace: 1, project: 1 }).lean(),
      jobsSpine(ctx, `job:${query.job}`, [query.job]),
    ]);
    if (!job || job.workspace !== scope.workspace || job.project !== scope.project) throw invalid('job', `job ${query.job} does not exist in project ${scope.project}`);
    return spine;
  }
  if (inJobsOnly(query) && !query.batch) {
    // Only images in a job can match: walk the jobs' lists (the labeler's, if named), oldest job first,
    // not the whole upload order, of which the labeled images may be a sliver.
    const jobs = labelerJobs ?? (await jobsByAge(ctx, scope));
    return jobsSpine(ctx, `jobs:${jobs.join(',')}`, jobs);
  }
  if (query.batch) {
    const batch = await loadBatch(ctx, scope, query.batch).catch(() => { throw invalid('batch', `batch ${query.batch} does not exist in project ${scope.project}`); });
    return plainSpine(
      `batch:${batch._id}`, batch.pages ?? 0, (n) => batchPageId(batch._id, n),
      (ids) => ctx.models.BatchPage.find({ _id: { $in: ids } }).lean(), (i, n) => i.batchId === batch._id && i.batchPage === n,
    );
  }
  const pages = imagePages;
  const pageId = (n: number) => imagePageId(scope.workspace, scope.project, n);
  return {
    pages, pageId, live: (i, n) => i.uploadPage === n,
    read: (ids) => ctx.models.ImagePage.find({ _id: { $in: ids } }, { names: 0 }).lean(),
    named: { key: `uploads:${scope.workspace}/${scope.project}`, pages, pageId, read: (ids) => ctx.models.ImagePage.find({ _id: { $in: ids } }).lean() },
  };
}

/** The first (or, descending, last) page of the upload order that can hold images uploaded in range. */
async function startByDate(ctx: AppContext, spine: Spine, query: BrowseImagesQuery, descending: boolean): Promise<number> {
  const bound = descending ? query.uploadedTo : query.uploadedFrom && new Date(query.uploadedFrom.getTime() - pageDateSlackMs);
  if (!bound) return descending ? spine.pages - 1 : 0;
  // Pages are dated in the order they are numbered: binary search by _id.
  let lo = 0;
  let hi = spine.pages;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const page = await ctx.models.ImagePage.findById(spine.pageId(mid), { at: 1 }).lean();
    const before = page ? (descending ? page.at <= bound : page.at < bound) : true;
    if (before) lo = mid + 1; else hi = mid;
  }
  return descending ? lo - 1 : lo;
}

/** `firstChunk`: images fetched first, the page's `limit`: with no rare filter one fetch fills the page. */
interface Walk { from: Position; step: 1 | -1; stopAt?: (pageAt: Date) => boolean; withStates: boolean; firstChunk: number; withClass?: string }

/**
 * The list's entries after `from`, in the list's order or reversed. States and classes are read only
 * when `withStates` (a filter needs them); otherwise the caller reads them for the entries it keeps.
 */
async function* walk(ctx: AppContext, spine: Spine, { from, step, stopAt, withStates: states, firstChunk, withClass }: Walk): AsyncGenerator<Entry> {
  // Pages are read one, then 4, then 16 at a time: an upload's page may list 1,000 images or just one.
  for (let first = from.page, count = 1; first >= 0 && first < spine.pages; first += count * step, count = Math.min(count * 4, 16)) {
    const numbers = Array.from({ length: count }, (_, k) => first + k * step).filter((n) => n >= 0 && n < spine.pages);
    const docs = await spine.read(numbers.map((n) => spine.pageId(n)));
    const byId = new Map(docs.map((d) => [d._id, d]));
    for (const n of numbers) {
      const doc = byId.get(spine.pageId(n));
      if (!doc) continue; // numbered but never written (a crash between the two)
      if (doc.at && stopAt?.(doc.at)) return;
      if (pageEmptied(doc)) continue;
      // A job page that lists every class its images' annotations used, without this one: none matches.
      if (withClass && doc.classesIndexed && !(doc.classes ?? []).includes(withClass)) continue;
      const offsets = doc.imageIds.map((_, k) => k).filter((k) => n !== from.page || (step === 1 ? k > from.offset : k < from.offset));
      if (step === -1) offsets.reverse();
      // Fetched in growing chunks: a page of 50 reads 50 images (each id of a `$in` costs the store about
      // 0.2 ms), a rare filter soon reads 1,000 at once.
      for (let at = 0, size = firstChunk; at < offsets.length; at += size, size = Math.min(size * 3, 1_000)) {
        yield* await liveEntries(ctx, spine, offsets.slice(at, at + size).map((k) => ({ page: n, offset: k, id: doc.imageIds[k]! })), states);
      }
    }
  }
}

/**
 * The images listed at these positions that are still there by the list (an image moved on, or listed
 * again later, is not), fetched by _id, in the order given; with their states when `states`.
 */
async function liveEntries(ctx: AppContext, spine: Spine, positions: (Position & { id: string })[], states: boolean): Promise<Entry[]> {
  const images = new Map((await ctx.models.Image.find({ _id: { $in: positions.map((p) => p.id) } }, imageFields).lean<ImageRow[]>()).map((i) => [i._id, i]));
  const live = positions.flatMap(({ page, offset, id }) => {
    const image = images.get(id);
    return image && spine.live(image, page) ? [{ page, offset, image }] : [];
  });
  return states ? withStates(ctx, live) : live.map((e) => ({ ...e, state: '', classes: [] }));
}

/** Each image's state in its job (or `unassigned`) and the classes of its latest annotation. */
async function withStates(ctx: AppContext, entries: (Position & { image: ImageRow })[]): Promise<Entry[]> {
  const inJob = entries.filter((e) => e.image.jobId).map((e) => jobImageId(e.image.jobId!, e.image._id));
  const jobImages = inJob.length ? await ctx.models.JobImage.find({ _id: { $in: inJob } }, { state: 1, lastVersion: 1 }).lean() : [];
  const annotationIds = jobImages.filter((ji) => (ji.lastVersion ?? 0) > 0).map((ji) => `${ji._id}:v${ji.lastVersion}`);
  const annotations = annotationIds.length ? await ctx.models.Annotation.find({ _id: { $in: annotationIds } }, { jobImageId: 1, annotations: 1 }).lean() : [];
  const stateOf = new Map(jobImages.map((ji) => [ji._id, ji.state as string]));
  const classesOf = new Map(annotations.map((a) => [a.jobImageId, (a.annotations as { class: string }[]).map((x) => x.class)]));
  return entries.map((e) => {
    const ji = e.image.jobId ? jobImageId(e.image.jobId, e.image._id) : '';
    return { ...e, state: stateOf.get(ji) ?? 'unassigned', classes: classesOf.get(ji) ?? [] };
  });
}

const needsStates = (query: BrowseImagesQuery) => Boolean(query.state || query.class);
/** The entries with their states, read now unless the walk read them for a filter. */
const statesOf = (ctx: AppContext, query: BrowseImagesQuery, entries: Entry[]) => (needsStates(query) ? entries : withStates(ctx, entries));

function matcher(query: BrowseImagesQuery, labelerJobIds?: string[]) {
  const labelerJobs = labelerJobIds ? new Set(labelerJobIds) : null;
  return (e: Entry) =>
    (!query.state || e.state === query.state) &&
    (!labelerJobs || (e.image.jobId !== null && e.image.jobId !== undefined && labelerJobs.has(e.image.jobId))) &&
    (!query.class || e.classes.includes(query.class)) &&
    (!query.namePrefix || e.image.name.startsWith(query.namePrefix)) &&
    (!query.uploadedFrom || e.image.createdAt >= query.uploadedFrom) &&
    (!query.uploadedTo || e.image.createdAt <= query.uploadedTo);
}

const view = (e: Entry) => ({
  id: e.image._id, name: e.image.name, width: e.image.width, height: e.image.height,
  batch: e.image.batchId ?? null, job: e.image.jobId ?? null, state: e.state, classes: [...new Set(e.classes)],
  thumbnail: e.image.derivatives === 'ready', uploadedAt: e.image.createdAt,
});

/**
 * A page of the project's images matching every filter given. In upload order by default (`-uploaded`
 * newest first); with `job` or `batch`, in the order images joined it; with a filter only images in a job
 * pass (`labeler`, `class`, a `state` but `unassigned`) and neither, in the order images joined the
 * project's jobs (the labeler's), oldest job first. `next` is the `after` of the
 * following page, null at the end.
 */
export async function browseImages(ctx: AppContext, actor: Actor, projectSlug: string, query: BrowseImagesQuery) {
  const project = await loadProject(ctx, actor, projectSlug);
  const scope = { workspace: actor.workspace, project: project.slug };
  const labelerJobs = query.labeler ? await jobsByAge(ctx, scope, query.labeler) : undefined;
  const spine = await spineFor(ctx, scope, query, project.imagePages ?? 0, labelerJobs);
  const matches = matcher(query, labelerJobs);
  if (query.namePrefix || query.sort === 'name' || query.sort === '-name') {
    const page = await byNames(ctx, spine, query, matches);
    if (page) return page;
  }
  const descending = query.sort === '-uploaded';
  const step = descending ? -1 : 1;
  const dated = !query.job && !query.batch && !inJobsOnly(query);
  const start: Position = query.after
    ? parsePosition(query.after)
    : { page: dated ? await startByDate(ctx, spine, query, descending) : descending ? spine.pages - 1 : 0, offset: descending ? Infinity : -1 };
  const { uploadedTo, uploadedFrom } = query;
  const stopAt = !dated ? undefined : descending
    ? uploadedFrom && ((at: Date) => at.getTime() < uploadedFrom.getTime() - pageDateSlackMs)
    : uploadedTo && ((at: Date) => at > uploadedTo);
  const kept: Entry[] = [];
  let examined = 0;
  let next: string | null = null;
  for await (const entry of walk(ctx, spine, { from: start, step, stopAt, withStates: needsStates(query), firstChunk: query.limit, withClass: query.class })) {
    examined++;
    if (matches(entry)) kept.push(entry);
    if (kept.length === query.limit || examined === examineBudget) {
      next = `${entry.page}.${entry.offset}`;
      break;
    }
  }
  return { images: (await statesOf(ctx, query, kept)).map(view), examined, next };
}

function parsePosition(after: string): Position {
  if (!/^\d+\.\d+$/.test(after)) throw invalid('after', 'not a cursor of this sort: pass the `next` of a page with the same sort');
  const [page, offset] = after.split('.').map(Number) as [number, number];
  return { page, offset };
}

/**
 * A name prefix or a sort by name: the candidates come from the list's names in memory, in the list's
 * order or by name (then id), after the cursor; they are fetched by _id in growing chunks and checked
 * like any walked image, within the same budget. Undefined when the list is too long to hold and the
 * walk can answer instead (a prefix in upload order).
 */
async function byNames(ctx: AppContext, spine: Spine, query: BrowseImagesQuery, matches: (e: Entry) => boolean) {
  const sortByName = query.sort === 'name' || query.sort === '-name';
  const names = await ctx.imageNames.of(spine.named);
  if (!names) {
    if (!sortByName) return undefined;
    throw invalid('sort', `sorting by name holds the names of every image listed; filter by a job or batch of at most ${ctx.imageNames.maxEntries} images`);
  }
  const { namePrefix: prefix } = query;
  let candidates = sortByName ? names.byName() : names.entries;
  if (prefix) {
    candidates = sortByName
      ? candidates.slice(firstWhere(candidates, (e) => e.name >= prefix), firstWhere(candidates, (e) => e.name >= prefix && !e.name.startsWith(prefix)))
      : candidates.filter((e) => e.name.startsWith(prefix));
  }
  const descending = query.sort === '-name' || query.sort === '-uploaded';
  const cursorOf = sortByName ? (e: NamedEntry) => Buffer.from(nameKey(e)).toString('base64url') : (e: NamedEntry) => `${e.page}.${e.offset}`;
  let from = descending ? candidates.length - 1 : 0;
  if (query.after) {
    // Both orders are sorted, so the first entry past the cursor is found by halving.
    const past = sortByName ? nameCursor(query.after) : parsePosition(query.after);
    /** Where an entry stands against the cursor: below 0 before it, 0 on it, above 0 after it. */
    const againstCursor = typeof past === 'string'
      ? (e: NamedEntry) => compareText(nameKey(e), past)
      : (e: NamedEntry) => byPosition(e, past);
    from = descending ? firstWhere(candidates, (e) => againstCursor(e) >= 0) - 1 : firstWhere(candidates, (e) => againstCursor(e) > 0);
  }
  const step = descending ? -1 : 1;
  const kept: Entry[] = [];
  let examined = 0;
  let next: string | null = null;
  for (let at = from, size = query.limit; at >= 0 && at < candidates.length && next === null; size = Math.min(size * 3, 1_000)) {
    const chunk: NamedEntry[] = [];
    for (; chunk.length < Math.min(size, examineBudget - examined) && at >= 0 && at < candidates.length; at += step) chunk.push(candidates[at]!);
    const lastChunk = at < 0 || at >= candidates.length;
    // By position: an image listed twice is live at one of them only.
    const live = new Map((await liveEntries(ctx, spine, chunk, needsStates(query))).map((e) => [`${e.page}.${e.offset}`, e]));
    for (const [k, candidate] of chunk.entries()) {
      examined++;
      const entry = live.get(`${candidate.page}.${candidate.offset}`);
      if (entry && matches(entry)) kept.push(entry);
      if (lastChunk && k === chunk.length - 1) break; // the end: no `next`
      if (kept.length === query.limit || examined === examineBudget) {
        next = cursorOf(candidate);
        break;
      }
    }
  }
  return { images: (await statesOf(ctx, query, kept)).map(view), examined, next };
}

/** The first index at which `test` holds, in an array over which it goes from false to true. */
function firstWhere<T>(sorted: T[], test: (x: T) => boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(sorted[mid]!)) hi = mid; else lo = mid + 1;
  }
  return lo;
}

function nameCursor(after: string): string {
  const key = Buffer.from(after, 'base64url').toString();
  if (!key.includes('\u0000')) throw invalid('after', 'not a cursor of this sort: pass the `next` of a page with the same sort');
  return key;
}

/** One image with its batch, job, state and latest annotation. */
export async function getImage(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string) {
  const scope = await projectScope(ctx, actor, projectSlug);
  const { Image, Batch, Job, JobImage, Annotation } = ctx.models;
  const image = await Image.findById(imageId).lean();
  if (!image || image.workspace !== scope.workspace || image.project !== scope.project) throw notFound(`image ${imageId}`);
  const [batch, job, jobImage] = await Promise.all([
    image.batchId ? Batch.findById(image.batchId, { name: 1 }).lean() : null,
    image.jobId ? Job.findById(image.jobId, { name: 1, labeler: 1, reviewer: 1 }).lean() : null,
    image.jobId ? JobImage.findById(jobImageId(image.jobId, image._id)).lean() : null,
  ]);
  const latest = jobImage && jobImage.lastVersion > 0 ? await Annotation.findById(`${jobImage._id}:v${jobImage.lastVersion}`).lean() : null;
  return {
    id: image._id, name: image.name, width: image.width, height: image.height, format: image.format, bytes: image.bytes,
    sha256: image.sha256, uploadedAt: image.createdAt, thumbnail: image.derivatives === 'ready',
    batch: batch ? { id: batch._id, name: batch.name } : null,
    job: job ? { id: job._id, name: job.name, labeler: job.labeler, reviewer: job.reviewer } : null,
    state: jobImage?.state ?? 'unassigned',
    rounds: jobImage?.rounds ?? 0,
    inDataset: jobImage?.inDataset ?? false,
    latestAnnotation: latest
      ? { version: latest.version, draft: latest.draft, author: latest.author, annotations: fromStored(latest.annotations as StoredAnnotation[]), at: latest.createdAt }
      : null,
  };
}
