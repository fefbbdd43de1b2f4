// Timelines: who did what, when, to a project, a job or an image (the event log, read).
import { getTimeline } from '../../usecases/timeline';
import { defineRoute, type RouteSpec } from '../route';
import { timelineQuery } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

const about = 'newest first unless `order=oldest`; filter by `kind`, `actor`, `since`; pass `next` as `after` for the next page ' +
  '(a page may hold fewer than `limit` when matches are rare)';

export const timelineRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: p('/:project/timeline'), response: answers.timelinePage, summary: `Every change in the project, ${about}`,
    action: 'jobs.manage', tags: ['timeline'], query: timelineQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await getTimeline(ctx, actor, params.project!, {}, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/timeline'), response: answers.timelinePage, summary: `Every change to the job and its images, ${about}`,
    action: 'jobs.read', tags: ['timeline'], query: timelineQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await getTimeline(ctx, actor, params.project!, { job: params.job! }, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/images/:image/timeline'), response: answers.timelinePage, summary: `Every change to the image, ${about}`,
    action: 'jobs.read', tags: ['timeline'], query: timelineQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await getTimeline(ctx, actor, params.project!, { image: params.image! }, query) }),
  }),
];
