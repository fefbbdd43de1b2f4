// A worker process SIGKILLed while it writes an export: a new worker writes it again from the start,
// the zip appears whole (its checksum matches its bytes, a loader opens it), and asking for the same
// export again serves that one.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTeam, eventually, imageForm, review, waitForJob, type Team } from './helpers/fixtures';
import { startWorkerChild, type Child } from './helpers/processes';
import { runPython } from './helpers/python';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
const workers: Child[] = [];
const count = 16;

beforeAll(async () => {
  stack = await startTestStack('exports-crash', { worker: false });
  team = await createTeam(stack);
  await startWorkerChild(stack.env, workers);
}, 60_000);
afterAll(async () => {
  for (const w of workers) w.proc.kill('SIGKILL');
  await stack?.stop();
});

it('writes an export again from the start after its worker is killed mid-way, and serves it whole', async () => {
  const made = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'crash', name: 'Crash', type: 'classification', classes: ['cat', 'dog'] } });
  expect(made.status).toBe(201);
  // Large noisy photos, rendered smaller by the version: slow enough to be killed in the middle of.
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => ({
    name: `photo-${i}.jpg`, type: 'image/jpeg',
    bytes: await sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: i * 10, g: 80, b: 120 }, noise: { type: 'gaussian', mean: 100, sigma: 40 } } }).jpeg().toBuffer(),
  })));
  const up = await stack.http.request('POST', '/acme/crash/images', { key: team.manager, form: imageForm(files) });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const job = await stack.http.request('POST', '/acme/crash/jobs', {
    key: team.manager, json: { name: 'crash', batch: up.body.batch.id, num_images: count, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  for (let i = 0; i < count; i++) {
    const next = await stack.http.request('POST', `/acme/crash/jobs/${job.body.id}/next`, { key: team.labeler });
    await stack.http.request('PUT', `/acme/crash/jobs/${job.body.id}/images/${next.body.image.id}/annotation`, { key: team.labeler, json: { annotations: [{ class: i % 2 ? 'cat' : 'dog' }] } });
    await review(stack, team, 'crash', job.body.id, next.body.image.id, 'approve');
  }
  await waitForJob(stack, team, 'crash', job.body.id, (j) => j.status === 'complete', 60_000);
  const version = await stack.http.request('POST', '/acme/crash/versions', { key: team.manager, json: { preprocessing: { resize: { width: 1200, height: 1200, fit: 'fit-black' } } } });
  await eventually(async () => (await stack.http.request('GET', `/acme/crash/versions/${version.body.id}`, { key: team.manager })).body.status === 'ready', 'the version');

  const tmp = path.join(stack.config.dataDir, 'images', 'tmp');
  const writing = async () => (await fs.readdir(tmp).catch(() => [])).length > 0;
  const asked = await stack.http.request('POST', `/acme/crash/versions/${version.body.id}/exports`, { key: team.manager, json: { format: 'folders' } });
  expect(asked.status).toBe(202);
  await eventually(writing, 'the zip being written', 60_000);
  workers[0]!.proc.kill('SIGKILL');
  await workers[0]!.exited;
  const exportPath = `/acme/crash/versions/${version.body.id}/exports/${asked.body.id}`;
  expect((await stack.http.request('GET', exportPath, { key: team.manager })).body.status).toBe('building');

  await startWorkerChild(stack.env, workers);
  const ready = await eventually(async () => {
    const e = await stack.http.request('GET', exportPath, { key: team.manager });
    return e.body.status === 'ready' && e.body;
  }, 'the export after the crash', 120_000);
  expect(ready.progress).toEqual({ done: count, total: count });

  const res = await fetch(`${stack.api.url}${ready.download}`, { headers: { authorization: `Bearer ${team.manager}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(ready.bytes);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(ready.sha256);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-exports-crash-'));
  await fs.writeFile(path.join(dir, 'export.zip'), bytes);
  const opened = await runPython('open_export.py', ['folders', path.join(dir, 'export.zip')]);
  expect(opened.code, opened.stderr.slice(-2000)).toBe(0);
  expect(Object.keys(JSON.parse(opened.stdout).splits.train)).toHaveLength(count);
  await fs.rm(dir, { recursive: true, force: true });

  const again = await stack.http.request('POST', `/acme/crash/versions/${version.body.id}/exports`, { key: team.manager, json: { format: 'folders' } });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id: asked.body.id, sha256: ready.sha256 });
}, 300_000);
