// Staged files nobody will record: the API stages an upload's (or an import's) files before it starts
// their workflow, and the workflow removes them once recorded, so a crash between the two, or a start
// that failed, leaves them behind. They are removed once old, unless a workflow of theirs still runs.
// The same holds for the pages of ids a batch request stores before its `fillBatch` starts.
import { Context, heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { workflowIds } from '../common/temporal';
import { deleteFillPageIds } from '../db/batch-pages';
import { stagingOwner } from './blob-store';
import type { ActivityDeps } from '.';

export function createStagingSweepActivities({ store, models }: Pick<ActivityDeps, 'store' | 'models'>) {
  /** Whether any of these workflows is still running: what it was given is still wanted. */
  async function running(ids: string[]): Promise<boolean> {
    const { client } = Context.current();
    for (const workflowId of ids) {
      try {
        if ((await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING') return true;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return false;
  }

  /** Removes the fill pages older than `before` whose batch was never made and whose workflow is not running. */
  async function sweepFillPages(before: Date): Promise<number> {
    // Hourly, over a collection of ≤ 100 small documents per batch request: a scan is fine.
    const pages = await models.BatchFillPage.find({ createdAt: { $lt: before } }, { _id: 1 }).lean();
    const byBatch = new Map<string, string[]>();
    for (const { _id } of pages) {
      const batchId = _id.slice(0, _id.lastIndexOf('#'));
      byBatch.set(batchId, [...(byBatch.get(batchId) ?? []), _id]);
    }
    let removed = 0;
    for (const [batchId, ids] of byBatch) {
      heartbeat(batchId);
      if ((await models.Batch.exists({ _id: batchId })) || (await running([workflowIds.fillBatch(batchId)]))) continue;
      removed += await deleteFillPageIds(models, ids);
    }
    return removed;
  }

  return {
    /**
     * Removes the staged files of every owner whose newest file is older than `olderThanMs` and whose
     * workflow is not running (never started, or ended). Safe to run twice or at once: removing is.
     */
    async sweepStaging({ olderThanMs }: { olderThanMs: number }): Promise<{ owners: number; removed: number; kept: number; fillPages: number }> {
      const byOwner = new Map<string, { keys: string[]; newest: number }>();
      for await (const { key, writtenAt } of store.list('staging/')) {
        const owner = stagingOwner(key);
        if (!owner) continue;
        const entry = byOwner.get(owner) ?? { keys: [], newest: 0 };
        entry.keys.push(key);
        entry.newest = Math.max(entry.newest, writtenAt.getTime());
        byOwner.set(owner, entry);
      }
      const cutoff = Date.now() - olderThanMs;
      let owners = 0;
      let removed = 0;
      let kept = 0;
      for (const [owner, { keys, newest }] of byOwner) {
        heartbeat(owner);
        if (newest > cutoff || (await running([workflowIds.ingestUpload(owner), workflowIds.importDataset(owner)]))) {
          kept += keys.length;
          continue;
        }
        for (const key of keys) await store.delete(key);
        owners++;
        removed += keys.length;
      }
      return { owners, removed, kept, fillPages: await sweepFillPages(new Date(cutoff)) };
    },
  };
}
