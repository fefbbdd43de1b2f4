// A manager's commands on a job: each answers with what it changed, or why it was refused.
import { acceptImages, editJob, listEscalated, moveImages, reassignJob, sendBackImages } from '../../usecases/job-commands';
import { defineRoute, type RouteSpec } from '../route';
import { acceptBody, editJobBody, moveImagesBody, reassignBody, sendBackBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

export const jobCommandRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/accept'), action: 'jobs.manage', idempotent: true, successStatus: 200,
    summary: 'Accept images into the dataset with their splits (one split, `keep`, or percentages or counts drawn by a seed); `annotated` among `statuses` adds unreviewed images early',
    body: acceptBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await acceptImages(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/send-back'), action: 'jobs.manage', idempotent: true, successStatus: 200,
    summary: 'Send selected images back to unannotated (skipped ones re-enter the stream); images in the dataset stay',
    body: sendBackBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await sendBackImages(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/move'), action: 'jobs.manage', idempotent: true, successStatus: 200,
    summary: 'Move selected images to another running job of the project (`to`), or back to their batch (`to: null`)',
    body: moveImagesBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await moveImages(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/jobs/:job/reassign'), action: 'jobs.manage', successStatus: 200,
    summary: 'Name a new labeler and/or reviewer; both are told, and the old labeler\'s reserved images are released',
    body: reassignBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await reassignJob(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'patch', path: p('/:project/jobs/:job'), response: answers.job, action: 'jobs.manage',
    summary: 'Rename a job, change its instructions, or set (ISO time) or clear (null) its due date',
    body: editJobBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await editJob(ctx, actor, params.project!, params.job!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/jobs/:job/escalated'), action: 'jobs.manage',
    summary: 'Images past the project\'s rework round limit, waiting on a manager (send them back to resume)',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listEscalated(ctx, actor, params.project!, params.job!) }),
  }),
];
