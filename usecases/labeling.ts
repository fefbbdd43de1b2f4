// The per-image state machine. Every transition is one conditional update on the job image, so two
// people (or a retry) racing on an image cannot both win; the workflow hears about it in aggregate.
import { fromStored, toStored, validateAnnotations, type Annotation, type ProjectType, type StoredAnnotation } from '../domain/annotations';
import { imageAtPosition, jobImageId, noteClasses, type StreamLease } from '../db/job-stream';
import { recordChange } from '../db/event-log';
import { datasetEntryId } from '../db/dataset';
import { splitNames, type SplitCounts, type SplitName } from '../domain/splits';
import { timeBucketOf } from '../domain/work-times';
import { dayOf, personKey, workDayId } from '../domain/work-days';
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

type LeasedImage = { _id: string; imageId: string; state: string; rounds: number; lastVersion: number; rejectReason?: string | null };

/** Leases one image to the caller if it is open and no one else holds a live lease on it. */
function claim(ctx: AppContext, jobId: string, imageId: string, holder: string, now: Date, leaseExpiresAt: Date) {
  return ctx.models.JobImage.findOneAndUpdate(
    {
      _id: jobImageId(jobId, imageId), state: { $in: openStates }, skippedBy: null, escalatedAt: null,
      $or: [{ leaseHolder: null }, { leaseHolder: holder }, { leaseExpiresAt: { $lte: now } }],
    },
    // `$min`: the round's first lease stays its start, whoever renews it.
    { $set: { leaseHolder: holder, leaseExpiresAt }, $min: { leasedAt: now } },
    { returnDocument: 'after' },
  ).lean();
}

/**
 * Reserves the caller's next image (other than those `except` lists): their own live lease first, then rework, then images handed back
 * (lapsed leases, released ones), then the next never-handed-out image. Every step is a lookup by _id;
 * the JobImage's conditional update decides who gets an image, so two callers never get the same one.
 */
export async function nextImage(ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, opts: { except?: string } = {}) {
  const { JobStream, JobImage } = ctx.models;
  // The stream's first read goes with the job's (both by _id); it is used only once the job is allowed.
  const [job, firstStream] = await Promise.all([loadActiveJob(ctx, actor, projectSlug, jobId), JobStream.findById(jobId).lean()]);
  if (!isLabelerOf(actor, job)) throw forbidden('only the job\'s labeler or a manager takes images from its stream');
  const now = new Date();
  const leaseExpiresAt = new Date(now.getTime() + ctx.leaseSeconds * 1000);
  const lease = { holder: actor.email, expiresAt: leaseExpiresAt };
  for (let attempt = 0; attempt < 50; attempt++) {
    const stream = attempt === 0 ? firstStream : await JobStream.findById(jobId).lean();
    if (!stream) return undefined; // still being assigned
    const leases = (stream.leases ?? {}) as Record<string, StreamLease>;
    const mine = Object.keys(leases).filter((id) => leases[id]!.holder === actor.email && leases[id]!.expiresAt > now);
    // Others' live leases are theirs: trying each would cost every caller two round trips per labeler
    // at work. Only lapsed ones (anyone's) are worth a claim; the stream's copy of an expiry is never
    // later than the image's own, so none is missed.
    const lapsed = Object.keys(leases).filter((id) => leases[id]!.expiresAt <= now);
    // Once nothing is left to hand out, the rest are tried too: a lease released without its stream
    // entry (its holder removed from the workspace) is free on its image, whatever the entry says.
    const tail = stream.cursor >= stream.total ? Object.keys(leases).filter((id) => leases[id]!.holder !== actor.email) : [];
    // `except`: the image the caller is on and those it submitted unanswered; asking for the one after (the editor fetches it ahead).
    const candidates = new Set([...mine, ...stream.rework, ...stream.returned, ...lapsed, ...tail]);
    for (const id of opts.except?.split(',') ?? []) candidates.delete(id);
    for (const imageId of candidates) {
      const leased = await claimRecorded(ctx, actor, job, imageId, now, leaseExpiresAt);
      if (leased) {
        // The stream's entry and the answer's reads are independent: at once.
        const [view] = await Promise.all([
          nextView(ctx, leased, leaseExpiresAt),
          JobStream.updateOne({ _id: jobId }, { $set: { [`leases.${imageId}`]: lease }, $pull: { rework: imageId, returned: imageId } }),
        ]);
        return view;
      }
      const current = await JobImage.findById(jobImageId(jobId, imageId), { state: 1, skippedBy: 1, escalatedAt: 1 }).lean();
      // An image no longer open (or skipped, or escalated) leaves every list; a lease renewed meanwhile stays listed.
      if (!current || !openStates.includes(current.state as JobImageState) || current.skippedBy || current.escalatedAt) {
        await JobStream.updateOne({ _id: jobId }, { $unset: { [`leases.${imageId}`]: '' }, $pull: { rework: imageId, returned: imageId } });
      }
    }
    if (stream.cursor >= stream.total) return undefined;
    const imageId = await imageAtPosition(ctx.models, jobId, stream.cursor);
    // Advancing the cursor is the compare-and-set between callers; the lease is listed in the same write
    // so that a crash before the claim below leaves the image findable, not lost behind the cursor.
    const advanced = await JobStream.updateOne(
      { _id: jobId, cursor: stream.cursor },
      { $inc: { cursor: 1 }, ...(imageId ? { $set: { [`leases.${imageId}`]: lease } } : {}) },
    );
    if (advanced.modifiedCount !== 1 || !imageId) continue;
    const leased = await claimRecorded(ctx, actor, job, imageId, now, leaseExpiresAt);
    if (leased) return nextView(ctx, leased, leaseExpiresAt);
  }
  throw conflict('the label stream is busy; try again');
}

