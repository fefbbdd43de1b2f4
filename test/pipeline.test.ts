// The walking skeleton through real HTTP, a real worker, real Temporal and a real Mongo-wire server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catBox, createJob, datasetCount, eventually, imageForm, pngImage, createProjectWithImages, createTeam, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('pipeline');
  team = await createTeam(stack);
});
afterAll(async () => stack?.stop());

describe('a labeling job through HTTP', () => {
  it('runs assignment → labeling → review with a rework round → dataset → complete', async () => {
    const upload = await createProjectWithImages(stack, team, 'birds', 3);
    expect(upload.images).toHaveLength(3);
    const job = await createJob(stack, team, 'birds', upload.batch.id, 10);
    expect(job).toMatchObject({ numImages: 3, status: 'assigned' });
    await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject.includes('New labeling job'));

    const first = await labelNext(stack, team, 'birds', job.id);
    await review(stack, team, 'birds', job.id, first.imageId, 'reject', 'the tail is outside the box');
    await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject.includes('rework'));

    // The rejected image comes back first, carrying the reviewer's reason.
    const again = await stack.http.request('POST', `/acme/birds/jobs/${job.id}/next`, { key: team.labeler });
    expect(again.body).toMatchObject({ image: { id: first.imageId }, rework: { round: 1, reason: 'the tail is outside the box' } });
    const resubmit = await stack.http.request('PUT', `/acme/birds/jobs/${job.id}/images/${first.imageId}/annotation`, { key: team.labeler, json: catBox });
    expect(resubmit.body.version).toBe(2);
    await review(stack, team, 'birds', job.id, first.imageId, 'approve');

    for (let i = 0; i < 2; i++) {
      const { imageId } = await labelNext(stack, team, 'birds', job.id);
      await review(stack, team, 'birds', job.id, imageId, 'approve');
    }
    const none = await stack.http.request('POST', `/acme/birds/jobs/${job.id}/next`, { key: team.labeler });
    expect(none.status).toBe(204);

    const done = await waitForJob(stack, team, 'birds', job.id, (j) => j.status === 'complete');
    expect(done).toMatchObject({ numImages: 3, unannotated: 0, annotated: 0, approved: 3, rejected: 0 });
    const dataset = await stack.http.request('GET', '/acme/birds/dataset', { key: team.manager });
    expect(dataset.body.count).toBe(3);
    const reworked = dataset.body.images.find((i: { id: string }) => i.id === first.imageId);
    expect(reworked).toMatchObject({ version: 2, annotations: catBox.annotations });
  });

  it('answers the Roboflow job shape, with counts that partition numImages', async () => {
    const upload = await createProjectWithImages(stack, team, 'shape', 2);
    const job = await createJob(stack, team, 'shape', upload.batch.id, 2);
    await labelNext(stack, team, 'shape', job.id);
    const list = await stack.http.request('GET', '/acme/shape/jobs', { key: team.manager });
    expect(list.status).toBe(200);
    const listed = list.body.jobs.find((j: { id: string }) => j.id === job.id);
    expect(Object.keys(listed).sort()).toEqual([
      'annotated', 'approved', 'created', 'createdBy', 'id', 'instructionsText', 'labeler', 'name', 'numImages', 'owner',
      'project', 'rejected', 'reviewer', 'sourceBatch', 'status', 'unannotated',
    ]);
    expect(listed).toMatchObject({ sourceBatch: `shape/${upload.batch.id}`, unannotated: 1, annotated: 1, numImages: 2, instructionsText: 'Box every cat.' });
    expect(listed.created).toEqual({ _seconds: expect.any(Number), _nanoseconds: expect.any(Number) });
  });

  it('never hands an image reserved by one caller to another until the lease lapses', async () => {
    const upload = await createProjectWithImages(stack, team, 'lease', 2);
    const job = await createJob(stack, team, 'lease', upload.batch.id, 2);
    const a = await stack.http.request('POST', `/acme/lease/jobs/${job.id}/next`, { key: team.labeler });
    const b = await stack.http.request('POST', `/acme/lease/jobs/${job.id}/next`, { key: team.manager });
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(b.body.image.id).not.toBe(a.body.image.id);
    // The same caller asking again gets their own reservation back.
    const a2 = await stack.http.request('POST', `/acme/lease/jobs/${job.id}/next`, { key: team.labeler });
    expect(a2.body.image.id).toBe(a.body.image.id);
  });

  it('rejects a box outside the image and a class the project does not have, naming each field', async () => {
    const upload = await createProjectWithImages(stack, team, 'bounds', 1);
    const job = await createJob(stack, team, 'bounds', upload.batch.id, 1);
    const imageId = upload.images[0]!.id;
    const res = await stack.http.request('PUT', `/acme/bounds/jobs/${job.id}/images/${imageId}/annotation`, {
      key: team.labeler,
      json: { annotations: [{ class: 'cat', box: { x: 60, y: 0, width: 10, height: 10 } }, { class: 'zebra', box: { x: 0, y: 0, width: 1, height: 1 } }] },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['annotations.0.box', 'annotations.1.class']);
  });

  it('stores the good files of an upload and names each bad one', async () => {
    await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'mixed', name: 'Mixed', type: 'classification', classes: ['a'] } });
    const good = await pngImage(999);
    const form = imageForm([
      { name: 'good.png', bytes: good },
      { name: 'again.png', bytes: good },
      { name: 'notes.png', bytes: Buffer.from('not an image at all') },
    ]);
    const res = await stack.http.request('POST', '/acme/mixed/images', { key: team.manager, form });
    expect(res.status).toBe(201);
    expect(res.body.images.map((i: { name: string; duplicate: boolean }) => [i.name, i.duplicate])).toEqual([['good.png', false], ['again.png', true]]);
    expect(res.body.images[0].id).toBe(res.body.images[1].id);
    expect(res.body.errors).toEqual([{ name: 'notes.png', code: 'not_an_image', message: expect.any(String) }]);
    expect(res.body.batch.name).toMatch(/^Uploaded on \d{1,2}\/\d{1,2}\/\d{2} at \d{1,2}:\d{2} (am|pm)$/);
  });

  it('refuses a job field it does not know and names it', async () => {
    const res = await stack.http.request('POST', '/acme/birds/jobs', {
      key: team.manager,
      json: { name: 'x', batch: 'b', num_images: 1, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test', status: 'complete' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/status|Unrecognized/i);
  });
});

describe('job commands', () => {
  it('cancels a job, returns its open images to the batch, and refuses a second cancel with 409', async () => {
    const upload = await createProjectWithImages(stack, team, 'cancel', 2);
    const job = await createJob(stack, team, 'cancel', upload.batch.id, 2);
    const { imageId } = await labelNext(stack, team, 'cancel', job.id);
    await review(stack, team, 'cancel', job.id, imageId, 'approve');
    await eventually(async () => (await datasetCount(stack, team, 'cancel')) === 1, 'the approved image in the dataset');

    const cancelled = await stack.http.request('POST', `/acme/cancel/jobs/${job.id}/cancel`, { key: team.manager });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe('cancelled');
    const again = await stack.http.request('POST', `/acme/cancel/jobs/${job.id}/cancel`, { key: team.manager });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already cancelled/);
    const next = await stack.http.request('POST', `/acme/cancel/jobs/${job.id}/next`, { key: team.labeler });
    expect(next.status).toBe(409);

    // The unlabeled image can go to a new job; the approved one stays where it is.
    const second = await createJob(stack, team, 'cancel', upload.batch.id, 5);
    expect(second.numImages).toBe(1);
  });
});

