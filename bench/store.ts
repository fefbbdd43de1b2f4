// bench/store: times every hot path against the embedded store as the project grows.
//
//   npx tsx bench/store.ts [--sizes 1000,10000,100000] [--labelers 20] [--seconds 20] [--samples 100]
//                          [--big-job 25000] [--max-minutes 120]
//
// Starts its own stack in this process the way the tests do (a Temporal dev server and a MongoDB-wire
// server on a temp data dir, the real worker, the real API on 127.0.0.1), seeds image *records* into a
// project, and times real HTTP requests to the API at each size. Prints a Markdown table and writes it
// to bench/results/store-latest.md. See bench/README.md.
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import sharp from 'sharp';
import { startApiServer, type ApiServer } from '../api/server';
import { imageIdFor, newId } from '../common/ids';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config';
import { addBatchPage, batchPageSize } from '../db/batch-pages';
import { connectDatabase, type Database } from '../db/models';
import { startMongoServer, type MongoServer } from '../services/mongo-server';
import { startTemporalServer, type TemporalServer } from '../services/temporal-server';
import { startWorkerProcess, type WorkerProcess } from '../worker/process';

// ---------------------------------------------------------------------------------------------------
// Options

interface Options {
  sizes: number[];
  labelers: number;
  reviewers: number;
  managers: number;
  /** Length of the concurrent closed loop. */
  seconds: number;
  /** Samples per operation for one labeler. */
  samples: number;
  /** Upload requests (of 50 PNGs) per size. */
  uploads: number;
  /** Timed job creations at each size after the first. */
  createSamples: number;
  /** Images per job at each size (fewer where the batch has not enough). */
  jobImages: number;
  /** Images in the big job made after the largest size (0: none). */
  bigJob: number;
  /** How long the big job's creation may take. */
  bigJobTimeoutS: number;
  maxMinutes: number;
}

function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000,100000' },
      labelers: { type: 'string', default: '20' },
      reviewers: { type: 'string', default: '5' },
      managers: { type: 'string', default: '5' },
      seconds: { type: 'string', default: '20' },
      samples: { type: 'string', default: '100' },
      uploads: { type: 'string', default: '5' },
      'create-samples': { type: 'string', default: '5' },
      'job-images': { type: 'string', default: '100' },
      'big-job': { type: 'string', default: '25000' },
      'big-job-timeout': { type: 'string', default: '1200' },
      'max-minutes': { type: 'string', default: '120' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log('usage: npx tsx bench/store.ts [--sizes 1000,10000,100000] [--labelers 20] [--reviewers 5] [--managers 5] ' +
      '[--seconds 20] [--samples 100] [--uploads 5] [--create-samples 5] [--job-images 100] [--big-job 25000] [--big-job-timeout 1200] [--max-minutes 120]');
    process.exit(0);
  }
  const int = (name: string, v: string, min: number, max: number) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) throw new Error(`--${name} must be an integer in ${min}..${max}, not ${v}`);
    return n;
  };
  const sizes = values.sizes.split(',').map((s) => int('sizes', s.trim().replace(/_/g, ''), 100, 1_000_000));
  if (sizes.some((s, i) => i > 0 && s <= sizes[i - 1]!)) throw new Error('--sizes must increase');
  return {
    sizes,
    labelers: int('labelers', values.labelers, 1, 100),
    reviewers: int('reviewers', values.reviewers, 1, 50),
    managers: int('managers', values.managers, 2, 50),
    seconds: int('seconds', values.seconds, 1, 600),
    samples: int('samples', values.samples, 5, 1000),
    uploads: int('uploads', values.uploads, 1, 50),
    createSamples: int('create-samples', values['create-samples'], 1, 50),
    jobImages: int('job-images', values['job-images'], 5, 10_000),
    bigJob: int('big-job', values['big-job'], 0, 100_000),
    bigJobTimeoutS: int('big-job-timeout', values['big-job-timeout'], 10, 24 * 3600),
    maxMinutes: int('max-minutes', values['max-minutes'], 1, 24 * 60),
  };
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const startedAt = Date.now();
const log = (msg: string) => console.error(`[bench ${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)} s] ${msg}`);
const fmtInt = (n: number) => n.toLocaleString('en-US');

function percentile(values: readonly number[], p: number): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

const fmtMs = (v: number | undefined) => (v === undefined ? '—' : v >= 1000 ? fmtInt(Math.round(v)) : v.toFixed(1));

/** Deterministic enough for a 10 % reject rate without a dependency. */
const chance = (p: number) => Math.random() < p;

// ---------------------------------------------------------------------------------------------------
// HTTP: every timed operation is a real request to the real API

interface Reply<T = unknown> { status: number; body: T; ms: number }

class Http {
  /** Non-2xx replies and failed requests, by phase. */
  errors = new Map<string, number>();
  examples: string[] = [];
  phase = 'setup';

  constructor(private readonly baseUrl: string) {
    if (!/^http:\/\/(127\.0\.0\.1|localhost|\[::1\]):\d+$/.test(baseUrl)) throw new Error(`not a loopback address: ${baseUrl}`);
  }

