// bench/images: browsing a project of 100,000 images on the embedded store.
//
//   npx tsx bench/images.ts [--images 100000] [--pages 20]
//
// Seeds image *records* as uploads of 1,000 would record them (listed on the project's upload order
// and on one of ten batches), makes one real job of 1,000 images through the API, then times real
// HTTP pages of `GET …/images` with each kind of filter, following `next` for `--pages` pages, and
// counts each request's database commands. Prints a Markdown table to bench/results/images-latest.md.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { imageIdFor, newId } from '../common/ids';
import { addBatchPage } from '../db/batch-pages';
import { addImagePage, imagePageId } from '../db/image-pages';
import type { Database } from '../db/models';
import { counting, fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const project = 'browse';
const uploadSize = 1_000;
const batchCount = 10;

const { values } = parseArgs({ options: { images: { type: 'string', default: '100000' }, pages: { type: 'string', default: '20' } } });
const opts = { images: Number(values.images), pages: Number(values.pages) };
for (const [name, v] of Object.entries(opts)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);

/** Image records in upload order, each upload in one of ten batches; returns the batch ids. */
async function seed(db: Database, count: number): Promise<{ batchIds: string[]; halfway: Date }> {
  const { Batch, Image } = db.models;
  const batchIds = Array.from({ length: batchCount }, () => newId());
  await Batch.insertMany(batchIds.map((_id, b) => ({ _id, workspace, project, name: `batch ${b}`, priority: 3 })));
  for (let done = 0, upload = 0; done < count; done += uploadSize, upload++) {
    const batchId = batchIds[upload % batchCount]!;
    const docs = Array.from({ length: Math.min(uploadSize, count - done) }, (_, k) => {
      const i = done + k;
      const sha256 = createHash('sha256').update(`bench-images:${i}`).digest('hex');
      const createdAt = new Date();
      return {
        _id: imageIdFor(workspace, project, sha256), workspace, project, name: `seed-${String(i).padStart(6, '0')}.png`, sha256,
        width: 640, height: 480, format: 'png', bytes: 1000, uploadId: `seed-${upload}`, batchId, jobId: null, createdAt, updatedAt: createdAt,
      };
    });
    const ids = docs.map((d) => d._id);
    const [batchPage, uploadPage] = [await addBatchPage(db.models, batchId, ids), await addImagePage(db.models, workspace, project, docs.map((d) => ({ id: d._id, name: d.name })))];
    // The older half was uploaded an hour earlier, so that an upload-time filter has something to skip.
    const older = done < count / 2;
    if (older) await db.models.ImagePage.updateOne({ _id: imagePageId(workspace, project, uploadPage) }, { $set: { at: new Date(Date.now() - 3_600_000) } });
    await Image.insertMany(docs.map((d) => ({ ...d, batchPage, uploadPage, ...(older ? { createdAt: new Date(d.createdAt.getTime() - 3_600_000) } : {}) })), { lean: true });
    await Batch.updateOne({ _id: batchId }, { $inc: { numImages: docs.length } });
    if (upload % 20 === 19) log(`seeded ${done + docs.length}`);
  }
  return { batchIds, halfway: new Date(Date.now() - 1_800_000) };
}

async function main() {
  await withBenchStack('images', async ({ db, storeKind, request }) => {
    await request('POST', '/projects', { id: project, name: 'Browse bench', type: 'object-detection', classes: ['cat'] });
    log(`seeding ${opts.images} image records`);
    const seedStart = performance.now();
    const { batchIds, halfway } = await seed(db, opts.images);
    const seedS = (performance.now() - seedStart) / 1000;
    const job = await request('POST', `/${project}/jobs`, {
      name: 'bench job', batch: batchIds[1], num_images: 1000, labelerEmail: 'owner@acme.test', reviewerEmail: 'owner@acme.test',
    });
    const from = halfway.toISOString();
    const cases: [string, string][] = [
      ['no filter (upload order)', ''],
      ['newest first', 'sort=-uploaded'],
      [`\`batch\` (${(opts.images / batchCount).toLocaleString('en-US')} images)`, `batch=${batchIds[3]}`],
      ['`job` (1,000 images)', `job=${String(job.id)}`],
      ['`job` + `state=unannotated`', `job=${String(job.id)}&state=unannotated`],
      ['`state=unassigned` (most images)', 'state=unassigned'],
      ['`uploadedFrom` (the newer half)', `uploadedFrom=${from}`],
      ['`namePrefix` matching the first 100 names', 'namePrefix=seed-0000'],
      ['`labeler` (the job\'s 1,000 among 100,000)', 'labeler=owner@acme.test'],
      ['`state=unannotated` (the job\'s 1,000 among 100,000)', 'state=unannotated'],
      ['`class` no image has (each job page lists its classes)', 'class=cat'],
      ['`sort=name` within the job', `job=${String(job.id)}&sort=name`],
      [`\`sort=name\` (all ${opts.images.toLocaleString('en-US')})`, 'sort=name'],
      ['`namePrefix` + `sort=-name`', 'namePrefix=seed-0000&sort=-name'],
    ];
    const lines = [
      `# bench/images — ${new Date().toISOString().slice(0, 10)}`, '',
      `Store: ${storeKind}; Node ${process.version}; ${os.cpus().length} CPUs; API, worker and client in one process; ` +
        `${opts.images.toLocaleString('en-US')} image records (seeded in ${seedS.toFixed(1)} s). Each row: the first page of 50 and ` +
        `then \`next\` for ${opts.pages} pages in all (fewer when the last page ends the list). A page examines at most 1,000 images, so a rare filter answers fewer than 50 with a \`next\`. ` +
        'A name prefix or a sort by name takes its candidates from the names the API process holds in memory.',
      `Command: \`npx tsx bench/images.ts --images ${opts.images} --pages ${opts.pages}\``, '',
      '| filter | pages | images per page (mean) | p50 | p95 | max | database commands in the last one |', '| --- | --- | --- | --- | --- | --- | --- |',
    ];
    const firstReads: string[] = [];
    for (const [label, query] of cases) {
      // A name prefix or sort reads the list's names on its first request, once per API process: timed apart.
      if (/namePrefix|sort=-?name/.test(query)) {
        const first = await counting(db, () => request('GET', `/${project}/images?${query}&limit=50`));
        firstReads.push(`${label}: ${fmt(first.ms)}`);
      }
      const ms: number[] = [];
      let found = 0;
      let last = new Map<string, number>();
      let after: unknown = null;
      for (let page = 0; page < opts.pages; page++) {
        const q = [query, 'limit=50', after ? `after=${String(after)}` : ''].filter(Boolean).join('&');
        const r = await counting(db, () => request('GET', `/${project}/images?${q}`));
        ms.push(r.ms);
        found += (r.result.images as unknown[]).length;
        last = r.commands;
        after = r.result.next;
        if (!after) break;
      }
      log(`${label}: p95 ${fmt(percentile(ms, 95))}`);
      lines.push(`| ${label} | ${ms.length} | ${(found / ms.length).toFixed(1)} | ${fmt(percentile(ms, 50))} | ${fmt(percentile(ms, 95))} | ${fmt(Math.max(...ms))} | ` +
        `${[...last].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')} |`);
    }
    lines.push('', `The first request of each name row, before the row (names read, or sorted, once per API process): ${firstReads.join('; ')}.`);
    lines.push('', `Load average at the end: ${os.loadavg()[0]!.toFixed(1)}.`);
    await report('images', lines);
  });
}

runBench(main);
