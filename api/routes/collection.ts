// Collection: batches (uploads are in ./uploads).
import { archiveBatch, createBatch, getBatch, getBatchFill, listBatches } from '../../usecases/batches';
import { defineRoute, type RouteSpec } from '../route';
import { createBatchBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const collectionRoutes: RouteSpec[] = [
  // Batches; Roboflow's annotation-batch paths are in ./annotation-batches.
  defineRoute({
    method: 'post', path: p('/:project/batches'), response: answers.createdBatch,
    summary: 'Create a batch from image ids or a sample (random with a seed, or oldest first), moving the images into it; ' +
      'images in a job or already submitted stay and are listed in `excluded`',
    action: 'batches.manage',
    body: createBatchBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createBatch(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/batches'), response: answers.batchList, summary: 'List the project\'s batches with counts per image state (Roboflow `list_batches`)', action: 'batches.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listBatches(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/batches/:batch'), response: answers.batch, summary: 'Get a batch with counts per image state (Roboflow `get_batch`)', action: 'batches.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getBatch(ctx, actor, params.project!, params.batch!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/batches/:batch/fill'), response: answers.batchFill,
    summary: 'How far the request that created the batch has moved its images in, and once filled the answer POST batches gives ' +
      '(for a request answered 503 "accepted")',
    action: 'batches.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getBatchFill(ctx, actor, params.project!, params.batch!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/batches/:batch/archive'),
    summary: 'Archive a batch: no new job from it; its images in no job may be taken into another batch', action: 'batches.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await archiveBatch(ctx, actor, params.project!, params.batch!) }),
  }),
];