  /**
   * One request with global fetch. `long` requests (job creation, which waits until the images are
   * assigned) go through node:http instead, because fetch gives up on a reply whose headers take more
   * than 300 s; `signal` aborts one early.
   */
  async request<T = unknown>(
    method: string, p: string, key: string,
    opts: { json?: unknown; form?: FormData; timeoutMs?: number; long?: boolean; signal?: AbortSignal } = {},
  ): Promise<Reply<T>> {
    const headers: Record<string, string> = { authorization: `Bearer ${key}` };
    let body: FormData | string | undefined;
    if (opts.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.json);
    } else if (opts.form) body = opts.form;
    const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 120_000), ...(opts.signal ? [opts.signal] : [])]);
    const url = `${this.baseUrl}/api${p}`;
    const t0 = performance.now();
    let status = 0;
    let parsed: unknown;
    try {
      let text: string;
      if (opts.long && typeof body !== 'object') {
        ({ status, text } = await longRequest(url, method, headers, body, signal));
      } else {
        const res = await fetch(url, { method, headers, body, signal });
        text = await res.text();
        status = res.status;
      }
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = text;
      }
    } catch (err) {
      const reason = signal.reason instanceof Error && signal.aborted ? signal.reason.message : (err as Error).message;
      parsed = { error: { message: reason } };
    }
    const ms = performance.now() - t0;
    if (status < 200 || status >= 300) this.recordError(`${method} ${p.replace(/[0-9a-f]{24}/g, ':image')} → ${status || 'no reply'}: ${JSON.stringify(parsed).slice(0, 300)}`);
    return { status, body: parsed as T, ms };
  }

  private recordError(what: string) {
    this.errors.set(this.phase, (this.errors.get(this.phase) ?? 0) + 1);
    if (this.examples.length < 20) this.examples.push(`[${this.phase}] ${what}`);
    log(`error ${what}`);
  }

  errorCount(prefix: string): number {
    let n = 0;
    for (const [phase, count] of this.errors) if (phase.startsWith(prefix)) n += count;
    return n;
  }
}

