// Importing a dataset, on the jobs queue: the import's record, and submitting each imported image's
// annotations in the job made for them, as version 1 by the import's labeler, so they enter review.
import { setTimeout } from 'node:timers/promises';
import { activityInfo, heartbeat } from '@temporalio/activity';
import { recordEvent } from '../db/event-log';
import { jobImageId, noteClasses } from '../db/job-stream';
import type { Models } from '../db/models';
import { toStored } from '../domain/annotations';
import type { ImportProblem } from '../domain/dataset-import';
import { blobKeys, readBlob, type BlobStore } from './blob-store';
import type { ImportPlanBlob } from './import-archive';

export interface ImportRef { importId: string; uploadId: string }

export function createImportActivities({ models, store }: { models: Models; store: BlobStore }) {
  const { Import, Project, Upload, JobImage, JobStream, Annotation, Job } = models;
  const loadImport = async (importId: string) => {
    const imp = await Import.findById(importId).lean();
    if (!imp) throw new Error(`import ${importId} is gone`);
    return imp;
  };
  /** The archive and the plan are only needed until the import ends. */
  const removeStaged = (importId: string) => Promise.all([store.delete(blobKeys.staged(importId, 0)), store.delete(blobKeys.importPlan(importId))]);

  return {
    /** The archive was refused: the import says why, and nothing of it stays. */
    async refuseImport({ importId, problems, problemsTotal }: { importId: string; problems: ImportProblem[]; problemsTotal: number }): Promise<void> {
      await Import.updateOne({ _id: importId }, { $set: { status: 'failed', problems, problemsTotal } });
      await removeStaged(importId);
    },

    /**
     * The archive is good: the project gains the classes it names, and the upload its images go through
     * is made under the importer's name.
     */
    async beginImport({ importId, uploadId, classes, total }: ImportRef & { classes: string[]; total: number }): Promise<void> {
      const imp = await loadImport(importId);
      const project = await Project.findOne({ workspace: imp.workspace, slug: imp.project }, { classes: 1 }).lean();
      const added = classes.filter((c) => !project?.classes.includes(c));
      // One $addToSet: a retry adds nothing twice, and classes added meanwhile stay.
      if (added.length > 0) await Project.updateOne({ workspace: imp.workspace, slug: imp.project }, { $addToSet: { classes: { $each: added } } });
      await Upload.updateOne(
        { _id: uploadId },
        { $setOnInsert: { workspace: imp.workspace, project: imp.project, total, by: imp.by } },
        { upsert: true },
      );
      await Import.updateOne({ _id: importId, status: 'checking' }, { $set: { status: 'importing', total, classesAdded: added } });
    },

    /** The batch the upload made, and how many of its images are new to the project (the job's size). */
    async importedBatch({ importId, uploadId }: ImportRef): Promise<{ batchId: string; stored: number }> {
      const upload = await Upload.findById(uploadId).lean();
      if (!upload?.done || !upload.batchId) throw new Error(`upload ${uploadId} is not recorded`);
      const stored = upload.files.filter((f) => f.imageId && !f.duplicate).length;
      await Import.updateOne({ _id: importId }, {
        $set: { batchId: upload.batchId, duplicates: upload.files.filter((f) => f.duplicate).length, refused: upload.files.filter((f) => f.error?.code).length },
      });
      return { batchId: upload.batchId, stored };
    },

    /**
     * Submits each new image's annotations as version 1 of its job image, in the split it came from. Each
     * image flips from unannotated by a conditional update after its annotation exists, so a retry skips
     * what is done; progress rides on heartbeats. Runs once the job's images are assigned.
     */
    async submitImported({ importId, uploadId, jobId }: ImportRef & { jobId: string }): Promise<{ submitted: number }> {
      // The job's workflow lays out its stream last when it assigns images; until then, wait (and past a
      // while, fail so that Temporal retries).
      for (let waited = 0; !(await JobStream.exists({ _id: jobId })); waited += 250) {
        if (waited >= 20_000) throw new Error(`job ${jobId} is not assigned yet`);
        heartbeat(activityInfo().heartbeatDetails);
        await setTimeout(250);
      }
      const imp = await loadImport(importId);
      const upload = (await Upload.findById(uploadId).lean())!;
      const plan = JSON.parse((await readBlob(store, blobKeys.importPlan(importId)))!.toString('utf8')) as ImportPlanBlob;
      const start = (activityInfo().heartbeatDetails as number | undefined) ?? 0;
      let submitted = 0;
      for (let i = start; i < plan.items.length; i++) {
        const item = plan.items[i]!;
        const file = upload.files[item.index];
        if (!file?.imageId || file.duplicate) continue;
        const ji = jobImageId(jobId, file.imageId);
        const annotations = toStored(item.annotations);
        const { seq } = (await JobImage.findById(ji, { seq: 1 }).lean())!;
        await noteClasses(models, jobId, seq, annotations);
        await Annotation.updateOne(
          { _id: `${ji}:v1` },
          { $setOnInsert: { workspace: imp.workspace, project: imp.project, jobImageId: ji, version: 1, draft: false, author: imp.by, annotations } },
          { upsert: true },
        );
        const flipped = await JobImage.updateOne(
          { _id: ji, state: 'unannotated', lastVersion: 0 },
          { $set: { state: 'annotated', lastVersion: 1, submittedVersion: 1, plannedSplit: item.split } },
        );
        if (flipped.modifiedCount === 1) {
          submitted++;
          await Job.updateOne({ _id: jobId }, { $inc: { 'counts.unannotated': -1, 'counts.annotated': 1 } });
        }
        await recordEvent(models, {
          workspace: imp.workspace, project: imp.project, kind: 'image.submitted', actor: imp.by, job: jobId, image: file.imageId,
          key: `import/${ji}`, data: { version: 1, round: 0, annotations, import: importId },
        });
        heartbeat(i + 1);
      }
      return { submitted };
    },

    /** Every image of the import's job is one of its own, submitted: the job's size is the count. */
    async finishImport({ importId, jobId }: { importId: string; jobId: string | null }): Promise<void> {
      const submitted = jobId ? (await Job.findById(jobId, { numImages: 1 }).lean())?.numImages ?? 0 : 0;
      await Import.updateOne({ _id: importId }, { $set: { status: 'done', jobId, submitted } });
      await removeStaged(importId);
    },
  };
}
