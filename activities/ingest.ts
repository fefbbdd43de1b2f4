// Collection: heavy image work (decode, measure, thumbnail) on the images queue; recording on the jobs queue.
import sharp from 'sharp';
import { imageIdFor, newId } from '../common/ids';
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
      const images = new Map<string, Record<string, unknown>>();
      for (const f of input.files) {
        if (!f.result.ok) continue;
        const { sha256, width, height, format, bytes } = f.result;
        const _id = imageIdFor(workspace, project, sha256);
        if (!images.has(_id)) images.set(_id, { _id, workspace, project, sha256, name: f.name, width, height, format, bytes, uploadId, batchId: batch._id, jobId: null });
      }
      if (images.size > 0) {
        try {
          await Image.insertMany([...images.values()], { ordered: false });
        } catch (err) {
          // Duplicates are expected; anything else is not.
          if (!isOnlyDuplicateKeys(err)) throw err;
        }
      }
      const stored = await Image.find({ _id: { $in: [...images.keys()] } }, { uploadId: 1 }).lean();
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
      await store.discardStaging(uploadId);
      return {
        stored: files.filter((f) => f.imageId && !f.duplicate).length,
        duplicates: files.filter((f) => f.duplicate).length,
        failed: files.filter((f) => f.error).length,
      };
    },
  };
}

/** A bulk insert's failure that is nothing but duplicate keys (E11000). */
function isOnlyDuplicateKeys(err: unknown): boolean {
  const writeErrors = (err as { writeErrors?: { code?: number; err?: { code?: number } }[] }).writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) return writeErrors.every((w) => (w.code ?? w.err?.code) === 11000);
  return (err as { code?: number }).code === 11000;
}
