// Webhooks of a project (managers): register, change, disable, rotate the secret, see and replay deliveries.
import { invalid } from '../../usecases/errors';
import {
  createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks, replayDelivery, rotateWebhookSecret, updateWebhook,
} from '../../usecases/webhooks';
import { defineRoute, type RouteSpec } from '../route';
import { createWebhookBody, deliveriesQuery, updateWebhookBody } from '../schemas';
import { p } from './paths';

const tags = ['webhooks'];
const deliveryNumber = (raw: string) => {
  if (!/^[1-9]\d{0,14}$/.test(raw)) throw invalid('delivery', 'a delivery id this API gave');
  return Number(raw);
};

export const webhooksRoutes: RouteSpec[] = [
  defineRoute({
    method: 'post', path: p('/:project/webhooks'), action: 'jobs.manage', tags, body: createWebhookBody,
    summary: 'Register a URL for events of the given kinds from now on; the answer shows the signing secret, once',
    handler: async (ctx, { actor, params, body }) => ({ status: 201, body: await createWebhook(ctx, actor, params.project!, body) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/webhooks'), action: 'jobs.manage', tags, summary: 'The project\'s webhooks (secrets never shown)',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await listWebhooks(ctx, actor, params.project!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/webhooks/:hook'), action: 'jobs.manage', tags, summary: 'One webhook',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await getWebhook(ctx, actor, params.project!, params.hook!) }),
  }),
  defineRoute({
    method: 'patch', path: p('/:project/webhooks/:hook'), action: 'jobs.manage', tags, body: updateWebhookBody,
    summary: 'Change the URL, kinds or description; `enabled: false` stops deliveries, `true` resumes them where they stopped',
    handler: async (ctx, { actor, params, body }) => ({ status: 200, body: await updateWebhook(ctx, actor, params.project!, params.hook!, body) }),
  }),
  defineRoute({
    method: 'delete', path: p('/:project/webhooks/:hook'), action: 'jobs.manage', tags, successStatus: 200, summary: 'Delete a webhook: no more deliveries',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await deleteWebhook(ctx, actor, params.project!, params.hook!) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/webhooks/:hook/rotate-secret'), action: 'jobs.manage', tags, successStatus: 200,
    summary: 'A new signing secret, shown once; for 24 hours deliveries carry a second signature with the old one',
    handler: async (ctx, { actor, params }) => ({ status: 200, body: await rotateWebhookSecret(ctx, actor, params.project!, params.hook!) }),
  }),
  defineRoute({
    method: 'get', path: p('/:project/webhooks/:hook/deliveries'), action: 'jobs.manage', tags, query: deliveriesQuery,
    summary: 'Deliveries newest first with every attempt (status code or error, time); filter by `status`; pass `next` as `after`',
    handler: async (ctx, { actor, params, query }) => ({ status: 200, body: await listDeliveries(ctx, actor, params.project!, params.hook!, query) }),
  }),
  defineRoute({
    method: 'post', path: p('/:project/webhooks/:hook/deliveries/:delivery/replay'), action: 'jobs.manage', tags, successStatus: 200,
    summary: 'Send a delivery again now (a failed one, or any), recording the attempt',
    handler: async (ctx, { actor, params }) => ({
      status: 200, body: await replayDelivery(ctx, actor, params.project!, params.hook!, deliveryNumber(params.delivery!)),
    }),
  }),
];
