// bench/big-job: one job of 25,000 images from creation to complete, worked by 20 labelers and 5
// reviewers at once through the real API on the embedded stack.
//
//   npx tsx bench/big-job.ts [--images 25000] [--labelers 20] [--reviewers 5] [--reject 0.1] [--max-minutes 90]
//
// Seeds image records into a batch (as recorded uploads would leave them), creates the job through the
// API, then runs the labelers (next → submit, until the stream is empty) and the reviewers (approve, or
// reject with a reason at the given rate, once at most per image; a rejected image comes back to a
// labeler first) until every
// image is approved and the job completes. The labelers and reviewers are managers (any manager may
// work any job's stream), each with their own key, so a double hand-out would show. Prints and writes
// bench/results/big-job-latest.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { newId } from '../common/ids';
import { workflowIds } from '../common/temporal';
import { fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';
import { seedBatchImages } from '../test/helpers/seed-images';

const project = 'bigjob';
const { values } = parseArgs({ options: {
  images: { type: 'string', default: '25000' }, labelers: { type: 'string', default: '20' }, reviewers: { type: 'string', default: '5' },
  reject: { type: 'string', default: '0.1' }, 'max-minutes': { type: 'string', default: '90' },
} });
const opts = {
  images: Number(values.images), labelers: Number(values.labelers), reviewers: Number(values.reviewers),
  reject: Number(values.reject), maxMinutes: Number(values['max-minutes']),
};
if (![opts.images, opts.labelers, opts.reviewers, opts.maxMinutes].every((n) => Number.isInteger(n) && n > 0) || !(opts.reject >= 0 && opts.reject < 1)) {
  throw new Error('--images, --labelers, --reviewers and --max-minutes are positive integers; --reject is in [0, 1)');
}

interface Answer { status: number; body: unknown }
interface JobCounts { status: string; unannotated: number; annotated: number; approved: number; rejected: number }

async function main() {
  await withBenchStack('big-job', async ({ db, storeKind, apiUrl, ownerKey, temporalAddress, request }) => {
    const call = async (key: string, method: string, path: string, json?: unknown): Promise<Answer> => {
      const res = await fetch(`${apiUrl}/${workspace}${path}`, {
        method, headers: { authorization: `Bearer ${key}`, ...(json === undefined ? {} : { 'content-type': 'application/json' }) },
        body: json === undefined ? undefined : JSON.stringify(json),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    };
    await request('POST', '/projects', { id: project, name: 'Big job bench', type: 'object-detection', classes: ['cat', 'dog'] });
    const people = async (prefix: string, n: number) => Promise.all(Array.from({ length: n }, async (_, i) => {
      const email = `${prefix}${i}@acme.test`;
      const added = await request('POST', '/members', { email, role: 'manager' });
      return { email, key: added.apiKey as string };
    }));
    const labelers = await people('labeler', opts.labelers);
    const reviewers = await people('reviewer', opts.reviewers);
    const batchId = newId();
    await db.models.Batch.create({ _id: batchId, workspace, project, name: 'big', priority: 1 });
    log(`seeding ${opts.images} image records`);
    await seedBatchImages(db, workspace, project, batchId, opts.images);

    const times = { next: [] as number[], submit: [] as number[], review: [] as number[] };
    const errors: string[] = [];
    const timed = async (kind: keyof typeof times, f: () => Promise<Answer>, ok: number[]) => {
      const t0 = performance.now();
      const answer = await f();
      times[kind].push(performance.now() - t0);
      if (!ok.includes(answer.status)) errors.push(`${kind} ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
      return answer;
    };

    const created = performance.now();
    const job = await request('POST', `/${project}/jobs`, {
      name: 'big job', batch: batchId, num_images: opts.images, labelerEmail: labelers[0]!.email, reviewerEmail: reviewers[0]!.email,
    });
    const jobId = job.id as string;
    const base = `/${project}/jobs/${jobId}`;
    let firstNextMs = 0;
    // Who holds each image now (from `next` until submit): a second holder while the first holds it is a double hand-out.
    const holder = new Map<string, string>();
    let doubles = 0;
    /** `next` answered 409 "the label stream is busy" (every claim raced by others): the caller asks again. */
    let busy = 0;
    const toReview: string[] = [];
    const rejectedOnce = new Set<string>();
    let approved = 0;
    let rejected = 0;
    let submitted = 0;
    const deadline = Date.now() + opts.maxMinutes * 60_000;
    const box = { annotations: [{ class: 'cat', box: { x: 10, y: 10, width: 100, height: 80 } }] };

    const label = async (who: { email: string; key: string }) => {
      for (;;) {
        if (Date.now() > deadline) return;
        const next = await timed('next', () => call(who.key, 'POST', `${base}/next`), [200, 204, 409]);
        if (next.status === 204) {
          if (approved >= opts.images) return;
          await new Promise((r) => setTimeout(r, 200)); // rework may still come back
          continue;
        }
        if (next.status === 409) busy++;
        if (next.status !== 200) continue;
        if (!firstNextMs) firstNextMs = performance.now() - created;
        const imageId = (next.body as { image: { id: string } }).image.id;
        const other = holder.get(imageId);
        if (other && other !== who.email) doubles++;
        holder.set(imageId, who.email);
        const put = await timed('submit', () => call(who.key, 'PUT', `${base}/images/${imageId}/annotation`, box), [200]);
        holder.delete(imageId);
        if (put.status === 200) {
          submitted++;
          toReview.push(imageId);
        }
      }
    };
    const review = async (who: { email: string; key: string }) => {
      for (;;) {
        if (Date.now() > deadline || approved >= opts.images) return;
        const imageId = toReview.shift();
        if (!imageId) {
          await new Promise((r) => setTimeout(r, 50));
          continue;
        }
        // Each image is rejected at most once, so none reaches the project's rework limit (and a manager).
        const reject = !rejectedOnce.has(imageId) && Math.random() < opts.reject;
        if (reject) rejectedOnce.add(imageId);
        const answer = await timed('review', () => call(who.key, 'POST', `${base}/images/${imageId}/review`, reject ? { decision: 'reject', reason: 'box too loose' } : { decision: 'approve' }), [200]);
        if (answer.status === 200) {
          if (reject) rejected++;
          else approved++;
        }
      }
    };
    // Before the first `next` answers, the job is still being assigned (its stream not laid out).
    // Each line also gives the last 30 s's p50/p95 per request, so a request that slows as the job goes on shows.
    const shownUpTo = { next: 0, submit: 0, review: 0 };
    const lastWindow = () => (Object.keys(times) as (keyof typeof times)[]).map((kind) => {
      const xs = times[kind].slice(shownUpTo[kind]);
      shownUpTo[kind] = times[kind].length;
      return xs.length ? `${kind} ${fmt(percentile(xs, 50))}/${fmt(percentile(xs, 95))}` : `${kind} -`;
    }).join(', ');
    const progress = setInterval(() => log(`submitted ${submitted}, approved ${approved}, rejected ${rejected}, errors ${errors.length}; last 30 s p50/p95: ${lastWindow()}`), 30_000);
    const workStart = performance.now();
    await Promise.all([...labelers.map(label), ...reviewers.map(review)]);
    const workSeconds = (performance.now() - workStart) / 1000;
    clearInterval(progress);

    // Stopped by its deadline, the job cannot complete: the report is written at once, with its counts.
    const stoppedAtDeadline = approved < opts.images;
    let complete = false;
    for (let i = 0; i < 600 && !complete && !stoppedAtDeadline; i++) {
      complete = ((await call(ownerKey, 'GET', base)).body as { status: string }).status === 'complete';
      if (!complete) await new Promise((r) => setTimeout(r, 1000));
    }
    const completeSeconds = (performance.now() - created) / 1000;
    const final = (await call(ownerKey, 'GET', base)).body as JobCounts;
    const dataset = (await call(ownerKey, 'GET', `/${project}/dataset?limit=1`)).body as { count: number };

    // The largest history of any run of the job's workflow (continue-as-new starts a new run).
    const connection = await Connection.connect({ address: temporalAddress });
    const client = new Client({ connection });
    let largestHistory = 0;
    let runs = 0;
    for await (const execution of client.workflow.list({ query: `WorkflowId = '${workflowIds.labelingJob(jobId)}'` })) {
      const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
      largestHistory = Math.max(largestHistory, history.events?.length ?? 0);
      runs++;
    }
    await connection.close();

    const row = (name: string, xs: number[]) => `| ${name} | ${xs.length} | ${fmt(percentile(xs, 50))} | ${fmt(percentile(xs, 95))} | ${fmt(percentile(xs, 99))} | ${fmt(Math.max(...xs))} |`;
    await report('big-job', [
      `# bench/big-job — ${new Date().toISOString().slice(0, 10)}`, '',
      `Store: ${storeKind}; Node ${process.version}; ${os.cpus().length} CPUs; API, worker and every client in one process. ` +
        `One job of ${opts.images.toLocaleString('en-US')} images, ${opts.labelers} labelers and ${opts.reviewers} reviewers at once, reject rate ${opts.reject}.`,
      `Command: \`npx tsx bench/big-job.ts --images ${opts.images} --labelers ${opts.labelers} --reviewers ${opts.reviewers} --reject ${opts.reject} --max-minutes ${opts.maxMinutes}\``, '',
      `- job creation to the first \`next\` answered with an image: ${fmt(firstNextMs)}`,
      `- work (first request to the last review): ${workSeconds.toFixed(1)} s; ${submitted} submits (${(submitted / workSeconds).toFixed(1)}/s), ` +
        `${approved} approvals and ${rejected} rejections (${((approved + rejected) / workSeconds).toFixed(1)} reviews/s)`,
      `- job status ${final.status} after ${completeSeconds.toFixed(1)} s from creation${stoppedAtDeadline ? ` (the run stopped at its ${opts.maxMinutes}-minute deadline)` : ''}; counts ${JSON.stringify({ unannotated: final.unannotated, annotated: final.annotated, approved: final.approved, rejected: final.rejected })}; dataset ${dataset.count}`,
      `- double hand-outs: ${doubles}; \`next\` answered 409 (stream busy, asked again): ${busy}; errors (unexpected statuses): ${errors.length}${errors.length ? ` (first: ${errors[0]})` : ''}`,
      `- the job's workflow: ${runs} run(s), largest history ${largestHistory} events (limit 10,240)`, '',
      '| request | n | p50 | p95 | p99 | max |', '| --- | --- | --- | --- | --- | --- |',
      row('`next`', times.next), row('submit', times.submit), row('review', times.review), '',
      `Load average at the end: ${os.loadavg()[0]!.toFixed(1)}.`,
    ]);
  });
}

runBench(main);
