// Image work on the images task queue: check, hash and measure each staged file before the upload is
// recorded, then make its thumbnail and preview. A bad file is a result, never a thrown error, so
// nothing retries on it; what is thrown (a full disk, a lost database) is the world's fault and retried.
import { createHash } from 'node:crypto';
import { activityInfo, heartbeat } from '@temporalio/activity';
import { whileHeartbeating } from './heartbeat';
import sharp from 'sharp';
import { imageIdFor } from '../common/ids';
import type { Models } from '../db/models';
import {
  checkImageDimensions, checkImageFile, maxImagePixels, previewSize, sniffImageFormat, thumbnailSize, type ImageFormat, type ImageRejection,
} from '../domain/images';
import { blobKeys, readBlob, type BlobStore } from './blob-store';

export type InspectedImage =
  | { ok: true; sha256: string; width: number; height: number; format: string; bytes: number }
  | ({ ok: false } & ImageRejection);

type DerivativesOutcome = 'ready' | 'failed';

/** Refuses a decompression bomb before decoding it, and truncated or corrupt pixel data while decoding. */
const decodeOptions: sharp.SharpOptions = { limitInputPixels: maxImagePixels, failOn: 'error' };

/** The decoder sharp reports for each format we accept (AVIF is read by the HEIF loader). */
const sharpFormatOf = (format: ImageFormat): string => (format === 'avif' ? 'heif' : format);

/** What the bytes are and measure, without storing anything. */
export async function inspectBytes(bytes: Buffer): Promise<InspectedImage> {
  const format = sniffImageFormat(bytes);
  // Before any decoder sees the file: only formats we accept reach sharp (no SVG renderer, no PDF).
  const refused = checkImageFile(bytes.length, format);
  if (refused) return { ok: false, ...refused };
  const accepted = format as ImageFormat;
  const corrupt = { ok: false, code: 'corrupt', message: `the file starts as ${accepted} but is truncated or corrupt` } as const;
  let meta: sharp.Metadata;
  try {
    // The header alone, so that too many pixels is named as such (sharp would refuse it as an error).
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    return corrupt;
  }
  if (meta.format !== sharpFormatOf(accepted)) return corrupt;
  const tooBig = checkImageDimensions(meta.width, meta.height);
  if (tooBig) return { ok: false, ...tooBig };
  try {
    // Every pixel decoded (at a reduced scale where the codec allows): a cut-off file fails here.
    await sharp(bytes, decodeOptions).resize(thumbnailSize, thumbnailSize, { fit: 'inside' }).raw().toBuffer();
  } catch {
    return corrupt;
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  // As displayed: EXIF orientations 5–8 swap width and height.
  return { ok: true, sha256, width: meta.autoOrient.width, height: meta.autoOrient.height, format: accepted, bytes: bytes.length };
}

/** The 1280 px preview and, from it, the 256 px thumbnail, as WebP; undefined when sharp cannot read the original. */
async function derivativesOf(original: Buffer): Promise<{ preview: Buffer; thumbnail: Buffer } | undefined> {
  try {
    const preview = await sharp(original, decodeOptions).autoOrient()
      .resize(previewSize, previewSize, { fit: 'inside', withoutEnlargement: true }).webp().toBuffer();
    const thumbnail = await sharp(preview).resize(thumbnailSize, thumbnailSize, { fit: 'inside', withoutEnlargement: true }).webp().toBuffer();
    return { preview, thumbnail };
  } catch {
    return undefined;
  }
}

/**
 * The images worker decodes untrusted files: libvips keeps no cache of decoded images and uses one
 * thread per image, so its memory is bounded by the images worker's few concurrent activities.
 */
function boundSharpMemory(): void {
  sharp.cache(false);
  sharp.concurrency(1);
}

export function createImageActivities({ store, models }: { store: BlobStore; models: Models }) {
  boundSharpMemory();

  /** Checks, hashes and measures one staged file; stores an acceptable one as an original under its hash. */
  async function inspectStaged(uploadId: string, index: number): Promise<InspectedImage> {
    const bytes = await readBlob(store, blobKeys.staged(uploadId, index));
    if (!bytes) return { ok: false, code: 'empty', message: 'the staged file is gone' };
    const result = await inspectBytes(bytes);
    if (result.ok && !(await store.exists(blobKeys.original(result.sha256)))) await store.put(blobKeys.original(result.sha256), bytes);
    return result;
  }

  /**
   * Makes an image's thumbnail and preview unless they exist (they are named by its hash, so a retry
   * or a duplicate makes nothing twice), then records on the image that they are made.
   */
  async function derivatives(workspace: string, project: string, sha256: string): Promise<DerivativesOutcome> {
    const keys = { preview: blobKeys.preview(sha256), thumbnail: blobKeys.thumbnail(sha256) };
    let outcome: DerivativesOutcome = 'ready';
    if (!(await store.exists(keys.preview)) || !(await store.exists(keys.thumbnail))) {
      const original = await readBlob(store, blobKeys.original(sha256));
      const made = original && (await derivativesOf(original));
      if (made) {
        await store.put(keys.preview, made.preview);
        await store.put(keys.thumbnail, made.thumbnail);
      } else outcome = 'failed';
    }
    await models.Image.updateOne({ _id: imageIdFor(workspace, project, sha256) }, { $set: { derivatives: outcome } });
    return outcome;
  }

  return {
    /** One file per activity: what uploads recorded before `image-work-in-groups` still schedule. */
    async inspectStagedImage({ uploadId, index }: { uploadId: string; index: number }): Promise<InspectedImage> {
      return whileHeartbeating(() => inspectStaged(uploadId, index));
    },

    async makeDerivatives({ workspace, project, sha256 }: { workspace: string; project: string; sha256: string }): Promise<DerivativesOutcome> {
      return whileHeartbeating(() => derivatives(workspace, project, sha256));
    },

    /**
     * A group of staged files, one after the other (so memory holds one decode per activity). The results
     * so far ride on each heartbeat, so a retry after a crash resumes where the last heartbeat left off.
     */
    async inspectStagedImages({ uploadId, indexes }: { uploadId: string; indexes: number[] }): Promise<InspectedImage[]> {
      const results = [...((activityInfo().heartbeatDetails as InspectedImage[] | undefined) ?? [])];
      const ticker = setInterval(() => heartbeat(results), 1_000);
      try {
        for (const index of indexes.slice(results.length)) {
          results.push(await inspectStaged(uploadId, index));
          heartbeat(results);
        }
        return results;
      } finally {
        clearInterval(ticker);
      }
    },

    /** Thumbnails and previews of a group of images, one after the other (each is made once, by its hash). */
    async makeDerivativesOf({ workspace, project, sha256s }: { workspace: string; project: string; sha256s: string[] }): Promise<DerivativesOutcome[]> {
      return whileHeartbeating(async () => {
        const outcomes: DerivativesOutcome[] = [];
        for (const sha256 of sha256s) outcomes.push(await derivatives(workspace, project, sha256));
        return outcomes;
      });
    },
  };
}
