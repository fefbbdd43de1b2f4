// Dataset versions and exports through the real API and workers, opened by the standard loaders
// (pycocotools, supervision) from the project's Python environment.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportFileName } from '../domain/export-formats';
import { createTeam, eventually, imageForm, pngImage, review, waitForJob, zipOf, type Team } from './helpers/fixtures';
import { runPython } from './helpers/python';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let tmp: string;

interface Shape { class: string; box?: { x: number; y: number; width: number; height: number }; polygon?: [number, number][] }
type Plan = (i: number) => Shape[];

const detection: Plan = (i) => [
  { class: i % 2 ? 'cat' : 'dog', box: { x: 2 + i, y: 3, width: 20, height: 15 } },
  { class: 'dog', box: { x: 30, y: 20, width: 10 + i, height: 12 } },
];
const segmentation: Plan = (i) => [
  { class: 'cat', polygon: [[2 + i, 2], [30, 4], [20, 30]] },
  { class: i % 2 ? 'dog' : 'cat', polygon: [[35, 10], [60, 10], [60, 40], [35, 40]] },
];
const classification: Plan = (i) => [{ class: i % 3 === 0 ? 'cat' : 'dog' }];

/** A project whose images are all labeled by `plan`, approved, and in the dataset, through the API. */
async function labeledDataset(project: string, type: string, count: number, plan: Plan, seed: number, splits?: Record<string, number>) {
  const made = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: project, name: project, type, classes: ['cat', 'dog'] } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const jobId = await labelImages(project, count, plan, seed);
  if (splits) {
    const accepted = await stack.http.request('POST', `/acme/${project}/jobs/${jobId}/accept`, { key: team.manager, json: { splits, mode: 'count', seed: 7 } });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  }
  return dataset(project);
}

