// A manager's commands on a job, through HTTP on the real stack: accepting images into the dataset
// with splits (and early, before review).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { planSplits } from '../domain/splits';
import { createJob, createProjectWithImages, createTeam, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('job-commands');
  team = await createTeam(stack);
});
afterAll(async () => stack?.stop());

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

async function eventuallyDataset(project: string, count: number) {
  for (let i = 0; i < 100; i++) {
    const res = await get(`${project}/dataset`);
    if (res.body.count === count) return res.body;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`the dataset of ${project} never held ${count} images`);
}