/** A claim that found the image taken: its event ends void. */
class NotClaimed extends Error {}

/**
 * Claims the image inside its `image.leased` event (pending before, done after), so a crash between
 * the two is settled by whether the caller holds the image; a claim that loses ends its event void.
 */
async function claimRecorded(
  ctx: AppContext, actor: Actor, job: { _id: string; workspace: string; project: string }, imageId: string, now: Date, leaseExpiresAt: Date,
) {
  try {
    return await recordChange(
      ctx.models,
      {
        workspace: job.workspace, project: job.project, kind: 'image.leased', actor: actor.email, job: job._id, image: imageId,
        data: { expiresAt: leaseExpiresAt.toISOString() },
        check: { model: 'JobImage', id: jobImageId(job._id, imageId), filter: { leaseHolder: actor.email } },
      },
      async () => (await claim(ctx, job._id, imageId, actor.email, now, leaseExpiresAt)) ?? Promise.reject(new NotClaimed()),
      (leased) => ({ round: leased.rounds }),
    );
  } catch (err) {
    if (err instanceof NotClaimed) return null;
    throw err;
  }
}

/** The image, its lease, why it came back (rework), and its latest version: a draft to go on with, or the rejected shapes to fix. */
async function nextView(ctx: AppContext, leased: LeasedImage, leaseExpiresAt: Date) {
  const [image, latest] = await Promise.all([
    ctx.models.Image.findById(leased.imageId).lean(),
    leased.lastVersion > 0 ? ctx.models.Annotation.findById(`${leased._id}:v${leased.lastVersion}`).lean() : null,
  ]);
  if (!image) throw notFound(`image ${leased.imageId}`);
  return {
    image: { id: leased.imageId, name: image.name, width: image.width, height: image.height },
    leaseExpiresAt: leaseExpiresAt.toISOString(),
    annotation: latest ? { version: latest.version, draft: latest.draft, annotations: fromStored(latest.annotations as StoredAnnotation[]) } : null,
    rework: leased.state === 'rejected' ? { round: leased.rounds, reason: leased.rejectReason } : undefined,
  };
}

async function loadJobImage(ctx: AppContext, jobId: string, imageId: string) {
  const ji = await ctx.models.JobImage.findById(jobImageId(jobId, imageId)).lean();
  if (!ji) throw notFound(`image ${imageId} in job ${jobId}`);
  return ji;
}

