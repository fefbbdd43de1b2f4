// The jobs board and reports through HTTP on the real stack: filters, cursor, time in stage,
// per-labeler summary, per-labeler and per-reviewer reports from counters.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createProjectWithImages, createTeam, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('board');
  team = await createTeam(stack);
  await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'labeler2@acme.test', role: 'labeler' } });
});
afterAll(async () => stack?.stop());

const get = (path: string) => stack.http.request('GET', `/acme/board/${path}`, { key: team.manager });
const ids = (res: { body: { jobs: { id: string }[] } }) => res.body.jobs.map((j) => j.id);

async function job(name: string, batch: string, labeler: string) {
  const res = await stack.http.request('POST', '/acme/board/jobs', {
    key: team.manager, json: { name, batch, num_images: 2, labelerEmail: labeler, reviewerEmail: 'reviewer@acme.test' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as string;
}

it('filters jobs by labeler, status and overdue, pages them with a cursor, and shows time in stage and a summary per labeler', async () => {
  const upload = await createProjectWithImages(stack, team, 'board', 6);
  const a = await job('a', upload.batch.id, 'labeler@acme.test');
  const b = await job('b', upload.batch.id, 'labeler2@acme.test');
  const c = await job('c', upload.batch.id, 'labeler@acme.test');
  const past = new Date(Date.now() - 60_000).toISOString();
  expect((await stack.http.request('PATCH', `/acme/board/jobs/${a}`, { key: team.manager, json: { dueAt: past } })).status).toBe(200);
  for (let i = 0; i < 2; i++) await labelNext(stack, team, 'board', c);
  await waitForJob(stack, team, 'board', c, (j) => j.status === 'review');

  const plain = await get('jobs');
  expect(Object.keys(plain.body)).toEqual(['jobs']);
  expect(ids(plain)).toEqual([a, b, c]);
  expect(ids(await get('jobs?labeler=labeler%40acme.test'))).toEqual([a, c]);
  expect(ids(await get('jobs?overdue=true'))).toEqual([a]);
  expect(ids(await get('jobs?status=review'))).toEqual([c]);
  const first = await get('jobs?labeler=labeler%40acme.test&limit=1');
  expect(ids(first)).toEqual([a]);
  const second = await get(`jobs?labeler=labeler%40acme.test&limit=1&after=${first.body.next}`);
  expect(ids(second)).toEqual([c]);
  expect(second.body.next).toBeNull();
  expect((await get('jobs?after=bogus')).status).toBe(400);

  const board = await get('job-board');
  expect(board.status, JSON.stringify(board.body)).toBe(200);
  const entry = (id: string) => board.body.jobs.find((j: { id: string }) => j.id === id);
  expect(entry(a)).toMatchObject({ overdue: true, dueAt: past, stage: { status: 'assigned' } });
  expect(entry(c)).toMatchObject({ overdue: false, dueAt: null, annotated: 2, stage: { status: 'review' } });
  expect(entry(c).stage.seconds).toBeGreaterThanOrEqual(0);
  expect(Date.parse(entry(c).stage.enteredAt)).toBeLessThanOrEqual(Date.now());
  expect(board.body.labelers).toEqual([
    { labeler: 'labeler@acme.test', jobs: 2, openJobs: 2, overdueJobs: 1, numImages: 4, unannotated: 2, annotated: 2, approved: 0, rejected: 0 },
    { labeler: 'labeler2@acme.test', jobs: 1, openJobs: 1, overdueJobs: 0, numImages: 2, unannotated: 2, annotated: 0, approved: 0, rejected: 0 },
  ]);
  // A labeler sees only their own jobs on the board too.
  const own = await stack.http.request('GET', '/acme/board/job-board', { key: team.labeler });
  expect(own.body.jobs.map((j: { id: string }) => j.id)).toEqual([a, c]);
});

it('reports per labeler and per reviewer from counters: labeled, approved, rejected, rework rounds, skips, time per image', async () => {
  const upload = await createProjectWithImages(stack, team, 'reports', 3);
  const res = await stack.http.request('POST', '/acme/reports/jobs', {
    key: team.manager, json: { name: 'r', batch: upload.batch.id, num_images: 3, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
  });
  const jobId = res.body.id as string;
  const first = await labelNext(stack, team, 'reports', jobId);
  const second = await labelNext(stack, team, 'reports', jobId);
  const next = await stack.http.request('POST', `/acme/reports/jobs/${jobId}/next`, { key: team.labeler });
  // The round's start is kept on the image while it is leased.
  const leased = await stack.db.models.JobImage.findById(`${jobId}:${next.body.image.id}`).lean();
  expect(leased?.leasedAt).toBeInstanceOf(Date);
  await stack.http.request('POST', `/acme/reports/jobs/${jobId}/images/${next.body.image.id}/skip`, { key: team.labeler, json: {} });
  await review(stack, team, 'reports', jobId, first.imageId, 'approve');
  await review(stack, team, 'reports', jobId, second.imageId, 'reject', 'loose');
  expect((await labelNext(stack, team, 'reports', jobId)).imageId).toBe(second.imageId);
  await review(stack, team, 'reports', jobId, second.imageId, 'approve');

  const labelers = await stack.http.request('GET', '/acme/reports/reports/labelers', { key: team.manager });
  expect(labelers.status, JSON.stringify(labelers.body)).toBe(200);
  expect(labelers.body.labelers).toEqual([{
    email: 'labeler@acme.test', labeled: 3, approved: 2, rejected: 1, reworkRounds: 1, skips: 1, reworkRate: 1 / 3,
    medianSecondsPerImage: expect.any(Number), p90SecondsPerImage: expect.any(Number),
  }]);
  expect(labelers.body.labelers[0].medianSecondsPerImage).toBeLessThan(30);
  const reviewers = await stack.http.request('GET', '/acme/reports/reports/reviewers', { key: team.manager });
  expect(reviewers.body.reviewers).toEqual([{ email: 'reviewer@acme.test', reviewed: 3, approved: 2, rejected: 1, rejectRate: 1 / 3 }]);
  expect((await stack.http.request('GET', '/acme/reports/reports/labelers', { key: team.labeler })).status).toBe(403);

  // The same from the days' counters: the last two days hold it all, the day before nothing.
  const today = new Date().toISOString().slice(0, 10);
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const todays = await stack.http.request('GET', `/acme/reports/reports/labelers?from=${yesterday}&to=${today}`, { key: team.manager });
  expect(todays.body).toMatchObject({ from: yesterday, to: today, labelers: labelers.body.labelers });
  // And each day's sums, for a chart over time.
  const days = todays.body.days as { day: string; labeled: number }[];
  expect(days.map((d) => d.day)).toEqual([yesterday, today]);
  expect(days.reduce((n, d) => n + d.labeled, 0)).toBe(3);
  const reviewersToday = await stack.http.request('GET', `/acme/reports/reports/reviewers?from=${yesterday}&to=${today}`, { key: team.manager });
  expect(reviewersToday.body.reviewers).toEqual(reviewers.body.reviewers);
  const before = await stack.http.request('GET', `/acme/reports/reports/labelers?from=2020-01-01&to=${yesterday}`, { key: team.manager });
  expect(before.status, JSON.stringify(before.body)).toBe(400); // more than a year
  const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  const earlier = await stack.http.request('GET', `/acme/reports/reports/labelers?from=${twoDaysAgo}&to=${twoDaysAgo}`, { key: team.manager });
  expect(earlier.body.labelers).toEqual([]);
  const half = await stack.http.request('GET', `/acme/reports/reports/labelers?from=${today}`, { key: team.manager });
  expect(half.status).toBe(400);
  expect(JSON.stringify(half.body.error)).toContain('to');
});
