// Beside an image: its comment threads, and reverting its annotation to an earlier version.
import { addComment, deleteComment, editComment, listComments, resolveThread } from '../../usecases/comments';
import { invalid } from '../../usecases/errors';
import { revertAnnotation } from '../../usecases/revert';
import { defineRoute, type RouteSpec } from '../route';
import { commentBody, editCommentBody, resolveCommentBody, revertBody } from '../schemas';
import { p } from './paths';
import * as answers from '../responses';

const commentNumber = (raw: string) => {
  if (!/^[1-9]\d{0,8}$/.test(raw)) throw invalid('comment', 'a comment number this API gave');
  return Number(raw);
};

export const commentsRoutes: RouteSpec[] = [
  defineRoute({
    method: 'get', path: p('/:project/images/:image/comments'), response: answers.commentThreads, summary: 'The image\'s comment threads, oldest first, with replies, edit history and deletions',
    action: 'jobs.read', tags: ['comments'],
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listComments(ctx, actor, params.project!, params.image!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/images/:image/comments'), summary: 'Comment on the image, or reply to a thread (`replyTo`); `@email` mentions of members who can see the image mail them once',
    action: 'jobs.read', tags: ['comments'], body: commentBody,
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await addComment(ctx, actor, params.project!, params.image!, body) }),
  }),
  defineRoute({
    method: 'patch', path: p('/:project/images/:image/comments/:comment'), summary: 'Edit one\'s own comment; the earlier text stays in its history',
    action: 'jobs.read', tags: ['comments'], body: editCommentBody,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await editComment(ctx, actor, params.project!, params.image!, commentNumber(params.comment!), body),
    }),
  }),
  defineRoute({
    method: 'delete', path: p('/:project/images/:image/comments/:comment'), summary: 'Delete a comment (its author or a manager): it stays in the thread, marked deleted, its text in its history',
    action: 'jobs.read', tags: ['comments'], successStatus: 200,
    handler: async (ctx, { actor, params }) => ({
      status: 200, body: await deleteComment(ctx, actor, params.project!, params.image!, commentNumber(params.comment!)),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/images/:image/comments/:comment/resolve'), summary: 'Resolve (or, with `resolved: false`, reopen) the thread of a comment',
    action: 'jobs.read', tags: ['comments'], body: resolveCommentBody, successStatus: 200,
    handler: async (ctx, { actor, params, body }) => ({
      status: 200, body: await resolveThread(ctx, actor, params.project!, params.image!, commentNumber(params.comment!), body),
    }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/images/:image/revert'), summary: 'Revert the image\'s annotation to an earlier version of its job: the shapes become a new version ' +
      '(a draft while the image is open; a manager may revert a submitted or approved one too)',
    action: 'jobs.read', tags: ['timeline'], body: revertBody, successStatus: 200, response: answers.reverted,
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await revertAnnotation(ctx, actor, params.project!, params.image!, body) }),
  }),
];
