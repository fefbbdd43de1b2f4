// The staging sweep, on the real stack: staged files no workflow will record (a crash between staging
// and starting the workflow) are removed once old; those of a running upload are kept and recorded.
import fs from 'node:fs/promises';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createLocalBlobStore, stagingOwner } from '../activities/blob-store';
import { taskQueues } from '../common/temporal';
import { createLogger } from '../common/logger';
import { stagingSweepScheduleId } from '../worker/upkeep-schedules';
import { startWorkerProcess, type WorkerProcess } from '../worker/process';
import { sweepStaging } from '../workflows/sweep-staging';
import { eventually, imageForm, pngImage } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let connection: Connection;
let client: Client;
let imagesWorker: WorkerProcess | undefined;

beforeAll(async () => {
  // The jobs queue only: an upload's workflow runs, but waits for an images worker to record its files.
  stack = await startTestStack('staging-sweep', { env: { TESSERA_WORKER_QUEUES: 'jobs', TESSERA_API_WAIT_MS: '1000' } });
  connection = await Connection.connect({ address: stack.config.temporal.address! });
  client = new Client({ connection });
  const res = await stack.http.request('POST', '/acme/projects', { key: stack.ownerKey, json: { id: 'sweep', name: 'Sweep', type: 'classification', classes: ['cat'] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(async () => {
  await imagesWorker?.stop();
  await connection?.close();
  await stack?.stop();
});

const jobsQueue = () => taskQueues(stack.config.temporal.taskQueuePrefix).jobs;
let sweeps = 0;
const sweep = (olderThanMs: number) => client.workflow.execute(sweepStaging, { taskQueue: jobsQueue(), workflowId: `sweep-test-${sweeps++}`, args: [{ olderThanMs }] });

async function stagedKeys(): Promise<string[]> {
  const keys: string[] = [];
  for await (const { key } of createLocalBlobStore(path.join(stack.config.dataDir, 'images')).list('staging/')) keys.push(key);
  return keys.sort();
}

it('names the upload or import a staged key belongs to', () => {
  expect(stagingOwner('staging/abc123/0')).toBe('abc123');
  expect(stagingOwner('staging/abc123-entries/17')).toBe('abc123');
  expect(stagingOwner('staging/abc123-plan.json')).toBe('abc123');
  expect(stagingOwner('originals/ab/abc')).toBeUndefined();
});

it('removes old staged files and fill pages whose workflow never started, keeps a running upload\'s (then recorded) and a made batch\'s', async () => {
  const upload = await stack.http.request('POST', '/acme/sweep/images', { key: stack.ownerKey, form: imageForm([{ name: 'kept.png', bytes: await pngImage(4_001) }]) });
  expect(upload.status, JSON.stringify(upload.body)).toBe(503);
  const uploadId = upload.body.error.details.accepted.uploadId as string;
  const store = createLocalBlobStore(path.join(stack.config.dataDir, 'images'));
  const orphans = ['staging/orphanupload/0', 'staging/orphanupload/1', 'staging/orphanimport-entries/0', 'staging/orphanimport-plan.json'];
  for (const key of orphans) await store.put(key, Buffer.from('left behind by a crash'));
  expect(await stagedKeys()).toEqual([...orphans, `staging/${uploadId}/0`].sort());

  // Pages of ids a batch request stored before its workflow would have started (it never did), and the
  // pages of a batch that was made, which stay with it.
  const { Batch, BatchFillPage } = stack.db.models;
  await Batch.create({ _id: 'madebatch', workspace: 'acme', project: 'sweep', name: 'made', priority: 3 });
  const page = (_id: string) => ({ _id, imageIds: ['x'], done: false, moved: 0, createdAt: new Date() });
  await BatchFillPage.insertMany([page('neverstarted#0'), page('neverstarted#1'), page('madebatch#0')], { lean: true });

  expect(await sweep(3600_000)).toEqual({ owners: 0, removed: 0, kept: 5, fillPages: 0 });
  expect(await sweep(0)).toEqual({ owners: 2, removed: 4, kept: 1, fillPages: 2 });
  expect((await BatchFillPage.find({}, { _id: 1 }).lean()).map((p) => p._id)).toEqual(['madebatch#0']);
  expect(await stagedKeys()).toEqual([`staging/${uploadId}/0`]);
  await expect(fs.readdir(path.join(stack.config.dataDir, 'images', 'staging'))).resolves.toEqual([uploadId]);

  // The kept upload completes once an images worker runs, and its workflow removes its own files.
  imagesWorker = await startWorkerProcess({ config: { ...stack.config, workerQueues: ['images'] }, logger: createLogger('warn', 'images'), db: stack.db, temporalAddress: stack.config.temporal.address! });
  const done = await eventually(async () => {
    const res = await stack.http.request('GET', `/acme/sweep/uploads/${uploadId}`, { key: stack.ownerKey });
    return res.body.status === 'done' && res.body;
  }, 'the upload recorded', 60_000);
  expect(done.images).toEqual([expect.objectContaining({ name: 'kept.png' })]);
  expect(await stagedKeys()).toEqual([]);
});

it('runs the sweep hourly on a schedule the worker made', async () => {
  const schedule = await client.schedule.getHandle(stagingSweepScheduleId(jobsQueue())).describe();
  expect(schedule.spec.intervals).toEqual([expect.objectContaining({ every: 3600_000 })]);
  expect(schedule.action).toMatchObject({ type: 'startWorkflow', workflowType: 'sweepStaging', taskQueue: jobsQueue() });
});
