// Nothing acknowledged is lost when the worker dies: a real worker process is SIGKILLed mid-job,
// work goes on through the API meanwhile, and a new worker process finishes the job.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJob, createProjectWithImages, createTeam, datasetCount, eventually, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startWorkerChild, type Child } from './helpers/processes';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
const workers: Child[] = [];

const startWorker = () => startWorkerChild(stack.env, workers);

let team: Team;

beforeAll(async () => {
  // A short wait on workers, so the no-worker case answers quickly.
  stack = await startTestStack('worker-crash', { worker: false, env: { TESSERA_API_WAIT_MS: '3000' } });
  team = await createTeam(stack);
});
afterAll(async () => {
  for (const w of workers) w.proc.kill('SIGKILL');
  await stack?.stop();
});

it('finishes a job on a new worker after the first was killed mid-job', async () => {
  const first = await startWorker();
  const upload = await createProjectWithImages(stack, team, 'crash', 4);
  const job = await createJob(stack, team, 'crash', upload.batch.id, 4);
  expect(job.numImages).toBe(4);

  for (let i = 0; i < 2; i++) {
    const { imageId } = await labelNext(stack, team, 'crash', job.id);
    await review(stack, team, 'crash', job.id, imageId, 'approve');
  }
  await eventually(async () => (await datasetCount(stack, team, 'crash')) === 2, 'two images in the dataset');

  first.proc.kill('SIGKILL');
  expect(await first.exited).toBeNull(); // killed by the signal, no clean exit

  // People keep working while no worker runs: their writes are acknowledged and kept.
  for (let i = 0; i < 2; i++) {
    const { imageId } = await labelNext(stack, team, 'crash', job.id);
    await review(stack, team, 'crash', job.id, imageId, 'approve');
  }
  const meanwhile = await stack.http.request('GET', `/acme/crash/jobs/${job.id}`, { key: team.manager });
  expect(meanwhile.body).toMatchObject({ approved: 4 });
  expect(meanwhile.body.status).not.toBe('complete');

  await startWorker();
  const restartedAt = Date.now();
  const done = await waitForJob(stack, team, 'crash', job.id, (j) => j.status === 'complete', 90_000);
  console.info(`job completed ${Date.now() - restartedAt} ms after the new worker started`);
  // The counters moved by the API while no worker ran are exact once the job completes on a recount.
  expect(done).toMatchObject({ numImages: 4, unannotated: 0, annotated: 0, approved: 4, rejected: 0 });
  const dataset = await stack.http.request('GET', '/acme/crash/dataset', { key: team.manager });
  expect(dataset.body.count).toBe(4);
  expect(new Set(dataset.body.images.map((i: { id: string }) => i.id)).size).toBe(4);
}, 120_000);

it('keeps a job created while no worker runs, answers 503 with its id, and assigns it once a worker starts', async () => {
  const upload = await createProjectWithImages(stack, team, 'no-worker', 2); // the last test's worker ingests it
  for (const w of workers) w.proc.kill('SIGKILL');
  await Promise.all(workers.map((w) => w.exited));

  const res = await stack.http.request('POST', '/acme/no-worker/jobs', {
    key: team.manager,
    json: { name: 'while down', batch: upload.batch.id, num_images: 2, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  const jobId = res.body.error.details.accepted.jobId;
  expect(jobId).toMatch(/^[A-Za-z0-9]{20}$/);

  await startWorker();
  const job = await waitForJob(stack, team, 'no-worker', jobId, (j) => j.numImages === 2 && j.status === 'assigned', 60_000);
  expect(job).toMatchObject({ id: jobId, unannotated: 2 });
}, 120_000);
