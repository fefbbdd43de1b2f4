// Managers' commands on a job's images, run by the job's workflow a page at a time. Each reads its
// command (db JobCommand) by id and is idempotent on it: a retry after a crash does the same again.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type { InferSchemaType } from 'mongoose';
import { failureTypes } from '../common/temporal';
import { includeInDataset } from '../db/dataset';
import { recordEvent } from '../db/event-log';
import { isOnlyDuplicateKeys } from '../db/duplicates';
import { jobImageId, jobImageIdPages, jobPageId, type StreamLease } from '../db/job-stream';
import { jobPageSize, type Models } from '../db/models';
import type { JobImageState } from '../domain/jobs';
import { planSplits, SplitCountsTooSmall, type PlannedSplit, type SplitSpec } from '../domain/splits';

/** Images read or written per request. */
const pageSize = 500;

export interface JobCommandRef { jobId: string; commandId: string }

export interface AcceptParams { statuses: ('approved' | 'annotated')[]; spec: SplitSpec }
export interface AcceptResult { accepted: number; skipped: number; splits: Partial<Record<PlannedSplit, number>> }

export const jobCommandId = ({ jobId, commandId }: JobCommandRef) => `${jobId}:${commandId}`;

/** What a command on selected images did: how many it changed, and why it left the others. */
export interface ImagesResult { changed: number; skipped: { imageId: string; reason: string }[] }
export interface MoveParams { to: string | null }
export interface JobEdit { name?: string; instructionsText?: string; dueAt?: string | null }
export interface Assignees { labeler: string; reviewer: string }

/** A refusal lists at most this many images by id; the count says the rest. */
const listedSkips = 100;