/** Adds to a person's counters on the project and on today's (each created on first use), for the reports. */
async function countWork(ctx: AppContext, at: { workspace: string; project: string }, role: 'labeler' | 'reviewer', email: string, inc: Record<string, number>) {
  const person = personKey(email);
  await Promise.all([
    ctx.models.PersonStats.updateOne(
      { _id: `${at.workspace}/${at.project}/${role}/${email}` },
      { $inc: inc, $setOnInsert: { workspace: at.workspace, project: at.project, role, email } },
      { upsert: true },
    ),
    ctx.models.WorkDay.updateOne(
      { _id: workDayId(at.workspace, at.project, role, dayOf(new Date())) },
      { $inc: Object.fromEntries(Object.entries(inc).map(([k, n]) => [`people.${person}.${k}`, n])) },
      { upsert: true },
    ),
  ]);
}

/** Moves one image between two of the job's four counters; the sum stays numImages. */
function moveCount(ctx: AppContext, jobId: string, from: JobImageState, to: JobImageState) {
  return ctx.models.Job.updateOne({ _id: jobId }, { $inc: { [`counts.${from}`]: -1, [`counts.${to}`]: 1 } });
}

/** Saves a draft (renewing the caller's lease) or submits an annotation; returns its version. */
export async function saveAnnotation(
  ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, imageId: string,
  input: { annotations: Annotation[]; draft?: boolean },
) {
  // Independent reads at once: each is a round trip, and this is the labeler's most frequent request.
  const [job, project, ji, image] = await Promise.all([
    loadActiveJob(ctx, actor, projectSlug, jobId), loadProject(ctx, actor, projectSlug), loadJobImage(ctx, jobId, imageId),
    ctx.models.Image.findById(imageId).lean(),
  ]);
  if (!isLabelerOf(actor, job)) throw forbidden('only the job\'s labeler or a manager annotates its images');
  if (!image) throw notFound(`image ${imageId}`);
  const problems = validateAnnotations(input.annotations, { type: project.type as ProjectType, classes: project.classes }, image);
  if (problems.length > 0) {
    throw new AppError('invalid_input', problems.map((p) => `${p.path}: ${p.message}`).join('; '), { fields: problems });
  }
  const now = new Date();
  const leaseExpiresAt = new Date(now.getTime() + ctx.leaseSeconds * 1000);
  const leaseFree = { $or: [{ leaseHolder: null }, { leaseHolder: actor.email }, { leaseExpiresAt: { $lte: now } }] };
  const stored = toStored(input.annotations);
  // The page's classes go before the annotation (see JobPage.classes); at once with the version's bump.
  const [bumped] = await Promise.all([
    ctx.models.JobImage.findOneAndUpdate(
      { _id: ji._id, state: { $in: openStates }, skippedBy: null, ...leaseFree },
      { $inc: { lastVersion: 1 }, $set: { leaseHolder: actor.email, leaseExpiresAt } },
      { returnDocument: 'after' },
    ).lean(),
    noteClasses(ctx.models, jobId, ji.seq, stored),
  ]);
  if (!bumped) {
    throw conflict(ji.skippedBy ? 'the image was skipped' : ji.state === 'annotated' || ji.state === 'approved' ? `the image is already ${ji.state}` : 'another labeler holds this image');
  }
  const version = bumped.lastVersion;
  const draft = input.draft === true;
  const event = {
    workspace: ji.workspace, project: ji.project, actor: actor.email, job: jobId, image: imageId,
    data: { version, round: ji.rounds, annotations: stored },
  };
  const annotation = { _id: `${ji._id}:v${version}`, workspace: ji.workspace, project: ji.project, jobImageId: ji._id, version, draft, author: actor.email, annotations: stored };
  if (draft) {
    await recordChange(ctx.models, { ...event, kind: 'image.draft_saved', check: { model: 'Annotation', id: annotation._id } }, () => ctx.models.Annotation.create(annotation));
    await ctx.models.JobStream.updateOne({ _id: jobId }, { $set: { [`leases.${imageId}`]: { holder: actor.email, expiresAt: leaseExpiresAt } } });
    return { version, draft };
  }
  const before = await recordChange(
    ctx.models,
    { ...event, kind: 'image.submitted', check: { model: 'JobImage', id: ji._id, filter: { submittedVersion: { $gte: version } } } },
    async () => {
      await ctx.models.Annotation.create(annotation);
      const previous = await ctx.models.JobImage.findOneAndUpdate(
        { _id: ji._id, state: { $in: openStates }, lastVersion: version },
        { $set: { state: 'annotated', submittedVersion: version, leaseHolder: null, leaseExpiresAt: null }, $unset: { leasedAt: '' } },
        { returnDocument: 'before' },
      ).lean();
      if (!previous) throw conflict('the image changed while it was being submitted; load it again');
      return previous;
    },
  );
  const seconds = before.leasedAt ? (Date.now() - new Date(before.leasedAt).getTime()) / 1000 : 0;
  // Counters and the stream's lease entry are separate documents: written at once.
  await Promise.all([
    moveCount(ctx, jobId, before.state as JobImageState, 'annotated'),
    countWork(ctx, ji, 'labeler', actor.email, {
      labeled: 1, ...(before.state === 'rejected' ? { reworkRounds: 1 } : {}), [`secondsHistogram.${timeBucketOf(seconds)}`]: 1,
    }),
    ctx.models.JobStream.updateOne({ _id: jobId }, { $unset: { [`leases.${imageId}`]: '' } }),
  ]);
  ctx.progress.jobChanged(jobId);
  return { version, draft };
}

