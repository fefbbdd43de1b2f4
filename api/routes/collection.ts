// Collection: uploads and batches.
import { uploadImages } from '../../usecases/uploads';
import { createBatch } from '../../usecases/batches';
import { defineRoute, type RouteSpec } from '../route';
import { createBatchBody } from '../schemas';
import { p } from './paths';

export const collectionRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/images'), summary: 'Upload images (multipart `file` parts, optional `batch`)', action: 'images.upload',
    multipart: true,
    handler: async (ctx, { actor, params, files, fields }) => ({
      status: 201, body: await uploadImages(ctx, actor, params.project!, files, fields.batch),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/batches'), summary: 'Create a batch from image ids or a sample', action: 'batches.manage',
    body: createBatchBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createBatch(ctx, actor, params.project!, body) }),
  }),
];
