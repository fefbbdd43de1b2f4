// bench/timeline: the event log of a project of 100,000 images on the embedded store.
//
//   npx tsx bench/timeline.ts [--images 100000] [--rounds 5] [--pages 20] [--writes 300]
//
// Seeds `rounds` events per image (500,000 by default, of five kinds mixed) in the order a team's work would make them:
// round after round over every image, the images spread over 100 jobs, so a job's events are spread
// over the whole stream. Then times real HTTP pages of the project's, a job's and an image's timeline
// (following `next`), and the cost of recording one event (`recordEvent` in process, all its writes).
// Prints a Markdown table to bench/results/timeline-latest.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { recordEvent } from '../db/event-log';
import type { Database } from '../db/models';
import { eventId, eventStreamId, imageEventIndexId, jobEventBlockId, jobEventBlockSize } from '../domain/events';
import { counting, fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const project = 'events';
const jobCount = 100;
const kinds = ['image.leased', 'image.draft_saved', 'image.submitted', 'image.approved', 'image.added_to_dataset'];

const { values } = parseArgs({ options: {
  images: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '5' },
  pages: { type: 'string', default: '20' }, writes: { type: 'string', default: '300' },
} });
const opts = { images: Number(values.images), rounds: Number(values.rounds), pages: Number(values.pages), writes: Number(values.writes) };
for (const [name, v] of Object.entries(opts)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);

/** The image (and its job) whose timelines are read. */
const sample = Math.min(4242, opts.images - 1);
const imageOf = (i: number) => `img${String(i).padStart(21, '0')}`;
const jobOf = (i: number) => `job-${i % jobCount}`;

/** Events as recorded (done, indexed), with the image's and the jobs' indexes written in bulk. */
async function seed(db: Database): Promise<number> {
  const { Event, EventIndex, EventStream } = db.models;
  const stream = eventStreamId(workspace, project);
  const start = Date.now() - opts.rounds * opts.images * 10;
  const jobBlocks = new Map<string, number[]>();
  let seq = 0;
  for (let round = 0; round < opts.rounds; round++) {
    for (let first = 0; first < opts.images; first += 1000) {
      const docs = [];
      for (let i = first; i < Math.min(first + 1000, opts.images); i++) {
        seq++;
        docs.push({
          _id: eventId(stream, seq), stream, seq, state: 'done', kind: kinds[(round + i) % kinds.length], actor: 'labeler@acme.test',
          at: new Date(start + seq * 10), job: jobOf(i), image: imageOf(i), data: { version: round + 1 },
        });
        const block = jobEventBlockId(jobOf(i), Math.floor(seq / jobEventBlockSize));
        jobBlocks.set(block, [...(jobBlocks.get(block) ?? []), seq]);
      }
      await Event.insertMany(docs, { ordered: false });
    }
    log(`seeded round ${round + 1} (${seq} events)`);
  }
  for (let first = 0; first < opts.images; first += 1000) {
    const docs = [];
    for (let i = first; i < Math.min(first + 1000, opts.images); i++) {
      docs.push({ _id: imageEventIndexId(imageOf(i)), seqs: Array.from({ length: opts.rounds }, (_, r) => r * opts.images + i + 1) });
    }
    await EventIndex.insertMany(docs, { ordered: false });
  }
  const blocks = [...jobBlocks].map(([_id, seqs]) => ({ _id, seqs }));
  for (let i = 0; i < blocks.length; i += 1000) await EventIndex.insertMany(blocks.slice(i, i + 1000), { ordered: false });
  await EventStream.updateOne({ _id: stream }, { $set: { seq, settled: seq } }, { upsert: true });
  return seq;
}

