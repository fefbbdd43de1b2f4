// Jobs (Roboflow-compatible) and the commands on them.
import { cancelJob, createJob, getJob, jobState } from '../../usecases/jobs';
import { jobBoard, listJobsPage } from '../../usecases/job-board';
import { workReport } from '../../usecases/reports';
import { defineRoute, type RouteSpec } from '../route';
import { createJobBody, jobsQuery, reportQuery } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const jobsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs'), response: answers.job, summary: 'Create a labeling job (Roboflow-compatible)', action: 'jobs.manage',
    body: createJobBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createJob(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs'), response: answers.jobList, action: 'jobs.read',
    summary: 'List jobs the caller may see, by `labeler`, `reviewer`, `status` or `overdue=true`; with `limit` (and `after`, the `next` of the page before) a page at a time',
    query: jobsQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await listJobsPage(ctx, actor, params.project!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/job-board'), response: answers.jobBoard, action: 'jobs.read',
    summary: 'The jobs board: jobs (filtered and paged as the job list) with due state and time in their current stage, and a summary per labeler',
    query: jobsQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await jobBoard(ctx, actor, params.project!, query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job'), response: answers.job, summary: 'Get a job', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/state'), response: answers.jobState, summary: 'The job\'s state: status, counts, and when it entered each stage', action: 'jobs.read',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await jobState(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/cancel'), response: answers.job, summary: 'Cancel a job; its open images return to the batch', action: 'jobs.manage',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await cancelJob(ctx, actor, params.project!, params.job!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/reports/labelers'), response: answers.labelerReport, action: 'jobs.manage',
    summary: 'Per labeler: images labeled, approved, rejected, rework rounds and rate, skips, median and p90 seconds per image; ' +
      'over the project\'s life, or the UTC days `from` to `to` (YYYY-MM-DD)',
    query: reportQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await workReport(ctx, actor, params.project!, 'labeler', query) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/reports/reviewers'), response: answers.reviewerReport, action: 'jobs.manage',
    summary: 'Per reviewer: images reviewed, approved, rejected, and the rejection rate; over the project\'s life, or the UTC days `from` to `to`',
    query: reportQuery,
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await workReport(ctx, actor, params.project!, 'reviewer', query) }),
  }),
];
