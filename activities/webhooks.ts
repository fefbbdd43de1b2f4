// A webhook's deliveries, driven by its workflow (workflows/deliver-webhook.ts): walk the project's
// event stream in order from the hook's cursor, deliver each event of its kinds, move the cursor.
import { ApplicationFailure, heartbeat } from '@temporalio/activity';
import type { WebhookSettings } from '../config';
import { settleEvent } from '../db/event-log';
import type { Models } from '../db/models';
import { eventId, eventStreamId } from '../domain/events';
import { attemptDelivery, deliveryId } from './webhook-delivery';

/** A number of the stream seen with no event yet, and since when (settleEvent gives it up after a while). */
export interface WaitingOn { seq: number; since: number }
export interface WebhookBatch { stop?: string; seqs: number[]; cursor: number; waiting?: WaitingOn }

const batchSize = 50;
const pollMs = 250;

export function createWebhookActivities({ models, webhooks }: { models: Models; webhooks: WebhookSettings }) {
  const { Webhook, Event, EventStream, Delivery } = models;
  return {
    /**
     * The next events of the hook's kinds after its cursor, in order, stopping at one not yet settled
     * (its writer may still be finishing it). With nothing new, waits up to `waitMs` for the stream to grow.
     */
    async nextWebhookEvents({ hookId, waiting, waitMs }: { hookId: string; waiting?: WaitingOn; waitMs: number }): Promise<WebhookBatch> {
      const hook = await Webhook.findById(hookId).lean();
      if (!hook) return { stop: 'deleted', seqs: [], cursor: 0 };
      if (!hook.enabled) return { stop: 'disabled', seqs: [], cursor: hook.cursor };
      const stream = eventStreamId(hook.workspace, hook.project);
      const until = Date.now() + waitMs;
      let head = (await EventStream.findById(stream, { seq: 1 }).lean())?.seq ?? 0;
      while (head <= hook.cursor && Date.now() < until) {
        heartbeat();
        await new Promise((r) => setTimeout(r, pollMs));
        head = (await EventStream.findById(stream, { seq: 1 }).lean())?.seq ?? 0;
      }
      const seqs: number[] = [];
      let cursor = hook.cursor;
      const last = Math.min(head, hook.cursor + batchSize);
      const ids = Array.from({ length: last - hook.cursor }, (_, i) => eventId(stream, hook.cursor + 1 + i));
      const docs = new Map((await Event.find({ _id: { $in: ids } }, { seq: 1, state: 1, kind: 1 }).lean()).map((d) => [d.seq, d]));
      for (let seq = hook.cursor + 1; seq <= last; seq++) {
        let doc = docs.get(seq);
        if (!doc || doc.state === 'pending') {
          const since = waiting?.seq === seq ? waiting.since : Date.now();
          const state = await settleEvent(models, stream, seq, since);
          if (state === 'waiting') return { seqs, cursor, waiting: { seq, since } };
          doc = { _id: eventId(stream, seq), seq, state, kind: (await Event.findById(eventId(stream, seq), { kind: 1 }).lean())?.kind ?? 'void' };
        }
        if (doc.state === 'done' && hook.kinds.includes(doc.kind)) seqs.push(seq);
        cursor = seq;
      }
      return { seqs, cursor };
    },

    /** One attempt; a failure is thrown, so the workflow's retry policy spaces the next one. */
    async deliverWebhookEvent({ hookId, seq }: { hookId: string; seq: number }): Promise<string> {
      const outcome = await attemptDelivery(models, webhooks, hookId, seq);
      if ('skipped' in outcome) return outcome.skipped;
      if (!outcome.delivered) throw ApplicationFailure.retryable(`delivery ${deliveryId(hookId, seq)}: ${outcome.error}`, 'DeliveryFailed');
      return 'delivered';
    },

    /** A delivery that used up its attempts: marked failed, to be replayed by hand. */
    async failWebhookDelivery({ hookId, seq }: { hookId: string; seq: number }): Promise<void> {
      await Delivery.updateOne({ _id: deliveryId(hookId, seq), status: 'pending' }, { $set: { status: 'failed' } });
    },

    async advanceWebhook({ hookId, cursor }: { hookId: string; cursor: number }): Promise<void> {
      await Webhook.updateOne({ _id: hookId }, { $max: { cursor } });
    },
  };
}
