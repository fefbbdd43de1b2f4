// The store under the hot paths: conditional updates are compare-and-set on the embedded MongoDB-wire
// server too, lookups by _id are answered from an index, and a job's counters stay exact under load
// and are put right by the job's reconcile after drift.
import { MockActivityEnvironment } from '@temporalio/testing';
import { mongo } from 'mongoose';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createActivities } from '../activities';
import { createLocalBlobStore } from '../activities/blob-store';
import { jobImageId } from '../db/job-stream';
import { catBox, createJob, createProjectWithImages, createTeam, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

describe('the MongoDB-wire store', () => {
  let client: mongo.MongoClient;
  let coll: mongo.Collection<{ _id: string; n: number; state?: string }>;

  beforeAll(async () => {
    client = new mongo.MongoClient(`${inject('mongoUri')}/store-primitives`, { directConnection: true, maxPoolSize: 30 });
    coll = client.db().collection('docs');
  });
  afterAll(async () => client?.close());

  it('gives exactly one winner to concurrent conditional updates of one document', async () => {
    let winners = 0;
    for (let round = 0; round < 10; round++) {
      await coll.insertOne({ _id: `race-${round}`, n: 0 });
      const results = await Promise.all(
        Array.from({ length: 20 }, () => coll.updateOne({ _id: `race-${round}`, n: 0 }, { $set: { n: 1 } })),
      );
      winners += results.filter((r) => r.modifiedCount === 1).length;
    }
    expect(winners).toBe(10);
  });

  it('answers one update command of more statements than it has pooled connections', async () => {
    await coll.insertMany(Array.from({ length: 300 }, (_, i) => ({ _id: `bulk-${i}`, n: 0 })));
    const res = await coll.bulkWrite(
      Array.from({ length: 300 }, (_, i) => ({ updateOne: { filter: { _id: `bulk-${i}`, n: 0 }, update: { $set: { n: 1 } } } })),
      { ordered: false },
    );
    expect(res.modifiedCount).toBe(300);
  });

  it('answers a lookup by _id from the _id index, also with other conditions and with $in', async () => {
    await coll.insertMany(Array.from({ length: 50 }, (_, i) => ({ _id: `lookup-${i}`, n: i, state: 'open' })));
    const plans = [
      await coll.find({ _id: 'lookup-7', state: 'open' }).explain(),
      await coll.find({ _id: { $in: ['lookup-1', 'lookup-2'] } }).explain(),
    ];
    for (const plan of plans) {
      // FerretDB reports SQLite's plan, MongoDB its winning stage: either way an index, not a scan.
      expect(JSON.stringify(plan)).toMatch(/USING INDEX|IDHACK|IXSCAN|EXPRESS/);
    }
    expect((await coll.find({ _id: 'lookup-7', state: 'open' }).toArray()).map((d) => d.n)).toEqual([7]);
    expect(await coll.countDocuments({ _id: { $in: ['lookup-1', 'lookup-2', 'nope'] } })).toBe(2);
  });
});

describe('job counters', { timeout: 180_000 }, () => {
  let stack: TestStack;
  let team: Team;

  beforeAll(async () => {
    stack = await startTestStack('store');
    team = await createTeam(stack);
  });
  afterAll(async () => stack?.stop());

  it('keep the four counts a partition of numImages, matching the images, with 20 labelers at once', async () => {
    const labelers = 20;
    const perJob = 3;
    const upload = await createProjectWithImages(stack, team, 'busy', labelers * perJob);
    const keys: string[] = [];
    const jobs: string[] = [];
    for (let i = 0; i < labelers; i++) {
      const email = `labeler${i}@acme.test`;
      const member = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email, role: 'labeler' } });
      keys.push(member.body.apiKey);
      const job = await stack.http.request('POST', '/acme/busy/jobs', {
        key: team.manager,
        json: { name: `job ${i}`, batch: upload.batch.id, num_images: perJob, labelerEmail: email, reviewerEmail: 'reviewer@acme.test' },
      });
      expect(job.status, JSON.stringify(job.body)).toBe(201);
      jobs.push(job.body.id);
    }
    const handedOut = new Set<string>();
    await Promise.all(jobs.map(async (jobId, i) => {
      for (;;) {
        const next = await stack.http.request('POST', `/acme/busy/jobs/${jobId}/next`, { key: keys[i] });
        if (next.status === 204) return;
        expect(next.status, JSON.stringify(next.body)).toBe(200);
        const imageId = next.body.image.id as string;
        expect(handedOut.has(imageId), `image ${imageId} handed out twice`).toBe(false);
        handedOut.add(imageId);
        const put = await stack.http.request('PUT', `/acme/busy/jobs/${jobId}/images/${imageId}/annotation`, { key: keys[i], json: catBox });
        expect(put.status, JSON.stringify(put.body)).toBe(200);
        // The reviewer works alongside: every other image approved, the rest rejected.
        const decision = handedOut.size % 2 === 0 ? { decision: 'approve' } : { decision: 'reject', reason: 'box too loose' };
        const rev = await stack.http.request('POST', `/acme/busy/jobs/${jobId}/images/${imageId}/review`, { key: team.reviewer, json: decision });
        expect(rev.status, JSON.stringify(rev.body)).toBe(200);
        if (decision.decision === 'reject') return; // leave some rework behind
      }
    }));
    for (const jobId of jobs) {
      const job = (await stack.http.request('GET', `/acme/busy/jobs/${jobId}`, { key: team.manager })).body;
      expect(job.unannotated + job.annotated + job.approved + job.rejected).toBe(job.numImages);
      expect(job).toMatchObject(await countsFromImages(jobId, upload.images.map((i) => i.id)));
    }
  });

  it('are put right by the job\'s reconcile after they drift', async () => {
    const upload = await createProjectWithImages(stack, team, 'drift', 3);
    const job = await createJob(stack, team, 'drift', upload.batch.id, 3);
    // A crash between an image's write and its counter's, simulated by moving a counter alone.
    await stack.db.models.Job.updateOne({ _id: job.id }, { $inc: { 'counts.unannotated': -1, 'counts.approved': 1 } });
    const drifted = (await stack.http.request('GET', `/acme/drift/jobs/${job.id}`, { key: team.manager })).body;
    expect(drifted).toMatchObject({ unannotated: 2, approved: 1 });
    // The workflow recounts on its 5-minute resync timer by running this activity (timers.test.ts
    // covers the timer itself); here the activity runs directly, in the SDK's activity context.
    const activities = createActivities({
      models: stack.db.models, mailer: { send: async () => undefined, close: () => undefined }, store: createLocalBlobStore(stack.config.dataDir), webhooks: stack.config.webhooks,
    });
    await new MockActivityEnvironment().run(activities.syncJobProgress, { jobId: job.id, reconcile: true });
    const fixed = (await stack.http.request('GET', `/acme/drift/jobs/${job.id}`, { key: team.manager })).body;
    expect(fixed).toMatchObject({ numImages: 3, unannotated: 3, annotated: 0, approved: 0, rejected: 0 });
  });

  it('pages through the dataset in the order images entered it', async () => {
    const upload = await createProjectWithImages(stack, team, 'pages', 5);
    const job = await createJob(stack, team, 'pages', upload.batch.id, 5);
    const entered: string[] = [];
    for (let i = 0; i < 5; i++) {
      const next = await stack.http.request('POST', `/acme/pages/jobs/${job.id}/next`, { key: team.labeler });
      const imageId = next.body.image.id as string;
      await stack.http.request('PUT', `/acme/pages/jobs/${job.id}/images/${imageId}/annotation`, { key: team.labeler, json: catBox });
      await stack.http.request('POST', `/acme/pages/jobs/${job.id}/images/${imageId}/review`, { key: team.reviewer, json: { decision: 'approve' } });
      entered.push(imageId);
      await waitForJob(stack, team, 'pages', job.id, () => true); // let the workflow include it, in order
      await waitForDataset(i + 1);
    }
    const first = await stack.http.request('GET', '/acme/pages/dataset?limit=2', { key: team.manager });
    expect(first.body).toMatchObject({ count: 5, next: 2 });
    const second = await stack.http.request('GET', `/acme/pages/dataset?limit=2&after=${first.body.next}`, { key: team.manager });
    const third = await stack.http.request('GET', `/acme/pages/dataset?limit=2&after=${second.body.next}`, { key: team.manager });
    expect(third.body.next).toBeNull();
    const paged = [first, second, third].flatMap((page) => page.body.images.map((i: { id: string }) => i.id));
    expect(paged).toEqual(entered);
    const bad = await stack.http.request('GET', '/acme/pages/dataset?limit=0', { key: team.manager });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.error.details)).toContain('limit');

    async function waitForDataset(count: number) {
      for (let t = 0; t < 200; t++) {
        if ((await stack.http.request('GET', '/acme/pages/dataset?limit=1', { key: team.manager })).body.count >= count) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`dataset never reached ${count}`);
    }
  });

  async function countsFromImages(jobId: string, imageIds: string[]) {
    const images = await stack.db.models.JobImage.find({ _id: { $in: imageIds.map((id) => jobImageId(jobId, id)) } }).lean();
    const counts = { unannotated: 0, annotated: 0, approved: 0, rejected: 0, numImages: images.length };
    for (const ji of images) counts[ji.state as 'unannotated']++;
    return counts;
  }
});
