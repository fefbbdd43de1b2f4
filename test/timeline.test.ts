// The event log read as timelines: every step of an image's life, in order, with its actor.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { catBox, createJob, createProjectWithImages, createTeam, eventually, review, type Team } from './helpers/fixtures';
import { mailText } from './helpers/smtp';
import { beginEvent, settleAfterMs, settleEvent, settleStream } from '../db/event-log';
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
  const datasetShapes = async () => (await stack.http.request('GET', '/acme/steps/dataset', { key: team.manager })).body.images[0]?.annotations;
  expect(await eventually(datasetShapes, 'the approved image in the dataset')).toEqual(dogBox.annotations);

  // The first submitted version (2) comes back as a new version (4), approved as it stands, and in the dataset.
  expect((await stack.http.request('POST', `/acme/steps/images/${image}/revert`, { key: team.labeler, json: { version: 2 } })).status).toBe(409);
  const reverted = await stack.http.request('POST', `/acme/steps/images/${image}/revert`, { key: team.manager, json: { version: 2 } });
  expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
  expect(reverted.body).toMatchObject({ version: 4, revertedFrom: 2, state: 'approved', annotations: catBox.annotations });
  expect(await datasetShapes()).toEqual(catBox.annotations);
  const latest = await stack.http.request('GET', `/acme/steps/images/${image}`, { key: team.manager });
  expect(latest.body.latestAnnotation).toMatchObject({ version: 4, author: 'manager@acme.test', annotations: catBox.annotations });
  const comment = await stack.http.request('POST', `/acme/steps/images/${image}/comments`, { key: team.reviewer, json: { text: 'Back to the cat, then.' } });
  expect(comment.status, JSON.stringify(comment.body)).toBe(201);

  const timeline = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?order=oldest`, { key: team.manager });
  expect(timeline.status, JSON.stringify(timeline.body)).toBe(200);
  expect(kindsAndActors(timeline.body.events)).toEqual([
    'image.leased by labeler', 'image.draft_saved by labeler', 'image.submitted by labeler', 'image.rejected by reviewer',
    'image.leased by labeler', 'image.submitted by labeler', 'image.approved by reviewer',
    'image.added_to_dataset by system', 'image.reverted by manager', 'comment.created by reviewer',
  ]);
  const rejected = timeline.body.events[3];
  expect(rejected).toMatchObject({ job: job.id, image, data: { reason: 'wrong class', round: 1 } });
  const seqs = timeline.body.events.map((e: { seq: number }) => e.seq);
  expect(seqs).toEqual([...seqs].sort((a, b) => a - b));

  const newest = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?limit=2`, { key: team.labeler });
  expect(kindsAndActors(newest.body.events)).toEqual(['comment.created by reviewer', 'image.reverted by manager']);
  const rest = await stack.http.request('GET', `/acme/steps/images/${image}/timeline?limit=100&after=${newest.body.next}`, { key: team.labeler });
  expect(rest.body.events).toHaveLength(timeline.body.events.length - 2);
  expect(rest.body.next).toBeNull();

  const byReviewer = await stack.http.request('GET', `/acme/steps/jobs/${job.id}/timeline?actor=reviewer@acme.test`, { key: team.reviewer });
  expect(kindsAndActors(byReviewer.body.events)).toEqual(['comment.created by reviewer', 'image.approved by reviewer', 'image.rejected by reviewer']);
  const submits = await stack.http.request('GET', `/acme/steps/timeline?kind=image.submitted&order=oldest`, { key: team.manager });
  expect(submits.body.events.map((e: { data: { version: number } }) => e.data.version)).toEqual([2, 3]);
  expect((await stack.http.request('GET', `/acme/steps/timeline`, { key: team.labeler })).status).toBe(403);
});

