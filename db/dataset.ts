// Dataset writes shared by the job's activities: inclusion exactly once, numbering, and filing into a
// split. Each step is a single-document conditional update, so a retry or a racing writer is harmless.
import { defaultSplit, type PlannedSplit, type SplitName } from '../domain/splits';
import { recordEvent } from './event-log';
import { jobImageId } from './job-stream';
import type { Models } from './models';

const datasetPrefix = (workspace: string, project: string) => `${workspace}/${project}`;
export const datasetEntryId = (workspace: string, project: string, seq: number, split?: SplitName) =>
  `${datasetPrefix(workspace, project)}${split ? `@${split}` : ''}#${seq}`;

/** Numbers a dataset item once and files it under that number, so dataset pages are lookups by _id. */
async function numberDatasetItem(models: Models, workspace: string, project: string, itemId: string): Promise<void> {
  const { DatasetItem, DatasetEntry, Project } = models;
  const item = await DatasetItem.findById(itemId, { seq: 1 }).lean();
  if (!item || typeof item.seq === 'number') return;
  const counter = await Project.findOneAndUpdate({ workspace, slug: project }, { $inc: { datasetSeq: 1 } }, { returnDocument: 'after' }).lean();
  const seq = counter!.datasetSeq;
  await DatasetEntry.updateOne({ _id: datasetEntryId(workspace, project, seq) }, { $set: { itemId } }, { upsert: true });
  // A retry that numbered it meanwhile wins; the entry written above then points at an item whose seq
  // differs, which a page skips.
  const numbered = await DatasetItem.updateOne({ _id: itemId, seq: null }, { $set: { seq } });
  if (numbered.modifiedCount === 1) await Project.updateOne({ workspace, slug: project }, { $inc: { datasetCount: 1 } });
}

/**
 * Files a dataset item into a split under the next number of that split's order, moving the per-split
 * counters. An item already filed stays where it is unless `move`. The item changes only if its split
 * is still what was read, so of two racing writers one wins and the other's entry is a leftover a page
 * skips (its item's split or number differs).
 */
async function fileInSplit(models: Models, itemId: string, target: SplitName, move: boolean): Promise<void> {
  const { DatasetItem, DatasetEntry, Project } = models;
  for (let attempt = 0; attempt < 5; attempt++) {
    const item = await DatasetItem.findById(itemId, { workspace: 1, project: 1, split: 1, splitSeq: 1 }).lean();
    if (!item) return;
    const current = item.splitSeq == null ? null : (item.split as SplitName | null);
    if (current !== null && (current === target || !move)) return;
    const project = { workspace: item.workspace, slug: item.project };
    const counter = await Project.findOneAndUpdate(project, { $inc: { [`splitSeq.${target}`]: 1 } }, { returnDocument: 'after' }).lean();
    const seq = counter!.splitSeq![target]!;
    await DatasetEntry.updateOne({ _id: datasetEntryId(item.workspace, item.project, seq, target) }, { $set: { itemId } }, { upsert: true });
    const filed = await DatasetItem.updateOne(
      { _id: itemId, split: item.split ?? null, splitSeq: item.splitSeq ?? null },
      { $set: { split: target, splitSeq: seq } },
    );
    if (filed.modifiedCount === 1) {
      await Project.updateOne(project, { $inc: { [`splitCounts.${target}`]: 1, ...(current ? { [`splitCounts.${current}`]: -1 } : {}) } });
      return;
    }
  }
}

/**
 * Puts one approved image into the dataset, once (the item's id is the image's), in `split`: `keep`
 * leaves an item already filed where it is and files a new one in the default split.
 */
export async function includeInDataset(models: Models, jobId: string, imageId: string, split: PlannedSplit = 'keep'): Promise<boolean> {
  const { JobImage, DatasetItem, Annotation, Job } = models;
  const ji = await JobImage.findById(jobImageId(jobId, imageId)).lean();
  if (!ji || ji.state !== 'approved') return false; // sent back meanwhile
  const itemId = `${ji.workspace}/${ji.project}/${ji.imageId}`;
  const approved = await Annotation.findById(`${ji._id}:v${ji.approvedVersion}`).lean();
  const annotations = approved?.annotations ?? [];
  if (!ji.inDataset) {
    await DatasetItem.updateOne(
      { _id: itemId },
      { $setOnInsert: { workspace: ji.workspace, project: ji.project, imageId: ji.imageId, jobId, version: ji.approvedVersion, annotations } },
      { upsert: true },
    );
  } else {
    // Approved again after a revert sent it back to review (and perhaps through rework): the newer version wins.
    await DatasetItem.updateOne({ _id: itemId, jobId, version: { $lt: ji.approvedVersion } }, { $set: { version: ji.approvedVersion, annotations } });
  }
  await numberDatasetItem(models, ji.workspace, ji.project, itemId);
  // An imported image goes back to the split it came from.
  const splitName = split === 'keep' ? (ji.plannedSplit as SplitName | null | undefined) ?? defaultSplit : split;
  await fileInSplit(models, itemId, splitName, split !== 'keep');
  if (!ji.inDataset) {
    const flipped = await JobImage.updateOne({ _id: ji._id, state: 'approved', inDataset: false }, { $set: { inDataset: true } });
    if (flipped.modifiedCount === 1) await Job.updateOne({ _id: jobId }, { $inc: { inDataset: 1 } });
  }
  // After the change, under a key: the activity doing this is retried until it succeeds, and a retry
  // after a crash between the two finds the flip done and records the event once.
  await recordEvent(models, {
    workspace: ji.workspace, project: ji.project, kind: 'image.added_to_dataset', actor: 'system', job: jobId, image: ji.imageId,
    key: `dataset/${ji._id}`, data: { version: ji.approvedVersion },
  });
  return true;
}
