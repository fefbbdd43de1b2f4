// bench/web: how soon the web app's first screens are interactive, in Debian's Chromium against the
// embedded stack (the goal: within 1 s).
//
//   npx tsx bench/web.ts [--jobs 20] [--runs 10]
//
// Builds the app, seeds a project with `--jobs` jobs through the API, signs the owner in through a
// one-time link, then, in a fresh browser context each run (cold cache), times from navigation start
// until the sign-in form's button, and the jobs board with every job row and its counts, can be used.
// Prints a Markdown table to bench/results/web-latest.md.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { firstSignInUrl } from '../usecases/sessions';
import { fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const { values } = parseArgs({ options: { jobs: { type: 'string', default: '20' }, runs: { type: 'string', default: '10' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const opts = { jobs: Number(values.jobs), runs: Number(values.runs) };
for (const [name, v] of Object.entries(opts)) if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);

runBench(async () => {
  // Through npm, as `npm start` builds it (vite's build API does not load under tsx's CommonJS).
  execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
  await withBenchStack('web', async (stack) => {
    await stack.request('POST', '/projects', { id: 'board', name: 'Board', type: 'object-detection', classes: ['cat'] });
    const form = new FormData();
    for (let i = 0; i < opts.jobs; i++) {
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: i % 256, g: 3, b: 9 } } }).png().toBuffer();
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), `img-${i}.png`);
    }
    form.append('batch', 'bench');
    const up = await (await fetch(`${stack.apiUrl}/${workspace}/board/images`, { method: 'POST', body: form, headers: { authorization: `Bearer ${stack.ownerKey}` } })).json() as { batch: { id: string } };
    for (let i = 0; i < opts.jobs; i++) {
      await stack.request('POST', '/board/jobs', { name: `job ${i}`, batch: up.batch.id, num_images: 1, labelerEmail: 'owner@acme.test', reviewerEmail: 'owner@acme.test' });
    }
    log(`seeded ${opts.jobs} jobs`);
    const origin = stack.apiUrl.replace(/\/api$/, '');
    const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox'] });
    const signInMs: number[] = [];
    const boardMs: number[] = [];
    try {
      for (let run = 0; run < opts.runs; run++) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const page = await context.newPage();
        let t0 = performance.now();
        await page.goto(`${origin}/`);
        await page.getByRole('button', { name: 'Email me a sign-in link' }).waitFor();
        signInMs.push(performance.now() - t0);
        // Signed in (the link is the one `npm start` would print), then the board, cold again.
        await stack.db.models.Session.deleteMany({});
        const link = (await firstSignInUrl(stack.db.models, origin, { workspace, email: 'owner@acme.test' }))!;
        await page.goto(link);
        await page.getByRole('heading', { name: 'Projects' }).waitFor();
        const cold = await browser.newContext({ viewport: { width: 1280, height: 800 }, storageState: await context.storageState() });
        const board = await cold.newPage();
        t0 = performance.now();
        await board.goto(`${origin}/${workspace}/board/jobs`);
        await board.locator('td.counts').nth(opts.jobs - 1).waitFor();
        boardMs.push(performance.now() - t0);
        await cold.close();
        await context.close();
      }
    } finally {
      await browser.close();
    }
    const row = (what: string, xs: number[]) => `| ${what} | ${xs.length} | ${fmt(percentile(xs, 50))} | ${fmt(percentile(xs, 95))} | ${fmt(Math.max(...xs))} |`;
    await report('web', [
      `Web app, first screen interactive (navigation start → usable), fresh browser context each run; ${opts.jobs} jobs on the board; store: ${stack.storeKind}.`,
      '',
      '| screen | runs | median | p95 | max |',
      '| --- | --- | --- | --- | --- |',
      row('sign-in form', signInMs),
      row(`jobs board (${opts.jobs} rows with counts)`, boardMs),
    ]);
  });
});
