// bench/batches: batch requests at 100,000 images on the embedded store.
//
//   npx tsx bench/batches.ts [--images 100000] [--sample 10000] [--runs 3] [--lists 20]
//
// Starts its own stack the way the tests do (a Temporal dev server and a MongoDB-wire server on a temp
// dir, the real worker and API), seeds image *records* into one batch of a project (as an upload would:
// listed on the batch's pages, 1,000 to a request), then times real HTTP requests: a batch of every
// image by id, a random sample of the project, and the batch list with its counts. Each request's
// database commands are counted too, to show that nothing is read or written one image at a time.
// Prints a Markdown table and writes it to bench/results/batches-latest.md.
import { createHash } from 'node:crypto';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { imageIdFor, newId } from '../common/ids';
import { addBatchPage, batchPageSize } from '../db/batch-pages';
import type { Database } from '../db/models';
import { counting, fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const project = 'bench';

const { values } = parseArgs({
  options: {
    images: { type: 'string', default: '100000' },
    sample: { type: 'string', default: '10000' },
    runs: { type: 'string', default: '3' },
    lists: { type: 'string', default: '20' },
  },
});
const opts = { images: Number(values.images), sample: Number(values.sample), runs: Number(values.runs), lists: Number(values.lists) };
for (const [name, v] of Object.entries(opts)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);

/** Image records in one batch, listed on its pages as an upload lists them. */
async function seed(db: Database, count: number): Promise<string[]> {
  const { Batch, Image } = db.models;
  const batchId = newId();
  await Batch.create({ _id: batchId, workspace, project, name: 'seeded', priority: 3 });
  const ids: string[] = [];
  const t0 = Date.now() - count;
  for (let done = 0; done < count; done += batchPageSize) {
    const docs = Array.from({ length: Math.min(batchPageSize, count - done) }, (_, k) => {
      const i = done + k;
      const sha256 = createHash('sha256').update(`bench-batches:${i}`).digest('hex');
      const createdAt = new Date(t0 + i);
      return {
        _id: imageIdFor(workspace, project, sha256), workspace, project, name: `seed-${i}.png`, sha256, width: 640, height: 480,
        format: 'png', bytes: 1000, uploadId: 'seed', batchId, jobId: null, createdAt, updatedAt: createdAt,
      };
    });
    const batchPage = await addBatchPage(db.models, batchId, docs.map((d) => d._id));
    await Image.insertMany(docs.map((d) => ({ ...d, batchPage })), { lean: true });
    ids.push(...docs.map((d) => d._id));
    if ((done / batchPageSize) % 20 === 19) log(`seeded ${ids.length}`);
  }
  await Batch.updateOne({ _id: batchId }, { $inc: { numImages: count } });
  return ids;
}

async function main() {
  await withBenchStack('batches', async ({ db, storeKind, request }) => {
    await request('POST', '/projects', { id: project, name: 'Batch bench', type: 'object-detection', classes: ['cat'] });
    log(`seeding ${opts.images} image records`);
    const seedStart = performance.now();
    const ids = await seed(db, opts.images);
    const seedS = (performance.now() - seedStart) / 1000;

    const timings = new Map<string, { ms: number[]; commands?: Map<string, number>; note: string }>();
    const record = (op: string, r: { ms: number; commands: Map<string, number> }, note: string) => {
      const t = timings.get(op) ?? { ms: [], note };
      t.ms.push(r.ms);
      t.commands = r.commands;
      timings.set(op, t);
    };
    for (let run = 1; run <= opts.runs; run++) {
      log(`run ${run}: a batch of ${ids.length} ids`);
      const all = await counting(db, () => request('POST', `/${project}/batches`, { name: `all ${run}`, priority: 1, imageIds: ids }));
      if (all.result.numImages !== ids.length) throw new Error(`moved ${String(all.result.numImages)} of ${ids.length}`);
      record('all', all, `\`POST batches\` with ${ids.length.toLocaleString('en-US')} \`imageIds\``);
      log(`run ${run}: a random sample of ${opts.sample} from the project`);
      const sample = await counting(db, () => request('POST', `/${project}/batches`, { name: `sample ${run}`, priority: 2, sample: { size: opts.sample, method: 'random', seed: run } }));
      if (sample.result.numImages !== Math.min(opts.sample, ids.length)) throw new Error(`sampled ${String(sample.result.numImages)}`);
      record('sample', sample, `\`POST batches\` with \`sample: {size: ${opts.sample.toLocaleString('en-US')}, method: random}\` (project-wide pool)`);
    }
    for (let i = 0; i < opts.lists; i++) record('list', await counting(db, () => request('GET', `/${project}/batches`)), '`GET batches` (with counts per state)');

    const lines = [
      `# bench/batches — ${new Date().toISOString().slice(0, 10)}`, '',
      `Store: ${storeKind}; Node ${process.version}; ${os.cpus().length} CPUs; API, worker and client in one process; ` +
        `${ids.length.toLocaleString('en-US')} image records (seeded in ${seedS.toFixed(1)} s); load average at the end ${os.loadavg()[0]!.toFixed(1)}.`,
      `Command: \`npx tsx bench/batches.ts --images ${opts.images} --sample ${opts.sample} --runs ${opts.runs} --lists ${opts.lists}\``, '',
      '| request | n | p50 | p95 | max | database commands in the last one |', '| --- | --- | --- | --- | --- | --- |',
      ...[...timings.values()].map((t) => `| ${t.note} | ${t.ms.length} | ${fmt(percentile(t.ms, 50))} | ${fmt(percentile(t.ms, 95))} | ${fmt(Math.max(...t.ms))} | ` +
        `${[...(t.commands ?? [])].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')} |`),
    ];
    await report('batches', lines);
  });
}

runBench(main);
