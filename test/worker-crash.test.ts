// Nothing acknowledged is lost when the worker dies: a real worker process is SIGKILLed mid-job,
// work goes on through the API meanwhile, and a new worker process finishes the job.
import { expect, it } from 'vitest';
import { crashStack } from './helpers/crash-stack';
import { createJob, createProjectWithImages, datasetCount, eventually, labelNext, review, waitForJob } from './helpers/fixtures';
import { seedBatchImages } from './helpers/seed-images';

// A short wait on workers, so the no-worker case answers quickly.
const crash = crashStack('worker-crash', { env: { TESSERA_API_WAIT_MS: '3000' }, firstWorker: false });

it('finishes a job on a new worker after the first was killed mid-job', async () => {
  const first = await crash.startWorker();
  const upload = await createProjectWithImages(crash.stack, crash.team, 'crash', 4);
  const job = await createJob(crash.stack, crash.team, 'crash', upload.batch.id, 4);
  expect(job.numImages).toBe(4);

  for (let i = 0; i < 2; i++) {
    const { imageId } = await labelNext(crash.stack, crash.team, 'crash', job.id);
    await review(crash.stack, crash.team, 'crash', job.id, imageId, 'approve');
  }
  await eventually(async () => (await datasetCount(crash.stack, crash.team, 'crash')) === 2, 'two images in the dataset');

  first.proc.kill('SIGKILL');
  expect(await first.exited).toBeNull(); // killed by the signal, no clean exit

  // People keep working while no worker runs: their writes are acknowledged and kept.
  for (let i = 0; i < 2; i++) {
    const { imageId } = await labelNext(crash.stack, crash.team, 'crash', job.id);
    await review(crash.stack, crash.team, 'crash', job.id, imageId, 'approve');
  }
  const meanwhile = await crash.stack.http.request('GET', `/acme/crash/jobs/${job.id}`, { key: crash.team.manager });
  expect(meanwhile.body).toMatchObject({ approved: 4 });
  expect(meanwhile.body.status).not.toBe('complete');

  await crash.startWorker();
  const restartedAt = Date.now();
  const done = await waitForJob(crash.stack, crash.team, 'crash', job.id, (j) => j.status === 'complete', 90_000);
  console.info(`job completed ${Date.now() - restartedAt} ms after the new worker started`);
  // The counters moved by the API while no worker ran are exact once the job completes on a recount.
  expect(done).toMatchObject({ numImages: 4, unannotated: 0, annotated: 0, approved: 4, rejected: 0 });
  const dataset = await crash.stack.http.request('GET', '/acme/crash/dataset', { key: crash.team.manager });
  expect(dataset.body.count).toBe(4);
  expect(new Set(dataset.body.images.map((i: { id: string }) => i.id)).size).toBe(4);
}, 120_000);

it('loses no submit, decision or rework and includes each image once when the worker is killed during labeling, during review and during dataset inclusion', async () => {
  const project = 'crash-stages';
  const images = 6;
  let worker = await crash.startWorker();
  const upload = await createProjectWithImages(crash.stack, crash.team, project, images);
  const job = await createJob(crash.stack, crash.team, project, upload.batch.id, images);
  const kill = async () => {
    worker.proc.kill('SIGKILL');
    expect(await worker.exited).toBeNull();
  };

  // During labeling: the worker dies between two submits; the submits after it are acknowledged and kept.
  const submitted = [(await labelNext(crash.stack, crash.team, project, job.id)).imageId, (await labelNext(crash.stack, crash.team, project, job.id)).imageId];
  await kill();
  for (let i = 2; i < images; i++) submitted.push((await labelNext(crash.stack, crash.team, project, job.id)).imageId);
  expect(new Set(submitted).size).toBe(images);
  worker = await crash.startWorker();
  await waitForJob(crash.stack, crash.team, project, job.id, (j) => j.annotated === images, 60_000);

  // During review: one rejected, one approved, then the worker dies; the labeler fixes the rejected
  // image while no worker runs (it comes back to them first), and the new worker sends one rework mail.
  const [rejected, approvedFirst, ...rest] = submitted as [string, string, ...string[]];
  await review(crash.stack, crash.team, project, job.id, rejected, 'reject', 'Wrong class');
  await review(crash.stack, crash.team, project, job.id, approvedFirst, 'approve');
  await kill();
  const fixed = await labelNext(crash.stack, crash.team, project, job.id);
  expect(fixed.imageId).toBe(rejected);
  expect(fixed.next.rework).toMatchObject({ round: 1, reason: 'Wrong class' });
  worker = await crash.startWorker();
  await crash.stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && /sent back for rework/.test(m.subject), 60_000);

  // During dataset inclusion: the rest are approved and the worker is killed as soon as the last
  // approval is acknowledged, while it is putting them into the dataset.
  for (const imageId of [rejected, ...rest]) await review(crash.stack, crash.team, project, job.id, imageId, 'approve');
  await kill();
  const atKill = await datasetCount(crash.stack, crash.team, project);
  console.info(`${atKill} of ${images} images were in the dataset when the worker was killed`);
  worker = await crash.startWorker();

  const done = await waitForJob(crash.stack, crash.team, project, job.id, (j) => j.status === 'complete', 90_000);
  expect(done).toMatchObject({ numImages: images, unannotated: 0, annotated: 0, approved: images, rejected: 0 });
  const dataset = await crash.stack.http.request('GET', `/acme/${project}/dataset`, { key: crash.team.manager });
  expect(dataset.body.count).toBe(images);
  expect(new Set(dataset.body.images.map((i: { id: string }) => i.id))).toEqual(new Set(submitted));
  // The fixed annotation is the one in the dataset (version 2 of the rejected image).
  expect(dataset.body.images.find((i: { id: string }) => i.id === rejected).version).toBe(fixed.version);
  // One rework mail for the one review round, however often the worker died.
  const reworkMails = crash.stack.smtp.mails.filter((m) => m.to.includes('labeler@acme.test') && /sent back for rework/.test(m.subject));
  expect(reworkMails).toHaveLength(1);
}, 240_000);

