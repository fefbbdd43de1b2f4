// Nothing acknowledged is lost and nothing is made twice when the images worker dies mid-ingestion: a
// real worker process is SIGKILLed while it makes the thumbnails and previews of a 50-image upload,
// and a new worker process finishes them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { crashStack } from './helpers/crash-stack';
import { eventually, imageForm } from './helpers/fixtures';
import { solidJpeg } from './helpers/hostile-images';

const crash = crashStack('ingest-crash', { firstWorker: false });

const images = (...parts: string[]) => path.join(crash.stack.config.dataDir, 'images', ...parts);

/** Blob files under a folder of the store (sharded by the hash's first two characters). */
async function blobs(folder: string): Promise<string[]> {
  const shards = await fs.readdir(images(folder)).catch(() => []);
  const names = await Promise.all(shards.map((s) => fs.readdir(images(folder, s))));
  return names.flat();
}

/** The peak resident memory of a process, in MB (Linux). */
async function peakMemoryMb(pid: number): Promise<number> {
  const status = await fs.readFile(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)![1]) / 1024;
}

beforeAll(async () => {
  const res = await crash.stack.http.request('POST', '/acme/projects', { key: crash.team.manager, json: { id: 'crash', name: 'Crash', type: 'classification', classes: ['cat'] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});

it('makes every thumbnail and preview exactly once after the worker is killed mid-ingestion', async () => {
  const count = 50;
  // Big enough that making the previews takes the worker a few seconds.
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => ({ name: `photo-${i}.jpg`, bytes: await solidJpeg(i + 1, 3000, 2000) })));
  const first = await crash.startWorker();
  const res = await crash.stack.http.request('POST', '/acme/crash/images', { key: crash.team.manager, form: imageForm(files) });
  expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(201);
  expect(res.body.images).toHaveLength(count);

  await eventually(async () => (await blobs('previews')).length >= 3, 'the first previews', 30_000);
  first.proc.kill('SIGKILL');
  expect(await first.exited).toBeNull();
  const madeBeforeKill = (await blobs('previews')).length;
  expect(madeBeforeKill, 'the worker was killed before it finished').toBeLessThan(count);
  const midway = await crash.stack.http.request('GET', `/acme/crash/uploads/${res.body.id}`, { key: crash.team.manager });
  expect(midway.body).toMatchObject({ status: 'processing', progress: { total: count } });

  const second = await crash.startWorker();
  const restartedAt = Date.now();
  const done = await eventually(async () => {
    const r = await crash.stack.http.request('GET', `/acme/crash/uploads/${res.body.id}`, { key: crash.team.manager });
    return r.body.status === 'done' && r.body;
  }, 'the upload done on the new worker', 60_000);
  console.info(`${madeBeforeKill} of ${count} previews made before the kill; the rest ${Date.now() - restartedAt} ms after the new worker started; ` +
    `its peak memory ${Math.round(await peakMemoryMb(second.proc.pid!))} MB`);

  // The answer the upload gave stands, and every file is done.
  expect(done).toMatchObject({ progress: { done: count, total: count }, images: res.body.images, errors: [] });
  expect(new Set(done.images.map((i: { id: string }) => i.id)).size).toBe(count);
  // Each image exists once, with its original, thumbnail and preview made once (they are named by the image's hash).
  const recorded = await crash.stack.db.models.Image.find({ workspace: 'acme', project: 'crash' }, { derivatives: 1 }).lean();
  expect(recorded).toHaveLength(count);
  expect(recorded.every((i) => i.derivatives === 'ready')).toBe(true);
  for (const folder of ['originals', 'thumbnails', 'previews']) expect(await blobs(folder), folder).toHaveLength(count);
  expect(await fs.readdir(images('staging')).catch(() => []), 'staging is emptied').toEqual([]);
  // Two images at a time on one thread each: the worker stays far below what 50 decoded photos take.
  expect(await peakMemoryMb(second.proc.pid!)).toBeLessThan(600);
}, 120_000);
