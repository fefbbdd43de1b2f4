// A long-lived job keeps its workflow's history short: it continues as new before the history reaches
// 2,000 events, so a worker that drops it from its cache replays a short history, not a long one.
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { workflowIds } from '../common/temporal';
import { progressedSignal } from '../workflows/labeling-job';
import { createJob, createProjectWithImages, createTeam, eventually, labelNext, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let temporalClient: Client;

beforeAll(async () => {
  stack = await startTestStack('labeling-job-runs');
  team = await createTeam(stack);
  temporalClient = new Client({ connection: await Connection.connect({ address: stack.config.temporal.address! }) });
});
afterAll(async () => {
  await temporalClient?.connection.close();
  await stack?.stop();
});

it('a job woken again and again continues as new before its history reaches 2,000 events, and its counts stay right', async () => {
  const upload = await createProjectWithImages(stack, team, 'runs', 2);
  const job = await createJob(stack, team, 'runs', upload.batch.id, 2);
  const handle = temporalClient.workflow.getHandle(workflowIds.labelingJob(job.id));
  const firstRun = (await handle.describe()).runId;
  // Each progress signal wakes the job for a recount: about fifteen events. Fewer than the 2,000
  // signals a run takes at most, so only the history's length can end the run.
  let signals = 0;
  while ((await handle.describe()).runId === firstRun) {
    expect(signals, 'signals sent without the run continuing as new').toBeLessThan(1_500);
    await handle.signal(progressedSignal);
    signals++;
    await new Promise((r) => setTimeout(r, 20));
  }
  const history = await temporalClient.workflow.getHandle(workflowIds.labelingJob(job.id), firstRun).fetchHistory();
  expect(history.events!.length).toBeLessThan(2_100);
  expect(history.events!.at(-1)!.workflowExecutionContinuedAsNewEventAttributes).toBeTruthy();

  const { imageId } = await labelNext(stack, team, 'runs', job.id);
  expect(imageId).toBeTruthy();
  await eventually(async () => {
    const counts = (await stack.http.request('GET', `/acme/runs/jobs/${job.id}`, { key: team.manager })).body;
    return counts.numImages === 2 && counts.annotated === 1 && counts.unannotated === 1;
  }, 'the counts after the continued run hears of a submit');
});