describe('workflow determinism', () => {
  it('replays every workflow history of this file against the current bundle', async () => {
    const { Worker } = await import('@temporalio/worker');
    const { inject } = await import('vitest');
    const client = stack.api.ctx.temporal;
    const histories: { workflowId: string; history: unknown }[] = [];
    for await (const wf of client.workflow.list({ query: `TaskQueue = '${stack.config.temporal.taskQueuePrefix}-jobs'` })) {
      histories.push({ workflowId: wf.workflowId, history: await client.workflow.getHandle(wf.workflowId, wf.runId).fetchHistory() });
    }
    const types = new Set<string>();
    for await (const wf of client.workflow.list({ query: `TaskQueue = '${stack.config.temporal.taskQueuePrefix}-jobs'` })) types.add(wf.type);
    expect([...types].sort()).toEqual(['ingestUpload', 'labelingJob']);
    expect(histories.length).toBeGreaterThan(5);
    for (const h of histories) {
      await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') } }, h.history as never, h.workflowId);
    }
  });
});

describe('access', () => {
  it('answers 401 without a key and with a wrong key', async () => {
    expect((await stack.http.request('GET', '/acme/projects')).status).toBe(401);
    expect((await stack.http.request('GET', '/acme/projects', { key: 'tsk_AAAAAAAAAAAA_nope' })).status).toBe(401);
  });

  it('accepts the key as ?api_key= as Roboflow does', async () => {
    const res = await stack.http.request('GET', `/acme/projects?api_key=${encodeURIComponent(team.manager)}`);
    expect(res.status).toBe(200);
  });

  it('answers 404 for another workspace so its existence does not leak', async () => {
    const res = await stack.http.request('GET', '/other-workspace/projects', { key: team.owner });
    expect(res.status).toBe(404);
  });

  it('forbids a labeler from creating jobs', async () => {
    const res = await stack.http.request('POST', '/acme/birds/jobs', { key: team.labeler, json: {} });
    expect(res.status).toBe(403);
  });

  it('answers health with temporal and mongo ok', async () => {
    const res = await stack.http.request('GET', '/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', temporal: 'ok', mongo: 'ok' } });
  });
});
