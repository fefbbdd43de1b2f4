// A manager's commands on a job, through HTTP on the real stack: accepting images into the dataset
// with splits (and early, before review), sending back, moving, reassigning, editing.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planSplits } from '../domain/splits';
import { Client, Connection } from '@temporalio/client';
import { createJob, createProjectWithImages, createTeam, eventually, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

let temporalClient: Client;
let secondLabeler: string;

beforeAll(async () => {
  stack = await startTestStack('job-commands');
  team = await createTeam(stack);
  temporalClient = new Client({ connection: await Connection.connect({ address: stack.config.temporal.address! }) });
  const added = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'labeler2@acme.test', role: 'labeler' } });
  secondLabeler = added.body.apiKey;
});
afterAll(async () => {
  await temporalClient?.connection.close();
  await stack?.stop();
});

const post = (path: string, json: unknown) => stack.http.request('POST', `/acme/${path}`, { key: team.manager, json });
const get = (path: string) => stack.http.request('GET', `/acme/${path}`, { key: team.manager });

/** Every page of the dataset (or of one split), following `next`. */
async function datasetPages(project: string, split?: string) {
  const images: { id: string; split: string }[] = [];
  let after: number | null | undefined;
  do {
    const res = await get(`${project}/dataset?limit=3${split ? `&split=${split}` : ''}${after ? `&after=${after}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    images.push(...res.body.images);
    after = res.body.next;
  } while (after);
  return images;
}

it('files approved images in train by default, then re-splits them by percentages drawn by a seed, the same every time', async () => {
  const upload = await createProjectWithImages(stack, team, 'splits', 10);
  const job = await createJob(stack, team, 'splits', upload.batch.id, 10);
  for (let i = 0; i < 10; i++) await review(stack, team, 'splits', job.id, (await labelNext(stack, team, 'splits', job.id)).imageId, 'approve');
  await waitForJob(stack, team, 'splits', job.id, (j) => j.status === 'complete');
  expect((await get('splits/dataset')).body).toMatchObject({ count: 10, splits: { train: 10, valid: 0, test: 0 } });

  const spec = { splits: { train: 70, valid: 20, test: 10 }, mode: 'percent', seed: 42 } as const;
  const accepted = await post(`splits/jobs/${job.id}/accept`, spec);
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
  expect(accepted.body).toMatchObject({ accepted: 10, skipped: 0, splits: { train: 7, valid: 2, test: 1 }, job: { status: 'complete', approved: 10 } });
  const dataset = await get('splits/dataset');
  expect(dataset.body).toMatchObject({ count: 10, splits: { train: 7, valid: 2, test: 1 } });

  const ids = upload.images.map((i) => i.id);
  const expected = new Map(ids.map((id, k) => [id, planSplits(ids, spec)[k]]));
  for (const split of ['train', 'valid', 'test']) {
    const listed = await datasetPages('splits', split);
    expect(listed.map((i) => i.id).sort()).toEqual(ids.filter((id) => expected.get(id) === split).sort());
    expect(listed.every((i) => i.split === split)).toBe(true);
  }
  // The same seed again moves nothing; the whole dataset still lists each image once.
  const again = await post(`splits/jobs/${job.id}/accept`, spec);
  expect(again.body).toMatchObject({ accepted: 10, splits: { train: 7, valid: 2, test: 1 } });
  expect((await get('splits/dataset')).body.splits).toEqual({ train: 7, valid: 2, test: 1 });
  expect((await datasetPages('splits')).map((i) => i.id).sort()).toEqual([...ids].sort());
  expect((await datasetPages('splits', 'valid')).length).toBe(2);
});

it('adds a submitted image to the dataset early, in the split asked, and keeps splits with `keep`', async () => {
  const upload = await createProjectWithImages(stack, team, 'early', 4);
  const job = await createJob(stack, team, 'early', upload.batch.id, 4);
  const first = await labelNext(stack, team, 'early', job.id);
  const second = await labelNext(stack, team, 'early', job.id);
  await labelNext(stack, team, 'early', job.id);
  await review(stack, team, 'early', job.id, first.imageId, 'approve');
  await waitForJob(stack, team, 'early', job.id, (j) => j.approved === 1);

  const early = await post(`early/jobs/${job.id}/accept`, { imageIds: [second.imageId, 'no-such-image'], statuses: ['annotated'], split: 'test' });
  expect(early.status, JSON.stringify(early.body)).toBe(200);
  expect(early.body).toMatchObject({ accepted: 1, skipped: 1, splits: { test: 1 }, job: { numImages: 4, unannotated: 1, annotated: 1, approved: 2, rejected: 0 } });
  const dataset = await eventuallyDataset('early', 2);
  expect(dataset.splits).toEqual({ train: 1, valid: 0, test: 1 });
  expect(dataset.images.find((i: { id: string }) => i.id === second.imageId)).toMatchObject({ split: 'test', version: second.version });

  const kept = await post(`early/jobs/${job.id}/accept`, { split: 'keep' });
  expect(kept.body).toMatchObject({ accepted: 2, splits: { keep: 2 } });
  expect((await get('early/dataset')).body.splits).toEqual({ train: 1, valid: 0, test: 1 });
  const state = (await get(`early/jobs/${job.id}`)).body;
  expect(state.unannotated + state.annotated + state.approved + state.rejected).toBe(state.numImages);
});

it('refuses a split rule that is not one, naming the field', async () => {
  const upload = await createProjectWithImages(stack, team, 'badsplits', 3);
  const job = await createJob(stack, team, 'badsplits', upload.batch.id, 3);
  for (let i = 0; i < 3; i++) await labelNext(stack, team, 'badsplits', job.id);
  const cases: [unknown, string][] = [
    [{ splits: { train: 50, valid: 20, test: 10 } }, 'splits'],
    [{ split: 'train', splits: { train: 100, valid: 0, test: 0 } }, 'split'],
    [{}, 'split'],
    [{ split: 'holdout' }, 'split'],
    [{ split: 'train', seed: 3 }, 'mode'],
  ];
  for (const [body, field] of cases) {
    const res = await post(`badsplits/jobs/${job.id}/accept`, body);
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.fields.map((f: { path: string }) => f.path)).toContain(field);
  }
  // Counts that cannot hold every image are refused before anything is accepted.
  const tooFew = await post(`badsplits/jobs/${job.id}/accept`, { statuses: ['annotated'], splits: { train: 1, valid: 1, test: 0 }, mode: 'count', seed: 1 });
  expect(tooFew.status, JSON.stringify(tooFew.body)).toBe(400);
  expect(tooFew.body.error.details.fields[0].path).toBe('splits');
  expect((await get('badsplits/dataset')).body.count).toBe(0);
});