/** Takes an open image out of the stream (a manager sees it among the job's skipped images). */
export async function skipImage(
  ctx: AppContext, actor: Actor, projectSlug: string, jobId: string, imageId: string, input: { reason?: string },
) {
  const job = await loadActiveJob(ctx, actor, projectSlug, jobId);
  if (!isLabelerOf(actor, job)) throw forbidden('only the job\'s labeler or a manager skips its images');
  const ji = await loadJobImage(ctx, jobId, imageId);
  const now = new Date();
  await recordChange(
    ctx.models,
    {
      workspace: ji.workspace, project: ji.project, kind: 'image.skipped', actor: actor.email, job: jobId, image: imageId,
      data: { reason: input.reason ?? null }, check: { model: 'JobImage', id: ji._id, filter: { skippedBy: actor.email } },
    },
    async () => {
      const skipped = await ctx.models.JobImage.updateOne(
        {
          _id: ji._id, state: { $in: openStates }, skippedBy: null,
          $or: [{ leaseHolder: null }, { leaseHolder: actor.email }, { leaseExpiresAt: { $lte: now } }],
        },
        { $set: { skippedBy: actor.email, skipReason: input.reason ?? null, leaseHolder: null, leaseExpiresAt: null } },
      );
      if (skipped.modifiedCount !== 1) {
        throw conflict(ji.skippedBy ? 'the image is already skipped' : openStates.includes(ji.state as JobImageState) ? 'another labeler holds this image' : `the image is already ${ji.state}`);
      }
    },
  );
  await ctx.models.JobStream.updateOne({ _id: jobId }, { $unset: { [`leases.${imageId}`]: '' }, $pull: { rework: imageId, returned: imageId } });
  await countWork(ctx, ji, 'labeler', actor.email, { skips: 1 });
  return { imageId, skipped: true, reason: input.reason ?? null };
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
  const approve = input.decision === 'approve';
  // The project's limit-th rejection sends the image to a manager instead of back to its labeler.
  const round = ji.rounds + 1;
  const escalate = !approve && round >= ((await loadProject(ctx, actor, projectSlug)).maxReworkRounds ?? 3);
  const update = approve
    ? { $set: { state: 'approved' as const, approvedVersion: ji.submittedVersion } }
    : { $set: { state: 'rejected' as const, queueRank: 0, rejectReason: input.reason, ...(escalate ? { escalatedAt: new Date() } : {}) }, $inc: { rounds: 1 } };
  await recordChange(
    ctx.models,
    {
      workspace: ji.workspace, project: ji.project, kind: approve ? 'image.approved' : 'image.rejected', actor: actor.email, job: jobId, image: imageId,
      data: { version: ji.submittedVersion, ...(approve ? {} : { round, reason: input.reason ?? '', escalated: escalate }) },
      check: { model: 'JobImage', id: ji._id, filter: approve ? { approvedVersion: { $gte: ji.submittedVersion } } : { rounds: { $gte: round } } },
    },
    async () => {
      const res = await ctx.models.JobImage.updateOne(filter, update);
      if (res.modifiedCount !== 1) throw conflict('the image was reviewed or changed meanwhile');
    },
  );
  // Queued before the counters move: whoever sees the count sees the image in the stream too.
  const notice = { imageId, round, reason: input.reason ?? '' };
  if (approve) await ctx.models.DatasetQueue.updateOne({ _id: jobId }, { $push: { imageIds: imageId } }, { upsert: true });
  else {
    await ctx.models.JobStream.updateOne(
      { _id: jobId },
      escalate ? { $addToSet: { escalated: imageId }, $push: { unnotifiedEscalations: notice } } : { $push: { rework: imageId, unnotified: notice } },
    );
  }
  await moveCount(ctx, jobId, 'annotated', approve ? 'approved' : 'rejected');
  const verdict = { [approve ? 'approved' : 'rejected']: 1 };
  await countWork(ctx, ji, 'reviewer', actor.email, verdict);
  const author = await ctx.models.Annotation.findById(`${ji._id}:v${ji.submittedVersion}`, { author: 1 }).lean();
  if (author) await countWork(ctx, ji, 'labeler', author.author, verdict);
  ctx.progress.jobChanged(jobId);
  return { imageId, state: approve ? 'approved' : 'rejected', version: ji.submittedVersion, ...(approve ? {} : { round, escalated: escalate }) };
}