/** A request with no timeout of its own but `signal`'s. */
function longRequest(url: string, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers: { ...headers, ...(body ? { 'content-length': String(Buffer.byteLength(body)) } : {}) }, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

const ok = (r: Reply) => r.status >= 200 && r.status < 300;

function must<T>(r: Reply<T>, what: string): T {
  if (ok(r)) return r.body;
  const message = (r.body as { error?: { message?: string } } | undefined)?.error?.message ?? JSON.stringify(r.body).slice(0, 500);
  throw new Error(`${what}: ${r.status ? `answered ${r.status}, ` : 'no reply, '}${message}`);
}

// ---------------------------------------------------------------------------------------------------
// What the bench knows about its jobs (to check the server's counts against)

type State = 'annotated' | 'approved' | 'rejected';

class JobTally {
  states = new Map<string, State>();
  constructor(readonly id: string, readonly numImages: number, readonly labeler: Member, readonly reviewer: Member) {}
  set(imageId: string, s: State) {
    this.states.set(imageId, s);
  }
  counts() {
    const c = { unannotated: this.numImages - this.states.size, annotated: 0, approved: 0, rejected: 0 };
    for (const s of this.states.values()) c[s]++;
    return c;
  }
  /** Something the labeler may still get back (awaiting review, or rejected). */
  outstanding() {
    const c = this.counts();
    return c.annotated + c.rejected;
  }
}

interface Member { email: string; key: string }

interface JobView { id: string; numImages: number; unannotated: number; annotated: number; approved: number; rejected: number; status: string }
interface NextView { image: { id: string }; rework?: unknown }
interface DatasetView { count: number; images: unknown[]; next: number | null }

// ---------------------------------------------------------------------------------------------------
// Results

interface SizeResult {
  size: number;
  imagesInProject: number;
  ops: Map<string, number[]>;
  jobSizes: { single: number; concurrent: number; managers: number };
  throughput?: number;
  annotations?: number;
  concurrentSeconds?: number;
  doubleSeparate: number;
  doubleManagers: number;
  managerHandouts: number;
  concurrentErrors: number;
  allErrors: number;
  counts: string;
  seedSeconds: number;
  datasetCount?: number;
  /** Why a timed job creation failed at this size. */
  createFailure?: string;
}

interface BigJobResult {
  numImages: number;
  imagesInProject: number;
  seedSeconds: number;
  createMs: number;
  ops: Map<string, number[]>;
  counts: string;
  /** Why the job could not be made. */
  failure?: string;
}

const push = (ops: Map<string, number[]>, op: string, ms: number) => {
  const list = ops.get(op) ?? [];
  list.push(ms);
  ops.set(op, list);
};

// ---------------------------------------------------------------------------------------------------
// The bench

const workspace = 'acme';
const project = 'bench';
const P = `/${workspace}/${project}`;
const catBox = [{ class: 'cat', box: { x: 1, y: 1, width: 10, height: 10 } }];

class Bench {
  private seq = 0;
  private readonly runTag = randomBytes(6).toString('hex');
  private readonly t0 = Date.now() - 7 * 24 * 3600_000;
  imagesInProject = 0;
  mainFree = 0;
  /** Set when the store stopped answering; nothing more is asked of it. */
  storeStuck = false;
  mainBatch = '';
  labelers: Member[] = [];
  reviewers: Member[] = [];
  managers: Member[] = [];
  owner: Member;

  constructor(private readonly opts: Options, private readonly db: Database, private readonly http: Http, ownerKey: string) {
    this.owner = { email: 'owner@acme.test', key: ownerKey };
  }

  async setUp() {
    must(await this.http.request('POST', `/${workspace}/projects`, this.owner.key, {
      json: { id: project, name: 'Store bench', type: 'object-detection', classes: ['cat', 'dog'] },
    }), 'create project');
    const add = async (email: string, role: string): Promise<Member> => {
      const body = must(await this.http.request<{ apiKey: string }>('POST', `/${workspace}/members`, this.owner.key, { json: { email, role } }), `add ${email}`);
      return { email, key: body.apiKey };
    };
    for (let i = 0; i < this.opts.labelers; i++) this.labelers.push(await add(`labeler${i}@acme.test`, 'labeler'));
    for (let i = 0; i < this.opts.reviewers; i++) this.reviewers.push(await add(`reviewer${i}@acme.test`, 'reviewer'));
    for (let i = 0; i < this.opts.managers; i++) this.managers.push(await add(`manager${i}@acme.test`, 'manager'));
    this.mainBatch = await this.createBatch('bench-main');
    // Warm the upload path (sharp, the ingest workflow) so the first timed upload is not a cold start.
    const warm = await this.upload(5);
    this.imagesInProject += warm.stored;
    log(`project, ${this.labelers.length + this.reviewers.length + this.managers.length} members and batch ready`);
  }

  async createBatch(name: string): Promise<string> {
    const _id = newId();
    await this.db.models.Batch.create({ _id, workspace, project, name, priority: 3 });
    return _id;
  }

  /**
   * Inserts `count` image records into `batchId`, 1,000 to a request, laid out as recording an upload
   * lays them out: listed on a page of the batch first, then inserted pointing at it, the batch's count
   * moved by what was added.
   */
  async seed(batchId: string, count: number): Promise<number> {
    const t0 = performance.now();
    for (let done = 0; done < count; done += batchPageSize) {
      const n = Math.min(batchPageSize, count - done);
      const docs = Array.from({ length: n }, () => {
        const i = this.seq++;
        const sha256 = createHash('sha256').update(`bench:${this.runTag}:${i}`).digest('hex');
        const createdAt = new Date(this.t0 + i);
        return {
          _id: imageIdFor(workspace, project, sha256), workspace, project, name: `seed-${i}.png`, sha256,
          width: 640, height: 480, format: 'png', bytes: 1000, uploadId: 'seed', batchId, jobId: null, createdAt, updatedAt: createdAt,
        };
      });
      const batchPage = await addBatchPage(this.db.models, batchId, docs.map((d) => d._id));
      await this.db.models.Image.insertMany(docs.map((d) => ({ ...d, batchPage })), { lean: true, ordered: true });
      await this.db.models.Batch.updateOne({ _id: batchId }, { $inc: { numImages: n } });
      if ((done / 1000) % 10 === 9) log(`  seeded ${fmtInt(done + n)} / ${fmtInt(count)}`);
    }
    this.imagesInProject += count;
    return (performance.now() - t0) / 1000;
  }

  /** One multipart upload of `count` distinct tiny PNGs. */
  async upload(count: number): Promise<{ ms: number; stored: number }> {
    const form = new FormData();
    for (let i = 0; i < count; i++) {
      const png = await sharp(randomBytes(8 * 8 * 3), { raw: { width: 8, height: 8, channels: 3 } }).png().toBuffer();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `up-${this.runTag}-${this.seq}-${i}.png`);
    }
    form.append('batch', 'bench-uploads');
    const r = await this.http.request<{ images?: { duplicate: boolean }[]; errors?: unknown[] }>('POST', `${P}/images`, this.owner.key, { form, timeoutMs: 600_000 });
    if (!ok(r)) return { ms: r.ms, stored: 0 };
    if ((r.body.errors ?? []).length > 0) log(`upload reported errors: ${JSON.stringify(r.body.errors).slice(0, 300)}`);
    return { ms: r.ms, stored: (r.body.images ?? []).filter((i) => !i.duplicate).length };
  }

  /**
   * Creates a job and waits for its answer (the API answers once the images are assigned). Meanwhile the
   * store is probed with a lookup by _id every 15 s: if it stops answering, the request is given up and
   * the failure says so, rather than waiting out the whole timeout.
   */
  async createJob(batch: string, numImages: number, labeler: Member, reviewer: Member, timeoutMs = 900_000): Promise<{ tally: JobTally; ms: number }> {
    const stuck = new AbortController();
    let probing = true;
    const probe = (async () => {
      while (probing) {
        for (let i = 0; i < 150 && probing; i++) await sleep(100);
        if (!probing) break;
        const t0 = performance.now();
        const answered = await Promise.race([
          this.db.models.Batch.findById(batch, { _id: 1 }).lean().then(() => true, () => false),
          sleep(30_000).then(() => false),
        ]);
        if (!answered && probing) {
          this.storeStuck = true;
          log(`the store did not answer a lookup by _id within ${((performance.now() - t0) / 1000).toFixed(0)} s while a job was being created`);
          stuck.abort(new Error('the store stopped answering (a lookup by _id got no reply in 30 s) while the job\'s images were being assigned'));
          break;
        }
      }
    })();
    let r: Reply<JobView>;
    try {
      r = await this.http.request<JobView>('POST', `${P}/jobs`, this.owner.key, {
        json: { name: `bench ${numImages}`, batch, num_images: numImages, labelerEmail: labeler.email, reviewerEmail: reviewer.email },
        timeoutMs, long: true, signal: stuck.signal,
      });
    } finally {
      probing = false;
      await probe;
    }
    const job = must(r, `create a ${numImages}-image job`);
    if (job.numImages !== numImages) log(`job ${job.id} got ${job.numImages} images, asked ${numImages}`);
    return { tally: new JobTally(job.id, job.numImages, labeler, reviewer), ms: r.ms };
  }

  // -- one labeler -----------------------------------------------------------------------------------

  /** next, (draft,) submit, review, the job's counts; sequential, `samples` rounds at most. */
  async oneLabeler(tally: JobTally, ops: Map<string, number[]>, withDraft: boolean) {
    const deadline = Date.now() + 10 * 60_000;
    const { labeler, reviewer } = tally;
    for (let i = 0; i < this.opts.samples && Date.now() < deadline; i++) {
      const next = await this.http.request<NextView>('POST', `${P}/jobs/${tally.id}/next`, labeler.key);
      if (next.status === 204) break;
      if (!ok(next)) continue;
      push(ops, 'next', next.ms);
      const imageId = next.body.image.id;
      const url = `${P}/jobs/${tally.id}/images/${imageId}`;
      if (withDraft) {
        const draft = await this.http.request('PUT', `${url}/annotation`, labeler.key, { json: { annotations: catBox, draft: true } });
        if (ok(draft)) push(ops, 'draft', draft.ms);
      }
      const submit = await this.http.request('PUT', `${url}/annotation`, labeler.key, { json: { annotations: catBox } });
      if (!ok(submit)) continue;
      push(ops, 'submit', submit.ms);
      tally.set(imageId, 'annotated');
      const reject = i % 10 === 9;
      const review = await this.http.request('POST', `${url}/review`, reviewer.key, {
        json: reject ? { decision: 'reject', reason: 'box too loose' } : { decision: 'approve' },
      });
      if (ok(review)) {
        push(ops, 'review', review.ms);
        tally.set(imageId, reject ? 'rejected' : 'approved');
      }
      const job = await this.http.request('GET', `${P}/jobs/${tally.id}`, labeler.key);
      if (ok(job)) push(ops, 'job counts', job.ms);
    }
  }

  // -- many labelers at once --------------------------------------------------------------------------

  async concurrent(jobs: JobTally[], ops: Map<string, number[]>) {
    const deadline = Date.now() + this.opts.seconds * 1000;
    const reviewDeadline = deadline + 30_000;
    const queues = this.reviewers.map(() => [] as { tally: JobTally; imageId: string }[]);
    const leased = new Map<string, string>(); // image id → labeler holding it (as far as the bench knows)
    let doubles = 0;
    let annotations = 0;
    let labelersRunning = jobs.length;
    const t0 = performance.now();
    let labelersEnd = t0;

    const labelerLoop = async (tally: JobTally) => {
      const me = tally.labeler.email;
      const reviewerIndex = this.reviewers.indexOf(tally.reviewer);
      for (let iteration = 0; iteration < 5_000 && Date.now() < deadline; iteration++) {
        const next = await this.http.request<NextView>('POST', `${P}/jobs/${tally.id}/next`, tally.labeler.key);
        if (next.status === 204) {
          // Nothing to hand out now: done, unless a rejection may still come back.
          if (tally.outstanding() === 0) break;
          await sleep(100);
          continue;
        }
        if (!ok(next)) {
          await sleep(50);
          continue;
        }
        push(ops, 'next', next.ms);
        const imageId = next.body.image.id;
        const holder = leased.get(imageId);
        if (holder !== undefined && holder !== me) {
          doubles++;
          log(`DOUBLE HAND-OUT: ${imageId} to ${me} while ${holder} holds it`);
        }
        leased.set(imageId, me);
        const submit = await this.http.request('PUT', `${P}/jobs/${tally.id}/images/${imageId}/annotation`, tally.labeler.key, { json: { annotations: catBox } });
        leased.delete(imageId);
        if (!ok(submit)) continue;
        push(ops, 'submit', submit.ms);
        annotations++;
        tally.set(imageId, 'annotated');
        queues[reviewerIndex]!.push({ tally, imageId });
      }
      labelersRunning--;
      labelersEnd = performance.now();
    };

    const reviewerLoop = async (index: number) => {
      const reviewer = this.reviewers[index]!;
      const queue = queues[index]!;
      for (let iteration = 0; iteration < 50_000 && Date.now() < reviewDeadline; iteration++) {
        const item = queue.shift();
        if (!item) {
          if (labelersRunning === 0) break;
          await sleep(20);
          continue;
        }
        const reject = chance(0.1);
        const review = await this.http.request('POST', `${P}/jobs/${item.tally.id}/images/${item.imageId}/review`, reviewer.key, {
          json: reject ? { decision: 'reject', reason: 'missed a cat' } : { decision: 'approve' },
        });
        if (!ok(review)) continue;
        push(ops, 'review', review.ms);
        item.tally.set(item.imageId, reject ? 'rejected' : 'approved');
      }
    };

    await Promise.all([...jobs.map(labelerLoop), ...this.reviewers.map((_, i) => reviewerLoop(i))]);
    const seconds = (labelersEnd - t0) / 1000;
    return { doubles, annotations, seconds, throughput: annotations / seconds };
  }

  /** Several managers take from ONE job's stream at once; no image may go to two of them. */
  async managersOnOneJob(tally: JobTally, ops: Map<string, number[]>) {
    const deadline = Date.now() + Math.min(this.opts.seconds, 15) * 1000;
    const holders = new Map<string, string>();
    const everHanded = new Set<string>();
    let doubles = 0;
    let handouts = 0;
    const loop = async (manager: Member) => {
      for (let iteration = 0; iteration < 2_000 && Date.now() < deadline; iteration++) {
        const next = await this.http.request<NextView>('POST', `${P}/jobs/${tally.id}/next`, manager.key);
        if (next.status === 204) break;
        if (!ok(next)) {
          await sleep(50);
          continue;
        }
        push(ops, 'next', next.ms);
        handouts++;
        const imageId = next.body.image.id;
        const holder = holders.get(imageId);
        if ((holder !== undefined && holder !== manager.email) || (holder === undefined && everHanded.has(imageId))) {
          doubles++;
          log(`DOUBLE HAND-OUT on one job: ${imageId} to ${manager.email}, ${holder ? `held by ${holder}` : 'already submitted'}`);
        }
        holders.set(imageId, manager.email);
        everHanded.add(imageId);
        const submit = await this.http.request('PUT', `${P}/jobs/${tally.id}/images/${imageId}/annotation`, manager.key, { json: { annotations: catBox } });
        holders.delete(imageId);
        if (!ok(submit)) continue;
        push(ops, 'submit', submit.ms);
        tally.set(imageId, 'annotated');
      }
    };
    await Promise.all(this.managers.map(loop));
    return { doubles, handouts };
  }

  /** The server's four counts against numImages and against what the bench did. */
  async checkCounts(jobs: JobTally[]): Promise<string> {
    const problems: string[] = [];
    for (const tally of jobs) {
      const r = await this.http.request<JobView>('GET', `${P}/jobs/${tally.id}`, this.owner.key);
      if (!ok(r)) {
        problems.push(`${tally.id}: GET ${r.status}`);
        continue;
      }
      const j = r.body;
      const sum = j.unannotated + j.annotated + j.approved + j.rejected;
      const expected = tally.counts();
      if (sum !== j.numImages) problems.push(`${tally.id}: ${j.unannotated}+${j.annotated}+${j.approved}+${j.rejected}=${sum} ≠ numImages ${j.numImages}`);
      else if (j.unannotated !== expected.unannotated || j.annotated !== expected.annotated || j.approved !== expected.approved || j.rejected !== expected.rejected) {
        problems.push(`${tally.id}: server ${JSON.stringify({ u: j.unannotated, a: j.annotated, ap: j.approved, r: j.rejected })} ≠ bench ${JSON.stringify(expected)}`);
      }
    }
    for (const p of problems) log(`COUNTS ${p}`);
    return problems.length === 0 ? `ok (${jobs.length} jobs)` : `MISMATCH (${problems.length} of ${jobs.length} jobs)`;
  }

  /** A first page of the dataset, and later pages by the `next` cursor. */
  async datasetPages(ops: Map<string, number[]>): Promise<number> {
    const n = Math.max(5, Math.floor(this.opts.samples / 2));
    let first: DatasetView | undefined;
    for (let i = 0; i < n; i++) {
      const r = await this.http.request<DatasetView>('GET', `${P}/dataset?limit=100`, this.owner.key);
      if (!ok(r)) continue;
      push(ops, 'dataset page 1', r.ms);
      first = r.body;
    }
    if (first?.next != null) {
      let after: number = first.next;
      for (let i = 0; i < n; i++) {
        const r = await this.http.request<DatasetView>('GET', `${P}/dataset?limit=100&after=${after}`, this.owner.key);
        if (!ok(r)) continue;
        push(ops, 'dataset later page', r.ms);
        after = r.body.next ?? first.next;
      }
    }
    return first?.count ?? 0;
  }

  // -- one size ---------------------------------------------------------------------------------------

  /** Inserts up to `count` records into the main batch, never past `size` images in the project. */
  private async grow(size: number, count: number): Promise<number> {
    const n = Math.max(0, Math.min(count, size - this.imagesInProject));
    const seconds = await this.seed(this.mainBatch, n);
    this.mainFree += n;
    return seconds;
  }

  /**
   * The jobs one size works on: one for the single labeler, one per concurrent labeler, one the managers
   * share. `--job-images` each where the batch has them (at 1,000 it has not 22 × 100).
   */
  private async makeWorkingJobs(tag: string, ops: Map<string, number[]> | undefined) {
    const cap = this.opts.jobImages;
    const single = Math.min(cap, Math.floor(this.mainFree / 4));
    const managersJob = Math.min(cap, Math.floor(this.mainFree / 8));
    const concurrent = Math.min(cap, Math.floor((this.mainFree - single - managersJob) / this.labelers.length));
    if (single < 1 || managersJob < 1 || concurrent < 1) throw new Error(`not enough free images in the batch at ${tag} (${this.mainFree})`);
    log(`   creating ${this.labelers.length + 2} jobs (${single}, ${this.labelers.length} × ${concurrent}, ${managersJob}) at ${fmtInt(this.imagesInProject)} images${ops ? '' : ' (untimed)'}`);
    const times: number[] = [];
    const make = async (n: number, labeler: Member, reviewer: Member) => {
      const { tally, ms } = await this.createJob(this.mainBatch, n, labeler, reviewer);
      this.mainFree -= tally.numImages;
      times.push(ms);
      if (ops) push(ops, 'create job', ms);
      return tally;
    };
    const singleJob = await make(single, this.labelers[0]!, this.reviewers[0]!);
    const concurrentJobs: JobTally[] = [];
    for (let i = 0; i < this.labelers.length; i++) concurrentJobs.push(await make(concurrent, this.labelers[i]!, this.reviewers[i % this.reviewers.length]!));
    const managersJob_ = await make(managersJob, this.labelers[0]!, this.reviewers[0]!);
    log(`   made them: p50 ${fmtMs(percentile(times, 50))} ms, p95 ${fmtMs(percentile(times, 95))} ms each`);
    return { singleJob, concurrentJobs, managersJob: managersJob_, sizes: { single, concurrent, managers: managersJob } };
  }

  /**
   * One size. At the first, the working jobs are made (and timed) once the project has its images. At
   * the next ones they are made before the project grows to the size, untimed, and job creation is timed
   * after everything else with `createSamples` more jobs: a job creation that does not scale then cannot
   * keep the per-image paths from being measured at that size.
   */
  async runSize(size: number, first: boolean): Promise<SizeResult> {
    const ops = new Map<string, number[]>();
    const tag = `${fmtInt(size)}`;
    const cap = this.opts.jobImages;
    let seedSeconds = 0;
    let working: Awaited<ReturnType<Bench['makeWorkingJobs']>> | undefined;
    log(`== ${tag}`);
    if (!first) {
      this.http.phase = `${tag} prepare`;
      seedSeconds += await this.grow(size, (this.labelers.length + 2) * cap - this.mainFree);
      working = await this.makeWorkingJobs(tag, undefined);
    }
    this.http.phase = `${tag} seed`;
    seedSeconds += await this.grow(size, size);
    log(`   seeded in ${seedSeconds.toFixed(1)} s; ${fmtInt(this.imagesInProject)} images in the project`);

    this.http.phase = `${tag} upload`;
    for (let i = 0; i < this.opts.uploads; i++) {
      const up = await this.upload(50);
      push(ops, 'upload 50 PNGs', up.ms);
      this.imagesInProject += up.stored;
    }
    log(`   uploads: p50 ${fmtMs(percentile(ops.get('upload 50 PNGs') ?? [], 50))} ms`);

    if (!working) {
      this.http.phase = `${tag} create jobs`;
      working = await this.makeWorkingJobs(tag, ops);
    }
    const { singleJob, concurrentJobs, managersJob } = working;

    this.http.phase = `${tag} one labeler`;
    const one = new Map<string, number[]>();
    await this.oneLabeler(singleJob, one, true);
    for (const [op, v] of one) ops.set(op, v);
    log(`   one labeler: next p95 ${fmtMs(percentile(one.get('next') ?? [], 95))}, submit p95 ${fmtMs(percentile(one.get('submit') ?? [], 95))}, review p95 ${fmtMs(percentile(one.get('review') ?? [], 95))} ms`);

    this.http.phase = `${tag} concurrent`;
    log(`   ${this.labelers.length} labelers and ${this.reviewers.length} reviewers for ${this.opts.seconds} s`);
    const many = new Map<string, number[]>();
    const conc = await this.concurrent(concurrentJobs, many);
    for (const [op, v] of many) ops.set(`${this.labelers.length} labelers: ${op}`, v);
    log(`   ${conc.annotations} annotations in ${conc.seconds.toFixed(1)} s = ${conc.throughput.toFixed(1)}/s; next p95 ${fmtMs(percentile(many.get('next') ?? [], 95))} ms`);

    this.http.phase = `${tag} concurrent managers`;
    const mgr = new Map<string, number[]>();
    const managers = await this.managersOnOneJob(managersJob, mgr);
    for (const [op, v] of mgr) ops.set(`${this.managers.length} managers, one job: ${op}`, v);
    log(`   ${this.managers.length} managers on one job: ${managers.handouts} hand-outs, ${managers.doubles} double`);
    const concurrentErrors = this.http.errorCount(`${tag} concurrent`);

    this.http.phase = `${tag} check`;
    const counts = await this.checkCounts([singleJob, ...concurrentJobs, managersJob]);
    log(`   counts: ${counts}`);

    this.http.phase = `${tag} dataset`;
    const datasetCount = await this.datasetPages(ops);

    let createFailure: string | undefined;
    if (!first) {
      this.http.phase = `${tag} create jobs`;
      const n = Math.min(cap, Math.floor(this.mainFree / this.opts.createSamples));
      log(`   timing ${this.opts.createSamples} job creations of ${n} images at ${fmtInt(this.imagesInProject)} images`);
      for (let i = 0; i < this.opts.createSamples && n > 0; i++) {
        try {
          const { tally, ms } = await this.createJob(this.mainBatch, n, this.labelers[i % this.labelers.length]!, this.reviewers[i % this.reviewers.length]!);
          this.mainFree -= tally.numImages;
          push(ops, 'create job', ms);
        } catch (err) {
          createFailure = (err as Error).message;
          log(`   FAILED: ${createFailure}`);
          break;
        }
      }
      log(`   create job: p50 ${fmtMs(percentile(ops.get('create job') ?? [], 50))} ms, p95 ${fmtMs(percentile(ops.get('create job') ?? [], 95))} ms`);
    }

    return {
      size, imagesInProject: this.imagesInProject, ops, jobSizes: working.sizes,
      throughput: conc.throughput, annotations: conc.annotations, concurrentSeconds: conc.seconds,
      doubleSeparate: conc.doubles, doubleManagers: managers.doubles, managerHandouts: managers.handouts,
      concurrentErrors, allErrors: this.http.errorCount(tag), counts, seedSeconds, datasetCount, createFailure,
    };
  }

  async runBigJob(numImages: number): Promise<BigJobResult> {
    this.http.phase = 'big job';
    const batch = await this.createBatch(`bench-${numImages}`);
    log(`== big job: seeding ${fmtInt(numImages)} image records into a second batch`);
    const seedSeconds = await this.seed(batch, numImages);
    log(`   seeded in ${seedSeconds.toFixed(1)} s; creating a ${fmtInt(numImages)}-image job`);
    const ops = new Map<string, number[]>();
    const t0 = performance.now();
    let created: { tally: JobTally; ms: number };
    try {
      created = await this.createJob(batch, numImages, this.labelers[0]!, this.reviewers[0]!, this.opts.bigJobTimeoutS * 1000);
    } catch (err) {
      // The table still reports it: this is a finding, not a reason to lose the other figures.
      const failure = (err as Error).message;
      log(`   FAILED: ${failure}`);
      return { numImages, imagesInProject: this.imagesInProject, seedSeconds, createMs: performance.now() - t0, ops, counts: 'not checked', failure };
    }
    const { tally, ms } = created;
    log(`   created in ${fmtMs(ms)} ms`);
    await this.oneLabeler(tally, ops, true);
    const counts = await this.checkCounts([tally]);
    return { numImages: tally.numImages, imagesInProject: this.imagesInProject, seedSeconds, createMs: ms, ops, counts };
  }
}