const partitions = (job: { numImages: number; unannotated: number; annotated: number; approved: number; rejected: number }) =>
  job.unannotated + job.annotated + job.approved + job.rejected === job.numImages;

it('sends selected images back to unannotated, skipped ones into the stream again, and leaves dataset images be', async () => {
  const upload = await createProjectWithImages(stack, team, 'sendback', 3);
  const job = await createJob(stack, team, 'sendback', upload.batch.id, 3);
  const approved = await labelNext(stack, team, 'sendback', job.id);
  const annotated = await labelNext(stack, team, 'sendback', job.id);
  await review(stack, team, 'sendback', job.id, approved.imageId, 'approve');
  const next = await stack.http.request('POST', `/acme/sendback/jobs/${job.id}/next`, { key: team.labeler });
  const skipped = next.body.image.id as string;
  await stack.http.request('POST', `/acme/sendback/jobs/${job.id}/images/${skipped}/skip`, { key: team.labeler, json: { reason: 'blurry' } });
  await waitForJob(stack, team, 'sendback', job.id, () => true);
  await eventuallyDataset('sendback', 1);

  const res = await post(`sendback/jobs/${job.id}/send-back`, { imageIds: [approved.imageId, annotated.imageId, skipped, 'no-such-image'] });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body.changed).toBe(2);
  expect(res.body.skipped).toEqual([{ imageId: approved.imageId, reason: 'in_dataset' }, { imageId: 'no-such-image', reason: 'not_in_job' }]);
  expect(res.body.job).toMatchObject({ numImages: 3, unannotated: 2, annotated: 0, approved: 1, rejected: 0 });
  const handedOut = new Set<string>();
  for (let i = 0; i < 2; i++) handedOut.add((await labelNext(stack, team, 'sendback', job.id)).imageId);
  expect(handedOut).toEqual(new Set([annotated.imageId, skipped]));
  const after = await waitForJob(stack, team, 'sendback', job.id, (j) => j.annotated === 2);
  expect(partitions(after)).toBe(true);
});