it('lets the labeler revert an open image to an earlier draft, as a new draft with exactly those shapes', async () => {
  const upload = await createProjectWithImages(stack, team, 'undo', 1, 'instance-segmentation');
  const job = await createJob(stack, team, 'undo', upload.batch.id, 1);
  const image = upload.images[0]!.id;
  const annotation = `/acme/undo/jobs/${job.id}/images/${image}/annotation`;
  const polygon = { annotations: [{ class: 'cat', polygon: [[1, 1], [30, 2], [15, 25]] }, { class: 'dog', polygon: [[3, 3], [12, 3], [12, 12], [3, 12]] }] };
  const triangle = { annotations: [{ class: 'dog', polygon: [[5, 5], [20, 5], [5, 20]] }] };
  expect((await stack.http.request('POST', `/acme/undo/jobs/${job.id}/next`, { key: team.labeler })).status).toBe(200);
  const firstDraft = await stack.http.request('PUT', annotation, { key: team.labeler, json: { ...polygon, draft: true } });
  expect(firstDraft.body.version, JSON.stringify(firstDraft.body)).toBe(1);
  expect((await stack.http.request('PUT', annotation, { key: team.labeler, json: { ...triangle, draft: true } })).body.version).toBe(2);
  const reverted = await stack.http.request('POST', `/acme/undo/images/${image}/revert`, { key: team.labeler, json: { version: 1 } });
  expect(reverted.status, JSON.stringify(reverted.body)).toBe(200);
  expect(reverted.body).toMatchObject({ version: 3, draft: true, state: 'unannotated', annotations: polygon.annotations });
  const missing = await stack.http.request('POST', `/acme/undo/images/${image}/revert`, { key: team.labeler, json: { version: 9 } });
  expect(missing.status).toBe(400);
  expect(missing.body.error.message).toContain('version');
  expect((await stack.http.request('POST', `/acme/undo/images/${image}/revert`, { key: team.reviewer, json: { version: 1 } })).status).toBe(403);
  const latest = await stack.http.request('GET', `/acme/undo/images/${image}`, { key: team.manager });
  expect(latest.body.latestAnnotation).toMatchObject({ version: 3, draft: true, annotations: polygon.annotations });
  const events = (await stack.http.request('GET', `/acme/undo/jobs/${job.id}/timeline?kind=image.reverted`, { key: team.labeler })).body.events;
  expect(events).toMatchObject([{ actor: 'labeler@acme.test', data: { version: 3, revertedFrom: 1 } }]);
});

it('keeps a comment\'s earlier text when edited or deleted, threads replies, and mails a mention once', async () => {
  const upload = await createProjectWithImages(stack, team, 'talk', 1);
  const job = await createJob(stack, team, 'talk', upload.batch.id, 1);
  const image = upload.images[0]!.id;
  const comments = `/acme/talk/images/${image}/comments`;
  const first = await stack.http.request('POST', comments, { key: team.reviewer, json: { text: 'Is this a cat? @labeler@acme.test' } });
  expect(first.status, JSON.stringify(first.body)).toBe(201);
  expect(first.body).toMatchObject({ id: 1, thread: 1, author: 'reviewer@acme.test', mentioned: ['labeler@acme.test'] });
  const mention = await stack.smtp.waitFor((m) => m.to.includes('labeler@acme.test') && m.subject.includes('mentioned you'));
  expect(mailText(mention)).toContain('Is this a cat?');
  // Edited with the mention still there: not mailed again.
  const edited = await stack.http.request('PATCH', `${comments}/1`, { key: team.reviewer, json: { text: 'Is this a dog? @labeler@acme.test' } });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  expect(edited.body).toMatchObject({ text: 'Is this a dog? @labeler@acme.test', mentioned: [], history: [{ text: 'Is this a cat? @labeler@acme.test' }] });
  expect((await stack.http.request('PATCH', `${comments}/1`, { key: team.labeler, json: { text: 'mine now' } })).status).toBe(403);
  const reply = await stack.http.request('POST', comments, { key: team.labeler, json: { text: 'A cat.', replyTo: 1 } });
  expect(reply.body).toMatchObject({ id: 2, thread: 1 });
  expect((await stack.http.request('POST', comments, { key: team.labeler, json: { text: 'x', replyTo: 7 } })).status).toBe(400);
  expect((await stack.http.request('DELETE', `${comments}/2`, { key: team.labeler })).body).toMatchObject({ text: null, deletedBy: 'labeler@acme.test', history: [{ text: 'A cat.' }] });
  expect((await stack.http.request('POST', `${comments}/2/resolve`, { key: team.reviewer, json: {} })).body).toMatchObject({ id: 1, resolvedBy: 'reviewer@acme.test' });
  const threads = (await stack.http.request('GET', comments, { key: team.manager })).body.threads;
  expect(threads).toMatchObject([{ id: 1, text: 'Is this a dog? @labeler@acme.test', resolvedBy: 'reviewer@acme.test', replies: [{ id: 2, text: null, deletedBy: 'labeler@acme.test' }] }]);
  await new Promise((r) => setTimeout(r, 500));
  expect(stack.smtp.mails.filter((m) => m.to.includes('labeler@acme.test') && m.subject.includes('mentioned you'))).toHaveLength(1);
  const kinds = (await stack.http.request('GET', `/acme/talk/jobs/${job.id}/timeline?order=oldest`, { key: team.reviewer })).body.events.map((e: { kind: string }) => e.kind);
  expect(kinds).toEqual(['job.created', 'comment.created', 'comment.edited', 'comment.created', 'comment.deleted', 'comment.resolved']);
});

