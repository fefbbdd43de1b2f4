import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { uploadBatchName } from '../domain/images';
import { ingestUpload } from '../workflows/ingest-upload';
import type { Actor, AppContext } from './context';
import { AppError, invalid } from './errors';
import { loadProject } from './projects';
import { waitOnWorker } from './worker-wait';

export interface UploadedFile { name: string; bytes: Buffer }

/**
 * Stages the files, then runs the ingestion workflow and waits (bounded) for it. The files are on
 * disk and the workflow is durable before we answer, so nothing acknowledged is lost.
 */
export async function uploadImages(ctx: AppContext, actor: Actor, projectSlug: string, files: UploadedFile[], batchName?: string) {
  const project = await loadProject(ctx, actor, projectSlug);
  if (files.length === 0) throw invalid('file', 'at least one file part is required');
  const uploadId = newId();
  await Promise.all(files.map((f, index) => ctx.store.stage(uploadId, index, f.bytes)));
  await waitOnWorker(ctx, { uploadId }, () =>
    ctx.temporal.workflow.execute(ingestUpload, {
      workflowId: workflowIds.ingestUpload(uploadId),
      taskQueue: ctx.taskQueues.jobs,
      args: [{
        uploadId, workspace: actor.workspace, project: project.slug,
        batchName: batchName ?? uploadBatchName(new Date()),
        files: files.map((f, index) => ({ index, name: f.name })),
        imagesTaskQueue: ctx.taskQueues.images,
      }],
    }),
  );
  const upload = await ctx.models.Upload.findById(uploadId).lean();
  const batch = upload && (await ctx.models.Batch.findById(upload.batchId).lean());
  if (!upload || !batch) throw new AppError('unavailable', 'the upload was accepted but its record is not readable yet');
  const imageIds = upload.files.flatMap((f) => (f.imageId ? [f.imageId] : []));
  const images = await ctx.models.Image.find({ _id: { $in: imageIds } }).lean();
  const byId = new Map(images.map((i) => [i._id.toString(), i]));
  const result = {
    batch: { id: batch._id, name: batch.name },
    images: upload.files.flatMap((f) => {
      const img = f.imageId ? byId.get(f.imageId) : undefined;
      return img ? [{ id: f.imageId!, name: f.name!, width: img.width, height: img.height, duplicate: Boolean(f.duplicate) }] : [];
    }),
    errors: upload.files.flatMap((f) => (f.error?.code ? [{ name: f.name!, code: f.error.code, message: f.error.message ?? '' }] : [])),
  };
  if (result.images.length === 0) throw new AppError('unsupported_media_type', 'no file in the request is an acceptable image', { errors: result.errors });
  return result;
}
