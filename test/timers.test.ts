// Timers on the Java time-skipping test server (skipped where Java/Maven could not provide it):
// minutes of workflow time pass in milliseconds.
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { workflowIds } from '../common/temporal';
import { labelingJob } from '../workflows/labeling-job';
import { createTeam, imageForm, labelNext, pngImage, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

const server = inject('timeSkippingServer');
let env: TestWorkflowEnvironment;
let stack: TestStack;
let team: Team;

beforeAll(async () => {
  if (!server) return;
  env = await TestWorkflowEnvironment.createTimeSkipping({ server: { executable: { type: 'existing-path', path: server } } });
  stack = await startTestStack('timers', { env: { TEMPORAL_ADDRESS: env.address } });
  team = await createTeam(stack);
});
afterAll(async () => {
  await stack?.stop();
  await env?.teardown();
});

it.skipIf(!server)('completes a job whose progress signal was lost, on its own resync timer', async () => {
  await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'quiet', name: 'Quiet', type: 'object-detection', classes: ['cat'] } });
  const upload = await stack.http.request('POST', '/acme/quiet/images', { key: team.manager, form: imageForm([{ name: 'q.png', bytes: await pngImage(7) }]) });
  expect(upload.status).toBe(201);
  const jobId = 'timer-job-1';
  // Started through the test environment's client so that awaiting its result lets time skip.
  const handle = await env.client.workflow.start(labelingJob, {
    workflowId: workflowIds.labelingJob(jobId),
    taskQueue: stack.config.temporal.taskQueuePrefix + '-jobs',
    args: [{
      jobId, workspace: 'acme', project: 'quiet', batchId: upload.body.batch.id, name: 'quiet job', requestedImages: 1,
      labeler: 'labeler@acme.test', reviewer: 'reviewer@acme.test', createdBy: 'owner@acme.test', instructionsText: '',
    }],
  });
  await handle.executeUpdate('assigned');
  const { imageId } = await labelNext(stack, team, 'quiet', jobId);
  await stack.api.ctx.progress.flush();
  // The approval is written straight to MongoDB with no signal, as if the API died right after it.
  await stack.db.models.JobImage.updateOne({ _id: `${jobId}:${imageId}`, state: 'annotated' }, { $set: { state: 'approved', approvedVersion: 1 } });

  const result = await handle.result(); // time skips through the 5-minute resync
  expect(result).toEqual({ status: 'complete', numImages: 1, approved: 1 });
  const job = await stack.http.request('GET', `/acme/quiet/jobs/${jobId}`, { key: team.manager });
  expect(job.body).toMatchObject({ status: 'complete', approved: 1 });
});