async function main() {
  await withBenchStack('timeline', async ({ db, storeKind, request }) => {
    await request('POST', '/projects', { id: project, name: 'Timeline bench', type: 'object-detection', classes: ['cat'] });
    log(`seeding ${opts.rounds} events for each of ${opts.images} images`);
    const seedStart = performance.now();
    const total = await seed(db);
    const seedS = (performance.now() - seedStart) / 1000;
    // The image and job the timelines below read must exist for the access checks.
    await db.models.Image.create({ _id: imageOf(sample), workspace, project, name: 'x.png', sha256: 'x', width: 1, height: 1, format: 'png', bytes: 1, uploadId: 'seed', jobId: jobOf(sample) });
    await db.models.Job.create({
      _id: jobOf(sample), workspace, project, name: 'bench job', batchId: 'seed', labeler: 'labeler@acme.test', reviewer: 'owner@acme.test',
      createdBy: 'owner@acme.test', requestedImages: opts.images / jobCount, status: 'assigned',
    });
    const cases: [string, string][] = [
      ['project, newest first', `/${project}/timeline?limit=100`],
      ['project, oldest first', `/${project}/timeline?limit=100&order=oldest`],
      ['project, `kind` of one event in five', `/${project}/timeline?limit=100&kind=image.submitted`],
      ['project, `kind` that never occurs (examines 2,000 a page)', `/${project}/timeline?limit=100&kind=comment.created`],
      [`a job (${(opts.rounds * opts.images / jobCount).toLocaleString('en-US')} events spread over the stream), newest first`, `/${project}/jobs/${jobOf(sample)}/timeline?limit=100`],
      ['a job, oldest first', `/${project}/jobs/${jobOf(sample)}/timeline?limit=100&order=oldest`],
      [`an image (${opts.rounds} events)`, `/${project}/images/${imageOf(sample)}/timeline`],
    ];
    const lines = [
      `# bench/timeline — ${new Date().toISOString().slice(0, 10)}`, '',
      `Store: ${storeKind}; Node ${process.version}; ${os.cpus().length} CPUs; API and client in one process; ` +
        `${total.toLocaleString('en-US')} events of ${opts.images.toLocaleString('en-US')} images in ${jobCount} jobs (seeded in ${seedS.toFixed(1)} s). ` +
        `Each row: the first page and then \`next\` for ${opts.pages} pages in all.`,
      `Command: \`npx tsx bench/timeline.ts --images ${opts.images} --rounds ${opts.rounds} --pages ${opts.pages} --writes ${opts.writes}\``, '',
      '| timeline | pages | events per page (mean) | p50 | p95 | max | database commands in the last one |', '| --- | --- | --- | --- | --- | --- | --- |',
    ];
    for (const [label, path] of cases) {
      const ms: number[] = [];
      let found = 0;
      let last = new Map<string, number>();
      let after: unknown = null;
      for (let page = 0; page < opts.pages; page++) {
        const r = await counting(db, () => request('GET', `${path}${after ? `${path.includes('?') ? '&' : '?'}after=${String(after)}` : ''}`));
        ms.push(r.ms);
        found += (r.result.events as unknown[]).length;
        last = r.commands;
        after = r.result.next;
        if (!after) break;
      }
      log(`${label}: p95 ${fmt(percentile(ms, 95))}`);
      lines.push(`| ${label} | ${ms.length} | ${(found / ms.length).toFixed(1)} | ${fmt(percentile(ms, 50))} | ${fmt(percentile(ms, 95))} | ${fmt(Math.max(...ms))} | ` +
        `${[...last].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')} |`);
    }
    const writes: number[] = [];
    let writeCommands = new Map<string, number>();
    for (let i = 0; i < opts.writes; i++) {
      const r = await counting(db, () => recordEvent(db.models, {
        workspace, project, kind: 'image.draft_saved', actor: 'labeler@acme.test', job: jobOf(i), image: imageOf(i), data: { version: 9 },
      }));
      writes.push(r.ms);
      writeCommands = r.commands;
    }
    log(`record one event: p95 ${fmt(percentile(writes, 95))}`);
    lines.push('', `Recording one event (with an image and a job, on the ${total.toLocaleString('en-US')}-event stream), ${opts.writes} times: ` +
      `p50 ${fmt(percentile(writes, 50))}, p95 ${fmt(percentile(writes, 95))}, max ${fmt(Math.max(...writes))}; commands: ` +
      `${[...writeCommands].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')}.`);
    lines.push('', `Load average at the end: ${os.loadavg()[0]!.toFixed(1)}.`);
    await report('timeline', lines);
  });
}

runBench(main);
