// bench/exports: a dataset version and its exports at scale, on the embedded store.
//
//   npx tsx bench/exports.ts [--items 100000] [--images 1000]
//
// Seeds the dataset *documents* directly (image records, dataset items with 1–3 boxes over three
// splits, their numbered entries), as approved jobs would leave them: labeling 100,000 images through
// the API is not what is measured. Everything measured runs through the real API and workflows: a
// version is made (`buildVersion`, on the jobs task queue) and exported (`buildExport`, on the images
// task queue) by workers in processes of their own, one per queue, whose peak RSS (VmHWM, reset before
// each step) is reported. The workers run as in production (the Dockerfile's `node dist/worker/main.js`,
// compiled first into the bench's own directory), not through tsx, whose compiled sources and loader
// would be counted in their memory. Two projects: `--items` labels only (COCO and YOLO), and
// `--images` real JPEGs exported with their images (COCO).
import { execFile, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { bundleWorkflowCode } from '@temporalio/worker';
import sharp from 'sharp';
import { blobKeys, createLocalBlobStore } from '../activities/blob-store';
import { startApiServer } from '../api/server';
import { imageIdFor } from '../common/ids';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config';
import { connectDatabase, type Database } from '../db/models';
import { startMongoServer } from '../services/mongo-server';
import { startTemporalServer } from '../services/temporal-server';
import { fmt, log, report, runBench, workspace } from './stack';

const { values } = parseArgs({ options: { items: { type: 'string', default: '100000' }, images: { type: 'string', default: '1000' } } });
const opts = { items: Number(values.items), images: Number(values.images) };
for (const [name, v] of Object.entries(opts)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);

const splitOf = (i: number) => (i % 10 < 7 ? 'train' : i % 10 < 9 ? 'valid' : 'test');

/** Dataset items as approved jobs leave them: image record, item (numbered, filed in a split), entry. */
async function seedDataset(db: Database, project: string, count: number, shaOf: (i: number) => string, size: { width: number; height: number }) {
  const { Image, DatasetItem, DatasetEntry, Project } = db.models;
  for (let done = 0; done < count; done += 1000) {
    const n = Math.min(1000, count - done);
    const rows = Array.from({ length: n }, (_, k) => {
      const i = done + k;
      const sha256 = shaOf(i);
      const imageId = imageIdFor(workspace, project, sha256);
      const annotations = Array.from({ length: 1 + (i % 3) }, (_, j) => ({ class: j % 2 ? 'dog' : 'cat', box: { x: 10 + j * 50, y: 20 + j * 30, width: 100, height: 80 } }));
      return { i, sha256, imageId, annotations };
    });
    await Image.insertMany(rows.map((r) => ({
      _id: r.imageId, workspace, project, name: `seed-${r.i}.jpg`, sha256: r.sha256, ...size, format: 'jpeg', bytes: 1000, uploadId: 'seed', batchId: null, jobId: 'seed',
    })), { lean: true });
    await DatasetItem.insertMany(rows.map((r) => ({
      _id: `${workspace}/${project}/${r.imageId}`, workspace, project, imageId: r.imageId, jobId: 'seed', version: 1, annotations: r.annotations, seq: r.i + 1, split: splitOf(r.i),
    })), { lean: true });
    await DatasetEntry.insertMany(rows.map((r) => ({ _id: `${workspace}/${project}#${r.i + 1}`, itemId: `${workspace}/${project}/${r.imageId}` })), { lean: true });
    if ((done / 1000) % 20 === 19) log(`${project}: seeded ${done + n}`);
  }
  await Project.updateOne({ workspace, slug: project }, { $set: { datasetSeq: count, datasetCount: count } });
}

/** Peak RSS of a process since the last reset, in MB; resetting needs Linux (clear_refs). */
const peakRss = async (pid: number) => Number(/VmHWM:\s+(\d+) kB/.exec(await fs.readFile(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const resetPeak = (pid: number) => fs.writeFile(`/proc/${pid}/clear_refs`, '5');

async function main() {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-exports-'));
  const stops: (() => Promise<unknown>)[] = [];
  const rows: string[] = [];
  try {
    const root = path.resolve(__dirname, '..');
    // Inside the project (under the ignored dist/), so that the compiled worker finds node_modules.
    await fs.mkdir(path.join(root, 'dist'), { recursive: true });
    const compiled = await fs.mkdtemp(path.join(root, 'dist', 'bench-'));
    stops.push(() => fs.rm(compiled, { recursive: true, force: true }));
    const [temporal, mongo, bundle] = await Promise.all([
      startTemporalServer({ log }),
      startMongoServer({ dataDir: path.join(tmpDir, 'mongo'), log }),
      bundleWorkflowCode({ workflowsPath: path.resolve(root, 'workflows', 'index.ts') }),
      promisify(execFile)(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', 'tsconfig.build.json', '--outDir', compiled], { cwd: root }),
    ]);
    stops.push(() => temporal.stop(), () => mongo.stop());
    const bundlePath = path.join(tmpDir, 'workflow-bundle.js');
    await fs.writeFile(bundlePath, bundle.code);
    const ownerKey = `bench-owner-${randomBytes(16).toString('hex')}`;
    const env = {
      PORT: '0', HOST: '127.0.0.1', TESSERA_DATA_DIR: path.join(tmpDir, 'data'), TEMPORAL_ADDRESS: temporal.address,
      MONGODB_URI: `${mongo.uri}/tessera_bench_exports`, TESSERA_TASK_QUEUE_PREFIX: 'bench-exports', TESSERA_WORKFLOW_BUNDLE: bundlePath,
      LOG_LEVEL: 'warn', TESSERA_BOOTSTRAP_WORKSPACE: workspace, TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test', TESSERA_BOOTSTRAP_API_KEY: ownerKey,
      TESSERA_RATE_LIMIT_PER_MINUTE: '10000000',
    };
    const config = loadConfig(env);
    const db = await connectDatabase(config.mongo.uri!);
    stops.push(() => db.close());
    const api = await startApiServer({ config, logger: createLogger(config.logLevel, 'bench'), db, temporalAddress: temporal.address });
    stops.push(() => api.close());

    // The workers in processes of their own, one per task queue (TESSERA_WORKER_QUEUES), so that each
    // one's memory is its own: versions are made on the jobs queue, exports on the images queue.
    const startWorker = async (queue: 'jobs' | 'images') => {
      const worker = spawn(process.execPath, [path.join(compiled, 'worker', 'main.js')], {
        cwd: root, env: { ...process.env, ...env, LOG_LEVEL: 'info', TESSERA_WORKER_QUEUES: queue }, stdio: ['ignore', 'pipe', 'pipe'],
      });
      stops.push(async () => {
        worker.kill('SIGTERM');
        await new Promise((r) => worker.once('exit', r));
      });
      await new Promise<void>((resolve, reject) => {
        let out = '';
        const onData = (d: Buffer) => {
          out += d.toString();
          if (out.includes('workers running')) resolve();
        };
        worker.stdout!.on('data', onData);
        worker.stderr!.on('data', onData);
        worker.once('exit', (code) => reject(new Error(`worker exited ${code}: ${out.slice(-2000)}`)));
      });
      return worker.pid!;
    };
    const pids = { jobs: await startWorker('jobs'), images: await startWorker('images') };

    const request = async (method: string, p: string, json?: unknown) => {
      const res = await fetch(`${api.url}/api/${workspace}${p}`, {
        method, headers: { authorization: `Bearer ${ownerKey}`, ...(json ? { 'content-type': 'application/json' } : {}) }, body: json ? JSON.stringify(json) : undefined,
      });
      const body = await res.json() as Record<string, unknown>;
      if (res.status >= 300) throw new Error(`${method} ${p} → ${res.status} ${JSON.stringify(body)}`);
      return body;
    };
    const poll = async (p: string) => {
      for (;;) {
        const body = await request('GET', p);
        if (body.status === 'ready') return body;
        if (body.status === 'failed') throw new Error(`${p} failed: ${JSON.stringify(body)}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    };
    /** One measured step: wall time from the request to ready, and each worker's peak RSS meanwhile. */
    const step = async (what: string, run: () => Promise<Record<string, unknown>>, detail: (b: Record<string, unknown>) => string) => {
      await Promise.all([resetPeak(pids.jobs), resetPeak(pids.images)]);
      const t0 = performance.now();
      const body = await run();
      const ms = performance.now() - t0;
      const [jobsRss, imagesRss] = await Promise.all([peakRss(pids.jobs), peakRss(pids.images)]);
      log(`${what}: ${fmt(ms)}, peak RSS jobs worker ${jobsRss.toFixed(0)} MB, images worker ${imagesRss.toFixed(0)} MB`);
      rows.push(`| ${what} | ${fmt(ms)} | ${jobsRss.toFixed(0)} MB | ${imagesRss.toFixed(0)} MB | ${detail(body)} |`);
    };
    const version = (project: string) => step(`${project}: version`, async () => {
      const v = await request('POST', `/${project}/versions`, { preprocessing: {} });
      return poll(`/${project}/versions/${String(v.id)}`);
    }, (b) => `${String(b.images)} images`);
    const exportOf = (project: string, format: string, images: boolean) => step(`${project}: ${format}${images ? ' with images' : ', labels only'}`, async () => {
      const e = await request('POST', `/${project}/versions/1/exports`, { format, images });
      return poll(`/${project}/versions/1/exports/${String(e.id)}`);
    }, (b) => `${(Number(b.bytes) / 1e6).toFixed(1)} MB zip`);

    const labels = 'labels';
    await request('POST', '/projects', { id: labels, name: 'Labels bench', type: 'object-detection', classes: ['cat', 'dog'] });
    log(`seeding ${opts.items} dataset items`);
    let t0 = performance.now();
    await seedDataset(db, labels, opts.items, (i) => createHash('sha256').update(`bench-exports:${i}`).digest('hex'), { width: 640, height: 480 });
    const seededLabels = (performance.now() - t0) / 1000;

    const photos = 'photos';
    await request('POST', '/projects', { id: photos, name: 'Photos bench', type: 'object-detection', classes: ['cat', 'dog'] });
    log(`making ${opts.images} real 640x480 JPEGs`);
    t0 = performance.now();
    const store = createLocalBlobStore(path.join(env.TESSERA_DATA_DIR, 'images'));
    const shas: string[] = [];
    for (let i = 0; i < opts.images; i++) {
      const jpeg = await sharp({ create: { width: 640, height: 480, channels: 3, background: { r: i % 256, g: 90, b: 160 }, noise: { type: 'gaussian', mean: 128, sigma: 20 } } }).jpeg({ quality: 80 }).toBuffer();
      const sha = createHash('sha256').update(jpeg).digest('hex');
      await store.put(blobKeys.original(sha), jpeg);
      shas.push(sha);
    }
    await seedDataset(db, photos, opts.images, (i) => shas[i]!, { width: 640, height: 480 });
    const seededPhotos = (performance.now() - t0) / 1000;

    await version(labels);
    await exportOf(labels, 'coco', false);
    await exportOf(labels, 'yolo', false);
    await version(photos);
    await exportOf(photos, 'coco', true);

    await report('exports', [
      `# bench/exports — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Store: ${mongo.kind}; Node ${process.version}; ${os.cpus().length} CPUs; API and client in one process; a worker process per task queue (\`TESSERA_WORKER_QUEUES\`): jobs (versions are made there) and images (exports). ` +
      `\`${labels}\`: ${opts.items.toLocaleString('en')} dataset items (1–3 boxes each, 70/20/10 train/valid/test) seeded as documents in ${seededLabels.toFixed(1)} s; ` +
      `\`${photos}\`: ${opts.images.toLocaleString('en')} real 640x480 JPEGs (about ${(await fs.stat(path.join(env.TESSERA_DATA_DIR, 'images', blobKeys.original(shas[0]!)))).size / 1000 | 0} kB each) and their items, made in ${seededPhotos.toFixed(1)} s. ` +
      'Each row: from the request to `ready` through the real API and workflows; peak RSS is each worker process\'s VmHWM, reset before the step.',
      `Command: \`npx tsx bench/exports.ts --items ${opts.items} --images ${opts.images}\``,
      '',
      '| step | time | jobs worker peak RSS | images worker peak RSS | result |',
      '| --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `Load average at the end: ${os.loadavg()[0]!.toFixed(1)}.`,
    ]);
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: Error) => log(`stopping: ${err.message}`));
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

runBench(main);
