// Importing a labeled dataset (COCO or YOLO, as one .zip) into a project: its images into a new batch
// and its annotations submitted in a job of them, so that an existing dataset enters review.
import { WithStartWorkflowOperation } from '@temporalio/client';
import { blobKeys } from '../activities/blob-store';
import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { importFormats, type ImportFormat } from '../domain/dataset-import';
import { checkedUpdate, importDataset } from '../workflows/import-dataset';
import type { Actor, AppContext } from './context';
import { AppError, invalid, notFound } from './errors';
import { assertAssignable } from './jobs';
import { loadProject } from './projects';
import type { UploadedFile } from './uploads';
import { waitOnWorker } from './worker-wait';

export interface ImportFields { format?: string; batch?: string; labelerEmail?: string; reviewerEmail?: string }

const findImport = (ctx: AppContext, importId: string) => ctx.models.Import.findById(importId).lean();
type ImportDoc = NonNullable<Awaited<ReturnType<typeof findImport>>>;

/** What the request asked for; a 400 names the field, and the staged archive is removed. */
async function checkRequest(ctx: AppContext, actor: Actor, projectSlug: string, files: UploadedFile[], fields: ImportFields) {
  if (files.length !== 1) throw invalid('file', 'send the dataset as one .zip archive in the `file` part');
  if (!importFormats.includes(fields.format as ImportFormat)) throw invalid('format', `one of ${importFormats.join(', ')}`);
  const project = await loadProject(ctx, actor, projectSlug);
  if (project.type === 'classification') throw invalid('format', `${fields.format} holds no classification labels; a classification project cannot import it`);
  const labeler = fields.labelerEmail ?? actor.email;
  const reviewer = fields.reviewerEmail ?? actor.email;
  await assertAssignable(ctx, actor, labeler, 'labelerEmail', 'labeling.work');
  await assertAssignable(ctx, actor, reviewer, 'reviewerEmail', 'review.work');
  const archiveName = files[0]!.name;
  const batchName = fields.batch?.trim() || `Import of ${archiveName} (${files[0]!.uploadId.slice(-6)})`;
  if (await ctx.models.Batch.exists({ workspace: actor.workspace, project: project.slug, name: batchName })) {
    throw invalid('batch', `a batch named ${batchName} exists; an import makes a new one`);
  }
  return { project, labeler, reviewer, archiveName, batchName, format: fields.format as ImportFormat };
}

/**
 * Starts the import and waits (bounded) until its archive is checked: a bad one answers 400 listing
 * each file's problem, and nothing of it is imported; a good one answers 202, and the images, the job
 * and the submitted annotations follow (`GET …/imports/{import}`). An archive still being checked when
 * the wait ends answers 202 too, `checking`.
 */
export async function startImport(ctx: AppContext, actor: Actor, projectSlug: string, files: UploadedFile[], fields: ImportFields) {
  const checked = await checkRequest(ctx, actor, projectSlug, files, fields).catch(async (err: unknown) => {
    await Promise.all(files.map((f) => ctx.store.delete(blobKeys.staged(f.uploadId, f.index))));
    throw err;
  });
  // The archive is staged as part 0 of the request's upload id: the import takes that id.
  const importId = files[0]!.uploadId;
  const { project, format, archiveName, batchName } = checked;
  await ctx.models.Import.create({ _id: importId, workspace: actor.workspace, project: project.slug, format, name: archiveName, by: actor.email, status: 'checking' });
  const jobId = newId();
  const startWorkflowOperation = new WithStartWorkflowOperation(importDataset, {
    workflowId: workflowIds.importDataset(importId),
    taskQueue: ctx.taskQueues.jobs,
    workflowIdConflictPolicy: 'FAIL',
    args: [{
      importId, uploadId: newId(), workspace: actor.workspace, project: project.slug, format, archiveName, batchName,
      imagesTaskQueue: ctx.taskQueues.images,
      job: {
        jobId, workspace: actor.workspace, project: project.slug, name: `${batchName}: review`, labeler: checked.labeler, reviewer: checked.reviewer,
        createdBy: actor.email, instructionsText: `Imported from ${archiveName}: review the annotations it brought.`,
        dueEscalationMs: ctx.dueEscalationSeconds * 1000, dueSoonMs: ctx.dueSoonSeconds * 1000,
      },
    }],
  });
  const result = await waitOnWorker(ctx, { importId }, () => ctx.temporal.workflow.executeUpdateWithStart(checkedUpdate, { startWorkflowOperation }))
    .catch((err: unknown) => {
      // A large archive takes longer to check than a request waits: the import goes on, and says how it ends.
      if (err instanceof AppError && err.code === 'unavailable') return undefined;
      throw err;
    });
  if (result && !result.ok) {
    const more = result.problemsTotal > result.problems.length ? ` (and ${result.problemsTotal - result.problems.length} more)` : '';
    throw new AppError('invalid_input', `file: the archive cannot be imported: ${result.problems.map((p) => `${p.file}: ${p.message}`).join('; ')}${more}`, {
      importId, fields: result.problems.map((p) => ({ path: 'file', file: p.file, message: p.message })), problemsTotal: result.problemsTotal,
    });
  }
  return importView((await findImport(ctx, importId))!);
}

export async function getImport(ctx: AppContext, actor: Actor, projectSlug: string, importId: string) {
  const imp = await findImport(ctx, importId);
  if (!imp || imp.workspace !== actor.workspace || imp.project !== projectSlug) throw notFound(`import ${importId}`);
  return importView(imp);
}

/** Submitted counts the images of the import's job; until the job exists, what the import has done so far. */
function importView(imp: ImportDoc) {
  return {
    id: imp._id, status: imp.status, format: imp.format, name: imp.name, by: imp.by,
    total: imp.total, submitted: imp.submitted, duplicates: imp.duplicates, refused: imp.refused, classesAdded: imp.classesAdded,
    batch: imp.batchId ?? null, job: imp.jobId ?? null,
    problems: imp.problems.map((p) => ({ file: p.file!, message: p.message! })), problemsTotal: imp.problemsTotal,
  };
}
