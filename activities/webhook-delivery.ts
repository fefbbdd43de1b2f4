// Delivering one event to one webhook: the body (the event as timelines show it), its signature, a
// target checked at every attempt (so a name re-pointed at a private address is refused then too), and
// the attempt recorded on the Delivery.
import { createHmac } from 'node:crypto';
import dns from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { WebhookSettings } from '../config';
import type { Models } from '../db/models';
import { eventId, eventStreamId } from '../domain/events';
import { eventView } from '../domain/event-view';

/** `v1=` HMAC-SHA256 of `${timestamp}.${body}` in hex: what a receiver recomputes with its secret. */
export const signatureOf = (secret: string, timestamp: string, body: string) =>
  `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;

const privateRanges = new net.BlockList();
for (const [net4, bits] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  privateRanges.addSubnet(net4, bits, 'ipv4');
}
for (const [net6, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) privateRanges.addSubnet(net6, bits, 'ipv6');

function isPrivate(address: string, family: number): boolean {
  const mapped = family === 6 && /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? privateRanges.check(mapped[1]!, 'ipv4') : privateRanges.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** The address to connect to, or why the target is refused (loopback, private, link-local, not http). */
export async function resolveTarget(url: string, allowPrivate: boolean): Promise<{ address: string; family: number } | { refused: string }> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { refused: 'not a URL' };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { refused: 'only http and https URLs are delivered to' };
  const host = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  try {
    addresses = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.lookup(host, { all: true });
  } catch {
    return { refused: `${host} does not resolve` };
  }
  if (addresses.length === 0) return { refused: `${host} does not resolve` };
  const inside = addresses.find((a) => isPrivate(a.address, a.family));
  if (inside && !allowPrivate) return { refused: `${host} is a loopback, private or link-local address (${inside.address}); the server does not deliver there` };
  return addresses[0]!;
}

function post(url: string, target: { address: string; family: number }, body: string, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const parsed = new URL(url);
    const client = parsed.protocol === 'https:' ? https : http;
    const req = client.request(url, {
      method: 'POST', headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers },
      // Connect to the address that was checked, not to whatever the name resolves to a moment later.
      lookup: (_host, opts, cb) => ((opts as { all?: boolean }).all
        ? (cb as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [target])
        : cb(null, target.address, target.family)),
      timeout: timeoutMs,
    }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(body);
  });
}

export const deliveryId = (hookId: string, seq: number) => `${hookId}:${seq}`;

export type AttemptOutcome = { delivered: true } | { delivered: false; error: string } | { skipped: 'deleted' | 'disabled' | 'void' };

/**
 * One attempt to deliver the event numbered `seq` to the hook. Idempotent: a delivered one is not sent
 * again (the receiver dedupes by the event id anyway).
 */
export async function attemptDelivery(models: Models, settings: WebhookSettings, hookId: string, seq: number, opts: { replay?: boolean } = {}): Promise<AttemptOutcome> {
  const hook = await models.Webhook.findById(hookId).lean();
  if (!hook) return { skipped: 'deleted' };
  if (!hook.enabled && !opts.replay) return { skipped: 'disabled' };
  const event = await models.Event.findById(eventId(eventStreamId(hook.workspace, hook.project), seq)).lean();
  if (!event || event.state !== 'done') return { skipped: 'void' };
  const id = deliveryId(hookId, seq);
  await models.Delivery.updateOne(
    { _id: id },
    { $setOnInsert: { hookId, seq, eventId: event._id, kind: event.kind, job: event.job ?? null, status: 'pending' } },
    { upsert: true },
  );
  const delivery = (await models.Delivery.findById(id, { status: 1 }).lean())!;
  if (delivery.status === 'delivered' && !opts.replay) return { delivered: true };
  const body = JSON.stringify(eventView(event));
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signatures = [signatureOf(hook.secret, timestamp, body)];
  if (hook.previousSecret && hook.previousUntil && hook.previousUntil > new Date()) signatures.push(signatureOf(hook.previousSecret, timestamp, body));
  const headers = { 'tessera-event-id': event._id, 'tessera-event-kind': event.kind, 'tessera-timestamp': timestamp, 'tessera-signature': signatures.join(',') };
  const started = Date.now();
  let outcome: AttemptOutcome;
  let status: number | undefined;
  const target = await resolveTarget(hook.url, settings.allowPrivate);
  if ('refused' in target) outcome = { delivered: false, error: target.refused };
  else {
    try {
      status = await post(hook.url, target, body, headers, settings.timeoutMs);
      outcome = status >= 200 && status < 300 ? { delivered: true } : { delivered: false, error: `answered ${status}` };
    } catch (err) {
      outcome = { delivered: false, error: (err as Error).message };
    }
  }
  const attempt = { at: new Date(started), ms: Date.now() - started, ...(status !== undefined ? { status } : {}), ...('error' in outcome ? { error: outcome.error } : {}) };
  await models.Delivery.updateOne({ _id: id }, { $push: { attempts: attempt }, ...('delivered' in outcome && outcome.delivered ? { $set: { status: 'delivered' } } : {}) });
  return outcome;
}
