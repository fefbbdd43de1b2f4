// Jobs (Roboflow-compatible) and the commands on them.
import { cancelJob, createJob, getJob, jobState, listJobs } from '../../usecases/jobs';
import { defineRoute, type RouteSpec } from '../route';
import { createJobBody } from '../schemas';
import { p } from './paths';

export const jobsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs'), summary: 'Create a labeling job (Roboflow-compatible)', action: 'jobs.manage',
    body: createJobBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createJob(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs'), summary: 'List jobs the caller may see', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listJobs(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job'), summary: 'Get a job', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/state'), summary: 'The job\'s state: status, counts, and when it entered each stage', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await jobState(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/cancel'), summary: 'Cancel a job; its open images return to the batch', action: 'jobs.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await cancelJob(ctx, actor, params.project!, params.job!) }),
  }),
];