it('keeps a job created while no worker runs, answers 503 with its id, and assigns it once a worker starts', async () => {
  const upload = await createProjectWithImages(crash.stack, crash.team, 'no-worker', 2); // the last test's worker ingests it
  for (const w of crash.workers) w.proc.kill('SIGKILL');
  await Promise.all(crash.workers.map((w) => w.exited));

  const res = await crash.stack.http.request('POST', '/acme/no-worker/jobs', {
    key: crash.team.manager,
    json: { name: 'while down', batch: upload.batch.id, num_images: 2, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  expect(res.status).toBe(503);
  expect(res.headers.get('retry-after')).toBe('5');
  const jobId = res.body.error.details.accepted.jobId;
  expect(jobId).toMatch(/^[A-Za-z0-9]{20}$/);

  await crash.startWorker();
  const job = await waitForJob(crash.stack, crash.team, 'no-worker', jobId, (j) => j.numImages === 2 && j.status === 'assigned', 60_000);
  expect(job).toMatchObject({ id: jobId, unannotated: 2 });
}, 120_000);

it('fills a batch of 6,000 listed images once when the worker is killed mid-fill: 503 with the batch id, then GET fill gives the answer', async () => {
  for (const w of crash.workers) w.proc.kill('SIGKILL');
  await Promise.all(crash.workers.map((w) => w.exited));
  const worker = await crash.startWorker();
  const { db, http } = crash.stack;
  const project = 'crash-fill';
  const api = (method: string, path: string, json?: unknown) => http.request(method, `/acme/${project}${path}`, { key: crash.team.manager, json });
  expect((await http.request('POST', '/acme/projects', { key: crash.team.manager, json: { id: project, name: project, type: 'object-detection', classes: ['cat'] } })).status).toBe(201);
  const sourceId = 'crash-fill-source';
  await db.models.Batch.create({ _id: sourceId, workspace: 'acme', project, name: 'seeded', priority: 3 });
  const ids = await seedBatchImages(db, 'acme', project, sourceId, 6000);

  const posting = api('POST', '/batches', { name: 'big', priority: 2, imageIds: [...ids, 'no-such-image'] });
  const filling = await eventually(async () => {
    const batch = await db.models.Batch.findOne({ workspace: 'acme', project, name: 'big' }).lean();
    return batch?.fill && batch.fill.done >= 1 ? batch : undefined;
  }, 'the first page of the fill moved', 60_000);
  worker.proc.kill('SIGKILL');
  expect(await worker.exited).toBeNull();
  const killedAt = (await db.models.Batch.findById(filling._id).lean())!.fill!;
  expect(killedAt.filled, 'the worker was killed before the fill ended').toBe(false);

  const res = await posting;
  expect(res.status, JSON.stringify(res.body)).toBe(503);
  expect(res.body.error.details.accepted.batchId).toBe(filling._id);
  const meanwhile = await api('GET', `/batches/${filling._id}`);
  expect(meanwhile.body.filling).toEqual({ done: killedAt.done, total: 7 });
  expect((await api('GET', `/batches/${filling._id}/fill`)).body).toMatchObject({ status: 'filling', result: null });
  expect((await api('DELETE', `/annotation-batches/${filling._id}`)).status).toBe(409);

  await crash.startWorker();
  const fill = await eventually(async () => {
    const body = (await api('GET', `/batches/${filling._id}/fill`)).body;
    return body.status === 'filled' ? body : undefined;
  }, 'the fill finished on the new worker', 60_000);
  expect(fill.progress).toEqual({ done: 7, total: 7 });
  expect(fill.result).toEqual({ id: filling._id, name: 'big', priority: 2, numImages: 6000, excluded: [{ imageId: 'no-such-image', reason: 'not_found' }] });
  // Every image moved once: all in the new batch, which counts exactly them, and none left behind.
  expect(await db.models.Image.countDocuments({ project, batchId: filling._id })).toBe(6000);
  expect(await db.models.Image.countDocuments({ project, batchId: sourceId })).toBe(0);
  expect((await api('GET', `/batches/${filling._id}`)).body).toMatchObject({ numImages: 6000, filling: null, counts: { unassigned: 6000 } });
}, 180_000);
