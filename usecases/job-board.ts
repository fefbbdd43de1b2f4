// The jobs board: a project's jobs filtered by labeler, reviewer, status or being overdue, a page at a
// time, each with the time it has spent in its current stage; and a summary per labeler. Everything
// comes from the jobs' own counters (the Job collection), never from their images.
import type { JobStatus } from '../domain/jobs';
import { roleAllows } from '../domain/roles';
import type { Actor, AppContext } from './context';
import { invalid } from './errors';
import { jobView } from './jobs';
import { loadProject } from './projects';

export interface JobFilters {
  labeler?: string;
  reviewer?: string;
  /** `assigned` includes jobs still being assigned. */
  status?: Exclude<JobStatus, 'assigning'>;
  /** Past its due date and neither complete nor cancelled. */
  overdue?: boolean;
  limit?: number;
  /** The `next` of the page before. */
  after?: string;
}

const openStatuses: JobStatus[] = ['assigning', 'assigned', 'review'];

/** The jobs the caller may see that match the filters, oldest first (without the cursor). */
function matching(actor: Actor, project: string, q: JobFilters, now: Date) {
  const and: Record<string, unknown>[] = [{ workspace: actor.workspace, project }];
  if (!roleAllows(actor.role, 'jobs.manage')) and.push({ $or: [{ labeler: actor.email }, { reviewer: actor.email }] });
  if (q.labeler) and.push({ labeler: q.labeler });
  if (q.reviewer) and.push({ reviewer: q.reviewer });
  if (q.status) and.push({ status: q.status === 'assigned' ? { $in: ['assigning', 'assigned'] } : q.status });
  if (q.overdue) and.push({ dueAt: { $lt: now }, status: { $in: openStatuses } });
  return and;
}

/** `<createdAt ms>_<id>`: the last job of a page, where the next page starts after. */
const cursorOf = (job: { _id: string; createdAt: Date }) => `${job.createdAt.getTime()}_${job._id}`;

function afterCursor(after: string): Record<string, unknown> {
  const m = /^(\d{1,15})_([A-Za-z0-9]{1,64})$/.exec(after);
  if (!m) throw invalid('after', 'not a cursor this API gave');
  const at = new Date(Number(m[1]));
  return { $or: [{ createdAt: { $gt: at } }, { createdAt: at, _id: { $gt: m[2] } }] };
}

type JobRecord = Parameters<typeof jobView>[0];

/** A page of the jobs matching the filters; `next` when more follow. */
export async function findJobs(ctx: AppContext, actor: Actor, projectSlug: string, q: JobFilters, now = new Date()) {
  const project = await loadProject(ctx, actor, projectSlug);
  const and = matching(actor, project.slug, q, now);
  if (q.after) and.push(afterCursor(q.after));
  const limit = q.limit ?? 1000;
  const jobs = (await ctx.models.Job.find({ $and: and }).sort({ createdAt: 1, _id: 1 }).limit(limit + 1).lean()) as JobRecord[];
  const page = jobs.slice(0, limit);
  return { jobs: page, next: jobs.length > limit ? cursorOf(page[page.length - 1]!) : null };
}

/** The Roboflow-compatible list, with the board's filters and cursor (`next` only when paging). */
export async function listJobsPage(ctx: AppContext, actor: Actor, projectSlug: string, q: JobFilters) {
  const { jobs, next } = await findJobs(ctx, actor, projectSlug, q);
  return { jobs: jobs.map(jobView), ...(q.limit !== undefined || q.after !== undefined ? { next } : {}) };
}

function boardEntry(job: JobRecord, now: Date) {
  const status = job.status === 'assigning' ? 'assigned' : job.status;
  const entered = (job.stageEnteredAt ?? {}) as Record<string, Date>;
  const since = entered[job.status] ? new Date(entered[job.status]!) : job.createdAt;
  const finished = job.status === 'complete' || job.status === 'cancelled';
  const dueAt = job.dueAt ? new Date(job.dueAt) : null;
  return {
    ...jobView(job),
    inDataset: job.inDataset ?? 0,
    dueAt: dueAt?.toISOString() ?? null,
    overdue: Boolean(dueAt && dueAt < now && !finished),
    stage: { status, enteredAt: since.toISOString(), seconds: Math.max(0, Math.round((now.getTime() - since.getTime()) / 1000)) },
  };
}

const emptyLabeler = (labeler: string) => ({ labeler, jobs: 0, openJobs: 0, overdueJobs: 0, numImages: 0, unannotated: 0, annotated: 0, approved: 0, rejected: 0 });

/** The board: a page of jobs with time in stage and due state, and per labeler, their jobs' counts. */
export async function jobBoard(ctx: AppContext, actor: Actor, projectSlug: string, q: JobFilters) {
  const now = new Date();
  const { jobs, next } = await findJobs(ctx, actor, projectSlug, q, now);
  const project = await loadProject(ctx, actor, projectSlug);
  // Every job the filters match, not only this page; only the counters are read.
  const all = await ctx.models.Job.find({ $and: matching(actor, project.slug, q, now) }, { labeler: 1, status: 1, dueAt: 1, numImages: 1, counts: 1 }).lean();
  const byLabeler = new Map<string, ReturnType<typeof emptyLabeler>>();
  for (const job of all) {
    const s = byLabeler.get(job.labeler) ?? emptyLabeler(job.labeler);
    const open = openStatuses.includes(job.status as JobStatus);
    s.jobs++;
    if (open) s.openJobs++;
    if (open && job.dueAt && job.dueAt < now) s.overdueJobs++;
    s.numImages += job.numImages ?? 0;
    for (const k of ['unannotated', 'annotated', 'approved', 'rejected'] as const) s[k] += job.counts?.[k] ?? 0;
    byLabeler.set(job.labeler, s);
  }
  return { jobs: jobs.map((j) => boardEntry(j, now)), next, labelers: [...byLabeler.values()].sort((a, b) => a.labeler.localeCompare(b.labeler)) };
}
