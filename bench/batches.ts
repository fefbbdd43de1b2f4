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
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApiServer } from '../api/server';
import { imageIdFor, newId } from '../common/ids';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config';
import { addBatchPage, batchPageSize } from '../db/batch-pages';
import { connectDatabase, type Database } from '../db/models';
import { startMongoServer } from '../services/mongo-server';
import { startTemporalServer } from '../services/temporal-server';
import { startWorkerProcess } from '../worker/process';

const workspace = 'acme';
const project = 'bench';
const log = (msg: string) => console.error(`[bench] ${msg}`);

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

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;

/** Database commands by name while `fn` runs. */
async function counting<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; ms: number; commands: Map<string, number> }> {
  const commands = new Map<string, number>();
  const onCommand = (e: { commandName: string }) => commands.set(e.commandName, (commands.get(e.commandName) ?? 0) + 1);
  const client = db.conn.getClient();
  client.on('commandStarted', onCommand);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, commands };
  } finally {
    client.off('commandStarted', onCommand);
  }
}

/** One JSON request over node:http (fetch gives up on a reply whose headers take over 300 s). */
function httpJson(url: string, method: string, key: string, json?: unknown): Promise<Record<string, unknown>> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const headers = { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${url} → ${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

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
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-batches-'));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const [temporal, mongo] = await Promise.all([
      startTemporalServer({ log }),
      startMongoServer({ dataDir: path.join(tmpDir, 'mongo'), log }),
    ]);
    stops.push(() => temporal.stop(), () => mongo.stop());
    const ownerKey = `bench-owner-${randomBytes(16).toString('hex')}`;
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', TESSERA_DATA_DIR: path.join(tmpDir, 'data'), TEMPORAL_ADDRESS: temporal.address,
      // Command monitoring, to count each request's database commands.
      MONGODB_URI: `${mongo.uri}/tessera_bench_batches?monitorCommands=true`, TESSERA_TASK_QUEUE_PREFIX: 'bench-batches',
      LOG_LEVEL: 'warn', TESSERA_BOOTSTRAP_WORKSPACE: workspace, TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test',
      TESSERA_BOOTSTRAP_API_KEY: ownerKey, TESSERA_API_WAIT_MS: '600000', TESSERA_RATE_LIMIT_PER_MINUTE: '10000000',
    });
    const logger = createLogger(config.logLevel, 'bench');
    const db = await connectDatabase(config.mongo.uri!);
    stops.push(() => db.close());
    const api = await startApiServer({ config, logger, db, temporalAddress: temporal.address });
    stops.push(() => api.close());
    const worker = await startWorkerProcess({ config, logger, db, temporalAddress: temporal.address });
    stops.push(() => worker.stop());

    const request = (method: string, p: string, json?: unknown) => httpJson(`${api.url}/api/${workspace}${p}`, method, ownerKey, json);
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

    const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
    const lines = [
      `# bench/batches — ${new Date().toISOString().slice(0, 10)}`, '',
      `Store: ${mongo.kind}; Node ${process.version}; ${os.cpus().length} CPUs; API, worker and client in one process; ` +
        `${ids.length.toLocaleString('en-US')} image records (seeded in ${seedS.toFixed(1)} s); load average at the end ${os.loadavg()[0]!.toFixed(1)}.`,
      `Command: \`npx tsx bench/batches.ts --images ${opts.images} --sample ${opts.sample} --runs ${opts.runs} --lists ${opts.lists}\``, '',
      '| request | n | p50 | p95 | max | database commands in the last one |', '| --- | --- | --- | --- | --- | --- |',
      ...[...timings.values()].map((t) => `| ${t.note} | ${t.ms.length} | ${fmt(percentile(t.ms, 50))} | ${fmt(percentile(t.ms, 95))} | ${fmt(Math.max(...t.ms))} | ` +
        `${[...(t.commands ?? [])].sort((a, b) => b[1] - a[1]).map(([c, n]) => `${c} ${n}`).join(', ')} |`),
    ];
    const table = lines.join('\n') + '\n';
    console.log(table);
    await fs.mkdir(path.join(__dirname, 'results'), { recursive: true });
    await fs.writeFile(path.join(__dirname, 'results', 'batches-latest.md'), table);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: Error) => log(`stopping: ${err.message}`));
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (err: unknown) => {
  console.error(err);
  process.exit(1);
});