export interface DatasetPageQuery { limit: number; after?: number; split?: SplitName }

/**
 * A page of the dataset in the order images entered it, or with `split` of that split in the order
 * images were filed into it. `after` is the `next` of the page before; each page is two lookups by _id
 * (its numbered entries, then their items), whatever the dataset's size. Counts come from the
 * project's counters.
 */
export async function getDataset(ctx: AppContext, actor: Actor, projectSlug: string, query: DatasetPageQuery) {
  const project = await loadProject(ctx, actor, projectSlug);
  const { split } = query;
  const last = (split ? project.splitSeq?.[split] : project.datasetSeq) ?? 0;
  // An entry whose item was numbered (or filed) otherwise by a concurrent writer is a leftover: skip it.
  const isCurrent = (item: DatasetItemRecord, seq: number) => (split ? item.split === split && item.splitSeq === seq : item.seq === seq);
  const page: { seq: number; item: DatasetItemRecord }[] = [];
  let after = query.after ?? 0;
  while (page.length < query.limit && after < last) {
    const seqs = Array.from({ length: Math.min(query.limit - page.length, last - after) }, (_, i) => after + 1 + i);
    const entryIds = seqs.map((n) => datasetEntryId(actor.workspace, project.slug, n, split));
    const entries = await ctx.models.DatasetEntry.find({ _id: { $in: entryIds } }).lean();
    const items = await ctx.models.DatasetItem.find({ _id: { $in: entries.map((e) => e.itemId) } }).lean();
    const itemById = new Map(items.map((it) => [it._id, it]));
    const entryById = new Map(entries.map((e) => [e._id, e]));
    seqs.forEach((seq, i) => {
      const item = itemById.get(entryById.get(entryIds[i]!)?.itemId ?? '');
      if (item && isCurrent(item, seq)) page.push({ seq, item });
    });
    after = seqs[seqs.length - 1]!;
  }
  const images = await ctx.models.Image.find({ _id: { $in: page.map((p) => p.item.imageId) } }).lean();
  const imageById = new Map(images.map((i) => [i._id, i]));
  const splits = Object.fromEntries(splitNames.map((s) => [s, project.splitCounts?.[s] ?? 0])) as SplitCounts;
  return {
    count: split ? splits[split] : project.datasetCount ?? 0,
    splits,
    images: page.map(({ item }) => {
      const img = imageById.get(item.imageId);
      return { id: item.imageId, name: img?.name, width: img?.width, height: img?.height, split: item.split ?? null, version: item.version, annotations: fromStored(item.annotations as StoredAnnotation[]) };
    }),
    next: after < last ? after : null,
  };
}

type DatasetItemRecord = { _id: string; imageId: string; version: number; annotations: unknown; seq?: number | null; split?: string | null; splitSeq?: number | null };
