// Roboflow's annotation-job administration, as the `roboflow` package 1.7.3 calls it
// (roboflow/adapters/rfapi.py, `*_annotation_job*`); its established `/jobs` calls are in ./jobs.
//   list_annotation_jobs_admin     GET  /:ws/:project/annotation-jobs                      ?limit&after&showEmpty
//   get_annotation_job_admin       GET  /:ws/:project/annotation-jobs/:job
//   list_annotation_job_images     GET  /:ws/:project/annotation-jobs/:job/images          ?limit&after
//   create_annotation_job_admin    POST /:ws/:project/annotation-jobs                      {batchId, labelerEmail, reviewerEmail, name?, numImages?, instructions?}
//   review_annotation_job_image    POST /:ws/:project/annotation-jobs/:job/images/:image/status  {status}
//   review_annotation_job_images   POST /:ws/:project/annotation-jobs/:job/images/status   {status, currentStatus}
//   accept_annotation_job_images   POST /:ws/:project/annotation-jobs/:job/accept          {splitMethod, statusesToInclude, trainCount, validCount, testCount, imageIds?}
//   update_annotation_job          PATCH /:ws/:project/annotation-jobs/:job                {labelerEmail | reviewerEmail | instructions}
//   submit_annotation_job_for_review POST /:ws/:project/annotation-jobs/:job/submit-review {}
//   return_annotation_job_for_edits POST /:ws/:project/annotation-jobs/:job/return-edits   {newLabelerEmail?}
//   add_images_to_annotation_job   POST /:ws/:project/annotation-jobs/:job/images          {imageIds}
//   reassign_annotation_job_images POST /:ws/:project/annotation-jobs/reassign-images      {imageIds, labelerEmail, reviewerEmail?, instructions?, name?}
//   move_annotation_job_to_unassigned POST /:ws/:project/annotation-jobs/:job/move-to-unassigned {}
//   delete_annotation_job_annotations DELETE /:ws/:project/annotation-jobs/:job/annotations (clears, keeping every version)
import {
  acceptJobImages, addImagesToJob, clearJobAnnotations, createJobAdmin, jobImagesPage, listJobsPage, reassignImages, returnForEdits, reviewJobImage, reviewJobImages, submitForReview, updateJob,
} from '../../usecases/roboflow-annotation-jobs';
import { cancelJob, getJob } from '../../usecases/jobs';
import { defineRoute, type RouteSpec } from '../route';
import {
  annotationJobImagesQuery, annotationJobsQuery, createAnnotationJobBody, jobImageIdsBody, reassignImagesBody, returnForEditsBody,
  reviewJobImageBody, reviewJobImagesBody, roboflowAcceptBody, updateAnnotationJobBody,
} from '../schemas';
import { p } from './paths';

const tags = ['roboflow'];

export const roboflowAnnotationJobRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: p('/:project/annotation-jobs'), action: 'jobs.read', tags, query: annotationJobsQuery,
    summary: 'A page of the jobs the caller may see, oldest first (empty ones only with `showEmpty=true`); pass `next` as `after` for the next page',
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await listJobsPage(ctx, actor, params.project!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/annotation-jobs/:job'), summary: 'Get a job (the same shape as GET jobs/:job)', action: 'jobs.read', tags,
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/annotation-jobs/:job/images'), action: 'jobs.read', tags, query: annotationJobImagesQuery,
    summary: 'A page of the job\'s image ids in stream order; pass `next` as `after` for the next page',
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await jobImagesPage(ctx, actor, params.project!, params.job!, query) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs'), action: 'jobs.manage', tags, body: createAnnotationJobBody,
    summary: 'Create a job from a batch (every unassigned image unless `numImages`), as POST jobs does',
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createJobAdmin(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/images/:image/status'), action: 'review.work', tags, body: reviewJobImageBody, successStatus: 200,
    summary: 'Review one submitted image: `approved`, or `rejected` (back to its labeler with a fixed reason)',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await reviewJobImage(ctx, actor, params.project!, params.job!, params.image!, body.status) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/images/status'), action: 'review.work', tags, body: reviewJobImagesBody, successStatus: 200,
    summary: 'Review every submitted (`currentStatus: annotated`) image of the job at once',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await reviewJobImages(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/accept'), action: 'jobs.manage', tags, body: roboflowAcceptBody, successStatus: 200,
    summary: 'Accept the job\'s images into the dataset: `splitMethod` train, valid or test (one split), preset (keep), or split (by the three counts)',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await acceptJobImages(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'patch', path: p('/:project/annotation-jobs/:job'), action: 'jobs.manage', tags, body: updateAnnotationJobBody,
    summary: 'Change exactly one of the job\'s labeler, reviewer or instructions (as POST jobs/:job/reassign and PATCH jobs/:job)',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateJob(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/submit-review'), action: 'jobs.manage', tags, successStatus: 200,
    summary: 'A job is in review once nothing is left to label or rework: answers the job then, 409 with what is left otherwise',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await submitForReview(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/return-edits'), action: 'jobs.manage', tags, body: returnForEditsBody, successStatus: 200,
    summary: 'Send every submitted, unreviewed image back to unannotated, with a new labeler when `newLabelerEmail` names one',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await returnForEdits(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'delete', path: p('/:project/annotation-jobs/:job/annotations'), action: 'jobs.manage', tags, successStatus: 200,
    summary: 'Clear the annotations of every image of the job not in the dataset: each gets an empty latest version (earlier ones stay, to revert to) and goes back to unannotated',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await clearJobAnnotations(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/images'), action: 'jobs.manage', tags, body: jobImageIdsBody, successStatus: 200,
    summary: 'Move listed images from the jobs they are in into this job (as POST jobs/:job/move); images in no job are listed in `skipped`',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await addImagesToJob(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/reassign-images'), action: 'jobs.manage', tags, body: reassignImagesBody, successStatus: 201,
    summary: 'Take listed images out of their jobs into a new batch and make a new job of them (reviewer kept unless named)',
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await reassignImages(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-jobs/:job/move-to-unassigned'), action: 'jobs.manage', tags, successStatus: 200,
    summary: 'End the job (Tessera\'s cancel): its open images return to their batch, unassigned',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await cancelJob(ctx, actor, params.project!, params.job!) }),
  }),
];