it('moves selected images to another job of the project and back to their batch, keeping every count a partition', async () => {
  const upload = await createProjectWithImages(stack, team, 'moves', 6);
  const from = await createJob(stack, team, 'moves', upload.batch.id, 4);
  const to = await createJob(stack, team, 'moves', upload.batch.id, 2);
  const annotated = await labelNext(stack, team, 'moves', from.id);
  const fromImages = (await stack.db.models.JobImage.find({ jobId: from.id }).lean()).map((ji) => ji.imageId);
  const untouched = fromImages.filter((id) => id !== annotated.imageId);
  // The target's stream is read before the move, so the API has seen its page shorter than it becomes.
  const firstInTarget = await labelNext(stack, team, 'moves', to.id);

  const moved = await post(`moves/jobs/${from.id}/move`, { imageIds: [annotated.imageId, untouched[0]], to: to.id });
  expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  expect(moved.body).toMatchObject({ changed: 2, skipped: [], to: to.id, job: { numImages: 2, unannotated: 2, annotated: 0 } });
  const target = await waitForJob(stack, team, 'moves', to.id, (j) => j.numImages === 4);
  expect(target).toMatchObject({ unannotated: 3, annotated: 1 });
  const inTarget = new Set<string>([firstInTarget.imageId]);
  for (let i = 0; i < 3; i++) inTarget.add((await labelNext(stack, team, 'moves', to.id)).imageId);
  expect(inTarget.size).toBe(4);
  expect(inTarget.has(annotated.imageId) && inTarget.has(untouched[0]!)).toBe(true);
  expect((await stack.http.request('POST', `/acme/moves/jobs/${to.id}/next`, { key: team.labeler })).status).toBe(204);

  const unassigned = await post(`moves/jobs/${from.id}/move`, { imageIds: [untouched[1]], to: null });
  expect(unassigned.body).toMatchObject({ changed: 1, job: { numImages: 1, unannotated: 1 } });
  const batch = (await get(`moves/batches/${upload.batch.id}`)).body;
  expect(batch.counts.unassigned).toBe(1);
  // The image is free for a new job.
  const again = await createJob(stack, team, 'moves', upload.batch.id, 1);
  expect(again.numImages).toBe(1);
  const refused = await post(`moves/jobs/${from.id}/move`, { imageIds: [untouched[2]], to: from.id });
  expect(refused.status).toBe(400);
  expect(refused.body.error.details.fields[0].path).toBe('to');
  for (const id of [from.id, to.id]) expect(partitions((await get(`moves/jobs/${id}`)).body)).toBe(true);
});

it('reassigns the labeler: reserved images are released to the new one, both are told, Temporal finds the job by them', async () => {
  const upload = await createProjectWithImages(stack, team, 'reassign', 2);
  const job = await createJob(stack, team, 'reassign', upload.batch.id, 2);
  const leased = (await stack.http.request('POST', `/acme/reassign/jobs/${job.id}/next`, { key: team.labeler })).body.image.id;
  const res = await post(`reassign/jobs/${job.id}/reassign`, { labelerEmail: 'labeler2@acme.test' });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ labeler: 'labeler2@acme.test', reviewer: 'reviewer@acme.test' });
  await stack.smtp.waitFor((m) => m.to.includes('labeler2@acme.test') && m.subject.includes('you are its labeler'));
  await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject.includes('no longer its labeler'));
  expect((await stack.http.request('POST', `/acme/reassign/jobs/${job.id}/next`, { key: team.labeler })).status).toBe(404);
  const next = await stack.http.request('POST', `/acme/reassign/jobs/${job.id}/next`, { key: secondLabeler });
  expect(next.body.image.id).toBe(leased);
  const found = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of temporalClient.workflow.list({ query: `TesseraLabeler = "labeler2@acme.test" AND TesseraProject = "reassign"` })) ids.push(wf.workflowId);
    return ids.length > 0 && ids;
  }, 'the job listed by its new labeler');
  expect(found).toEqual([`labeling-job-${job.id}`]);
  expect((await post(`reassign/jobs/${job.id}/reassign`, { labelerEmail: 'manager@acme.test', reviewerEmail: 'nobody@acme.test' })).status).toBe(400);
});

