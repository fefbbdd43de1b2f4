// Roboflow's annotation-batch endpoints, as the `roboflow` Python package 1.7.3 calls them
// (roboflow/adapters/rfapi.py, "Annotation batch & job endpoints"); every answer is JSON, since it
// reads each with `response.json()`:
//   list_batches                  GET    /:ws/:project/batches                     (./collection)
//   get_batch                     GET    /:ws/:project/batches/:batch              (./collection)
//   list_annotation_batches       GET    /:ws/:project/annotation-batches          ?limit&after&showEmpty
//   get_annotation_batch          GET    /:ws/:project/annotation-batches/:batch
//   list_annotation_batch_images  GET    /:ws/:project/annotation-batches/:batch/images  ?limit&after
//   create_annotation_batch       POST   /:ws/:project/annotation-batches          {sourceBatchId, imageIds, name?}
//   merge_annotation_batches      POST   /:ws/:project/annotation-batches/merge    {sourceBatchIds, targetBatchId}
//   delete_annotation_batch       DELETE /:ws/:project/annotation-batches/:batch   ?permanent=false
import { createAnnotationBatch, deleteBatch, listBatchImages, mergeBatches } from '../../usecases/annotation-batches';
import { getBatch, listAnnotationBatches } from '../../usecases/batches';
import { defineRoute, type RouteSpec } from '../route';
import { annotationBatchesQuery, batchImagesQuery, createAnnotationBatchBody, deleteBatchQuery, mergeBatchesBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const annotationBatchRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: p('/:project/annotation-batches'),
    summary: 'A page of the project\'s batches, oldest first (empty ones only with `showEmpty=true`); pass `next` as `after` for the next page',
    action: 'batches.manage', query: annotationBatchesQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await listAnnotationBatches(ctx, actor, params.project!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/annotation-batches/:batch'), summary: 'Get a batch with counts per image state', action: 'batches.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getBatch(ctx, actor, params.project!, params.batch!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/annotation-batches/:batch/images'),
    summary: 'A page of the batch\'s image ids, in the order they joined it; pass `next` as `after` for the next page',
    action: 'batches.manage', query: batchImagesQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await listBatchImages(ctx, actor, params.project!, params.batch!, query) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-batches'),
    summary: 'Move listed images of one batch into a new batch (same rules and answer as POST batches)', action: 'batches.manage',
    body: createAnnotationBatchBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createAnnotationBatch(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/annotation-batches/merge'), response: answers.batch,
    summary: 'Merge batches (their images and jobs) into an existing batch (`targetBatchId`) or a new one (`name`); the sources are removed',
    action: 'batches.manage', body: mergeBatchesBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await mergeBatches(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'delete', path: p('/:project/annotation-batches/:batch'),
    summary: 'Delete a batch (409 while any of its images has labels); its images, with their jobs, go to the "Unassigned" batch',
    action: 'batches.manage', query: deleteBatchQuery, successStatus: 200,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await deleteBatch(ctx, actor, params.project!, params.batch!, query) }),
  }),
];
