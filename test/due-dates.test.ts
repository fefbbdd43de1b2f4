// Due dates on durable timers (short intervals from config) and escalation past the project's rework
// round limit, through HTTP on the real stack.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createJob, createProjectWithImages, createTeam, labelNext, review, waitForJob, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('due-dates', { env: { TESSERA_DUE_ESCALATION_SECONDS: '2', TESSERA_DUE_SOON_SECONDS: '3' } });
  team = await createTeam(stack);
});
afterAll(async () => stack?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const mailsTo = (to: string, subject: string) => stack.smtp.mails.filter((m) => m.to.includes(to) && m.subject.includes(subject));

it('reminds the labeler once when a job is overdue, tells managers once a further interval later, and starts afresh for a new due date', async () => {
  const upload = await createProjectWithImages(stack, team, 'overdue', 2);
  const job = await createJob(stack, team, 'overdue', upload.batch.id, 2);
  const patch = (dueAt: string) => stack.http.request('PATCH', `/acme/overdue/jobs/${job.id}`, { key: team.manager, json: { dueAt } });
  const firstDue = new Date(Date.now() + 1500).toISOString();
  expect((await patch(firstDue)).status).toBe(200);
  const reminder = await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject === 'Overdue: overdue job');
  expect(reminder.raw).toContain('0 of 2 approved');
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(firstDue));
  await stack.smtp.waitFor((m) => m.to.includes('manager@acme.test') && m.subject === 'Overdue, escalated: overdue job');
  expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(firstDue) + 2000);
  await sleep(1500);
  expect(mailsTo('labeler@acme.test', 'Overdue: overdue job')).toHaveLength(1);
  expect(mailsTo('manager@acme.test', 'Overdue, escalated')).toHaveLength(1);

  // A new due date reschedules: one more reminder, for it.
  expect((await patch(new Date(Date.now() + 1000).toISOString())).status).toBe(200);
  await stack.smtp.waitFor(() => mailsTo('labeler@acme.test', 'Overdue: overdue job').length === 2);
  // A date moved to later before it passes sends nothing.
  const later = new Date(Date.now() + 3_600_000).toISOString();
  expect((await patch(new Date(Date.now() + 1500).toISOString())).status).toBe(200);
  expect((await patch(later)).status).toBe(200);
  await sleep(2500);
  expect(mailsTo('labeler@acme.test', 'Overdue: overdue job')).toHaveLength(2);
});

it('tells the labeler once that a job is due soon, ahead of the date, and then that it is overdue', async () => {
  const upload = await createProjectWithImages(stack, team, 'soon', 1);
  const job = await createJob(stack, team, 'soon', upload.batch.id, 1);
  const dueAt = new Date(Date.now() + 5000).toISOString();
  expect((await stack.http.request('PATCH', `/acme/soon/jobs/${job.id}`, { key: team.manager, json: { dueAt } })).status).toBe(200);
  const soon = await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject === 'Due soon: soon job');
  const warnedAt = Date.now();
  expect(warnedAt).toBeGreaterThanOrEqual(Date.parse(dueAt) - 3000);
  expect(warnedAt).toBeLessThan(Date.parse(dueAt));
  expect(soon.raw).toContain('0 of 1 approved');
  await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject === 'Overdue: soon job');
  expect(mailsTo('labeler@acme.test', 'Due soon: soon job')).toHaveLength(1);
});

it('escalates an image to managers at the project\'s rework round limit instead of returning it to the labeler', async () => {
  const upload = await createProjectWithImages(stack, team, 'limits', 1);
  const limit = await stack.http.request('PATCH', '/acme/projects/limits', { key: team.manager, json: { maxReworkRounds: 2 } });
  expect(limit.body).toMatchObject({ maxReworkRounds: 2 });
  const job = await createJob(stack, team, 'limits', upload.batch.id, 1);
  const { imageId } = await labelNext(stack, team, 'limits', job.id);
  expect(await review(stack, team, 'limits', job.id, imageId, 'reject', 'too loose')).toMatchObject({ round: 1, escalated: false });
  expect((await labelNext(stack, team, 'limits', job.id)).imageId).toBe(imageId);
  expect(await review(stack, team, 'limits', job.id, imageId, 'reject', 'still too loose')).toMatchObject({ round: 2, escalated: true });

  expect((await stack.http.request('POST', `/acme/limits/jobs/${job.id}/next`, { key: team.labeler })).status).toBe(204);
  const listed = await stack.http.request('GET', `/acme/limits/jobs/${job.id}/escalated`, { key: team.manager });
  expect(listed.body.images).toMatchObject([{ imageId, rounds: 2, reason: 'still too loose' }]);
  await stack.smtp.waitFor((m) => m.to.includes('manager@acme.test') && m.subject.includes('need a manager'));
  await waitForJob(stack, team, 'limits', job.id, (j) => j.rejected === 1);
  await sleep(1000);
  expect(mailsTo('manager@acme.test', 'need a manager')).toHaveLength(1);
  // The labeler heard of the first rejection only.
  expect(mailsTo('labeler@acme.test', 'sent back for rework')).toHaveLength(1);

  // A manager sends it back: the labeler has it again, with fresh rounds.
  const back = await stack.http.request('POST', `/acme/limits/jobs/${job.id}/send-back`, { key: team.manager, json: { imageIds: [imageId] } });
  expect(back.body).toMatchObject({ changed: 1, job: { unannotated: 1, rejected: 0 } });
  expect((await stack.http.request('GET', `/acme/limits/jobs/${job.id}/escalated`, { key: team.manager })).body.images).toEqual([]);
  expect((await labelNext(stack, team, 'limits', job.id)).imageId).toBe(imageId);
  expect(await review(stack, team, 'limits', job.id, imageId, 'reject', 'once more')).toMatchObject({ round: 1, escalated: false });
});