it('renames a job, changes its instructions and sets and clears its due date, which Temporal can search by', async () => {
  const upload = await createProjectWithImages(stack, team, 'edits', 1);
  const job = await createJob(stack, team, 'edits', upload.batch.id, 1);
  const dueAt = new Date(Date.now() + 86_400_000).toISOString();
  const patch = (json: unknown) => stack.http.request('PATCH', `/acme/edits/jobs/${job.id}`, { key: team.manager, json });
  const edited = await patch({ name: 'Cats, again', instructions: 'Tight boxes.', dueAt });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  expect(edited.body).toMatchObject({ name: 'Cats, again', instructionsText: 'Tight boxes.', dueAt });
  expect((await get(`edits/jobs/${job.id}`)).body).toMatchObject({ name: 'Cats, again', instructionsText: 'Tight boxes.' });
  const due = await eventually(async () => {
    const ids: string[] = [];
    for await (const wf of temporalClient.workflow.list({ query: `TesseraDueDate < "${new Date(Date.now() + 2 * 86_400_000).toISOString()}" AND TesseraProject = "edits"` })) ids.push(wf.workflowId);
    return ids.length > 0 && ids;
  }, 'the job found by its due date');
  expect(due).toEqual([`labeling-job-${job.id}`]);
  expect((await patch({ dueAt: null })).body).toMatchObject({ dueAt: null, name: 'Cats, again' });
  expect((await patch({})).status).toBe(400);
  const bad = await patch({ dueAt: 'tomorrow' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.fields[0].path).toBe('dueAt');
});

it('recounts after every command, so counters a crash left half-moved are put right', async () => {
  const upload = await createProjectWithImages(stack, team, 'drift', 3);
  const job = await createJob(stack, team, 'drift', upload.batch.id, 3);
  const done = await labelNext(stack, team, 'drift', job.id);
  await waitForJob(stack, team, 'drift', job.id, (j) => j.annotated === 1);
  // What a crash between a command's image update and its counters' $inc leaves: one image counted twice.
  await stack.db.models.Job.updateOne({ _id: job.id }, { $inc: { 'counts.unannotated': 1 } });
  expect(partitions((await get(`drift/jobs/${job.id}`)).body)).toBe(false);
  await post(`drift/jobs/${job.id}/send-back`, { imageIds: [done.imageId] });
  const fixed = await waitForJob(stack, team, 'drift', job.id, (j) => partitions(j) && j.unannotated === 3);
  expect(fixed).toMatchObject({ numImages: 3, unannotated: 3, annotated: 0 });
});

it('refuses commands on a complete job, saying why', async () => {
  const upload = await createProjectWithImages(stack, team, 'finished', 1);
  const job = await createJob(stack, team, 'finished', upload.batch.id, 1);
  await review(stack, team, 'finished', job.id, (await labelNext(stack, team, 'finished', job.id)).imageId, 'approve');
  await waitForJob(stack, team, 'finished', job.id, (j) => j.status === 'complete');
  const res = await post(`finished/jobs/${job.id}/send-back`, { imageIds: [upload.images[0]!.id] });
  expect(res.status).toBe(409);
  expect(res.body.error.message).toContain('complete');
});

async function eventuallyDataset(project: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const res = await get(`${project}/dataset`);
    if (res.body.count === count) return res.body;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the dataset of ${project} never held ${count} images`);
}
