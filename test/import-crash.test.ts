// A worker process SIGKILLed while a dataset import is under way: a new worker finishes it, and every
// image of the archive is in the project once, in the import's job once, with its annotation once.
import sharp from 'sharp';
import { expect, it } from 'vitest';
import { crashStack } from './helpers/crash-stack';
import { eventually, imageForm, waitForJob, zipOf } from './helpers/fixtures';

const count = 16;
const width = 2000;
const height = 1500;
const crash = crashStack('import-crash');

/** Large noisy photos (slow enough to be killed in the middle of), each with one box of its own. */
async function cocoArchive(): Promise<{ archive: Buffer; boxes: Map<string, number[]> }> {
  const files: Record<string, Buffer | string> = {};
  const boxes = new Map<string, number[]>();
  const images = [];
  const annotations = [];
  for (let i = 0; i < count; i++) {
    const name = `photo-${i}.jpg`;
    files[`train/${name}`] = await sharp({ create: { width, height, channels: 3, background: { r: i * 12, g: 90, b: 140 }, noise: { type: 'gaussian', mean: 100, sigma: 40 } } }).jpeg().toBuffer();
    const bbox = [10 + i, 20 + i, 100 + 5 * i, 80 + 3 * i];
    boxes.set(name, bbox);
    images.push({ id: i + 1, file_name: name, width, height });
    annotations.push({ id: i + 1, image_id: i + 1, category_id: 1, bbox, area: bbox[2]! * bbox[3]!, iscrowd: 0 });
  }
  files['train/_annotations.coco.json'] = JSON.stringify({ images, annotations, categories: [{ id: 1, name: 'cat' }] });
  return { archive: await zipOf(files), boxes };
}

it('finishes an import after its worker is killed mid-way: each image once, in one job, with its box once', async () => {
  const made = await crash.stack.http.request('POST', '/acme/projects', { key: crash.team.manager, json: { id: 'imported', name: 'Imported', type: 'object-detection', classes: ['cat'] } });
  expect(made.status).toBe(201);
  const { archive, boxes } = await cocoArchive();
  const started = await crash.stack.http.request('POST', '/acme/imported/imports', {
    key: crash.team.manager, form: imageForm([{ name: 'photos.zip', bytes: archive, type: 'application/zip' }], { format: 'coco', reviewerEmail: 'reviewer@acme.test' }),
  });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const importPath = `/acme/imported/imports/${started.body.id}`;
  // Checked and under way: its images are being stored, thumbnailed and submitted.
  await eventually(async () => (await crash.stack.http.request('GET', importPath, { key: crash.team.manager })).body.status === 'importing', 'the import under way', 60_000);
  crash.workers[0]!.proc.kill('SIGKILL');
  expect(await crash.workers[0]!.exited).toBeNull();
  const atKill = (await crash.stack.http.request('GET', importPath, { key: crash.team.manager })).body;
  console.info(`killed with the import ${atKill.status}, ${atKill.submitted ?? 0} of ${count} submitted`);

  await crash.startWorker();
  const done = await eventually(async () => {
    const imp = (await crash.stack.http.request('GET', importPath, { key: crash.team.manager })).body;
    expect(imp.status).not.toBe('failed');
    return imp.status === 'done' && imp;
  }, 'the import after the crash', 120_000);
  expect(done).toMatchObject({ total: count, submitted: count, duplicates: 0, problems: [] });
  const job = await waitForJob(crash.stack, crash.team, 'imported', done.job, (j) => j.status === 'review', 60_000);
  expect(job).toMatchObject({ numImages: count, unannotated: 0, annotated: count, approved: 0, rejected: 0 });

  const listed = await crash.stack.http.request('GET', '/acme/imported/images?limit=100', { key: crash.team.manager });
  expect(listed.body.images).toHaveLength(count);
  expect(new Set(listed.body.images.map((i: { name: string }) => i.name))).toEqual(new Set(boxes.keys()));
  for (const image of listed.body.images as { id: string; name: string; job: string; state: string }[]) {
    expect(image).toMatchObject({ job: done.job, state: 'annotated' });
    const detail = (await crash.stack.http.request('GET', `/acme/imported/images/${image.id}`, { key: crash.team.manager })).body;
    const [x, y, w, h] = boxes.get(image.name)!;
    // Version 1: submitted once, however often the submitting activity ran.
    expect(detail.latestAnnotation, image.name).toMatchObject({ version: 1, draft: false, annotations: [{ class: 'cat', box: { x, y, width: w, height: h } }] });
  }
}, 240_000);
