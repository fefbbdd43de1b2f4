// A manager's commands on a job: each answers with what it changed, or why it was refused.
import { acceptImages } from '../../usecases/job-commands';
import { defineRoute, type RouteSpec } from '../route';
import { acceptBody } from '../schemas';
import { p } from './paths';

export const jobCommandRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/accept'), action: 'jobs.manage', idempotent: true, successStatus: 200,
    summary: 'Accept images into the dataset with their splits (one split, `keep`, or percentages or counts drawn by a seed); `annotated` among `statuses` adds unreviewed images early',
    body: acceptBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await acceptImages(ctx, actor, params.project!, params.job!, body) }),
  }),
];
