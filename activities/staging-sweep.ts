// Staged files nobody will record: the API stages an upload's (or an import's) files before it starts
// their workflow, and the workflow removes them once recorded, so a crash between the two, or a start
// that failed, leaves them behind. They are removed once old, unless a workflow of theirs still runs.
import { Context, heartbeat } from '@temporalio/activity';
import { WorkflowNotFoundError } from '@temporalio/client';
import { workflowIds } from '../common/temporal';
import { stagingOwner } from './blob-store';
import type { ActivityDeps } from '.';

export function createStagingSweepActivities({ store }: Pick<ActivityDeps, 'store'>) {
  /** Whether the upload's or import's workflow is still running: its files are still wanted. */
  async function stillWanted(owner: string): Promise<boolean> {
    const { client } = Context.current();
    for (const workflowId of [workflowIds.ingestUpload(owner), workflowIds.importDataset(owner)]) {
      try {
        if ((await client.workflow.getHandle(workflowId).describe()).status.name === 'RUNNING') return true;
      } catch (err) {
        if (!(err instanceof WorkflowNotFoundError)) throw err;
      }
    }
    return false;
  }

  return {
    /**
     * Removes the staged files of every owner whose newest file is older than `olderThanMs` and whose
     * workflow is not running (never started, or ended). Safe to run twice or at once: removing is.
     */
    async sweepStaging({ olderThanMs }: { olderThanMs: number }): Promise<{ owners: number; removed: number; kept: number }> {
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
        if (newest > cutoff || (await stillWanted(owner))) {
          kept += keys.length;
          continue;
        }
        for (const key of keys) await store.delete(key);
        owners++;
        removed += keys.length;
      }
      return { owners, removed, kept };
    },
  };
}
