// A worker process SIGKILLed while it writes an export: a new worker writes it again from the start,
// the zip appears whole (its checksum matches its bytes, a loader opens it), and asking for the same
// export again serves that one.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { crashStack } from './helpers/crash-stack';
import { eventually, imageForm, review, waitForJob } from './helpers/fixtures';
import { runPython } from './helpers/python';

const count = 16;
const crash = crashStack('exports-crash');

it('writes an export again from the start after its worker is killed mid-way, and serves it whole', async () => {
  const made = await crash.stack.http.request('POST', '/acme/projects', { key: crash.team.manager, json: { id: 'crash', name: 'Crash', type: 'classification', classes: ['cat', 'dog'] } });
  expect(made.status).toBe(201);
  // Large noisy photos, rendered smaller by the version: slow enough to be killed in the middle of.
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => ({
    name: `photo-${i}.jpg`, type: 'image/jpeg',
    bytes: await sharp({ create: { width: 2000, height: 1500, channels: 3, background: { r: i * 10, g: 80, b: 120 }, noise: { type: 'gaussian', mean: 100, sigma: 40 } } }).jpeg().toBuffer(),
  })));
  const up = await crash.stack.http.request('POST', '/acme/crash/images', { key: crash.team.manager, form: imageForm(files) });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const job = await crash.stack.http.request('POST', '/acme/crash/jobs', {
    key: crash.team.manager, json: { name: 'crash', batch: up.body.batch.id, num_images: count, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  for (let i = 0; i < count; i++) {
    const next = await crash.stack.http.request('POST', `/acme/crash/jobs/${job.body.id}/next`, { key: crash.team.labeler });
    await crash.stack.http.request('PUT', `/acme/crash/jobs/${job.body.id}/images/${next.body.image.id}/annotation`, { key: crash.team.labeler, json: { annotations: [{ class: i % 2 ? 'cat' : 'dog' }] } });
    await review(crash.stack, crash.team, 'crash', job.body.id, next.body.image.id, 'approve');
  }
  await waitForJob(crash.stack, crash.team, 'crash', job.body.id, (j) => j.status === 'complete', 60_000);
  const version = await crash.stack.http.request('POST', '/acme/crash/versions', { key: crash.team.manager, json: { preprocessing: { resize: { width: 1200, height: 1200, fit: 'fit-black' } } } });
  await eventually(async () => (await crash.stack.http.request('GET', `/acme/crash/versions/${version.body.id}`, { key: crash.team.manager })).body.status === 'ready', 'the version');

  const tmp = path.join(crash.stack.config.dataDir, 'images', 'tmp');
  const writing = async () => (await fs.readdir(tmp).catch(() => [])).length > 0;
  const asked = await crash.stack.http.request('POST', `/acme/crash/versions/${version.body.id}/exports`, { key: crash.team.manager, json: { format: 'folders' } });
  expect(asked.status).toBe(202);
  await eventually(writing, 'the zip being written', 60_000);
  crash.workers[0]!.proc.kill('SIGKILL');
  await crash.workers[0]!.exited;
  const exportPath = `/acme/crash/versions/${version.body.id}/exports/${asked.body.id}`;
  expect((await crash.stack.http.request('GET', exportPath, { key: crash.team.manager })).body.status).toBe('building');

  await crash.startWorker();
  const ready = await eventually(async () => {
    const e = await crash.stack.http.request('GET', exportPath, { key: crash.team.manager });
    return e.body.status === 'ready' && e.body;
  }, 'the export after the crash', 120_000);
  expect(ready.progress).toEqual({ done: count, total: count });

  const res = await fetch(`${crash.stack.api.url}${ready.download}`, { headers: { authorization: `Bearer ${crash.team.manager}` } });
  const bytes = Buffer.from(await res.arrayBuffer());
  expect(bytes.length).toBe(ready.bytes);
  expect(createHash('sha256').update(bytes).digest('hex')).toBe(ready.sha256);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-exports-crash-'));
  await fs.writeFile(path.join(dir, 'export.zip'), bytes);
  const opened = await runPython('open_export.py', ['folders', path.join(dir, 'export.zip')]);
  expect(opened.code, opened.stderr.slice(-2000)).toBe(0);
  expect(Object.keys(JSON.parse(opened.stdout).splits.train)).toHaveLength(count);
  await fs.rm(dir, { recursive: true, force: true });

  const again = await crash.stack.http.request('POST', `/acme/crash/versions/${version.body.id}/exports`, { key: crash.team.manager, json: { format: 'folders' } });
  expect(again.status).toBe(200);
  expect(again.body).toMatchObject({ id: asked.body.id, sha256: ready.sha256 });
}, 300_000);