// ---------------------------------------------------------------------------------------------------
// The table

function renderTable(opts: Options, results: SizeResult[], big: BigJobResult | undefined, meta: string[]): string {
  const sizes = results.map((r) => r.size);
  const L = opts.labelers;
  const M = opts.managers;
  const rows: { label: string; op: string; note?: string }[] = [
    { label: 'record an upload of 50 PNGs (`POST images`)', op: 'upload 50 PNGs' },
    { label: 'create a job (`POST jobs`, waits for assignment)', op: 'create job' },
    { label: '1 labeler: `next`', op: 'next' },
    { label: '1 labeler: draft (`PUT annotation`, draft)', op: 'draft' },
    { label: '1 labeler: submit (`PUT annotation`)', op: 'submit' },
    { label: '1 reviewer: review (`POST review`)', op: 'review' },
    { label: 'job\'s four counts (`GET jobs/:job`)', op: 'job counts' },
    { label: 'dataset, first page (`limit=100`)', op: 'dataset page 1' },
    { label: 'dataset, later page (`after=next`)', op: 'dataset later page' },
    { label: `${L} labelers at once: \`next\``, op: `${L} labelers: next` },
    { label: `${L} labelers at once: submit`, op: `${L} labelers: submit` },
    { label: `${opts.reviewers} reviewers at once: review`, op: `${L} labelers: review` },
    { label: `${M} managers on one job: \`next\``, op: `${M} managers, one job: next` },
  ];
  const first = results[0];
  const last = results[results.length - 1];
  const lines: string[] = [];
  lines.push(...meta, '');
  lines.push(`| operation (ms, p50 / p95) | ${sizes.map((s) => `${fmtInt(s)} images`).join(' | ')} | p95 ${fmtInt(last?.size ?? 0)} ÷ ${fmtInt(first?.size ?? 0)} |`);
  lines.push(`| --- | ${sizes.map(() => '---').join(' | ')} | --- |`);
  for (const row of rows) {
    const cells = results.map((r) => {
      const v = r.ops.get(row.op) ?? [];
      const cell = v.length === 0 ? '—' : `${fmtMs(percentile(v, 50))} / ${fmtMs(percentile(v, 95))} (n=${v.length})`;
      return row.op === 'create job' && r.createFailure ? `${v.length === 0 ? '' : `${cell}, then `}**failed** (see below)` : cell;
    });
    const a = percentile(first?.ops.get(row.op) ?? [], 95);
    const b = percentile(last?.ops.get(row.op) ?? [], 95);
    const ratio = a && b && results.length > 1 ? `${(b / a).toFixed(2)}×${b / a > 2 ? ' ⚠' : ''}` : '—';
    lines.push(`| ${row.label} | ${cells.join(' | ')} | ${ratio} |`);
  }
  const scalar = (label: string, f: (r: SizeResult, i: number) => string) => lines.push(`| ${label} | ${results.map(f).join(' | ')} | |`);
  scalar(`${L} labelers: annotations/s (closed loop next + submit)`, (r) => `${(r.throughput ?? 0).toFixed(1)} (${r.annotations} in ${(r.concurrentSeconds ?? 0).toFixed(1)} s)`);
  scalar(`double hand-outs, ${L} jobs`, (r) => String(r.doubleSeparate));
  scalar(`double hand-outs, ${M} managers on one job`, (r) => `${r.doubleManagers} (of ${r.managerHandouts} hand-outs)`);
  scalar('errors (non-2xx) in the concurrent runs', (r) => String(r.concurrentErrors));
  scalar('errors (non-2xx) at this size, all phases', (r) => String(r.allErrors));
  scalar('four counts = numImages, and = what the bench did', (r) => r.counts);
  scalar('images per job: 1 labeler / each concurrent / managers\' job', (r) => `${r.jobSizes.single} / ${r.jobSizes.concurrent} / ${r.jobSizes.managers}`);
  scalar('job creations timed', (r, i) => (i === 0 ? `the ${L + 2} jobs worked on` : `${opts.createSamples} more, after the rest`));
  scalar('images in the project at the end of the size', (r) => fmtInt(r.imagesInProject));
  scalar('dataset size when paged', (r) => fmtInt(r.datasetCount ?? 0));
  scalar('seeding the records (s, untimed by the table)', (r) => r.seedSeconds.toFixed(1));

  if (big) {
    lines.push('', `**A ${fmtInt(big.numImages)}-image job** (second batch; ${fmtInt(big.imagesInProject)} images in the project)`, '');
    lines.push('| operation | p50 / p95 (ms) |', '| --- | --- |');
    lines.push(`| create the job (\`POST jobs\`, waits until ${fmtInt(big.numImages)} images are assigned) | ` +
      (big.failure ? `**failed** after ${fmtMs(big.createMs)} ms: ${big.failure} |` : `${fmtMs(big.createMs)} (one request) |`));
    for (const [op, label] of [['next', '1 labeler: `next`'], ['draft', '1 labeler: draft'], ['submit', '1 labeler: submit'], ['review', '1 reviewer: review'], ['job counts', 'job\'s four counts']] as const) {
      const v = big.ops.get(op) ?? [];
      lines.push(`| ${label} | ${v.length === 0 ? '—' : `${fmtMs(percentile(v, 50))} / ${fmtMs(percentile(v, 95))} (n=${v.length})`} |`);
    }
    lines.push(`| four counts = numImages, and = what the bench did | ${big.counts} |`);
  }

  // The goals of issue 7, checked.
  const findings: string[] = [];
  if (first && last && results.length > 1 && last.size >= 10 * first.size) {
    for (const row of rows) {
      const a = percentile(first.ops.get(row.op) ?? [], 95);
      const b = percentile(last.ops.get(row.op) ?? [], 95);
      if (a && b && b > 2 * a) findings.push(`${row.label}: p95 ${fmtMs(b)} ms at ${fmtInt(last.size)} vs ${fmtMs(a)} ms at ${fmtInt(first.size)} (${(b / a).toFixed(1)}×, goal ≤ 2×)`);
    }
  }
  for (const r of results) {
    for (const op of ['next', 'submit', 'review']) {
      const p95 = percentile(r.ops.get(op) ?? [], 95);
      if (p95 !== undefined && p95 > 30) findings.push(`1 labeler \`${op}\` p95 ${fmtMs(p95)} ms at ${fmtInt(r.size)} (goal < 30 ms)`);
    }
    const up = percentile(r.ops.get('upload 50 PNGs') ?? [], 95);
    if (r.size >= 100_000 && up !== undefined && up > 1000) findings.push(`upload of 50 PNGs p95 ${fmtMs(up)} ms at ${fmtInt(r.size)} (goal < 1 s)`);
    if (r.doubleSeparate + r.doubleManagers > 0) findings.push(`${r.doubleSeparate + r.doubleManagers} double hand-outs at ${fmtInt(r.size)}`);
    if (r.concurrentErrors > 0) findings.push(`${r.concurrentErrors} errors in the concurrent runs at ${fmtInt(r.size)}`);
    if (!r.counts.startsWith('ok')) findings.push(`counts ${r.counts} at ${fmtInt(r.size)}`);
    if (r.createFailure) findings.push(`creating a job at ${fmtInt(r.size)} failed: ${r.createFailure}`);
  }
  if (big) {
    for (const op of ['next', 'submit', 'review']) {
      const p95 = percentile(big.ops.get(op) ?? [], 95);
      if (p95 !== undefined && p95 > 30) findings.push(`${fmtInt(big.numImages)}-image job: \`${op}\` p95 ${fmtMs(p95)} ms (goal < 30 ms)`);
    }
    if (big.failure) findings.push(`the ${fmtInt(big.numImages)}-image job could not be made: ${big.failure}`);
    else if (!big.counts.startsWith('ok')) findings.push(`${fmtInt(big.numImages)}-image job counts ${big.counts}`);
  }
  lines.push('', findings.length === 0 ? '**Goals (issue 7): all met.**' : '**Goals (issue 7) not met:**');
  for (const f of findings) lines.push(`- ${f}`);
  return lines.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------------------
// Main: start the stack, run, stop everything whatever happens

async function main() {
  const opts = parseOptions(process.argv.slice(2));
  const stops: { name: string; stop: () => Promise<void> }[] = [];
  let stopping: Promise<void> | undefined;
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-bench-'));
  const stopAll = () => (stopping ??= (async () => {
    // Clients closed under work still in flight (a stuck activity, a retrying signal) throw late; the
    // servers are stopped whatever they say.
    process.on('uncaughtException', (err) => log(`while stopping: ${err.message}`));
    process.on('unhandledRejection', (err) => log(`while stopping: ${(err as Error)?.message ?? String(err)}`));
    for (const { name, stop } of stops.reverse()) {
      await Promise.race([stop(), sleep(20_000).then(() => log(`stopping ${name} timed out after 20 s`))])
        .catch((err: unknown) => log(`stopping ${name} failed: ${(err as Error).message}`));
    }
    await fs.rm(tmpDir, { recursive: true, force: true }).catch(() => undefined);
  })());
  const onSignal = (signal: NodeJS.Signals) => {
    log(`${signal}: stopping`);
    void stopAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const watchdog = setTimeout(() => {
    log(`still running after ${opts.maxMinutes} min: giving up`);
    void stopAll().finally(() => process.exit(1));
  }, opts.maxMinutes * 60_000);
  watchdog.unref();

  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    log(`starting Temporal and the MongoDB-wire server under ${tmpDir}`);
    const track = <T extends { stop(): Promise<void> }>(name: string, p: Promise<T>) => p.then((s) => (stops.push({ name, stop: () => s.stop() }), s));
    const started = await Promise.allSettled([
      track<TemporalServer>('temporal', startTemporalServer({ log: (m) => log(m) })),
      track<MongoServer>('mongo', startMongoServer({ dataDir: path.join(tmpDir, 'mongo'), log: (m) => log(m) })),
    ]);
    for (const s of started) if (s.status === 'rejected') throw s.reason;
    const temporal = (started[0] as PromiseFulfilledResult<TemporalServer>).value;
    const mongo = (started[1] as PromiseFulfilledResult<MongoServer>).value;
    log(`Temporal at ${temporal.address}; ${mongo.kind} at ${mongo.uri}`);

    const ownerKey = `bench-owner-${randomBytes(16).toString('hex')}`;
    const env: Record<string, string> = {
      PORT: '0',
      HOST: '127.0.0.1',
      TESSERA_DATA_DIR: path.join(tmpDir, 'data'),
      TEMPORAL_ADDRESS: temporal.address,
      MONGODB_URI: `${mongo.uri}/tessera_bench`,
      TESSERA_TASK_QUEUE_PREFIX: 'bench-store',
      LOG_LEVEL: 'warn',
      TESSERA_BOOTSTRAP_WORKSPACE: workspace,
      TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test',
      TESSERA_BOOTSTRAP_API_KEY: ownerKey,
      TESSERA_API_WAIT_MS: '600000',
      // The bench is one client per key at far more than a person's pace.
      TESSERA_RATE_LIMIT_PER_MINUTE: '10000000',
    };
    const config = loadConfig(env);
    const logger = createLogger(config.logLevel, 'bench');
    const db = await connectDatabase(config.mongo.uri!);
    stops.push({ name: 'database connection', stop: () => db.close() });
    const api: ApiServer = await startApiServer({ config, logger, db, temporalAddress: temporal.address });
    stops.push({ name: 'api', stop: () => api.close() });
    log('bundling workflows and starting the worker');
    const worker: WorkerProcess = await startWorkerProcess({ config, logger, db, temporalAddress: temporal.address });
    stops.push({ name: 'worker', stop: () => worker.stop() });
    log(`API at ${api.url}`);

    const http = new Http(api.url);
    const bench = new Bench(opts, db, http, ownerKey);
    await bench.setUp();
    const loadAtStart = os.loadavg()[0]!;
    const meta = [
      `# bench/store — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Store: ${mongo.kind === 'ferretdb' ? 'FerretDB 1.24.2 on SQLite (with services/ferretdb-patches)' : mongo.kind}; ` +
        `Node ${process.version}; ${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? 'unknown'}); API, worker and bench client in one process.`,
      `Command: \`npx tsx bench/store.ts ${process.argv.slice(2).join(' ')}\`; ${opts.labelers} labelers, ${opts.reviewers} reviewers, ` +
        `${opts.managers} managers; up to ${opts.jobImages} images per job; concurrent closed loop ${opts.seconds} s; reject rate 10 %. Times are whole HTTP requests over loopback.`,
    ];
    const results: SizeResult[] = [];
    let big: BigJobResult | undefined;
    const render = () => {
      const examples = http.examples.length > 0 ? ['', 'First errors:', ...http.examples.map((e) => `    ${e}`)].join('\n') + '\n' : '';
      return renderTable(opts, results, big, meta) + examples;
    };
    try {
      for (const [i, size] of opts.sizes.entries()) {
        if (bench.storeStuck) break;
        results.push(await bench.runSize(size, i === 0));
      }
      if (opts.bigJob > 0 && !bench.storeStuck) big = await bench.runBigJob(opts.bigJob);
      if (bench.storeStuck) meta.push('', '**The store stopped answering during the run; what follows it was not measured.**');
    } catch (err) {
      // What was measured before the failure is still worth seeing; it is not written as the latest figures.
      if (results.length > 0) console.log(`(partial: the run failed)\n\n${render()}`);
      throw err;
    }
    meta.push(`Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${os.loadavg()[0]!.toFixed(1)}: other work on the machine shows up in these figures.`);
    const table = render();
    const out = path.join(__dirname, 'results', 'store-latest.md');
    await fs.mkdir(path.dirname(out), { recursive: true });
    await fs.writeFile(out, table);
    console.log(table);
    log(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    log('stopping the stack');
    await stopAll();
    clearTimeout(watchdog);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
