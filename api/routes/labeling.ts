// The label stream, review and the dataset: per-image work.
import { getDataset, nextImage, reviewImage, saveAnnotation, skipImage } from '../../usecases/labeling';
import { defineRoute, type RouteSpec } from '../route';
import { nextToReview, reviewPage } from '../../usecases/review-walk';
import { annotationBody, datasetQuery, nextImageQuery, reviewBody, reviewNextQuery, reviewPageQuery, skipBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const labelingRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/next'), response: answers.nextImage, action: 'labeling.work', query: nextImageQuery,
    summary: 'Reserve the next image of the label stream (`except`: other than the one the caller is on, and those it submitted unanswered, to fetch it ahead)',
    handler: async (ctx, { actor, params, query }) => {
      const next = await nextImage(ctx, actor, params.project!, params.job!, query);
      return next ? { status: 200, body: next } : { status: 204 };
    },
  }),
  defineRoute({
    method: 'put', path: p('/:project/jobs/:job/images/:image/annotation'), summary: 'Save a draft or submit an annotation (honours `Idempotency-Key`)', action: 'labeling.work', idempotent: true,
    body: annotationBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await saveAnnotation(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/images/:image/skip'), summary: 'Skip an image: it leaves the label stream, and managers see it as skipped', action: 'labeling.work',
    body: skipBody, successStatus: 200,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await skipImage(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/images/:image/review'), summary: 'Approve or reject a submitted image (honours `Idempotency-Key`)', action: 'review.work', idempotent: true,
    body: reviewBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await reviewImage(ctx, actor, params.project!, params.job!, params.image!, body),
    }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/review/next'), response: answers.toReview, action: 'review.work', query: reviewNextQuery,
    summary: 'Review mode: the next submitted image after stream position `after`, with the shapes its labeler submitted (204 when none waits); ' +
      'pass its `position` as `after` for the one after it',
    handler: async (ctx, { actor, params, query }) => {
      const next = await nextToReview(ctx, actor, params.project!, params.job!, query.after);
      return next ? { status: 200, body: next } : { status: 204 };
    },
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/review'), response: answers.reviewPage, action: 'review.work', query: reviewPageQuery,
    summary: 'Review mode: a page of the submitted images after stream position `after`, each with its labeler\'s shapes; pass `next` as `after` for the next page',
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await reviewPage(ctx, actor, params.project!, params.job!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/dataset'), response: answers.datasetPage, summary: 'A page of the project\'s dataset: approved images with their approved annotations; pass `next` as `after` for the next page', action: 'dataset.read',
    query: datasetQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await getDataset(ctx, actor, params.project!, query) }),
  }),
];