/** Uploads `count` images, labels each by `plan` in one job, approves them all and waits until they are in the dataset. */
async function labelImages(project: string, count: number, plan: Plan, seed: number) {
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => ({ name: `${project}-${seed + i}.png`, bytes: await pngImage(seed + i) })));
  const up = await stack.http.request('POST', `/acme/${project}/images`, { key: team.manager, form: imageForm(files) });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  const job = await stack.http.request('POST', `/acme/${project}/jobs`, {
    key: team.manager, json: { name: `${project} job ${seed}`, batch: up.body.batch.id, num_images: count, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  expect(job.status, JSON.stringify(job.body)).toBe(201);
  const order: string[] = up.body.images.map((img: { id: string }) => img.id);
  for (let n = 0; n < count; n++) {
    const next = await stack.http.request('POST', `/acme/${project}/jobs/${job.body.id}/next`, { key: team.labeler });
    expect(next.status).toBe(200);
    const imageId = next.body.image.id as string;
    const put = await stack.http.request('PUT', `/acme/${project}/jobs/${job.body.id}/images/${imageId}/annotation`, {
      key: team.labeler, json: { annotations: plan(order.indexOf(imageId)) },
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    await review(stack, team, project, job.body.id, imageId, 'approve');
  }
  await waitForJob(stack, team, project, job.body.id, (j) => j.status === 'complete');
  return job.body.id as string;
}

async function dataset(project: string) {
  const res = await stack.http.request('GET', `/acme/${project}/dataset?limit=1000`, { key: team.manager });
  return res.body.images as { id: string; name: string; width: number; height: number; split: string; annotations: Shape[] }[];
}

async function readyVersion(project: string, preprocessing: unknown = {}) {
  const made = await stack.http.request('POST', `/acme/${project}/versions`, { key: team.manager, json: { preprocessing } });
  expect(made.status, JSON.stringify(made.body)).toBe(202);
  return eventually(async () => {
    const v = await stack.http.request('GET', `/acme/${project}/versions/${made.body.id}`, { key: team.manager });
    return v.body.status === 'ready' && v.body;
  }, `version ${made.body.id} of ${project}`);
}

async function readyExport(project: string, version: number, format: string, images = true) {
  const asked = await stack.http.request('POST', `/acme/${project}/versions/${version}/exports`, { key: team.manager, json: { format, images } });
  expect([200, 202], JSON.stringify(asked.body)).toContain(asked.status);
  return eventually(async () => {
    const e = await stack.http.request('GET', `/acme/${project}/versions/${version}/exports/${asked.body.id}`, { key: team.manager });
    expect(e.body.status).not.toBe('failed');
    return e.body.status === 'ready' && e.body;
  }, `${format} export of ${project} v${version}`, 60_000);
}

async function download(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.api.url}${url}`, { headers: { authorization: `Bearer ${team.manager}`, ...headers } });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** Downloads the export and opens it with the loaders; answers what they read. */
async function openExport(format: string, exp: { download: string; id: string }) {
  const { res, bytes } = await download(exp.download);
  expect(res.status).toBe(200);
  const file = path.join(tmp, `${exp.id}.zip`);
  await fs.writeFile(file, bytes);
  const run = await runPython('open_export.py', [format, file]);
  expect(run.code, run.stderr.slice(-3000)).toBe(0);
  return JSON.parse(run.stdout) as { splits: Record<string, Record<string, (number | string)[][]>>; ap: Record<string, Record<string, number>>; files: string[] };
}

/** What Tessera holds, as the loaders report it: per file, `[x1, y1, x2, y2, class]` sorted. */
function expectedBoxes(images: Awaited<ReturnType<typeof dataset>>) {
  return Object.fromEntries(images.map((img) => [
    exportFileName(img.name, img.id, 'png'),
    img.annotations.map((a) => {
      const xs = a.box ? [a.box.x, a.box.x + a.box.width] : a.polygon!.map((p) => p[0]);
      const ys = a.box ? [a.box.y, a.box.y + a.box.height] : a.polygon!.map((p) => p[1]);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys), a.class] as (number | string)[];
    }).sort((p, q) => String(p[4]).localeCompare(String(q[4])) || (p[0] as number) - (q[0] as number) || (p[1] as number) - (q[1] as number)),
  ]));
}

function expectSameBoxes(read: Record<string, (number | string)[][]>, expected: ReturnType<typeof expectedBoxes>, tolerance: number) {
  expect(Object.keys(read).sort()).toEqual(Object.keys(expected).sort());
  for (const [file, rows] of Object.entries(expected)) {
    const got = read[file]!;
    expect(got.map((r) => r[4]), file).toEqual(rows.map((r) => r[4]));
    got.forEach((r, k) => r.slice(0, 4).forEach((v, c) => expect(Math.abs((v as number) - (rows[k]![c] as number)), `${file} box ${k}`).toBeLessThanOrEqual(tolerance)));
  }
}

/** Imports a dataset archive into a new project; answers the import as it ended, once every image awaits review. */
async function importArchive(project: string, type: string, format: string, file: { name: string; bytes: Buffer }) {
  const made = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: project, name: project, type, classes: ['dog'] } });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const form = imageForm([{ ...file, type: 'application/zip' }], { format, reviewerEmail: 'reviewer@acme.test' });
  const started = await stack.http.request('POST', `/acme/${project}/imports`, { key: team.manager, form });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const done = await eventually(async () => {
    const imp = await stack.http.request('GET', `/acme/${project}/imports/${started.body.id}`, { key: team.manager });
    expect(imp.body.status).not.toBe('failed');
    return imp.body.status === 'done' && imp.body;
  }, `import into ${project}`, 60_000);
  await waitForJob(stack, team, project, done.job, (j) => j.status === 'review');
  return done;
}

/** Approves every image of the job and waits until they are in the dataset. */
async function approveAll(project: string, jobId: string) {
  const listed = await stack.http.request('GET', `/acme/${project}/images?job=${jobId}&state=annotated&limit=100`, { key: team.manager });
  expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  for (const img of listed.body.images as { id: string }[]) await review(stack, team, project, jobId, img.id, 'approve');
  await waitForJob(stack, team, project, jobId, (j) => j.status === 'complete');
}

/** The dataset keyed by the file name its export gives each image, with coordinates to 1/1000 px. */
function byExportName(images: Awaited<ReturnType<typeof dataset>>) {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  return Object.fromEntries(images.map((img) => [exportFileName(img.name, img.id, 'png').replace(/_[0-9a-f]{24}\./, '.'), {
    split: img.split,
    annotations: img.annotations.map((a) => ({
      class: a.class,
      ...(a.box ? { box: { x: round(a.box.x), y: round(a.box.y), width: round(a.box.width), height: round(a.box.height) } } : {}),
      ...(a.polygon ? { polygon: a.polygon.map(([x, y]) => [round(x), round(y)]) } : {}),
    })),
  }]));
}

beforeAll(async () => {
  stack = await startTestStack('exports');
  team = await createTeam(stack);
  tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-exports-test-'));
}, 60_000);
afterAll(async () => {
  await stack?.stop();
  if (tmp) await fs.rm(tmp, { recursive: true, force: true });
});

describe('dataset versions and exports', () => {
  it('exports boxes as COCO, YOLO and Pascal VOC that pycocotools and supervision read back unchanged', async () => {
    const images = await labeledDataset('det', 'object-detection', 5, detection, 100, { train: 3, valid: 1, test: 1 });
    const version = await readyVersion('det');
    expect(version).toMatchObject({ id: 1, images: 5, progress: { done: 5, total: 5 }, classes: ['cat', 'dog'], splits: { train: 3, valid: 1, test: 1 } });

    const coco = await openExport('coco', await readyExport('det', 1, 'coco'));
    const yolo = await openExport('yolo', await readyExport('det', 1, 'yolo'));
    expect(yolo.files).toContain('data.yaml');
    const voc = await openExport('voc', await readyExport('det', 1, 'voc'));
    for (const split of ['train', 'valid', 'test']) {
      const expected = expectedBoxes(images.filter((img) => img.split === split));
      expect(coco.ap[split]).toEqual({ bbox: 1 });
      expectSameBoxes(coco.splits[split]!, expected, 0.001);
      expectSameBoxes(yolo.splits[split]!, expected, 0.01);
      expectSameBoxes(voc.splits[split]!, expected, 0.001);
    }

    const labelsOnly = await openExport('coco', await readyExport('det', 1, 'coco', false));
    expect(labelsOnly.files).toEqual(['test/_annotations.coco.json', 'train/_annotations.coco.json', 'valid/_annotations.coco.json']);
    expect(labelsOnly.ap.train).toEqual({ bbox: 1 });
  });

  it('exports polygons as COCO segmentation and YOLO segmentation, and classifications as class folders', async () => {
    const images = await labeledDataset('seg', 'instance-segmentation', 4, segmentation, 200);
    await readyVersion('seg');
    const expected = expectedBoxes(images);
    const coco = await openExport('coco', await readyExport('seg', 1, 'coco'));
    expect(coco.ap.train).toEqual({ bbox: 1, segm: 1 });
    expectSameBoxes(coco.splits.train!, expected, 0.001);
    const yoloSeg = await openExport('yolo-seg', await readyExport('seg', 1, 'yolo-seg'));
    expectSameBoxes(yoloSeg.splits.train!, expected, 1);

    const classes = await labeledDataset('cls', 'classification', 4, classification, 300);
    await readyVersion('cls');
    const folders = await openExport('folders', await readyExport('cls', 1, 'folders'));
    expect(folders.splits.train).toEqual(Object.fromEntries(classes.map((img) => [exportFileName(img.name, img.id, 'png'), [img.annotations[0]!.class]])));
    const refused = await stack.http.request('POST', '/acme/cls/versions/1/exports', { key: team.manager, json: { format: 'coco' } });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.fields[0].path).toBe('format');
  });

  it('serves the same export twice, with Content-Length, ranges and its sha256 as ETag and Repr-Digest', async () => {
    const first = await readyExport('det', 1, 'yolo');
    const again = await stack.http.request('POST', '/acme/det/versions/1/exports', { key: team.manager, json: { format: 'yolo', images: true } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ id: first.id, sha256: first.sha256, bytes: first.bytes });

    const whole = await download(first.download);
    expect(whole.res.headers.get('content-length')).toBe(String(first.bytes));
    expect(whole.res.headers.get('accept-ranges')).toBe('bytes');
    const sha256 = createHash('sha256').update(whole.bytes).digest();
    expect(whole.res.headers.get('etag')).toBe(`"${sha256.toString('hex')}"`);
    expect(whole.res.headers.get('repr-digest')).toBe(`sha-256=:${sha256.toString('base64')}:`);

    const part = await download(first.download, { range: 'bytes=10-109' });
    expect(part.res.status).toBe(206);
    expect(part.res.headers.get('content-range')).toBe(`bytes 10-109/${first.bytes}`);
    expect(part.bytes.equals(whole.bytes.subarray(10, 110))).toBe(true);
    const tail = await download(first.download, { range: 'bytes=-50', 'if-range': whole.res.headers.get('etag')! });
    expect(tail.bytes.equals(whole.bytes.subarray(-50))).toBe(true);
    const stale = await download(first.download, { range: 'bytes=0-9', 'if-range': '"something-else"' });
    expect(stale.res.status).toBe(200);
    const beyond = await download(first.download, { range: `bytes=${first.bytes}-` });
    expect(beyond.res.status).toBe(416);
    expect(beyond.res.headers.get('content-range')).toBe(`bytes */${first.bytes}`);
  });

  it('keeps a version as it was when the dataset grows, and applies its preprocessing to every export', async () => {
    const preprocessing = { resize: { width: 32, height: 32, fit: 'stretch' }, classes: { remap: { dog: 'animal' } } };
    const v2 = await readyVersion('det', preprocessing);
    expect(v2).toMatchObject({ id: 2, images: 5, classes: ['cat', 'animal'], preprocessing });
    const images = await dataset('det');
    await labelImages('det', 1, detection, 400);
    const v3 = await readyVersion('det');
    expect(v3).toMatchObject({ id: 3, images: 6 });
    // Version 1 still holds the 5 images it was made with.
    const v1 = await openExport('voc', await readyExport('det', 1, 'voc', false));
    expect(v1.files.filter((f) => f.endsWith('.xml'))).toHaveLength(5);
    const coco = await openExport('coco', await readyExport('det', 2, 'coco'));
    // 64x48 stretched to 32x32: x halves, y scales by 2/3; dog is now "animal".
    const scaled = Object.fromEntries(Object.entries(expectedBoxes(images.filter((img) => img.split === 'train'))).map(([file, rows]) => [
      file,
      rows.map((r) => r as [number, number, number, number, string]).map(([x1, y1, x2, y2, c]) => [x1 / 2, (y1 * 2) / 3, x2 / 2, (y2 * 2) / 3, c === 'dog' ? 'animal' : c])
        .sort((p, q) => String(p[4]).localeCompare(String(q[4])) || (p[0] as number) - (q[0] as number)),
    ]));
    expectSameBoxes(coco.splits.train!, scaled, 0.01);
    const list = await stack.http.request('GET', '/acme/det/versions', { key: team.manager });
    expect(list.body.versions.map((v: { id: number }) => v.id)).toEqual([3, 2, 1]);
  });

  it('imports a COCO export into a new project for review, keeping each split, and exports the same annotations again', async () => {
    const original = await dataset('det');
    const first = await readyExport('det', 1, 'coco');
    const { bytes } = await download(first.download);
    const imported = await importArchive('det-again', 'object-detection', 'coco', { name: 'det-v1-coco.zip', bytes });
    expect(imported).toMatchObject({ total: 5, submitted: 5, duplicates: 0, classesAdded: ['cat'], problems: [] });
    const project = await stack.http.request('GET', '/acme/projects/det-again', { key: team.manager });
    expect(project.body.classes).toEqual(['dog', 'cat']);
    await approveAll('det-again', imported.job);
    const again = await dataset('det-again');
    const v1 = original.filter((img) => !img.name.startsWith('det-40')); // the image added after version 1
    expect(byExportName(again)).toEqual(byExportName(v1));

    await readyVersion('det-again');
    const coco = await openExport('coco', await readyExport('det-again', 1, 'coco'));
    for (const split of ['train', 'valid', 'test']) {
      expect(coco.ap[split]).toEqual({ bbox: 1 });
      expectSameBoxes(coco.splits[split]!, expectedBoxes(again.filter((img) => img.split === split)), 0.001);
    }
    // Importing the same archive again finds every image already there: nothing to review.
    const form = imageForm([{ name: 'det-v1-coco.zip', bytes, type: 'application/zip' }], { format: 'coco' });
    const twice = await stack.http.request('POST', '/acme/det-again/imports', { key: team.manager, form });
    expect(twice.status).toBe(202);
    const ended = await eventually(async () => {
      const imp = await stack.http.request('GET', `/acme/det-again/imports/${twice.body.id}`, { key: team.manager });
      return imp.body.status === 'done' && imp.body;
    }, 'second import');
    expect(ended).toMatchObject({ total: 5, duplicates: 5, job: null });
  });

  it('imports a YOLO segmentation export with its polygons, and the loaders read the new export as Tessera holds it', async () => {
    const original = await dataset('seg');
    const first = await readyExport('seg', 1, 'yolo-seg');
    const { bytes } = await download(first.download);
    const imported = await importArchive('seg-again', 'instance-segmentation', 'yolo', { name: 'seg-yolo.zip', bytes });
    expect(imported).toMatchObject({ total: 4, submitted: 4 });
    await approveAll('seg-again', imported.job);
    const again = await dataset('seg-again');
    expect(byExportName(again)).toEqual(byExportName(original));
    await readyVersion('seg-again');
    const coco = await openExport('coco', await readyExport('seg-again', 1, 'coco'));
    expect(coco.ap.train).toEqual({ bbox: 1, segm: 1 });
    expectSameBoxes(coco.splits.train!, expectedBoxes(again), 0.001);
  });

  it('refuses a bad archive whole, naming each bad file, and imports nothing of it', async () => {
    await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'bad-in', name: 'bad-in', type: 'object-detection', classes: ['dog'] } });
    const good = await pngImage(900);
    const coco = {
      images: [{ id: 1, file_name: 'a.png' }, { id: 2, file_name: 'missing.png' }, { id: 3, file_name: 'b.png' }],
      categories: [{ id: 1, name: 'cat' }],
      annotations: [{ id: 1, image_id: 1, category_id: 1, bbox: [1, 1, 5, 5] }, { id: 2, image_id: 3, category_id: 7, bbox: [1, 1, 5, 5] }],
    };
    const archive = await zipOf({ 'train/_annotations.coco.json': JSON.stringify(coco), 'train/a.png': good, 'train/b.png': await pngImage(901), 'train/broken.png': good.subarray(0, 60) });
    const refused = await stack.http.request('POST', '/acme/bad-in/imports', { key: team.manager, form: imageForm([{ name: 'bad.zip', bytes: archive, type: 'application/zip' }], { format: 'coco' }) });
    expect(refused.status, JSON.stringify(refused.body)).toBe(400);
    const problems = refused.body.error.details.fields.map((f: { file: string; message: string }) => `${f.file}: ${f.message}`);
    expect(problems).toEqual([
      expect.stringMatching(/^train\/broken\.png: .*truncated or corrupt/),
      'train/_annotations.coco.json: annotation 2: category 7 is not among the categories',
      expect.stringMatching(/^train\/_annotations\.coco\.json: image missing\.png is not in the archive/),
    ]);
    const imp = await stack.http.request('GET', `/acme/bad-in/imports/${refused.body.error.details.importId}`, { key: team.manager });
    expect(imp.body).toMatchObject({ status: 'failed', problemsTotal: 3 });
    const project = await stack.http.request('GET', '/acme/projects/bad-in', { key: team.manager });
    expect(project.body.classes).toEqual(['dog']);
    const images = await stack.http.request('GET', '/acme/bad-in/images', { key: team.manager });
    expect(images.body.images).toEqual([]);

    const noYaml = await zipOf({ 'train/images/a.png': good, 'train/labels/a.txt': '0 0.5 0.5 0.2 0.2\n' });
    const yolo = await stack.http.request('POST', '/acme/bad-in/imports', { key: team.manager, form: imageForm([{ name: 'y.zip', bytes: noYaml }], { format: 'yolo' }) });
    expect(yolo.status).toBe(400);
    expect(yolo.body.error.message).toContain('data.yaml: missing');
    const notZip = await stack.http.request('POST', '/acme/bad-in/imports', { key: team.manager, form: imageForm([{ name: 'n.zip', bytes: good }], { format: 'coco' }) });
    expect(notZip.status).toBe(400);
    expect(notZip.body.error.message).toContain('n.zip: not a readable .zip archive');
    const noFormat = await stack.http.request('POST', '/acme/bad-in/imports', { key: team.manager, form: imageForm([{ name: 'n.zip', bytes: archive }]) });
    expect(noFormat.status).toBe(400);
    expect(noFormat.body.error.details.fields[0].path).toBe('format');
  });
});