export function createJobCommandActivities({ models }: { models: Models }) {
  const { Annotation, DatasetQueue, Job, JobCommand, JobImage, JobPage, JobStream, Image } = models;

  async function loadCommand(ref: JobCommandRef) {
    const cmd = await JobCommand.findById(jobCommandId(ref)).lean();
    if (!cmd) throw ApplicationFailure.nonRetryable(`command ${ref.commandId} of job ${ref.jobId} does not exist`, failureTypes.notFound);
    return cmd;
  }

  /** The command's one event, once its images are done; a retry of the activity finds it recorded. */
  async function commandEvent(ref: JobCommandRef, kind: 'job.images_sent_back' | 'job.images_moved' | 'job.images_accepted', data: Record<string, unknown>) {
    const cmd = await loadCommand(ref);
    const job = await Job.findById(ref.jobId, { workspace: 1, project: 1 }).lean();
    if (!job) return;
    await recordEvent(models, {
      workspace: job.workspace, project: job.project, kind, actor: cmd.by, job: ref.jobId, key: `command/${ref.commandId}`,
      data: { command: ref.commandId, ...data },
    });
  }

  /** The command's images a page at a time: those it names, or every image of the job. */
  async function* selectedPages(jobId: string, imageIds: string[] | null | undefined): AsyncGenerator<string[]> {
    if (imageIds) {
      for (let i = 0; i < imageIds.length; i += pageSize) yield imageIds.slice(i, i + pageSize);
      return;
    }
    const stream = await JobStream.findById(jobId, { total: 1 }).lean();
    yield* jobImageIdPages(models, jobId, stream?.total ?? 0);
  }

  async function loadJobImages(jobId: string, imageIds: string[]): Promise<JobImageDoc[]> {
    return JobImage.find({ _id: { $in: imageIds.map((id) => jobImageId(jobId, id)) } }).lean();
  }

  /**
   * Makes the image's latest version an empty one by the command's author (its earlier versions stay,
   * so a revert can bring them back). An image whose latest version is already empty needs nothing,
   * which is what a retry finds.
   */
  async function clearAnnotation(ref: JobCommandRef, ji: JobImageDoc): Promise<'cleared' | 'empty' | 'changed'> {
    const latest = ji.lastVersion > 0 ? await Annotation.findById(`${ji._id}:v${ji.lastVersion}`, { annotations: 1 }).lean() : null;
    if (!latest || (latest.annotations as unknown[]).length === 0) return 'empty';
    const bumped = await JobImage.findOneAndUpdate({ _id: ji._id, lastVersion: ji.lastVersion }, { $inc: { lastVersion: 1 } }, { returnDocument: 'after' }).lean();
    if (!bumped) return 'changed';
    const by = (await loadCommand(ref)).by;
    await Annotation.create({
      _id: `${ji._id}:v${bumped.lastVersion}`, workspace: ji.workspace, project: ji.project, jobImageId: ji._id, version: bumped.lastVersion, draft: true, author: by, annotations: [],
    });
    return 'cleared';
  }

  /** Approves a submitted image on a manager's word, as a review would, moving the job's counters. */
  async function approveSubmitted(jobId: string, imageId: string): Promise<void> {
    const ji = await JobImage.findById(jobImageId(jobId, imageId), { state: 1, submittedVersion: 1 }).lean();
    if (!ji || ji.state !== 'annotated') return;
    const res = await JobImage.updateOne(
      { _id: ji._id, state: 'annotated', submittedVersion: ji.submittedVersion },
      { $set: { state: 'approved', approvedVersion: ji.submittedVersion } },
    );
    if (res.modifiedCount === 1) await Job.updateOne({ _id: jobId }, { $inc: { 'counts.annotated': -1, 'counts.approved': 1 } });
  }

  /** Decides each image's split once, from the images in the accepted states when it is first run. */
  async function acceptPlan(ref: JobCommandRef, params: AcceptParams) {
    const cmd = await loadCommand(ref);
    if (cmd.plan) return cmd.plan;
    const eligible: string[] = [];
    for await (const page of selectedPages(ref.jobId, cmd.imageIds)) {
      heartbeat();
      const images = await loadJobImages(ref.jobId, page);
      eligible.push(...images.filter((ji) => (params.statuses as JobImageState[]).includes(ji.state as JobImageState)).map((ji) => ji.imageId));
    }
    let splits: PlannedSplit[];
    try {
      splits = planSplits(eligible, params.spec);
    } catch (err) {
      if (err instanceof SplitCountsTooSmall) throw ApplicationFailure.nonRetryable(`splits: ${err.message}`, failureTypes.invalidInput);
      throw err;
    }
    // Of two tries racing, the first plan written is the one both apply.
    await JobCommand.updateOne({ _id: cmd._id, plan: null }, { $set: { plan: { imageIds: eligible, splits } } });
    return (await loadCommand(ref)).plan!;
  }

  /** Walks the command's images a page at a time, applying `one` to each; it answers a skip reason or nothing. */
  async function eachSelected(ref: JobCommandRef, one: (imageId: string, ji: JobImageDoc | undefined) => Promise<string | undefined>): Promise<ImagesResult> {
    const cmd = await loadCommand(ref);
    const result: ImagesResult = { changed: 0, skipped: [] };
    let skippedCount = 0;
    for await (const page of selectedPages(ref.jobId, cmd.imageIds)) {
      heartbeat(result.changed);
      const byImage = new Map((await loadJobImages(ref.jobId, page)).map((ji) => [ji.imageId, ji]));
      for (const imageId of page) {
        const reason = await one(imageId, byImage.get(imageId));
        if (reason === undefined) result.changed++;
        else if (++skippedCount <= listedSkips) result.skipped.push({ imageId, reason });
      }
    }
    return result;
  }

  return {
    /**
     * Sends images back to unannotated (a skipped one re-enters the stream). Images in the dataset stay.
     * Each is one conditional update on its state, then the counters move; a crash between the two is
     * put right by the recount the workflow runs after every command.
     */
    async sendBackImages(ref: JobCommandRef): Promise<ImagesResult> {
      const stream = await JobStream.findById(ref.jobId, { cursor: 1 }).lean();
      const { clear } = ((await loadCommand(ref)).params ?? {}) as { clear?: boolean };
      const result = await eachSelected(ref, async (imageId, ji) => {
        if (!ji) return 'not_in_job';
        if (ji.inDataset) return 'in_dataset';
        const cleared = clear ? await clearAnnotation(ref, ji) : 'empty';
        if (cleared === 'changed') return 'changed_meanwhile';
        if (ji.state === 'unannotated' && !ji.skippedBy) return cleared === 'cleared' ? undefined : 'unannotated';
        const res = await JobImage.updateOne(
          { _id: ji._id, state: ji.state, inDataset: false },
          // An escalated image comes back with its rounds counted afresh.
          { $set: { state: 'unannotated', queueRank: 1, skippedBy: null, skipReason: null, leaseHolder: null, leaseExpiresAt: null, ...(ji.escalatedAt ? { escalatedAt: null, rounds: 0 } : {}) } },
        );
        if (res.modifiedCount !== 1) return 'changed_meanwhile';
        if (ji.state !== 'unannotated') await Job.updateOne({ _id: ref.jobId }, { $inc: { [`counts.${ji.state}`]: -1, 'counts.unannotated': 1 } });
        // Handed out before: it comes back through `returned`; otherwise the cursor still reaches it.
        const handedOut = (stream?.cursor ?? 0) > ji.seq;
        await JobStream.updateOne(
          { _id: ref.jobId },
          { $unset: { [`leases.${imageId}`]: '' }, $pull: { rework: imageId, escalated: imageId }, ...(handedOut ? { $addToSet: { returned: imageId } } : {}) },
        );
        return undefined;
      });
      await commandEvent(ref, 'job.images_sent_back', { changed: result.changed, skipped: result.skipped.length });
      return result;
    },

    /**
     * Takes images out of the job: back to their batch as unassigned (`to: null`), or claimed for the
     * job `to`, whose workflow then adds them (addMovedImages). Images in the dataset stay. The image's
     * `jobId` is the claim: a retry finds the images it already moved by it and records them again.
     */
    async moveImagesOut(ref: JobCommandRef): Promise<ImagesResult> {
      const { to } = (await loadCommand(ref)).params as MoveParams;
      await JobCommand.updateOne({ _id: jobCommandId(ref), plan: null }, { $set: { plan: { imageIds: [], splits: [] } } });
      const movedBefore = new Set((await loadCommand(ref)).plan?.imageIds ?? []);
      const result = await eachSelected(ref, async (imageId, ji) => {
        if (!ji) return movedBefore.has(imageId) ? undefined : 'not_in_job';
        if (ji.inDataset) return 'in_dataset';
        await Image.updateOne({ _id: imageId, jobId: ref.jobId }, { $set: { jobId: to } });
        const image = await Image.findById(imageId, { jobId: 1 }).lean();
        if (image?.jobId !== to) return 'changed_meanwhile';
        // Listed before its JobImage goes, so a retry after a crash still knows it moved.
        await JobCommand.updateOne({ _id: jobCommandId(ref) }, { $addToSet: { 'plan.imageIds': imageId } });
        const removed = await JobImage.deleteOne({ _id: ji._id, inDataset: false });
        if (removed.deletedCount === 1) {
          await Job.updateOne({ _id: ref.jobId }, { $inc: { [`counts.${ji.state}`]: -1, numImages: -1 } });
          await JobStream.updateOne({ _id: ref.jobId }, { $unset: { [`leases.${imageId}`]: '' }, $pull: { rework: imageId, returned: imageId, toDataset: imageId, escalated: imageId } });
          await DatasetQueue.updateOne({ _id: ref.jobId }, { $pull: { imageIds: imageId } });
        }
        return undefined;
      });
      await commandEvent(ref, 'job.images_moved', { to, changed: result.changed, skipped: result.skipped.length });
      return result;
    },

    /**
     * Appends the images another job's command moved here to this job's stream, as unannotated. The
     * job's workflow runs one at a time, so the stream's `total` is this activity's to move: the pages
     * are written first (from what they held below `total`, so a retry writes the same), then `total`
     * and the command's id in one conditional update, which a retry finds done.
     */
    async addMovedImages({ jobId, command }: { jobId: string; command: JobCommandRef }): Promise<{ added: number }> {
      const stream = await JobStream.findById(jobId, { total: 1, appended: 1 }).lean();
      // Still being assigned: a retry finds the stream.
      if (!stream) throw ApplicationFailure.retryable(`job ${jobId} has no stream yet`);
      if ((stream.appended ?? []).includes(command.commandId)) return { added: 0 };
      const job = await Job.findById(jobId).lean();
      const ids = (await loadCommand(command)).plan?.imageIds ?? [];
      const start = stream.total;
      await JobImage.insertMany(
        ids.map((imageId, k) => ({ _id: jobImageId(jobId, imageId), jobId, imageId, workspace: job!.workspace, project: job!.project, state: 'unannotated', queueRank: 1, seq: start + k })),
        { ordered: false },
      ).catch((err: unknown) => {
        if (!isOnlyDuplicateKeys(err)) throw err;
      });
      for (let page = Math.floor(start / jobPageSize); page * jobPageSize < start + ids.length; page++) {
        heartbeat(page);
        const first = page * jobPageSize;
        const kept = first < start ? ((await JobPage.findById(jobPageId(jobId, page)).lean())?.imageIds ?? []).slice(0, start - first) : [];
        const added = ids.slice(Math.max(0, first - start), first + jobPageSize - start);
        await JobPage.updateOne({ _id: jobPageId(jobId, page) }, { $set: { jobId, imageIds: [...kept, ...added] }, $setOnInsert: { classesIndexed: true } }, { upsert: true });
      }
      const appended = await JobStream.updateOne(
        { _id: jobId, total: start },
        { $set: { total: start + ids.length }, $push: { appended: command.commandId } },
      );
      if (appended.modifiedCount === 1) await Job.updateOne({ _id: jobId }, { $inc: { numImages: ids.length, 'counts.unannotated': ids.length } });
      return { added: ids.length };
    },

    /**
     * Names a new labeler and/or reviewer. The old labeler's leases are released (their images go back
     * to the stream, first in line); answers who held the roles before.
     */
    async reassignJob({ jobId, labeler, reviewer }: { jobId: string } & Partial<Assignees>): Promise<Assignees> {
      const before = await Job.findById(jobId, { labeler: 1, reviewer: 1 }).lean();
      if (!before) throw ApplicationFailure.nonRetryable(`job ${jobId} does not exist`, failureTypes.notFound);
      await Job.updateOne({ _id: jobId }, { $set: { ...(labeler ? { labeler } : {}), ...(reviewer ? { reviewer } : {}) } });
      if (labeler && labeler !== before.labeler) {
        const stream = await JobStream.findById(jobId, { leases: 1 }).lean();
        const leases = (stream?.leases ?? {}) as Record<string, StreamLease>;
        const held = Object.keys(leases).filter((id) => leases[id]!.holder === before.labeler);
        if (held.length > 0) {
          await JobImage.updateMany({ _id: { $in: held.map((id) => jobImageId(jobId, id)) }, leaseHolder: before.labeler }, { $set: { leaseHolder: null, leaseExpiresAt: null } });
          await JobStream.updateOne({ _id: jobId }, { $unset: Object.fromEntries(held.map((id) => [`leases.${id}`, ''])), $addToSet: { returned: { $each: held } } });
        }
      }
      return { labeler: before.labeler, reviewer: before.reviewer };
    },

    /** Renames the job, changes its instructions, or sets or clears its due date. */
    async editJob({ jobId, name, instructionsText, dueAt }: { jobId: string } & JobEdit): Promise<void> {
      const set = { ...(name !== undefined ? { name } : {}), ...(instructionsText !== undefined ? { instructionsText } : {}), ...(dueAt !== undefined ? { dueAt: dueAt && new Date(dueAt) } : {}) };
      await Job.updateOne({ _id: jobId }, { $set: set });
    },

    /**
     * Accepts the command's images into the dataset with the splits its plan chose: a submitted image
     * (when `annotated` is among the statuses) is approved first; one already in the dataset moves to
     * its new split (or keeps its own, with `keep`).
     */
    async acceptImages(ref: JobCommandRef): Promise<AcceptResult> {
      const cmd = await loadCommand(ref);
      const params = cmd.params as AcceptParams;
      const plan = await acceptPlan(ref, params);
      const imageIds = plan.imageIds ?? [];
      // Named images not in an accepted state (or not in the job) are skipped, as are any sent back since.
      const result: AcceptResult = { accepted: 0, skipped: (cmd.imageIds?.length ?? imageIds.length) - imageIds.length, splits: {} };
      for (let i = 0; i < imageIds.length; i++) {
        if (i % pageSize === 0) heartbeat(i);
        const imageId = imageIds[i]!;
        const split = plan.splits[i] as PlannedSplit;
        if (params.statuses.includes('annotated')) await approveSubmitted(ref.jobId, imageId);
        if (await includeInDataset(models, ref.jobId, imageId, split)) {
          result.accepted++;
          result.splits[split] = (result.splits[split] ?? 0) + 1;
        } else result.skipped++;
      }
      await commandEvent(ref, 'job.images_accepted', { ...result });
      return result;
    },
  };
}

type JobImageDoc = InferSchemaType<Models['JobImage']['schema']> & { _id: string };
