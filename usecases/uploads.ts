import { WithStartWorkflowOperation } from '@temporalio/client';
import { blobKeys } from '../activities/blob-store';
import { workflowIds } from '../common/temporal';
import { uploadBatchName } from '../domain/images';
import { ingestUpload, recordedUpdate } from '../workflows/ingest-upload';
import type { Actor, AppContext } from './context';
import { AppError, invalid, notFound } from './errors';
import { loadProject } from './projects';
import { waitOnWorker } from './worker-wait';

/** A file part as the API received it: already streamed into the blob store's staging area, as part `index` of upload `uploadId`. */
export interface UploadedFile { name: string; uploadId: string; index: number; bytes: number }

const findUpload = (ctx: AppContext, uploadId: string) => ctx.models.Upload.findById(uploadId).lean();
type UploadDoc = NonNullable<Awaited<ReturnType<typeof findUpload>>>;

/**
 * Starts the ingestion workflow on the staged files and waits (bounded) until it has recorded them:
 * the files are on disk and the workflow is durable before we answer, so nothing acknowledged is lost.
 * Thumbnails and previews are made after the answer; `getUpload` follows them.
 */
export async function uploadImages(ctx: AppContext, actor: Actor, projectSlug: string, files: UploadedFile[], batchName?: string) {
  if (files.length === 0) throw invalid('file', 'at least one file part is required');
  const uploadId = files[0]!.uploadId;
  const project = await loadProject(ctx, actor, projectSlug).catch(async (err: unknown) => {
    await Promise.all(files.map((f) => ctx.store.delete(blobKeys.staged(f.uploadId, f.index))));
    throw err;
  });
  await ctx.models.Upload.create({ _id: uploadId, workspace: actor.workspace, project: project.slug, total: files.length, by: actor.email });
  const startWorkflowOperation = new WithStartWorkflowOperation(ingestUpload, {
    workflowId: workflowIds.ingestUpload(uploadId),
    taskQueue: ctx.taskQueues.jobs,
    workflowIdConflictPolicy: 'FAIL',
    args: [{
      uploadId, workspace: actor.workspace, project: project.slug,
      batchName: batchName ?? uploadBatchName(new Date()),
      files: files.map((f) => ({ index: f.index, name: f.name })),
      imagesTaskQueue: ctx.taskQueues.images,
    }],
  });
  await waitOnWorker(ctx, { uploadId }, () => ctx.temporal.workflow.executeUpdateWithStart(recordedUpdate, { startWorkflowOperation }));
  const upload = await uploadView(ctx, (await findUpload(ctx, uploadId))!);
  if (upload.images?.length === 0) {
    throw new AppError('unsupported_media_type', 'no file in the request is an acceptable image', { uploadId, errors: upload.errors });
  }
  return upload;
}

/** An upload as its owner follows it: progress, and once recorded, the answer the upload request gave. */
export async function getUpload(ctx: AppContext, actor: Actor, projectSlug: string, uploadId: string) {
  const upload = await findUpload(ctx, uploadId);
  if (!upload || upload.workspace !== actor.workspace || upload.project !== projectSlug) throw notFound(`upload ${uploadId}`);
  return uploadView(ctx, upload);
}

/**
 * `checking` until the files are checked and recorded, `processing` while thumbnails and previews are
 * made, then `done`. A file is done once refused, or once its image's thumbnail and preview are made.
 */
async function uploadView(ctx: AppContext, upload: UploadDoc) {
  const total = upload.total ?? upload.files.length;
  if (!upload.done) return { id: upload._id, status: 'checking' as const, progress: { done: 0, total } };
  const [batch, images] = await Promise.all([
    ctx.models.Batch.findById(upload.batchId, { name: 1 }).lean(),
    ctx.models.Image.find({ _id: { $in: imageIdsOf([upload]) } }, { width: 1, height: 1, derivatives: 1 }).lean(),
  ]);
  const byId = new Map(images.map((i) => [i._id, i]));
  const done = filesDone(upload, byId);
  return {
    id: upload._id,
    status: done === total ? 'done' as const : 'processing' as const,
    progress: { done, total },
    batch: { id: upload.batchId!, name: batch?.name ?? '' },
    images: upload.files.flatMap((f) => {
      const img = f.imageId ? byId.get(f.imageId) : undefined;
      return img ? [{ id: f.imageId!, name: f.name!, width: img.width, height: img.height, duplicate: Boolean(f.duplicate) }] : [];
    }),
    errors: upload.files.flatMap((f) => (f.error?.code ? [{ name: f.name!, code: f.error.code, message: f.error.message ?? '' }] : [])),
  };
}

const imageIdsOf = (uploads: UploadDoc[]) => [...new Set(uploads.flatMap((u) => u.files.flatMap((f) => (f.imageId ? [f.imageId] : []))))];

/** A file is done once refused, or once its image's thumbnail and preview are made (or found impossible). */
const filesDone = (upload: UploadDoc, images: Map<string, { derivatives?: string | null }>) =>
  upload.files.filter((f) => f.error?.code || (f.imageId && images.get(f.imageId)?.derivatives)).length;

/**
 * Ingestion still under way in a batch: files done of total over the uploads it lists as ingesting (each
 * upload's workflow takes itself off the list when its thumbnails are made). A read: it writes nothing.
 */
export async function batchIngestion(ctx: AppContext, batch: { ingesting?: string[] | null }) {
  const ids = batch.ingesting ?? [];
  if (ids.length === 0) return { uploads: 0, done: 0, total: 0 };
  const uploads = await ctx.models.Upload.find({ _id: { $in: ids } }).lean();
  const images = await ctx.models.Image.find({ _id: { $in: imageIdsOf(uploads) } }, { derivatives: 1 }).lean();
  const byId = new Map(images.map((i) => [i._id, i]));
  // Uploads recorded before their workflows took themselves off the list stay on it, finished.
  const open = uploads.map((u) => ({ done: filesDone(u, byId), total: u.files.length })).filter((u) => u.done < u.total);
  return { uploads: open.length, done: open.reduce((n, u) => n + u.done, 0), total: open.reduce((n, u) => n + u.total, 0) };
}