it('puts uploads, jobs, manager commands and dataset inclusion on the project\'s timeline, with the manager as actor', async () => {
  const upload = await createProjectWithImages(stack, team, 'whole', 2);
  const job = await createJob(stack, team, 'whole', upload.batch.id, 2);
  const image = upload.images[0]!.id;
  const sentBack = await stack.http.request('POST', `/acme/whole/jobs/${job.id}/send-back`, { key: team.manager, json: { imageIds: [image] } });
  expect(sentBack.status, JSON.stringify(sentBack.body)).toBe(200);
  const edited = await stack.http.request('PATCH', `/acme/whole/jobs/${job.id}`, { key: team.manager, json: { instructions: 'Box every cat, tails too.' } });
  expect(edited.status, JSON.stringify(edited.body)).toBe(200);
  const events = (await stack.http.request('GET', '/acme/whole/timeline?order=oldest', { key: team.manager })).body.events;
  expect(kindsAndActors(events)).toEqual(['upload.recorded by manager', 'job.created by manager', 'job.images_sent_back by manager', 'job.updated by manager']);
  expect(events[0]).toMatchObject({ batch: upload.batch.id, data: { upload: upload.id, files: 2, stored: 2 } });
  expect(events[2]).toMatchObject({ job: job.id, data: { changed: 0, skipped: 1 } });
  expect(events[3]).toMatchObject({ job: job.id, data: { instructions: 'Box every cat, tails too.' } });
});

