// Timelines read the event log: a project's, a job's or an image's done events, newest or oldest first.
// Each page is lookups by _id: the stream's numbers (project), the image's index, or the job's blocks.
import { eventId, eventStreamId, imageEventIndexId, jobEventBlockId, jobEventBlockSize } from '../domain/events';
import { settleStream } from '../db/event-log';
import { eventView, type TimelineEvent } from '../domain/event-view';
import type { Actor, AppContext } from './context';
import { loadVisibleImage } from './image-access';
import { findVisibleJob } from './jobs';
import { loadProject } from './projects';

export interface TimelineQuery {
  kind?: string; actor?: string; since?: Date;
  order: 'newest' | 'oldest'; limit: number;
  /** The `next` of the page before: the number of the last event it listed. */
  after?: number;
}

export type TimelineScope = { job: string } | { image: string } | Record<string, never>;

/** Events looked at per request at most, so a rare filter answers with a cursor instead of a long scan. */
const examinedPerRequest = 2000;

export async function getTimeline(ctx: AppContext, actor: Actor, projectSlug: string, scope: TimelineScope, query: TimelineQuery) {
  const project = await loadProject(ctx, actor, projectSlug);
  const stream = eventStreamId(actor.workspace, project.slug);
  const headSeq = await settledHead(ctx, stream);
  const candidates = 'job' in scope && scope.job ? await jobSeqs(ctx, actor, projectSlug, scope.job, headSeq, query)
    : 'image' in scope && scope.image ? await imageSeqs(ctx, actor, project.slug, scope.image, query)
    : streamSeqs(headSeq, query);
  return readEvents(ctx, stream, candidates, query);
}

/** The stream's last number, after settling what dead writers left pending (rather than hide it for good). */
export async function settledHead(ctx: AppContext, stream: string): Promise<number> {
  const head = await ctx.models.EventStream.findById(stream, { seq: 1, settled: 1 }).lean();
  if (head && (head.settled ?? 0) < head.seq) await settleStream(ctx.models, stream, Date.now(), head);
  return head?.seq ?? 0;
}

/** The done events among `candidates` (numbers in the query's order) that pass its filters, one page. */
export async function readEvents(ctx: AppContext, stream: string, candidates: AsyncIterable<number[]>, query: TimelineQuery & { before?: Date }) {
  const events: TimelineEvent[] = [];
  let examined = 0;
  let last: number | undefined;
  let exhausted = true;
  outer: for await (const seqs of candidates) {
    for (let i = 0; i < seqs.length; i += 100) {
      const chunk = seqs.slice(i, i + 100);
      // The filters go to the store too: it reads these by _id and ships back only the matches.
      const filter = { state: 'done' as const, ...(query.kind ? { kind: query.kind } : {}), ...(query.actor ? { actor: query.actor } : {}) };
      const docs = await ctx.models.Event.find({ _id: { $in: chunk.map((n) => eventId(stream, n)) }, ...filter }).lean();
      const bySeq = new Map(docs.map((d) => [d.seq, d]));
      for (const seq of chunk) {
        if (events.length >= query.limit || examined >= examinedPerRequest) { exhausted = false; break outer; }
        examined++;
        last = seq;
        const e = bySeq.get(seq);
        if (!e || (query.before && e.at >= query.before)) continue;
        if (query.since && e.at < query.since) {
          if (query.order === 'newest') break outer; // older from here on
          continue;
        }
        events.push(eventView(e));
      }
    }
  }
  return { events, next: exhausted || last === undefined ? null : String(last) };
}

const inOrder = (seqs: number[], query: Pick<TimelineQuery, 'order' | 'after'>) => {
  const sorted = [...seqs].sort((a, b) => (query.order === 'newest' ? b - a : a - b));
  return query.after === undefined ? sorted : sorted.filter((n) => (query.order === 'newest' ? n < query.after! : n > query.after!));
};

/** Every number of the stream, in the query's order, past its cursor. */
export async function* streamSeqs(headSeq: number, query: Pick<TimelineQuery, 'order' | 'after'>): AsyncGenerator<number[]> {
  const step = query.order === 'newest' ? -1 : 1;
  let n = query.after === undefined ? (step < 0 ? headSeq : 1) : query.after + step;
  while (n >= 1 && n <= headSeq) {
    const chunk: number[] = [];
    for (; chunk.length < 200 && n >= 1 && n <= headSeq; n += step) chunk.push(n);
    yield chunk;
  }
}

async function imageSeqs(ctx: AppContext, actor: Actor, projectSlug: string, imageId: string, query: TimelineQuery) {
  await loadVisibleImage(ctx, actor, projectSlug, imageId);
  const index = await ctx.models.EventIndex.findById(imageEventIndexId(imageId)).lean();
  return (async function* () { yield inOrder(index?.seqs ?? [], query); })();
}

async function jobSeqs(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, headSeq: number, query: TimelineQuery) {
  await findVisibleJob(ctx, actor, projectSlug, jobId);
  const lastBlock = Math.floor(headSeq / jobEventBlockSize);
  const start = query.after === undefined ? (query.order === 'newest' ? lastBlock : 0) : Math.floor(query.after / jobEventBlockSize);
  return (async function* () {
    const step = query.order === 'newest' ? -1 : 1;
    // Twenty blocks (20,000 of the project's events) per query: a job among many others is still few queries.
    for (let b = start; b >= 0 && b <= lastBlock; b += 20 * step) {
      const blocks = Array.from({ length: 20 }, (_, i) => b + i * step).filter((n) => n >= 0 && n <= lastBlock);
      const docs = await ctx.models.EventIndex.find({ _id: { $in: blocks.map((n) => jobEventBlockId(jobId, n)) } }).lean();
      yield inOrder(docs.flatMap((d) => d.seqs), query);
    }
  })();
}
