// Batches through real HTTP on the real stack: every rule of the spec's "Batch" paragraph, and
// Roboflow's annotation-batch paths.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskQueues } from '../common/temporal';
import { addBatchPage, batchPageId } from '../db/batch-pages';
import { batchMovesScheduleId } from '../worker/upkeep-schedules';
import { settleBatchMoves } from '../workflows/settle-batch-moves';
import { bootstrapWorkspace } from '../usecases/members';
import { createJob, createTeam, imageForm, labelNext, pngImage, review, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let seed = 1_000;

beforeAll(async () => {
  stack = await startTestStack('batches');
  team = await createTeam(stack);
});
afterAll(async () => stack?.stop());

const api = (method: string, path: string, json?: unknown, key = team.manager) => stack.http.request(method, `/acme${path}`, { key, json });

async function newProject(id: string) {
  const res = await api('POST', '/projects', { id, name: id, type: 'object-detection', classes: ['cat'] });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** Uploads `count` new images in one request, into the named batch or an "Uploaded on …" one. */
async function upload(project: string, count: number, batch?: string) {
  const files = await Promise.all(Array.from({ length: count }, async () => ({ name: `img-${seed}.png`, bytes: await pngImage(seed++) })));
  const res = await stack.http.request('POST', `/acme/${project}/images`, { key: team.manager, form: imageForm(files, batch ? { batch } : {}) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { batchId: res.body.batch.id as string, batchName: res.body.batch.name as string, ids: (res.body.images as { id: string }[]).map((i) => i.id) };
}

async function createBatch(project: string, body: unknown, status = 201) {
  const res = await api('POST', `/${project}/batches`, body);
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

const getBatch = async (project: string, id: string) => (await api('GET', `/${project}/batches/${id}`)).body;

/** Every image id of a batch, walking the Roboflow images page by page. */
async function imagesOf(project: string, batchId: string, limit = 2): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  do {
    const res = await api('GET', `/${project}/annotation-batches/${batchId}/images?limit=${limit}${after ? `&after=${after}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.imageIds);
    after = res.body.next;
  } while (after);
  return ids;
}

const fieldsOf = (res: { body: { error: { details: { fields: { path: string }[] } } } }) => res.body.error.details.fields.map((f) => f.path);

describe('creating a batch', () => {
  it('refuses bad input naming every offending field, and a taken name leaves nothing moved', async () => {
    await newProject('rules');
    const up = await upload('rules', 3);
    const bad = async (body: unknown, fields: string[]) => {
      const res = await api('POST', '/rules/batches', body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(fieldsOf(res)).toEqual(expect.arrayContaining(fields));
    };
    await bad({ priority: '1' }, ['name', 'priority', 'imageIds']);
    for (const priority of ['1', 2.5, 0, 6, null]) await bad({ name: 'p', priority, imageIds: [up.ids[0]] }, ['priority']);
    await bad({ name: 'd', priority: 1, imageIds: [up.ids[0], up.ids[1], up.ids[0]] }, ['imageIds']);
    const tooMany = Array.from({ length: 100_001 }, (_, i) => i.toString(16).padStart(24, '0'));
    await bad({ name: 'big', priority: 1, imageIds: tooMany }, ['imageIds']);
    await bad({ name: 'big', priority: 1, sample: { size: 100_001, method: 'random' } }, ['sample.size']);
    await bad({ name: 'both', priority: 1, imageIds: [up.ids[0]], sample: { size: 1, method: 'ordered' } }, ['imageIds']);
    await bad({ name: 's', priority: 1, sample: { size: 1, method: 'random', seed: -1 } }, ['sample.seed']);
    await bad({ name: 'src', priority: 1, sourceBatchId: 'nope', sample: { size: 1, method: 'random' } }, ['sourceBatchId']);
    expect((await getBatch('rules', up.batchId)).numImages).toBe(3);

    const taken = await createBatch('rules', { name: 'taken', priority: 2, imageIds: [up.ids[0]] });
    expect(taken.numImages).toBe(1);
    const conflict = await createBatch('rules', { name: 'taken', priority: 2, imageIds: [up.ids[1], up.ids[2]] }, 409);
    expect(conflict.error).toMatchObject({ code: 'conflict', details: { batchId: taken.id } });
    expect(await imagesOf('rules', up.batchId)).toEqual([up.ids[1], up.ids[2]]);
    expect((await getBatch('rules', up.batchId)).numImages).toBe(2);
  });

  it('moves listed images from the batch they sit in; keeps images in a job or submitted; names unknown ids', async () => {
    await newProject('moves');
    const up = await upload('moves', 6);
    expect(up.batchName).toMatch(/^Uploaded on \d{1,2}\/\d{1,2}\/\d{2} at \d{1,2}:\d{2} (am|pm)$/);
    const job = await createJob(stack, team, 'moves', up.batchId, 2);
    const submitted = (await labelNext(stack, team, 'moves', job.id)).imageId;
    const inJob = (await api('POST', `/moves/jobs/${job.id}/next`, undefined, team.labeler)).body.image.id as string;

    const made = await createBatch('moves', { name: 'picked', priority: 1, imageIds: [...up.ids, 'ffffffffffffffffffffffff', 'nope'] });
    expect(made).toMatchObject({ name: 'picked', priority: 1, numImages: 4 });
    expect(made.excluded).toEqual(expect.arrayContaining([
      { imageId: submitted, reason: 'submitted' }, { imageId: inJob, reason: 'in_job' },
      { imageId: 'ffffffffffffffffffffffff', reason: 'not_found' }, { imageId: 'nope', reason: 'not_found' },
    ]));
    expect(made.excluded).toHaveLength(4);
    const picked = await imagesOf('moves', made.id);
    expect(picked.sort()).toEqual(up.ids.filter((id) => id !== submitted && id !== inJob).sort());
    expect((await getBatch('moves', up.batchId)).counts).toEqual({ unassigned: 0, unannotated: 1, annotated: 1, approved: 0, rejected: 0 });
    expect((await getBatch('moves', made.id)).counts).toEqual({ unassigned: 4, unannotated: 0, annotated: 0, approved: 0, rejected: 0 });

    // With a source batch, images elsewhere are not found there.
    const again = await createBatch('moves', { name: 'from source', priority: 5, sourceBatchId: up.batchId, imageIds: [picked[0]] });
    expect(again).toMatchObject({ numImages: 0, excluded: [{ imageId: picked[0], reason: 'not_found' }] });

    // Every image sits in exactly one batch.
    const { batches } = (await api('GET', '/moves/batches')).body;
    const all = (await Promise.all(batches.map((b: { id: string }) => imagesOf('moves', b.id, 100)))).flat();
    expect(all.sort()).toEqual([...up.ids].sort());
    expect(batches.reduce((n: number, b: { numImages: number }) => n + b.numImages, 0)).toBe(6);
  });

  it('counts the images that left a batch page, so an emptied page is skipped, and finds images moved back on their new page', async () => {
    await newProject('emptied');
    const up = await upload('emptied', 3);
    const pageOf = async (batchId: string, n: number) => stack.db.models.BatchPage.findById(`${batchId}#${n}`).lean();
    const browse = async (batchId: string) => ((await api('GET', `/emptied/images?batch=${batchId}`)).body.images as { id: string }[]).map((i) => i.id).sort();

    const away = await createBatch('emptied', { name: 'away', priority: 1, imageIds: up.ids.slice(0, 2) });
    expect(await pageOf(up.batchId, 0)).toMatchObject({ left: 2 });
    expect(await browse(up.batchId)).toEqual([up.ids[2]]);
    await createBatch('emptied', { name: 'last', priority: 1, imageIds: [up.ids[2]] });
    expect(await pageOf(up.batchId, 0)).toMatchObject({ left: 3 });
    expect(await imagesOf('emptied', up.batchId)).toEqual([]);
    expect(await browse(up.batchId)).toEqual([]);

    const merged = await api('POST', '/emptied/annotation-batches/merge', { sourceBatchIds: [away.id], targetBatchId: up.batchId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(await pageOf(up.batchId, 1)).toMatchObject({ imageIds: expect.arrayContaining(up.ids.slice(0, 2)), left: 0 });
    expect((await imagesOf('emptied', up.batchId)).sort()).toEqual(up.ids.slice(0, 2).sort());
    expect(await browse(up.batchId)).toEqual(up.ids.slice(0, 2).sort());
    expect((await getBatch('emptied', up.batchId)).numImages).toBe(2);
    const everything = await createBatch('emptied', { name: 'all', priority: 3, sample: { size: 10, method: 'ordered' } });
    expect((await imagesOf('emptied', everything.id, 10)).sort()).toEqual([...up.ids].sort());
  });

  it('samples at random reproducibly with a seed, or oldest first, from a batch or from every image in no job', async () => {
    await newProject('sample');
    const src: string[] = [];
    for (let i = 0; i < 6; i++) src.push(...(await upload('sample', 1, 'src')).ids);
    const srcId = (await api('GET', '/sample/batches')).body.batches.find((b: { name: string }) => b.name === 'src').id;
    expect((await getBatch('sample', srcId)).numImages).toBe(6);

    const first = await createBatch('sample', { name: 'r1', priority: 2, sourceBatchId: srcId, sample: { size: 3, method: 'random', seed: 42 } });
    expect(first).toMatchObject({ numImages: 3, excluded: [], sample: { method: 'random', size: 3, seed: 42 } });
    const drawn = await imagesOf('sample', first.id);
    const merged = await api('POST', '/sample/annotation-batches/merge', { sourceBatchIds: [first.id], targetBatchId: srcId });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    const second = await createBatch('sample', { name: 'r2', priority: 2, sourceBatchId: srcId, sample: { size: 3, method: 'random', seed: 42 } });
    expect((await imagesOf('sample', second.id)).sort()).toEqual([...drawn].sort());
    expect(typeof (await createBatch('sample', { name: 'r3', priority: 2, sourceBatchId: srcId, sample: { size: 1, method: 'random' } })).sample.seed).toBe('number');

    const ordered = await createBatch('sample', { name: 'oldest', priority: 1, sourceBatchId: second.id, sample: { size: 2, method: 'ordered' } });
    expect(await imagesOf('sample', ordered.id)).toEqual(src.filter((id) => drawn.includes(id)).slice(0, 2));

    // From the whole project: every image but the one in a job.
    const other = await upload('sample', 3, 'other');
    await createJob(stack, team, 'sample', other.batchId, 1);
    const everything = await createBatch('sample', { name: 'all', priority: 3, sample: { size: 100, method: 'ordered' } });
    expect(everything.numImages).toBe(8);
    expect(await imagesOf('sample', everything.id, 100)).toHaveLength(8);
  });

  it('gives one of two requests racing for a name the batch and refuses the other with 409, moving nothing and keeping none of its pages', async () => {
    await newProject('race');
    const up = await upload('race', 4);
    const [a, b] = await Promise.all([
      api('POST', '/race/batches', { name: 'same', priority: 1, imageIds: up.ids.slice(0, 2) }),
      api('POST', '/race/batches', { name: 'same', priority: 1, imageIds: up.ids.slice(2) }),
    ]);
    expect([a.status, b.status].sort(), JSON.stringify([a.body, b.body])).toEqual([201, 409]);
    const won = a.status === 201 ? a.body : b.body;
    expect(won).toMatchObject({ name: 'same', numImages: 2, excluded: [] });
    expect((await getBatch('race', up.batchId)).numImages).toBe(2);
    expect((await getBatch('race', won.id)).numImages).toBe(2);
    expect((await api('GET', `/race/batches/${won.id}/fill`)).body).toEqual({ status: 'filled', progress: { done: 1, total: 1 }, result: won });
    // Every stored fill page belongs to a batch that exists (in this file's database): the refused
    // request's were removed, as were those of the batches deleted or merged earlier in the file.
    const { Batch, BatchFillPage } = stack.db.models;
    expect(await BatchFillPage.countDocuments({})).toBe((await Batch.find({}).lean()).reduce((n, batch) => n + (batch.fill?.pages ?? 0), 0));
  });
});

describe('uploads and batches', () => {
  it('an upload lands in the batch it names, made when absent, or in an "Uploaded on …" batch', async () => {
    await newProject('landing');
    const a = await upload('landing', 2, 'named');
    const b = await upload('landing', 1, 'named');
    expect(b.batchId).toBe(a.batchId);
    expect(await getBatch('landing', a.batchId)).toMatchObject({ name: 'named', numImages: 3, images: 3, status: 'active', priority: 3 });
    const c = await upload('landing', 1);
    expect((await getBatch('landing', c.batchId)).name).toMatch(/^Uploaded on /);
  });
});

describe('listing and counting', () => {
  it('lists batches with counts per image state, in Roboflow\'s shape, and pages them by cursor', async () => {
    await newProject('counts');
    const up = await upload('counts', 4, 'c');
    const job = await createJob(stack, team, 'counts', up.batchId, 3);
    const one = await labelNext(stack, team, 'counts', job.id);
    const two = await labelNext(stack, team, 'counts', job.id);
    await review(stack, team, 'counts', job.id, one.imageId, 'approve');
    await review(stack, team, 'counts', job.id, two.imageId, 'reject', 'too loose');
    await api('POST', '/counts/batches', { name: 'empty', priority: 4, imageIds: ['ffffffffffffffffffffffff'] });

    const { batches } = (await api('GET', '/counts/batches')).body;
    const c = batches.find((b: { id: string }) => b.id === up.batchId);
    expect(c).toMatchObject({
      name: 'c', priority: 3, status: 'active', numImages: 4, images: 4, numJobs: 1,
      counts: { unassigned: 1, unannotated: 1, annotated: 0, approved: 1, rejected: 1 },
      uploaded: { _seconds: expect.any(Number), _nanoseconds: expect.any(Number) },
    });
    expect(batches.map((b: { name: string }) => b.name)).toEqual(['c', 'empty']);

    const nonEmpty = await api('GET', '/counts/annotation-batches');
    expect(nonEmpty.body).toMatchObject({ batches: [{ id: up.batchId }], next: null });
    const firstPage = await api('GET', '/counts/annotation-batches?limit=1&showEmpty=true');
    expect(firstPage.body.batches.map((b: { name: string }) => b.name)).toEqual(['c']);
    const secondPage = await api('GET', `/counts/annotation-batches?limit=1&showEmpty=true&after=${firstPage.body.next}`);
    expect(secondPage.body).toMatchObject({ batches: [{ name: 'empty', numImages: 0 }], next: null });
    expect((await api('GET', `/counts/annotation-batches/${up.batchId}`)).body).toEqual(c);
    expect((await api('GET', '/counts/annotation-batches?after=garbage')).status).toBe(400);
  });

  it('answers 404 for another workspace\'s batch and 403 to labelers and reviewers', async () => {
    const up = await upload('counts', 1);
    expect(await bootstrapWorkspace(stack.db.models, { workspace: 'globex', email: 'owner@globex.test', apiKey: 'globex-owner-key-0123456789abcdef-batches' })).toBe(true);
    const globex = (method: string, path: string, json?: unknown) => stack.http.request(method, `/globex${path}`, { key: 'globex-owner-key-0123456789abcdef-batches', json });
    expect((await globex('POST', '/projects', { id: 'counts', name: 'G', type: 'classification', classes: ['a'] })).status).toBe(201);
    expect((await globex('GET', `/counts/batches/${up.batchId}`)).status).toBe(404);
    expect((await globex('POST', `/counts/batches/${up.batchId}/archive`)).status).toBe(404);
    expect((await globex('DELETE', `/counts/annotation-batches/${up.batchId}`)).status).toBe(404);
    const stolen = await globex('POST', '/counts/batches', { name: 'x', priority: 1, imageIds: up.ids });
    expect(stolen.body).toMatchObject({ numImages: 0, excluded: [{ imageId: up.ids[0], reason: 'not_found' }] });
    expect((await getBatch('counts', up.batchId)).numImages).toBe(1);
    for (const key of [team.labeler, team.reviewer]) {
      expect((await api('GET', '/counts/batches', undefined, key)).status).toBe(403);
      expect((await api('POST', '/counts/batches', { name: 'y', priority: 1, imageIds: up.ids }, key)).status).toBe(403);
    }
  });
});

describe('archive, delete, merge', () => {
  it('archives: no new job from the batch, and its images may be batched again', async () => {
    await newProject('archive');
    const up = await upload('archive', 3, 'old');
    const archived = await api('POST', `/archive/batches/${up.batchId}/archive`);
    expect(archived.body).toMatchObject({ status: 'archived', numImages: 3 });
    const job = await api('POST', '/archive/jobs', { name: 'j', batch: up.batchId, num_images: 1, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' });
    expect(job.status).toBe(409);
    const again = await createBatch('archive', { name: 'again', priority: 1, imageIds: [up.ids[0]] });
    expect(again.numImages).toBe(1);
    const sampled = await createBatch('archive', { name: 'sampled', priority: 1, sample: { size: 5, method: 'ordered' } });
    expect(sampled.numImages).toBe(3);
    expect((await getBatch('archive', up.batchId)).numImages).toBe(0);
  });

  it('refuses a job from a batch whose images are all in jobs, with 409', async () => {
    await newProject('taken');
    const up = await upload('taken', 2, 'all taken');
    const body = { name: 'j', batch: up.batchId, num_images: 2, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' };
    expect((await api('POST', '/taken/jobs', body)).status).toBe(201);
    const again = await api('POST', '/taken/jobs', { ...body, name: 'k' });
    expect(again.status, JSON.stringify(again.body)).toBe(409);
    expect(again.body.error.message).toContain('no unassigned images');
  });

  it('deletes a batch unless an image has labels; its images, with their job, go to "Unassigned"', async () => {
    await newProject('delete');
    const labeled = await upload('delete', 2, 'labeled');
    const labeledJob = await createJob(stack, team, 'delete', labeled.batchId, 1);
    await labelNext(stack, team, 'delete', labeledJob.id);
    const refused = await api('DELETE', `/delete/annotation-batches/${labeled.batchId}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.details).toEqual({ labeled: 1 });
    expect((await api('DELETE', `/delete/annotation-batches/${labeled.batchId}?permanent=true`)).status).toBe(400);

    const plain = await upload('delete', 3, 'plain');
    const job = await createJob(stack, team, 'delete', plain.batchId, 1);
    const deleted = await api('DELETE', `/delete/annotation-batches/${plain.batchId}?permanent=false`);
    expect(deleted.status, JSON.stringify(deleted.body)).toBe(200);
    expect(deleted.body).toMatchObject({ id: plain.batchId, deleted: true, numImages: 3, movedTo: { name: 'Unassigned' } });
    expect((await api('GET', `/delete/batches/${plain.batchId}`)).status).toBe(404);
    const unassigned = await getBatch('delete', deleted.body.movedTo.id);
    expect(unassigned).toMatchObject({ numImages: 3, numJobs: 1, counts: { unassigned: 2, unannotated: 1 } });
    expect((await api('GET', `/delete/jobs/${job.id}`)).body.sourceBatch).toBe(`delete/${unassigned.id}`);
    expect((await imagesOf('delete', unassigned.id)).sort()).toEqual([...plain.ids].sort());
  });

  it('merges batches, their images and jobs, into an existing batch or a new one, and removes the sources', async () => {
    await newProject('merge');
    const a = await upload('merge', 2, 'a');
    const b = await upload('merge', 3, 'b');
    const c = await upload('merge', 1, 'c');
    const job = await createJob(stack, team, 'merge', b.batchId, 1);
    const merged = await api('POST', '/merge/annotation-batches/merge', { sourceBatchIds: [a.batchId, b.batchId], name: 'ab' });
    expect(merged.status, JSON.stringify(merged.body)).toBe(200);
    expect(merged.body).toMatchObject({ name: 'ab', priority: 3, numImages: 5, numJobs: 1, counts: { unassigned: 4, unannotated: 1 } });
    for (const gone of [a.batchId, b.batchId]) expect((await api('GET', `/merge/batches/${gone}`)).status).toBe(404);
    expect((await api('GET', `/merge/jobs/${job.id}`)).body.sourceBatch).toBe(`merge/${merged.body.id}`);

    const into = await api('POST', '/merge/annotation-batches/merge', { sourceBatchIds: [merged.body.id], targetBatchId: c.batchId });
    expect(into.body).toMatchObject({ id: c.batchId, name: 'c', numImages: 6 });
    expect((await imagesOf('merge', c.batchId, 4)).sort()).toEqual([...a.ids, ...b.ids, ...c.ids].sort());

    const bad = await api('POST', '/merge/annotation-batches/merge', { sourceBatchIds: ['nope', c.batchId], targetBatchId: c.batchId });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad)).toEqual(['targetBatchId']);
    expect(fieldsOf(await api('POST', '/merge/annotation-batches/merge', { sourceBatchIds: ['nope'], targetBatchId: c.batchId }))).toEqual(['sourceBatchIds']);
    const d = await upload('merge', 1, 'd');
    await api('POST', `/merge/batches/${c.batchId}/archive`);
    expect((await api('POST', '/merge/annotation-batches/merge', { sourceBatchIds: [d.batchId], targetBatchId: c.batchId })).status).toBe(409);
    expect((await getBatch('merge', d.batchId)).numImages).toBe(1);
  });

  it('moves listed images of one batch into a new one by Roboflow\'s create_annotation_batch', async () => {
    await newProject('rf');
    const up = await upload('rf', 3, 'source');
    const res = await api('POST', '/rf/annotation-batches', { sourceBatchId: up.batchId, imageIds: up.ids.slice(0, 2), name: 'Round two' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({ name: 'Round two', priority: 3, numImages: 2, excluded: [] });
    const unnamed = await api('POST', '/rf/annotation-batches', { sourceBatchId: up.batchId, imageIds: up.ids });
    expect(unnamed.body).toMatchObject({ name: expect.stringMatching(/^source \(/), numImages: 1 });
    expect(unnamed.body.excluded.map((e: { reason: string }) => e.reason)).toEqual(['not_found', 'not_found']);
  });
});

describe('counters after a crash', () => {
  it('settles a move that died between moving its images and moving the counters, once, and leaves live moves alone', async () => {
    await newProject('settle');
    const up = await upload('settle', 4, 'from');
    const into = await createBatch('settle', { name: 'into', priority: 2, imageIds: up.ids.slice(0, 2) });
    const { Batch, BatchPage, Image } = stack.db.models;
    // What moveImages leaves when its process dies after the images' update: marks on both batches, an
    // hour old, the images on the target's new page, neither counter moved.
    const rest = up.ids.slice(2);
    const sourcePages = [...new Set((await Image.find({ _id: { $in: rest } }).lean()).map((i) => i.batchPage!))];
    const page = await addBatchPage(stack.db.models, into.id, rest);
    const token = batchPageId(into.id, page);
    const at = new Date(Date.now() - 3600_000);
    await Batch.updateOne({ _id: up.batchId }, { $set: { [`moving.${token}`]: { at, to: into.id, toPage: page, fromPages: sourcePages } } });
    await Batch.updateOne({ _id: into.id }, { $set: { [`moving.${token}`]: { at, to: into.id, toPage: page, fromPages: [] } } });
    await Image.updateMany({ _id: { $in: rest } }, { $set: { batchId: into.id, batchPage: page } });
    // A move still under way (marked now) is not touched.
    await Batch.updateOne({ _id: up.batchId }, { $set: { 'moving.live#0': { at: new Date(), to: 'elsewhere', toPage: 0, fromPages: [0] } } });
    expect((await getBatch('settle', up.batchId)).numImages).toBe(2);
    expect(await BatchPage.exists({ _id: token })).toBeTruthy();

    const connection = await Connection.connect({ address: stack.config.temporal.address! });
    try {
      const client = new Client({ connection });
      const settle = (n: number) => client.workflow.execute(settleBatchMoves, { taskQueue: taskQueues(stack.config.temporal.taskQueuePrefix).jobs, workflowId: `settle-test-${n}` });
      expect(await settle(1)).toEqual({ batches: 2, marks: 2, images: 4 });
      expect((await getBatch('settle', up.batchId)).numImages).toBe(0);
      expect((await getBatch('settle', into.id)).numImages).toBe(4);
      expect(await settle(2)).toEqual({ batches: 0, marks: 0, images: 0 });
      expect(Object.keys((await Batch.findById(up.batchId).lean())!.moving as object)).toEqual(['live#0']);
      const schedule = await client.schedule.getHandle(batchMovesScheduleId(taskQueues(stack.config.temporal.taskQueuePrefix).jobs)).describe();
      expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'settleBatchMoves' });
      expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 3600_000 })]);
    } finally {
      await connection.close();
    }
  });
});
