// Browsing a project's images (the data manager's view); their bytes are in ./uploads.
import { browseImages, getImage } from '../../usecases/image-browse';
import { defineRoute, type RouteSpec } from '../route';
import { browseImagesQuery } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const imagesRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: p('/:project/images'), response: answers.imagePage,
    summary: 'A page of the project\'s images matching the filters, in upload order (or by name within a job or batch); ' +
      'a page may hold fewer than `limit` when matches are rare: follow `next` until it is null',
    action: 'batches.manage', tags: ['images'], query: browseImagesQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await browseImages(ctx, actor, params.project!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/images/:image'), summary: 'An image with its batch, job, state and latest annotation',
    action: 'batches.manage', tags: ['images'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getImage(ctx, actor, params.project!, params.image!) }),
  }),
];
