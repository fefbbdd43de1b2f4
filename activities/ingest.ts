// Collection: recording an upload on the jobs queue (the image work is in ./images, on the images queue).
import { imageIdFor, newId } from '../common/ids';
import { addBatchPage } from '../db/batch-pages';
import { addImagePage } from '../db/image-pages';
import { recordEvent } from '../db/event-log';
import { isOnlyDuplicateKeys } from '../db/duplicates';
import type { Models } from '../db/models';
import { blobKeys, type BlobStore } from './blob-store';
import type { InspectedImage } from './images';

export interface RecordUploadInput {
  uploadId: string;
  workspace: string;
  project: string;
  batchName: string;
  files: { name: string; result: InspectedImage }[];
}

export function createIngestActivities({ models, store }: { models: Models; store: BlobStore }) {
  const { Batch, Image, Upload } = models;
  return {
    /**
     * Records an upload's images under its batch. An image's id comes from its project and content, so
     * the upload is one bulk insert: an id already taken is a duplicate, unless this upload stored it
     * (a retry of this activity), and nothing here reads more than the upload's own images.
     */
    async recordUpload(input: RecordUploadInput): Promise<{ stored: number; duplicates: number; failed: number }> {
      const { uploadId, workspace, project, batchName } = input;
      await Batch.updateOne(
        { workspace, project, name: batchName },
        { $setOnInsert: { _id: newId(), priority: 3 } },
        { upsert: true },
      );
      const batch = (await Batch.findOne({ workspace, project, name: batchName }).lean())!;
      const images = new Map<string, { _id: string; name: string } & Record<string, unknown>>();
      for (const f of input.files) {
        if (!f.result.ok) continue;
        const { sha256, width, height, format, bytes } = f.result;
        const _id = imageIdFor(workspace, project, sha256);
        if (!images.has(_id)) images.set(_id, { _id, workspace, project, sha256, name: f.name, width, height, format, bytes, uploadId, batchId: batch._id, jobId: null });
      }
      // Listed on a page of the batch and of the project's upload order before they exist, so both always
      // find them (db/batch-pages.ts, db/image-pages.ts).
      const ids = [...images.keys()];
      const batchPage = ids.length > 0 ? await addBatchPage(models, batch._id, ids) : null;
      const uploadPage = ids.length > 0 ? await addImagePage(models, workspace, project, [...images.values()].map((i) => ({ id: i._id, name: i.name }))) : null;
      if (images.size > 0) {
        try {
          await Image.insertMany([...images.values()].map((img) => ({ ...img, batchPage, uploadPage })), { ordered: false });
        } catch (err) {
          // Duplicates are expected; anything else is not.
          if (!isOnlyDuplicateKeys(err)) throw err;
        }
      }
      const stored = await Image.find({ _id: { $in: [...images.keys()] } }, { uploadId: 1, batchId: 1, batchPage: 1 }).lean();
      // Only this attempt's inserts are on its page, so a retried activity counts each image once.
      const added = stored.filter((i) => i.uploadId === uploadId && i.batchId === batch._id && i.batchPage === batchPage).length;
      if (ids.length > 0) {
        await Batch.updateOne({ _id: batch._id }, { $addToSet: { ingesting: uploadId }, ...(added > 0 ? { $inc: { numImages: added } } : {}) });
      }
      const ownerUpload = new Map(stored.map((i) => [i._id, i.uploadId]));
      const files: { name: string; imageId?: string; duplicate?: boolean; error?: { code: string; message: string } }[] = [];
      const seen = new Set<string>();
      for (const f of input.files) {
        if (!f.result.ok) {
          files.push({ name: f.name, error: { code: f.result.code, message: f.result.message } });
          continue;
        }
        const imageId = imageIdFor(workspace, project, f.result.sha256);
        files.push({ name: f.name, imageId, duplicate: ownerUpload.get(imageId) !== uploadId || seen.has(imageId) });
        seen.add(imageId);
      }
      await Upload.updateOne(
        { _id: uploadId },
        { $set: { workspace, project, batchId: batch._id, files, done: true } },
        { upsert: true },
      );
      const by = (await Upload.findById(uploadId, { by: 1 }).lean())?.by ?? 'system';
      await recordEvent(models, {
        workspace, project, kind: 'upload.recorded', actor: by, batch: batch._id, key: `upload/${uploadId}`,
        data: { upload: uploadId, files: files.length, stored: files.filter((f) => f.imageId && !f.duplicate).length, failed: files.filter((f) => f.error).length },
      });
      // The API stages an upload's files as parts 0…n-1, in this order (api/multipart.ts).
      await Promise.all(input.files.map((_, index) => store.delete(blobKeys.staged(uploadId, index))));
      return {
        stored: files.filter((f) => f.imageId && !f.duplicate).length,
        duplicates: files.filter((f) => f.duplicate).length,
        failed: files.filter((f) => f.error).length,
      };
    },

    /** Takes a finished upload off its batch's list of uploads still ingesting. */
    async finishIngestion({ uploadId }: { uploadId: string }): Promise<void> {
      const upload = await Upload.findById(uploadId, { batchId: 1 }).lean();
      if (upload?.batchId) await Batch.updateOne({ _id: upload.batchId }, { $pull: { ingesting: uploadId } });
    },
  };
}
