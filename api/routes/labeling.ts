// The label stream, review and the dataset: per-image work.
import { getDataset, nextImage, reviewImage, saveAnnotation } from '../../usecases/labeling';
import { defineRoute, type RouteSpec } from '../route';
import { annotationBody, datasetQuery, reviewBody } from '../schemas';
import { p } from './paths';

export const labelingRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/next'), summary: 'Reserve the next image of the label stream', action: 'labeling.work',
    handler: async (ctx, { actor, params }) => {
      const next = await nextImage(ctx, actor, params.project!, params.job!);
      return next ? { status: 200, body: next } : { status: 204 };
    },
  }),
  defineRoute({
    method: 'put', path: p('/:project/jobs/:job/images/:image/annotation'), summary: 'Save a draft or submit an annotation', action: 'labeling.work',
    body: annotationBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await saveAnnotation(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/images/:image/review'), summary: 'Approve or reject a submitted image', action: 'review.work',
    body: reviewBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await reviewImage(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/dataset'), summary: 'A page of the project\'s dataset: approved images with their approved annotations; pass `next` as `after` for the next page', action: 'dataset.read',
    query: datasetQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await getDataset(ctx, actor, params.project!, query) }),
  }),
];
