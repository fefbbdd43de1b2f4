// bench/editor: in the browser, from a labeler's submit (Enter) to the next image shown in the editor,
// over a job of `--images` images (the goal: p95 under 150 ms on the embedded stack).
//
//   npx tsx bench/editor.ts [--images 100] [--think-ms 1000]
//
// Seeds a project with `--images` 640x480 JPEGs and a job of them for the owner, signs the owner in
// through a one-time link, then labels the job in Debian's Chromium: each image gets one box drawn with
// the mouse, and the time is taken from the Enter that submits it until the next image's heading is
// shown with its picture decoded, timed in the page itself (from the keydown to the first frame with the
// new heading and picture) and, for comparison, as Playwright sees it from outside (which adds its own round
// trips to the browser and polls once a frame). Between an image shown and its box, the labeler thinks `--think-ms`
// (people take several seconds an image; the editor fetches the next image meanwhile). The editor sends a submission in the background, so its request's own
// time is counted apart, and the job's counts are checked at the end: every image annotated once.
// Prints a Markdown table to bench/results/editor-latest.md.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { firstSignInUrl } from '../usecases/sessions';
import { fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const { values } = parseArgs({ options: { images: { type: 'string', default: '100' }, 'think-ms': { type: 'string', default: '1000' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const images = Number(values.images);
const thinkMs = Number(values['think-ms']);
if (!Number.isInteger(images) || images < 2) throw new Error('--images must be a whole number of at least 2');
if (!Number.isInteger(thinkMs) || thinkMs < 0) throw new Error('--think-ms must be a whole number of milliseconds');

/** A 640x480 photo-like JPEG (a gradient with noise), different per seed. */
async function photo(seed: number): Promise<Buffer> {
  const raw = Buffer.alloc(640 * 480 * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = ((i * 7 + seed * 13) % 251) ^ ((i >> 9) & 0x3f);
  return sharp(raw, { raw: { width: 640, height: 480, channels: 3 } }).jpeg({ quality: 85 }).toBuffer();
}

runBench(async () => {
  execFileSync('npm', ['run', '--silent', 'build:web'], { stdio: 'inherit' });
  await withBenchStack('editor', async (stack) => {
    await stack.request('POST', '/projects', { id: 'editor', name: 'Editor', type: 'object-detection', classes: ['cat', 'dog'] });
    let batch = '';
    for (let from = 0; from < images; from += 50) {
      const form = new FormData();
      for (let i = from; i < Math.min(images, from + 50); i++) form.append('file', new Blob([new Uint8Array(await photo(i))], { type: 'image/jpeg' }), `photo-${i}.jpg`);
      form.append('batch', 'bench');
      const res = await fetch(`${stack.apiUrl}/${workspace}/editor/images`, { method: 'POST', body: form, headers: { authorization: `Bearer ${stack.ownerKey}` } });
      batch = ((await res.json()) as { batch: { id: string } }).batch.id;
    }
    const job = await stack.request('POST', '/editor/jobs', { name: 'bench', batch, num_images: images, labelerEmail: 'owner@acme.test', reviewerEmail: 'owner@acme.test' });
    log(`seeded ${images} images and job ${String(job.id)}`);
    const origin = stack.apiUrl.replace(/\/api$/, '');
    const browser = await chromium.launch({ executablePath: values.chromium, args: ['--no-sandbox'] });
    const submitToNext: number[] = [];
    /** The same, timed in the page. */
    const inPage: number[] = [];
    /** Until the submit request is answered (in the background, while the next image is worked on). */
    const submitMs: number[] = [];
    const answers: Promise<void>[] = [];
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
      // In the page: from the Enter's keydown to the first frame with the next image's heading and picture.
      await page.addInitScript(`(() => {
        window.benchTimes = [];
        addEventListener('keydown', (e) => {
          if (e.key !== 'Enter') return;
          const from = performance.now();
          const heading = document.querySelector('h1')?.textContent;
          const src = document.querySelector('.canvas img')?.src;
          // Checked once a frame, as the Playwright side does; the end of the stream has no image.
          const check = () => {
            const img = document.querySelector('.canvas img');
            if (!img && performance.now() - from > 100) return;
            if (img && img.src !== src && img.complete && img.naturalWidth > 0 && document.querySelector('h1')?.textContent !== heading) window.benchTimes.push(performance.now() - from);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }, true);
      })()`);
      await page.goto((await firstSignInUrl(stack.db.models, origin, { workspace, email: 'owner@acme.test' }))!);
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      await page.goto(`${origin}/${workspace}/editor/label/${String(job.id)}`);
      /** The image shown: its heading, and its picture decoded. */
      // As strings: this file is compiled without the DOM's types.
      const shown = (name: string) => page.waitForFunction(
        `(() => { const img = document.querySelector('.canvas img'); return document.querySelector('h1')?.textContent === ${JSON.stringify(name)} && img !== null && img.complete && img.naturalWidth > 0; })()`,
        undefined, { polling: 'raf' },
      );
      let name = (await page.locator('h1').textContent())!;
      await shown(name);
      for (let n = 0; n < images; n++) {
        await page.waitForTimeout(thinkMs);
        const area = (await page.getByLabel('Drawing area').boundingBox())!;
        await page.mouse.move(area.x + 0.2 * area.width, area.y + 0.2 * area.height);
        await page.mouse.down();
        await page.mouse.move(area.x + 0.6 * area.width, area.y + 0.5 * area.height, { steps: 3 });
        await page.mouse.up();
        const submitted = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/annotation'));
        const t0 = performance.now();
        await page.keyboard.press('Enter');
        answers.push(submitted.then(() => { submitMs.push(performance.now() - t0); }));
        if (n === images - 1) break;
        await page.waitForFunction(`document.querySelector('h1')?.textContent !== ${JSON.stringify(name)}`, undefined, { polling: 'raf' });
        name = (await page.locator('h1').textContent())!;
        await shown(name);
        submitToNext.push(performance.now() - t0);
      }
      inPage.push(...await page.evaluate('window.benchTimes') as number[]);
      await Promise.all(answers);
      await page.getByText('No more images to label in this job.').waitFor();
    } finally {
      await browser.close();
    }
    let counts: { annotated?: number } = {};
    for (let tries = 0; tries < 40 && counts.annotated !== images; tries++) {
      if (tries) await new Promise((r) => setTimeout(r, 250));
      counts = await stack.request('GET', `/editor/jobs/${String(job.id)}`) as { annotated?: number };
    }
    if (counts.annotated !== images) throw new Error(`expected ${images} images annotated, the job says ${JSON.stringify(counts)}`);
    await report('editor', [
      `Editor, submit (Enter) → next image shown (its heading and its picture decoded), one labeler, ${images} 640x480 JPEGs, one box each, ${thinkMs} ms of thought before each box; Debian's Chromium; store: ${stack.storeKind}.`,
      `Command: \`npx tsx bench/editor.ts --images ${images} --think-ms ${thinkMs}\``,
      '',
      '| measure | samples | median | p95 | max |',
      '| --- | --- | --- | --- | --- |',
      `| submit → next image shown, timed in the page | ${inPage.length} | ${fmt(percentile(inPage, 50))} | ${fmt(percentile(inPage, 95))} | ${fmt(Math.max(...inPage))} |`,
      `| the same, as Playwright sees it from outside | ${submitToNext.length} | ${fmt(percentile(submitToNext, 50))} | ${fmt(percentile(submitToNext, 95))} | ${fmt(Math.max(...submitToNext))} |`,
      `| the submit request (sent in the background) | ${submitMs.length} | ${fmt(percentile(submitMs, 50))} | ${fmt(percentile(submitMs, 95))} | ${fmt(Math.max(...submitMs))} |`,
    ]);
  });
});