it('settles what a writer that died mid-change left pending: done when the change happened, void when not', async () => {
  const { models } = stack.db;
  const upload = await createProjectWithImages(stack, team, 'crashed', 1);
  const image = upload.images[0]!.id;
  const draft = (text: string) => ({
    workspace: 'acme', project: 'crashed', kind: 'comment.created' as const, actor: 'reviewer@acme.test', image,
    data: { text }, check: { model: 'Comment' as const, id: `${image}:c${text}` },
  });
  // Two writers die after writing their events: one after its change, one before it.
  const happened = await beginEvent(models, draft('made'));
  await models.Comment.create({ _id: `${image}:cmade`, workspace: 'acme', project: 'crashed', image, n: 99, thread: 99, author: 'reviewer@acme.test', text: 'made' });
  const lost = await beginEvent(models, draft('lost'));
  const timeline = () => stack.http.request('GET', `/acme/crashed/images/${image}/timeline`, { key: team.manager });
  expect((await timeline()).body.events).toEqual([]);
  expect(await settleStream(models, 'acme/crashed')).toBe(2); // too young to settle
  expect(await settleStream(models, 'acme/crashed', Date.now() + settleAfterMs)).toBe(0);
  expect((await models.Event.findById(happened.event.id).lean())!.state).toBe('done');
  expect((await models.Event.findById(lost.event.id).lean())!.state).toBe('void');
  expect((await timeline()).body.events.map((e: { data: { text: string } }) => e.data.text)).toEqual(['made']);
  const settledStream = (await models.EventStream.findById('acme/crashed').lean())!;
  expect(settledStream.settled).toBe(settledStream.seq);

  // A reader in order: a number taken by a writer that has not written its event yet is waited on,
  // then given up as void (a writer that took it and comes late finds the void event and takes another).
  const head = (await models.EventStream.findOneAndUpdate({ _id: 'acme/crashed' }, { $inc: { seq: 1 } }, { returnDocument: 'after' }).lean())!.seq;
  const seen = Date.now();
  expect(await settleEvent(models, 'acme/crashed', happened.event.seq, seen)).toBe('done');
  expect(await settleEvent(models, 'acme/crashed', head, seen)).toBe('waiting');
  expect(await settleEvent(models, 'acme/crashed', head, seen, seen + settleAfterMs)).toBe('void');
  const late = await beginEvent(models, draft('late'));
  expect(late.event.seq).toBe(head + 1);

  // The stream's own settler: a number taken by a writer that died before writing anything is given up
  // once an event numbered after it is old enough; the settled mark then reaches the head.
  const taken = (await models.EventStream.findOneAndUpdate({ _id: 'acme/crashed' }, { $inc: { seq: 1 } }, { returnDocument: 'after' }).lean())!.seq;
  const after = await beginEvent(models, draft('after'), 'done');
  expect(await settleStream(models, 'acme/crashed')).toBe(2); // late (pending) and the taken number: too young
  expect(await settleStream(models, 'acme/crashed', Date.now() + settleAfterMs)).toBe(0);
  expect((await models.Event.findById(`acme/crashed#${taken}`).lean())!.state).toBe('void');
  expect((await models.EventStream.findById('acme/crashed').lean())!.settled).toBe(after.event.seq);
});

it('settles a removal by the document being gone, and a change by a filter on its fields, as the audit log records them', async () => {
  const { models } = stack.db;
  const added = await stack.http.request('POST', '/acme/members', { key: team.owner, json: { email: 'leaving@acme.test', role: 'labeler' } });
  expect(added.status, JSON.stringify(added.body)).toBe(201);
  const draft = (kind: 'member.removed' | 'member.updated', email: string, check: object) => ({
    workspace: 'acme', project: '', kind, actor: 'owner@acme.test', data: { target: email }, check: { model: 'Member' as const, ...check },
  });
  // Writers that die between their event and its end: a removal that happened, one that did not, and a
  // role change that happened.
  const removed = await beginEvent(models, draft('member.removed', 'leaving@acme.test', { filter: { workspace: 'acme', email: 'leaving@acme.test' }, absent: true }));
  await models.Member.deleteOne({ workspace: 'acme', email: 'leaving@acme.test' });
  const notRemoved = await beginEvent(models, draft('member.removed', 'labeler@acme.test', { filter: { workspace: 'acme', email: 'labeler@acme.test' }, absent: true }));
  const promoted = await beginEvent(models, draft('member.updated', 'reviewer@acme.test', { filter: { workspace: 'acme', email: 'reviewer@acme.test', role: 'reviewer' } }));
  expect(await settleStream(models, 'acme/', Date.now() + settleAfterMs)).toBe(0);
  const states = await Promise.all([removed, notRemoved, promoted].map(async (e) => (await models.Event.findById(e.event.id).lean())!.state));
  expect(states).toEqual(['done', 'void', 'done']);
  const audit = (await stack.http.request('GET', '/acme/audit', { key: team.owner })).body.events as { action: string; target: string }[];
  expect(audit.filter((e) => e.target === 'leaving@acme.test').map((e) => e.action)).toEqual(['member.removed', 'member.added']);
});
