// Importing a labeled dataset: the archive is checked whole on the images queue (nothing is written
// where anyone sees it until it passes), then its images are ingested as one upload into a new batch,
// a labeling job is made of them, and their annotations are submitted in it, so they enter review.
import {
  ParentClosePolicy, allHandlersFinished, condition, defineUpdate, executeChild, getExternalWorkflowHandle, proxyActivities, setHandler, startChild,
} from '@temporalio/workflow';
import type { ImagesQueueActivities, JobsQueueActivities, LabelingJobInput } from '../activities';
import { failureTypes, searchAttributes, workflowIds } from '../common/temporal';
import type { ImportFormat, ImportProblem } from '../domain/dataset-import';
import { ingestUpload } from './ingest-upload';
import { labelingJob, progressedSignal } from './labeling-job';

export interface ImportDatasetInput {
  importId: string;
  /** The upload its images go through. */
  uploadId: string;
  workspace: string;
  project: string;
  format: ImportFormat;
  archiveName: string;
  batchName: string;
  /** The job made of the imported images, but its batch and size, known once they are recorded. */
  job: Omit<LabelingJobInput, 'batchId' | 'requestedImages'>;
  imagesTaskQueue: string;
}

export type ImportChecked = { ok: true; total: number } | { ok: false; problems: ImportProblem[]; problemsTotal: number };
export interface ImportDatasetResult { total: number; submitted: number; jobId: string | null }

/** Answers once the archive is checked: what the API waits on, so a bad archive is a 400 naming its files. */
export const checkedUpdate = defineUpdate<ImportChecked>('checked');

const retry = { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: Object.values(failureTypes) };
const { refuseImport, beginImport, importedBatch, finishImport } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '1 minute', retry });
const { submitImported } = proxyActivities<JobsQueueActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '30 seconds', retry });

export async function importDataset(input: ImportDatasetInput): Promise<ImportDatasetResult> {
  let checked: ImportChecked | undefined;
  setHandler(checkedUpdate, async () => {
    await condition(() => checked !== undefined);
    return checked!;
  });
  const { unpackImport } = proxyActivities<ImagesQueueActivities>({
    taskQueue: input.imagesTaskQueue, startToCloseTimeout: '2 hours', heartbeatTimeout: '30 seconds', retry,
  });
  const { importId, uploadId, workspace, project } = input;
  const unpacked = await unpackImport({ importId, uploadId, workspace, project, format: input.format, archiveName: input.archiveName });
  if (unpacked.problems.length > 0) {
    await refuseImport({ importId, problems: unpacked.problems, problemsTotal: unpacked.problemsTotal });
    checked = { ok: false, problems: unpacked.problems, problemsTotal: unpacked.problemsTotal };
    await condition(allHandlersFinished);
    return { total: 0, submitted: 0, jobId: null };
  }
  const total = unpacked.files.length;
  await beginImport({ importId, uploadId, classes: unpacked.classes, total });
  checked = { ok: true, total };

  await executeChild(ingestUpload, {
    workflowId: workflowIds.ingestUpload(uploadId),
    args: [{ uploadId, workspace, project, batchName: input.batchName, files: unpacked.files, imagesTaskQueue: input.imagesTaskQueue }],
  });
  const { batchId, stored } = await importedBatch({ importId, uploadId });
  // Every image already in the project: nothing new to review.
  const jobId = stored > 0 ? input.job.jobId : null;
  if (jobId) {
    // The job lives on after the import ends, like one a manager made.
    await startChild(labelingJob, {
      workflowId: workflowIds.labelingJob(jobId),
      parentClosePolicy: ParentClosePolicy.ABANDON,
      args: [{ ...input.job, batchId, requestedImages: stored }],
      typedSearchAttributes: [
        { key: searchAttributes.workspace, value: workspace },
        { key: searchAttributes.project, value: project },
        { key: searchAttributes.jobStatus, value: 'assigning' },
        { key: searchAttributes.labeler, value: input.job.labeler },
        { key: searchAttributes.reviewer, value: input.job.reviewer },
      ],
    });
    await submitImported({ importId, uploadId, jobId });
    await getExternalWorkflowHandle(workflowIds.labelingJob(jobId)).signal(progressedSignal);
  }
  await finishImport({ importId, jobId });
  await condition(allHandlersFinished);
  return { total, submitted: stored, jobId };
}
