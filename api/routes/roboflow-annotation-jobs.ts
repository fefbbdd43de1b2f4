// Roboflow's annotation-job administration, as the `roboflow` package 1.7.3 calls it
// (roboflow/adapters/rfapi.py, `*_annotation_job*`); its established `/jobs` calls are in ./jobs.
//   list_annotation_jobs_admin     GET  /:ws/:project/annotation-jobs                      ?limit&after&showEmpty
//   get_annotation_job_admin       GET  /:ws/:project/annotation-jobs/:job
//   list_annotation_job_images     GET  /:ws/:project/annotation-jobs/:job/images          ?limit&after
//   create_annotation_job_admin    POST /:ws/:project/annotation-jobs                      {batchId, labelerEmail, reviewerEmail, name?, numImages?, instructions?}
//   review_annotation_job_image    POST /:ws/:project/annotation-jobs/:job/images/:image/status  {status}
//   review_annotation_job_images   POST /:ws/:project/annotation-jobs/:job/images/status   {status, currentStatus}
//   accept_annotation_job_images   POST /:ws/:project/annotation-jobs/:job/accept          {splitMethod, statusesToInclude, trainCount, validCount, testCount, imageIds?}
import { acceptJobImages, createJobAdmin, jobImagesPage, listJobsPage, reviewJobImage, reviewJobImages } from '../../usecases/roboflow-annotation-jobs';
import { getJob } from '../../usecases/jobs';
import { defineRoute, type RouteSpec } from '../route';
import { annotationJobImagesQuery, annotationJobsQuery, createAnnotationJobBody, reviewJobImageBody, reviewJobImagesBody, roboflowAcceptBody } from '../schemas';
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
];
