// Batch activities. The `fillBatch` workflow's steps: make the batch, move the request's pages into it,
// close it; each is keyed by the batch (and page), so a retry or a resumed workflow never makes or moves
// anything twice. And the hourly settling of moves a crash interrupted (db/batch-pages.ts).
import { ApplicationFailure } from '@temporalio/common';
import { failureTypes } from '../common/temporal';
import { deleteFillPages, fillPage } from '../db/batch-fill';
import { settleStaleMoves } from '../db/batch-pages';
import { recordEvent } from '../db/event-log';
import { whileHeartbeating } from './heartbeat';
import type { ActivityDeps } from '.';

export interface BatchFillRef { batchId: string; workspace: string; project: string }
export interface BatchSample { method: string; size: number; seed: number }
export interface OpenBatchFill extends BatchFillRef { name: string; priority: number; pages: number; sample?: BatchSample }
export interface CloseBatchFill extends BatchFillRef {
  sample?: BatchSample;
  actor: string;
  name: string;
  sourceBatchId?: string;
  numImages: number;
}

/** A mark older than this belongs to a move that died: one chunk of a move takes seconds. */
export const staleMoveMs = 10 * 60_000;

export function createBatchActivities({ models }: Pick<ActivityDeps, 'models'>) {
  const { Batch } = models;
  return {
    /**
     * Makes the batch, marked as filling. The unique name decides between two requests racing for one
     * name: the loser's pages are removed and it is refused (409), having moved nothing.
     */
    async openBatchFill({ batchId, workspace, project, name, priority, pages, sample }: OpenBatchFill): Promise<void> {
      try {
        await Batch.create({ _id: batchId, workspace, project, name, priority, fill: { pages, done: 0, filled: false, sample } });
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
        if (await Batch.exists({ _id: batchId })) return; // made by an earlier attempt of this activity
        await deleteFillPages(models, batchId, pages);
        throw ApplicationFailure.nonRetryable(`a batch named "${name}" already exists in this project`, failureTypes.invalidState);
      }
    },

    /** Moves page `page` of the request into the batch, once; answers how many of its images are in the batch. */
    async fillBatchPage({ batchId, workspace, project, page, sourceBatchId }: BatchFillRef & { page: number; sourceBatchId?: string }): Promise<number> {
      return whileHeartbeating(() => fillPage(models, { workspace, project }, batchId, page, sourceBatchId));
    },

    /**
     * Marks the batch filled and adds the images its pages moved to its counter, in one conditional
     * update, so exactly once: pages count the images they find in the batch, a counter bumped per move
     * would miss one a crash interrupted. Then records the creation on the project's timeline (keyed).
     */
    async closeBatchFill({ batchId, workspace, project, actor, name, sourceBatchId, sample, numImages }: CloseBatchFill): Promise<void> {
      await Batch.updateOne({ _id: batchId, 'fill.filled': false }, { $set: { 'fill.filled': true }, $inc: { numImages } });
      await recordEvent(models, {
        workspace, project, kind: 'batch.created', actor, batch: batchId, key: `batch.created/${batchId}`,
        data: { name, from: sourceBatchId ?? null, ...(sample ? { sample } : {}), images: numImages },
      });
    },

    /** Puts right the batch counters of moves that died before their counters moved (see MoveMark). */
    async settleBatchMoves(): Promise<{ batches: number; marks: number; images: number }> {
      return settleStaleMoves(models, new Date(Date.now() - staleMoveMs));
    },
  };
}
