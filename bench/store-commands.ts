// bench/store-commands: the store commands each hot request costs, by command and collection, with the
// worker's share (the workflow's recount, dataset inclusion) counted in. On FerretDB every command is
// CPU of the store, so these counts are what bounds throughput when many people work at once.
//
//   npx tsx bench/store-commands.ts [--images 60] [--samples 20]
//
// One labeler works a job of seeded images: `next` (its submit not counted), then next → submit (the
// `next` not counted), then approvals. The worker runs in this process, so each sample's window also
// holds what the worker did for it; a pause after each step lets that finish. Prints and writes
// bench/results/store-commands-latest.md.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { newId } from '../common/ids';
import { log, report, runBench, withBenchStack, workspace } from './stack';
import { seedBatchImages } from '../test/helpers/seed-images';

const project = 'ops';
const { values } = parseArgs({ options: { images: { type: 'string', default: '60' }, samples: { type: 'string', default: '20' } } });
const opts = { images: Number(values.images), samples: Number(values.samples) };
if (!Number.isInteger(opts.samples) || opts.samples < 1 || !(opts.images >= 3 * opts.samples)) throw new Error('--samples ≥ 1 and --images ≥ 3 × samples');

/** Time the worker has to finish what a step started before its commands stop being counted. */
const settleMs = 4000;

runBench(async () => {
  await withBenchStack('store-commands', async ({ db, storeKind, apiUrl, request }) => {
    await request('POST', '/projects', { id: project, name: 'Store commands', type: 'object-detection', classes: ['cat'] });
    const labeler = await request('POST', '/members', { email: 'labeler@acme.test', role: 'manager' });
    const batchId = newId();
    await db.models.Batch.create({ _id: batchId, workspace, project, name: 'seeded', priority: 1 });
    await seedBatchImages(db, workspace, project, batchId, opts.images);
    const job = await request('POST', `/${project}/jobs`, {
      name: 'store commands', batch: batchId, num_images: opts.images, labelerEmail: 'labeler@acme.test', reviewerEmail: 'labeler@acme.test',
    });
    const base = `/${project}/jobs/${String(job.id)}`;
    const call = async (method: string, path: string, json?: unknown) => {
      const res = await fetch(`${apiUrl}/${workspace}${path}`, {
        method, headers: { authorization: `Bearer ${String(labeler.apiKey)}`, ...(json ? { 'content-type': 'application/json' } : {}) },
        body: json ? JSON.stringify(json) : undefined,
      });
      if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${await res.text()}`);
      return (await res.json()) as { image: { id: string }; images: { id: string }[] };
    };
    const box = { annotations: [{ class: 'cat', box: { x: 1, y: 1, width: 10, height: 10 } }] };

    const client = db.conn.getClient();
    const counts = new Map<string, number>();
    let counting = false;
    client.on('commandStarted', (e: { commandName: string; command: Record<string, unknown> }) => {
      if (!counting) return;
      const key = `${e.commandName} ${String(e.command[e.commandName])}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    const pause = () => new Promise((r) => setTimeout(r, settleMs));
    /** Counts the commands of `counted` over the samples (and the worker's after them), not those of `uncounted`. */
    const measure = async (what: string, step: (count: <T>(f: () => Promise<T>) => Promise<T>) => Promise<unknown>) => {
      await pause();
      counts.clear();
      const count = async <T>(f: () => Promise<T>) => {
        counting = true;
        try {
          return await f();
        } finally {
          counting = false;
        }
      };
      for (let i = 0; i < opts.samples; i++) await step(count);
      counting = true;
      await pause();
      counting = false;
      const rows = [...counts.entries()].sort((a, b) => b[1] - a[1]);
      const total = rows.reduce((n, [, v]) => n + v, 0) / opts.samples;
      log(`${what}: ${total.toFixed(1)} commands`);
      return [`| ${what} | ${total.toFixed(1)} | ${rows.map(([k, v]) => `${k} ${(v / opts.samples).toFixed(2)}`).join('; ')} |`];
    };

    const lines = [
      ...await measure('`next`', async (count) => {
        const next = await count(() => call('POST', `${base}/next`));
        await call('PUT', `${base}/images/${next.image.id}/annotation`, box);
      }),
      ...await measure('submit', async (count) => {
        const next = await call('POST', `${base}/next`);
        await count(() => call('PUT', `${base}/images/${next.image.id}/annotation`, box));
      }),
    ];
    const submitted = (await call('GET', `/${project}/images?job=${String(job.id)}&state=annotated&limit=200`)).images.map((i) => i.id);
    lines.push(...await measure('review (approve, and the image into the dataset)', async (count) => {
      await count(() => call('POST', `${base}/images/${submitted.shift()!}/review`, { decision: 'approve' }));
    }));

    await report('store-commands', [
      `# bench/store-commands — ${new Date().toISOString().slice(0, 10)}`,
      '',
      `Store: ${storeKind}; Node ${process.version}; ${os.cpus().length} CPUs; one labeler, a job of ${opts.images} seeded images; ` +
        `${opts.samples} samples per request, each window including what the worker did for it (${settleMs / 1000} s after the last sample).`,
      `Command: \`npx tsx bench/store-commands.ts --images ${opts.images} --samples ${opts.samples}\``,
      '',
      '| request | commands per request | by command and collection (per request) |',
      '| --- | --- | --- |',
      ...lines,
    ]);
  });
});
