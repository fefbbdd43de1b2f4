// Nothing acknowledged is lost when a server under Tessera restarts mid-job: the Temporal server
// (persisted to a file) and the MongoDB-wire server (persisted to its data dir) are stopped and
// started again on the same port while people work, and each job still completes with every image in
// the dataset once. This file runs its own two servers, since it stops them.
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { freePort } from '../services/free-port';
import { startMongoServer, type MongoServer } from '../services/mongo-server';
import { startTemporalServer, type TemporalServer } from '../services/temporal-server';
import { createJob, createProjectWithImages, createTeam, datasetCount, eventually, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let temporal: TemporalServer;
let mongo: MongoServer;
const dir = path.join(inject('tmpDir'), `services-crash-${process.pid}`);
const ports = { temporal: 0, mongo: 0 };

const startTemporal = () => startTemporalServer({ dbFile: path.join(dir, 'temporal.db'), port: ports.temporal });
const startMongo = () => startMongoServer({ dataDir: path.join(dir, 'mongo'), port: ports.mongo });

beforeAll(async () => {
  await fs.mkdir(dir, { recursive: true });
  ports.temporal = await freePort();
  ports.mongo = await freePort();
  [temporal, mongo] = await Promise.all([startTemporal(), startMongo()]);
  stack = await startTestStack('services-crash', { env: { TEMPORAL_ADDRESS: temporal.address, MONGODB_URI: `${mongo.uri}/services_crash`, TESSERA_API_WAIT_MS: '5000' } });
  team = await createTeam(stack);
}, 240_000);
afterAll(async () => {
  await stack?.stop();
  await Promise.allSettled([temporal?.stop(), mongo?.stop()]);
});

/** Labels and approves `n` images of the job; each call answered 200 is acknowledged work. */
async function work(project: string, jobId: string, n: number): Promise<string[]> {
  const done: string[] = [];
  for (let i = 0; i < n; i++) {
    const { imageId } = await labelNext(stack, team, project, jobId);
    await review(stack, team, project, jobId, imageId, 'approve');
    done.push(imageId);
  }
  return done;
}

async function expectCompleteOnce(project: string, jobId: string, images: number) {
  const job = await waitForJob(stack, team, project, jobId, (j) => j.status === 'complete', 120_000);
  expect(job).toMatchObject({ numImages: images, approved: images, unannotated: 0, annotated: 0, rejected: 0 });
  await eventually(async () => (await datasetCount(stack, team, project)) === images, `${images} images in the dataset`, 60_000);
  const dataset = await stack.http.request('GET', `/acme/${project}/dataset?limit=100`, { key: team.manager });
  expect(dataset.body.images.map((i: { id: string }) => i.id).sort()).toEqual([...new Set(dataset.body.images.map((i: { id: string }) => i.id))].sort());
  expect(dataset.body.images).toHaveLength(images);
}

it('completes a job after the Temporal server restarts mid-job, keeping work done while it was down', async () => {
  const upload = await createProjectWithImages(stack, team, 'temporal-down', 6);
  const job = await createJob(stack, team, 'temporal-down', upload.batch.id, 6);
  await work('temporal-down', job.id, 2);
  await temporal.stop();
  // Labeling and review are writes to MongoDB: they go on while Temporal is away.
  await work('temporal-down', job.id, 2);
  temporal = await startTemporal();
  await work('temporal-down', job.id, 2);
  await expectCompleteOnce('temporal-down', job.id, 6);
}, 300_000);

it('completes a job after the MongoDB-wire server restarts mid-job; what it acknowledged before is kept', async () => {
  const upload = await createProjectWithImages(stack, team, 'mongo-down', 6);
  const job = await createJob(stack, team, 'mongo-down', upload.batch.id, 6);
  const before = await work('mongo-down', job.id, 3);
  await mongo.stop();
  // While the store is away a request fails (5xx); nothing is acknowledged, so nothing can be lost.
  const refused = await stack.http.request('POST', `/acme/mongo-down/jobs/${job.id}/next`, { key: team.labeler });
  expect(refused.status).toBeGreaterThanOrEqual(500);
  mongo = await startMongo();
  const approved = await eventually(async () => {
    const res = await stack.http.request('GET', `/acme/mongo-down/jobs/${job.id}`, { key: team.manager });
    return res.status === 200 && res.body;
  }, 'the API answering again', 60_000);
  expect(approved.approved).toBeGreaterThanOrEqual(before.length);
  await work('mongo-down', job.id, 3);
  await expectCompleteOnce('mongo-down', job.id, 6);
}, 300_000);
