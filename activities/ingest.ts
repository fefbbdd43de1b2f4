// Collection: heavy image work (decode, measure, thumbnail) on the images queue; recording on the jobs queue.
import sharp from 'sharp';
import { newId } from '../common/ids';
import type { Models } from '../db/models';
import { checkImageMeta, maxImagePixels, type ImageRejection } from '../domain/images';
import { sha256Hex, type ImageStore } from './image-store';

export type InspectedImage =
  | { ok: true; sha256: string; width: number; height: number; format: string; bytes: number }
  | ({ ok: false } & ImageRejection);

export function createImageActivities({ store }: { store: ImageStore }) {
  return {
    /** Checks, hashes, measures and thumbnails one staged file; stores the original under its hash. */
    async inspectStagedImage({ uploadId, index }: { uploadId: string; index: number }): Promise<InspectedImage> {
      const bytes = await store.readStaged(uploadId, index);
      if (!bytes) return { ok: false, code: 'empty', message: 'the staged file is gone' };
      let meta: sharp.Metadata;
      try {
        meta = await sharp(bytes, { limitInputPixels: maxImagePixels }).metadata();
      } catch {
        return { ok: false, ...(checkImageMeta({}, bytes.length) ?? { code: 'not_an_image', message: 'the file is not an image' }) };
      }
      const rejection = checkImageMeta(meta, bytes.length);
      if (rejection) return { ok: false, ...rejection };
      const sha256 = sha256Hex(bytes);
      const thumb = await sharp(bytes, { limitInputPixels: maxImagePixels }).rotate().resize(256, 256, { fit: 'inside' }).webp().toBuffer();
      await store.putOriginal(sha256, bytes);
      await store.putThumbnail(sha256, thumb);
      return { ok: true, sha256, width: meta.width!, height: meta.height!, format: meta.format!, bytes: bytes.length };
    },
  };
}

export interface RecordUploadInput {
  uploadId: string;
  workspace: string;
  project: string;
  batchName: string;
  files: { name: string; result: InspectedImage }[];
}

export function createIngestActivities({ models, store }: { models: Models; store: ImageStore }) {
  const { Batch, Image, Upload } = models;
  return {
    /**
     * Records an upload's images under its batch. Images are keyed by (project, sha256), so a
     * duplicate is reported rather than stored twice, and a retry finds what the last try wrote.
     */
    async recordUpload(input: RecordUploadInput): Promise<{ stored: number; duplicates: number; failed: number }> {
      const { uploadId, workspace, project, batchName } = input;
      await Batch.updateOne(
        { workspace, project, name: batchName },
        { $setOnInsert: { _id: newId(), priority: 3 } },
        { upsert: true },
      );
      const batch = (await Batch.findOne({ workspace, project, name: batchName }).lean())!;
      const files: { name: string; imageId?: string; duplicate?: boolean; error?: { code: string; message: string } }[] = [];
      // Decided from stored data only, so a retry of this activity answers the same.
      const seen = new Set<string>();
      for (const f of input.files) {
        if (!f.result.ok) {
          files.push({ name: f.name, error: { code: f.result.code, message: f.result.message } });
          continue;
        }
        const { sha256, width, height, format, bytes } = f.result;
        await Image.updateOne(
          { workspace, project, sha256 },
          { $setOnInsert: { name: f.name, width, height, format, bytes, uploadId, batchId: batch._id, jobId: null } },
          { upsert: true },
        );
        const image = (await Image.findOne({ workspace, project, sha256 }).lean())!;
        const imageId = image._id.toString();
        files.push({ name: f.name, imageId, duplicate: image.uploadId !== uploadId || seen.has(imageId) });
        seen.add(imageId);
      }
      await Upload.updateOne(
        { _id: uploadId },
        { $set: { workspace, project, batchId: batch._id, files, done: true } },
        { upsert: true },
      );
      await store.discardStaging(uploadId);
      return {
        stored: files.filter((f) => f.imageId && !f.duplicate).length,
        duplicates: files.filter((f) => f.duplicate).length,
        failed: files.filter((f) => f.error).length,
      };
    },
  };
}
