// Webhooks through the real stack: a receiver that fails, then hangs, then answers gets every event
// of its kinds exactly once after dedupe by event id, in order per job, each validly signed, even
// when the worker is killed midway; private targets are refused unless allowed; disable, rotate and
// replay.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { resolveTarget } from '../activities/webhook-delivery';
import { catBox, createJob, createProjectWithImages, createTeam, eventually, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { freePort } from '../services/free-port';
import { spawnTs, startWorkerChild, waitForOutput, type Child } from './helpers/processes';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
const workers: Child[] = [];

interface Received { id: string; kind: string; job?: string; seq: number; headers: http.IncomingHttpHeaders; body: string }

/** A receiver whose answers the test decides: `plan` is consumed one entry per request, then 200. */
async function startReceiver(plan: ('fail' | 'hang')[] = []) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      const step = plan.shift();
      if (step === 'hang') return; // past the delivery timeout: the sender gives up on this attempt
      if (step === 'fail') return res.writeHead(500).end('not now');
      const event = JSON.parse(body) as { id: string; kind: string; job?: string; seq: number };
      received.push({ ...event, headers: req.headers, body });
      res.writeHead(200).end('ok');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  return { url, received, close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const validSignature = (secret: string, r: Received) => {
  const expected = `v1=${createHmac('sha256', secret).update(`${String(r.headers['tessera-timestamp'])}.${r.body}`).digest('hex')}`;
  return String(r.headers['tessera-signature']).split(',').includes(expected);
};

beforeAll(async () => {
  stack = await startTestStack('webhooks', {
    worker: false,
    env: { TESSERA_WEBHOOKS_ALLOW_PRIVATE: 'true', TESSERA_WEBHOOK_TIMEOUT_MS: '1000', TESSERA_WEBHOOK_RETRY_INITIAL_MS: '200', TESSERA_WEBHOOK_MAX_ATTEMPTS: '8' },
  });
  await startWorkerChild(stack.env, workers);
  team = await createTeam(stack);
}, 180_000);
afterAll(async () => {
  for (const w of workers) w.proc.kill('SIGKILL');
  await stack?.stop();
});

const kinds = ['image.submitted', 'image.approved', 'image.rejected'];

it('delivers every event once after dedupe, in order per job, signed, through failures, a hang and a killed worker', async () => {
  const receiver = await startReceiver(['fail', 'fail', 'hang']);
  const upload = await createProjectWithImages(stack, team, 'hooked', 4);
  const hook = await stack.http.request('POST', '/acme/hooked/webhooks', { key: team.manager, json: { url: receiver.url, kinds } });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  expect(hook.body.secret).toMatch(/^whsec_/);
  const job = await createJob(stack, team, 'hooked', upload.batch.id, 4);
  const first = await labelNext(stack, team, 'hooked', job.id);
  const second = await labelNext(stack, team, 'hooked', job.id);
  await review(stack, team, 'hooked', job.id, first.imageId, 'reject', 'too loose');
  await eventually(async () => receiver.received.length >= 1, 'a first delivery after the failures and the hang');

  workers[0]!.proc.kill('SIGKILL');
  await workers[0]!.exited;
  // Work goes on with no worker; its events wait in the log.
  await review(stack, team, 'hooked', job.id, second.imageId, 'approve');
  expect((await labelNext(stack, team, 'hooked', job.id)).imageId).toBe(first.imageId);
  await review(stack, team, 'hooked', job.id, first.imageId, 'approve');
  for (let i = 0; i < 2; i++) {
    const { imageId } = await labelNext(stack, team, 'hooked', job.id);
    await review(stack, team, 'hooked', job.id, imageId, 'approve');
  }
  await startWorkerChild(stack.env, workers);

  const expected = (await stack.http.request('GET', '/acme/hooked/timeline?order=oldest&limit=500', { key: team.manager })).body.events
    .filter((e: { kind: string }) => kinds.includes(e.kind));
  expect(expected).toHaveLength(5 + 1 + 4); // submits (one a rework), the rejection, approvals
  await eventually(async () => new Set(receiver.received.map((r) => r.id)).size === expected.length, 'every event delivered', 60_000);
  const firstSeen = [...new Map(receiver.received.map((r) => [r.id, r])).values()];
  expect(firstSeen.map((r) => r.id).sort()).toEqual(expected.map((e: { id: string }) => e.id).sort());
  // In order per job: the stream's numbers only grow, within the job.
  const seqs = receiver.received.filter((r) => r.job === job.id).map((r) => r.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
  for (const r of receiver.received) {
    expect(validSignature(hook.body.secret, r), `signature of ${r.id}`).toBe(true);
    expect(r.headers['tessera-event-id']).toBe(r.id);
  }
  const submitted = firstSeen.find((r) => r.kind === 'image.submitted')!;
  expect(JSON.parse(submitted.body)).toMatchObject({ job: job.id, data: { annotations: catBox.annotations } });

  const deliveries = await stack.http.request('GET', `/acme/hooked/webhooks/${hook.body.id}/deliveries?limit=200`, { key: team.manager });
  expect(deliveries.body.deliveries).toHaveLength(expected.length);
  const oldest = deliveries.body.deliveries.at(-1);
  expect(oldest.status).toBe('delivered');
  expect(oldest.attempts.map((a: { status: number | null; error: string | null }) => a.status ?? 'timeout')).toEqual([500, 500, 'timeout', 200]);
  await receiver.close();
}, 180_000);

it('refuses loopback and private targets unless the server allows them', async () => {
  for (const url of ['http://127.0.0.1/x', 'http://10.1.2.3/x', 'http://169.254.169.254/latest', 'http://[::1]/x', 'http://localhost/x']) {
    expect(await resolveTarget(url, false), url).toMatchObject({ refused: expect.stringContaining('private') });
  }
  expect(await resolveTarget('ftp://example.com/x', false)).toMatchObject({ refused: expect.stringContaining('http') });
  expect(await resolveTarget('http://127.0.0.1/x', true)).toMatchObject({ address: '127.0.0.1' });
  const bad = await stack.http.request('POST', '/acme/hooked/webhooks', { key: team.manager, json: { url: 'gopher://x', kinds } });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body.error)).toContain('url');
  expect((await stack.http.request('POST', '/acme/hooked/webhooks', { key: team.labeler, json: { url: 'http://127.0.0.1/', kinds } })).status).toBe(403);
});

it('stops delivering when disabled and resumes where it stopped; a rotated secret signs, with the old one for a while; a delivery replays', async () => {
  const receiver = await startReceiver();
  const upload = await createProjectWithImages(stack, team, 'toggled', 3);
  const hook = (await stack.http.request('POST', '/acme/toggled/webhooks', { key: team.manager, json: { url: receiver.url, kinds: ['image.submitted'] } })).body;
  const job = await createJob(stack, team, 'toggled', upload.batch.id, 3);
  await labelNext(stack, team, 'toggled', job.id);
  await eventually(async () => receiver.received.length === 1, 'the first submit delivered');
  const off = await stack.http.request('PATCH', `/acme/toggled/webhooks/${hook.id}`, { key: team.manager, json: { enabled: false } });
  expect(off.body.enabled).toBe(false);
  await labelNext(stack, team, 'toggled', job.id);
  await new Promise((r) => setTimeout(r, 2000));
  expect(receiver.received).toHaveLength(1);

  const rotated = await stack.http.request('POST', `/acme/toggled/webhooks/${hook.id}/rotate-secret`, { key: team.manager });
  expect(rotated.body.secret).not.toBe(hook.secret);
  expect(rotated.body.previousSecretValidUntil).toBeTruthy();
  await stack.http.request('PATCH', `/acme/toggled/webhooks/${hook.id}`, { key: team.manager, json: { enabled: true } });
  await eventually(async () => receiver.received.length === 2, 'the submit made while disabled, delivered on enabling');
  const resumed = receiver.received[1]!;
  expect(validSignature(rotated.body.secret, resumed)).toBe(true);
  expect(validSignature(hook.secret, resumed)).toBe(true);

  const replay = await stack.http.request('POST', `/acme/toggled/webhooks/${hook.id}/deliveries/${receiver.received[0]!.seq}/replay`, { key: team.manager });
  expect(replay.status, JSON.stringify(replay.body)).toBe(200);
  expect(replay.body.attempts).toHaveLength(2);
  expect(receiver.received.filter((r) => r.id === receiver.received[0]!.id)).toHaveLength(2);
  expect((await stack.http.request('GET', `/acme/toggled/webhooks/${hook.id}`, { key: team.manager })).body).not.toHaveProperty('secret');
  await receiver.close();
}, 120_000);

it('runs the automated review example: a tiny box is rejected with the reason, the fix is approved, the job completes', async () => {
  const upload = await createProjectWithImages(stack, team, 'auto', 1);
  const port = await freePort();
  const hook = (await stack.http.request('POST', '/acme/auto/webhooks', { key: team.manager, json: { url: `http://127.0.0.1:${port}/`, kinds: ['image.submitted'] } })).body;
  const reviewer = spawnTs('examples/automated-review/review.ts', {
    TESSERA_API: `${stack.api.url}/api`, TESSERA_WORKSPACE: 'acme', TESSERA_API_KEY: team.reviewer, WEBHOOK_SECRET: hook.secret, PORT: String(port), MIN_BOX_SIDE: '8',
  });
  try {
    await waitForOutput(reviewer, /listening/);
    const job = await createJob(stack, team, 'auto', upload.batch.id, 1);
    const next = await stack.http.request('POST', `/acme/auto/jobs/${job.id}/next`, { key: team.labeler });
    const image = next.body.image.id as string;
    const annotation = `/acme/auto/jobs/${job.id}/images/${image}/annotation`;
    const tiny = { annotations: [{ class: 'cat', box: { x: 1, y: 1, width: 3, height: 3 } }] };
    expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: tiny })).status).toBe(200);
    await waitForJob(stack, team, 'auto', job.id, (j) => j.rejected === 1);
    const rework = await stack.http.request('POST', `/acme/auto/jobs/${job.id}/next`, { key: team.labeler });
    expect(rework.body).toMatchObject({ image: { id: image }, rework: { round: 1, reason: expect.stringContaining('smaller than 8 px') } });
    expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: catBox })).status).toBe(200);
    await waitForJob(stack, team, 'auto', job.id, (j) => j.status === 'complete', 60_000);
    const dataset = (await stack.http.request('GET', '/acme/auto/dataset', { key: team.manager })).body;
    expect(dataset.images[0]).toMatchObject({ id: image, annotations: catBox.annotations });
    expect(reviewer.output()).toMatch(/approve → 200/);
  } finally {
    reviewer.proc.kill('SIGKILL');
  }
}, 120_000);
