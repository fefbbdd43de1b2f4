// The event log read as timelines: every step of an image's life, in order, with its actor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catBox, createJob, createProjectWithImages, createTeam, review, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('timeline');
  team = await createTeam(stack);
});
afterAll(async () => {
  await stack?.stop();
});

const dogBox = { annotations: [{ class: 'dog', box: { x: 5, y: 6, width: 30, height: 20 } }] };
const kindsAndActors = (events: { kind: string; actor: string }[]) => events.map((e) => `${e.kind} by ${e.actor.split('@')[0]}`);

it('lists every step of an image, oldest first, with who did it', async () => {
  const upload = await createProjectWithImages(stack, team, 'steps', 1);
  const job = await createJob(stack, team, 'steps', upload.batch.id, 1);
  const image = upload.images[0]!.id;
  const annotation = `/acme/steps/jobs/${job.id}/images/${image}/annotation`;
  expect((await stack.http.request('POST', `/acme/steps/jobs/${job.id}/next`, { key: team.labeler })).status).toBe(200);
  expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: { ...catBox, draft: true } })).status).toBe(200);
  expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: catBox })).status).toBe(200);
  await review(stack, team, 'steps', job.id, image, 'reject', 'wrong class');
  expect((await stack.http.request('POST', `/acme/steps/jobs/${job.id}/next`, { key: team.labeler })).status).toBe(200);
  expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: dogBox })).status).toBe(200);
  await review(stack, team, 'steps', job.id, image, 'approve');

  const timeline = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?order=oldest`, { key: team.manager });
  expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
  expect(kindsAndActors(timeline.body.events)).toEqual([
    'image.leased by labeler', 'image.draft_saved by labeler', 'image.submitted by labeler', 'image.rejected by reviewer',
    'image.leased by labeler', 'image.submitted by labeler', 'image.approved by reviewer',
  ]);
  const rejected = timeline.body.events[3];
  expect(rejected).toMatchObject({ job: job.id, image, data: { reason: 'wrong class', round: 1 } });
  const seqs = timeline.body.events.map((e: { seq: number }) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

  const newest = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?limit=2`, { key: team.labeler });
  expect(kindsAndActors(newest.body.events)).toEqual(['image.approved by reviewer', 'image.submitted by labeler']);
  const rest = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?limit=100&after=${newest.body.next}`, { key: team.labeler });
  expect(rest.body.events).toHaveLength(timeline.body.events.length - 2);
  expect(rest.body.next).toBeNull();

  const byReviewer = await stack.http.request('GET', `/acme/steps/jobs/${job.id}/timeline?actor=reviewer@acme.test`, { key: team.reviewer });
  expect(kindsAndActors(byReviewer.body.events)).toEqual(['image.approved by reviewer', 'image.rejected by reviewer']);
  const submits = await stack.http.request('GET', `/acme/steps/timeline?kind=image.submitted&order=oldest`, { key: team.manager });
  expect(submits.body.events.map((e: { data: { version: number } }) => e.data.version)).toEqual([2, 3]);
  expect((await stack.http.request('GET', `/acme/steps/timeline`, { key: team.labeler })).status).toBe(403);
});
