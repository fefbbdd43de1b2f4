// Dataset versions: copying the dataset, as it stood when the version was made, into the version's
// pages; and the exports' bookkeeping that belongs on the jobs queue.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import { failureTypes } from '../common/temporal';
import type { Models } from '../db/models';
import { versionPageId, versionPageSize, type VersionItemRecord } from '../db/versions';
import type { StoredAnnotation } from '../domain/annotations';
import { splits, type Split } from '../domain/preprocessing';

const asSplit = (s: unknown): Split => (splits.includes(s as Split) ? (s as Split) : 'train');

export function createVersionActivities({ models }: { models: Models }) {
  const { Version, VersionItem, DatasetEntry, DatasetItem, Image } = models;
  return {
    /**
     * Writes the version's pages from the dataset's numbered entries, page by page. A page is an upsert
     * by _id and the version's page counter moves only from the page before, so a retry resumes at the
     * first page not yet counted and rewrites it to the same content. Answers the number of items.
     */
    async snapshotDataset({ versionId }: { versionId: string }): Promise<{ items: number }> {
      const version = await Version.findById(versionId).lean();
      if (!version) throw ApplicationFailure.nonRetryable(`version ${versionId} does not exist`, failureTypes.notFound);
      const prefix = `${version.workspace}/${version.project}`;
      const pageCount = Math.ceil(version.datasetSeq / versionPageSize);
      /** A page's items from the dataset: its numbered entries, then their items and images together. */
      const readPage = async (page: number): Promise<VersionItemRecord[]> => {
        const first = page * versionPageSize + 1;
        const seqs = Array.from({ length: Math.min(versionPageSize, version.datasetSeq - first + 1) }, (_, i) => first + i);
        const entries = await DatasetEntry.find({ _id: { $in: seqs.map((n) => `${prefix}#${n}`) } }).lean();
        // An item's id ends in its image's id, so both are read at once.
        const [items, images] = await Promise.all([
          DatasetItem.find({ _id: { $in: entries.map((e) => e.itemId) } }).lean(),
          Image.find({ _id: { $in: entries.map((e) => e.itemId.slice(prefix.length + 1)) } }, { name: 1, sha256: 1, format: 1, width: 1, height: 1 }).lean(),
        ]);
        const itemById = new Map(items.map((it) => [it._id, it]));
        const imageById = new Map(images.map((i) => [i._id, i]));
        const records: VersionItemRecord[] = [];
        for (const entry of entries.sort((a, b) => seqOf(a._id) - seqOf(b._id))) {
          const item = itemById.get(entry.itemId);
          const image = item && imageById.get(item.imageId);
          // An entry left by a concurrent retry (its item numbered otherwise) is not part of the dataset.
          if (!item || !image || item.seq !== seqOf(entry._id)) continue;
          records.push({
            imageId: item.imageId, name: image.name, sha256: image.sha256, format: image.format, width: image.width, height: image.height,
            split: asSplit((item as { split?: unknown }).split), annotations: item.annotations as StoredAnnotation[],
          });
        }
        return records;
      };
      // The next page is read while this one is written.
      let next = version.pages < pageCount ? readPage(version.pages) : undefined;
      for (let page = version.pages; page < pageCount; page++) {
        heartbeat(page);
        const records = await next!;
        next = page + 1 < pageCount ? readPage(page + 1) : undefined;
        void next?.catch(() => undefined); // awaited on the next turn; not an unhandled rejection if this one throws
        await VersionItem.updateOne({ _id: versionPageId(versionId, page) }, { $set: { items: JSON.stringify(records) } }, { upsert: true });
        const perSplit = Object.fromEntries(splits.map((s) => [`splits.${s}`, records.filter((r) => r.split === s).length]));
        // Pages, items and per-split counts move together from the page before: a retried page counts once.
        await Version.updateOne({ _id: versionId, pages: page }, { $set: { pages: page + 1 }, $inc: { done: records.length, ...perSplit } });
      }
      const count = (await Version.findById(versionId, { done: 1 }).lean())!.done;
      await Version.updateOne({ _id: versionId }, { $set: { status: 'ready', total: count } });
      return { items: count };
    },

    /** Records why an export gave up, so asking for it again starts it over. */
    async markExportFailed({ exportId, message }: { exportId: string; message: string }): Promise<void> {
      await models.Export.updateOne({ _id: exportId, status: 'building' }, { $set: { status: 'failed', error: message } });
    },
  };
}

const seqOf = (entryId: string) => Number(entryId.slice(entryId.lastIndexOf('#') + 1));
