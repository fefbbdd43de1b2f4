// The label stream beyond next/submit: skip, Idempotency-Key on submit and review, the reviewer told
// once per round when a job is ready for review, and a long-lived job's workflow kept to short runs (it
// continues as new before its history reaches 2,000 events, so a worker that drops it from its cache
// replays a short history, not a long one).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Client, Connection } from '@temporalio/client';
import { workflowIds } from '../common/temporal';
import { progressedSignal, statusQuery } from '../workflows/labeling-job';
import { catBox, createJob, createProjectWithImages, createTeam, eventually, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let temporalClient: Client;

beforeAll(async () => {
  stack = await startTestStack('label-stream');
  team = await createTeam(stack);
  temporalClient = new Client({ connection: await Connection.connect({ address: stack.config.temporal.address! }) });
});
afterAll(async () => {
  await temporalClient?.connection.close();
  await stack?.stop();
});

const put = (project: string, job: string, image: string, json: unknown, headers: Record<string, string> = {}) =>
  stack.http.request('PUT', `/acme/${project}/jobs/${job}/images/${image}/annotation`, { key: team.labeler, json, headers });

it('takes a skipped image out of the stream for good and keeps it unannotated', async () => {
  const upload = await createProjectWithImages(stack, team, 'skips', 2);
  const job = await createJob(stack, team, 'skips', upload.batch.id, 2);
  const first = await stack.http.request('POST', `/acme/skips/jobs/${job.id}/next`, { key: team.labeler });
  const skipped = first.body.image.id as string;
  const skip = await stack.http.request('POST', `/acme/skips/jobs/${job.id}/images/${skipped}/skip`, { key: team.labeler, json: { reason: 'blurry' } });
  expect(skip.status, JSON.stringify(skip.body)).toBe(200);
  expect(skip.body).toMatchObject({ imageId: skipped, skipped: true, reason: 'blurry' });
  const again = await stack.http.request('POST', `/acme/skips/jobs/${job.id}/images/${skipped}/skip`, { key: team.labeler, json: {} });
  expect(again.status).toBe(409);
  const { imageId: other } = await labelNext(stack, team, 'skips', job.id);
  expect(other).not.toBe(skipped);
  const nothing = await stack.http.request('POST', `/acme/skips/jobs/${job.id}/next`, { key: team.labeler });
  expect(nothing.status).toBe(204);
  const counts = (await stack.http.request('GET', `/acme/skips/jobs/${job.id}`, { key: team.manager })).body;
  expect(counts).toMatchObject({ numImages: 2, unannotated: 1, annotated: 1 });
  expect((await put('skips', job.id, skipped, catBox)).status).toBe(409);
});

it('answers a replayed submit or review with its first answer, and refuses the key with another body', async () => {
  const upload = await createProjectWithImages(stack, team, 'replays', 1);
  const job = await createJob(stack, team, 'replays', upload.batch.id, 1);
  const next = await stack.http.request('POST', `/acme/replays/jobs/${job.id}/next`, { key: team.labeler });
  const imageId = next.body.image.id as string;
  const key = { 'Idempotency-Key': 'submit-1' };
  const first = await put('replays', job.id, imageId, catBox, key);
  expect(first.status, JSON.stringify(first.body)).toBe(200);
  const replay = await put('replays', job.id, imageId, catBox, key);
  expect(replay).toMatchObject({ status: 200, body: first.body });
  const otherBody = await put('replays', job.id, imageId, { annotations: [] }, key);
  expect(otherBody.status).toBe(409);
  expect(otherBody.body.error.message).toContain('Idempotency-Key');
  const bad = await put('replays', job.id, imageId, catBox, { 'Idempotency-Key': 'has space' });
  expect(bad.status).toBe(400);
  expect(JSON.stringify(bad.body.error.details)).toContain('Idempotency-Key');

  const reviewKey = { key: team.reviewer, json: { decision: 'reject', reason: 'tail cut off' }, headers: { 'Idempotency-Key': 'review-1' } };
  const rejected = await stack.http.request('POST', `/acme/replays/jobs/${job.id}/images/${imageId}/review`, reviewKey);
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
  const rejectedAgain = await stack.http.request('POST', `/acme/replays/jobs/${job.id}/images/${imageId}/review`, reviewKey);
  expect(rejectedAgain).toMatchObject({ status: 200, body: rejected.body });
  // One rejection, not two: the image went back once.
  const counts = (await stack.http.request('GET', `/acme/replays/jobs/${job.id}`, { key: team.manager })).body;
  expect(counts).toMatchObject({ numImages: 1, rejected: 1, annotated: 0 });
});

it('lets a retry take over a request a crash left unanswered, once it is older than any request takes', async () => {
  const upload = await createProjectWithImages(stack, team, 'crashkey', 1);
  const job = await createJob(stack, team, 'crashkey', upload.batch.id, 1);
  const imageId = (await stack.http.request('POST', `/acme/crashkey/jobs/${job.id}/next`, { key: team.labeler })).body.image.id as string;
  const key = { 'Idempotency-Key': 'draft-crash' };
  const draft = { ...catBox, draft: true };
  expect((await put('crashkey', job.id, imageId, draft, key)).status).toBe(200);
  // As a crash mid-request leaves it: the record written, no answer.
  const records = stack.db.models.IdempotencyRecord.collection;
  const { _id } = (await records.findOne({ _id: { $regex: '/draft-crash$' } as never }))!;
  await records.updateOne({ _id }, { $set: { status: null, body: null } });
  const inProgress = await put('crashkey', job.id, imageId, draft, key);
  expect(inProgress.status).toBe(409);
  expect(inProgress.body.error).toMatchObject({ code: 'in_progress', message: expect.stringContaining('still in progress') });

  await records.updateOne({ _id }, { $set: { updatedAt: new Date(Date.now() - stack.config.apiWaitMs - 61_000) } });
  const retried = await put('crashkey', job.id, imageId, draft, key);
  expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  expect(await records.findOne({ _id })).toMatchObject({ status: 200, takenOver: 1, body: retried.body });
  expect(await put('crashkey', job.id, imageId, draft, key)).toMatchObject({ status: 200, body: retried.body });
});

it('tells the reviewer once per round when every image is submitted', async () => {
  const upload = await createProjectWithImages(stack, team, 'ready', 2);
  const job = await createJob(stack, team, 'ready', upload.batch.id, 2);
  const done = [await labelNext(stack, team, 'ready', job.id), await labelNext(stack, team, 'ready', job.id)];
  await waitForJob(stack, team, 'ready', job.id, (j) => j.status === 'review');
  const isNotice = (m: { to: string[]; subject: string }) => m.to.includes('reviewer@acme.test') && m.subject.includes('Ready for review: ready job');
  await stack.smtp.waitFor(isNotice);
  // The workflow's own state follows the stored status a moment later.
  const state = await eventually(async () => {
    const res = await stack.http.request('GET', `/acme/ready/jobs/${job.id}/state`, { key: team.manager });
    return res.body.status === 'review' && res.body;
  }, 'the workflow in review');
  expect(state).toMatchObject({ progress: { numImages: 2, annotated: 2 } });
  // `assigned` may be skipped when both images are submitted before the workflow first recounts.
  expect(Object.keys(state.stageEnteredAt)).toEqual(expect.arrayContaining(['assigning', 'review']));
  // The workflow's own query tells the same times.
  const live = await temporalClient.workflow.getHandle(`labeling-job-${job.id}`).query(statusQuery);
  expect(live).toMatchObject({ status: 'review', stageEnteredAt: { review: state.stageEnteredAt.review } });
  const byLabeler = await eventually(async () => {
    const found: string[] = [];
    for await (const wf of temporalClient.workflow.list({ query: `TesseraLabeler = "labeler@acme.test" AND TesseraProject = "ready"` })) found.push(wf.workflowId);
    return found.length > 0 && found;
  }, 'the job listed by its labeler');
  expect(byLabeler).toEqual([`labeling-job-${job.id}`]);
  await review(stack, team, 'ready', job.id, done[0]!.imageId, 'reject', 'wrong class');
  await review(stack, team, 'ready', job.id, done[1]!.imageId, 'approve');
  await waitForJob(stack, team, 'ready', job.id, (j) => j.status === 'assigned');
  const rework = await labelNext(stack, team, 'ready', job.id);
  expect(rework.imageId).toBe(done[0]!.imageId);
  await waitForJob(stack, team, 'ready', job.id, (j) => j.status === 'review');
  await stack.smtp.waitFor((m) => isNotice(m) && stack.smtp.mails.filter(isNotice).length === 2);
  await new Promise((r) => setTimeout(r, 500));
  expect(stack.smtp.mails.filter(isNotice)).toHaveLength(2);
});

it('reserves the image after the current one when asked with `except`, so a client holds both and neither is handed to anyone else', async () => {
  const upload = await createProjectWithImages(stack, team, 'ahead', 4);
  const job = await createJob(stack, team, 'ahead', upload.batch.id, 4);
  const next = (except?: string) => stack.http.request('POST', `/acme/ahead/jobs/${job.id}/next${except ? `?except=${except}` : ''}`, { key: team.labeler });
  const current = (await next()).body.image.id as string;
  const ahead = (await next(current)).body.image.id as string;
  expect(ahead).not.toBe(current);
  // Asked again, each answer is one of the caller's own leases, never a third image.
  expect([current, ahead]).toContain((await next()).body.image.id);
  expect((await next(current)).body.image.id).toBe(ahead);
  // Someone else (a manager labeling too) gets another image, not one of those two.
  const other = await stack.http.request('POST', `/acme/ahead/jobs/${job.id}/next`, { key: team.manager });
  expect([current, ahead]).not.toContain(other.body.image.id);
  expect((await stack.http.request('POST', `/acme/ahead/jobs/${job.id}/next?except=${'x'.repeat(65)}`, { key: team.labeler })).status).toBe(400);
  // Several ids: the one on screen and one submitted whose answer has not come yet; the answer is a third.
  const third = (await next(`${current},${ahead}`)).body.image.id as string;
  expect([current, ahead, other.body.image.id]).not.toContain(third);
  expect((await next(`${current},${ahead}`)).body.image.id).toBe(third);
  expect((await stack.http.request('POST', `/acme/ahead/jobs/${job.id}/next?except=${Array(11).fill(current).join(',')}`, { key: team.labeler })).status).toBe(400);
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
