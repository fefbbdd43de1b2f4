// bench/editor: in the browser, from a labeler's submit (Enter) to the next image shown in the editor,
// over a job of `--images` images (the goal: p95 under 150 ms on the embedded stack).
//
//   npx tsx bench/editor.ts [--images 100]
//
// Seeds a project with `--images` 640x480 JPEGs and a job of them for the owner, signs the owner in
// through a one-time link, then labels the job in Debian's Chromium: each image gets one box drawn with
// the mouse, and the time is taken from the Enter that submits it until the next image's heading is
// shown with its picture decoded. Prints a Markdown table to bench/results/editor-latest.md.
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import sharp from 'sharp';
import { firstSignInUrl } from '../usecases/sessions';
import { fmt, log, percentile, report, runBench, withBenchStack, workspace } from './stack';

const { values } = parseArgs({ options: { images: { type: 'string', default: '100' }, chromium: { type: 'string', default: '/usr/bin/chromium' } } });
const images = Number(values.images);
if (!Number.isInteger(images) || images < 2) throw new Error('--images must be a whole number of at least 2');

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
    /** Of which: until the submit request is answered. */
    const submitMs: number[] = [];
    try {
      const page = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
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
        const area = (await page.getByLabel('Drawing area').boundingBox())!;
        await page.mouse.move(area.x + 0.2 * area.width, area.y + 0.2 * area.height);
        await page.mouse.down();
        await page.mouse.move(area.x + 0.6 * area.width, area.y + 0.5 * area.height, { steps: 3 });
        await page.mouse.up();
        const submitted = page.waitForResponse((r) => r.request().method() === 'PUT' && r.url().endsWith('/annotation'));
        const t0 = performance.now();
        await page.keyboard.press('Enter');
        const answered = submitted.then(() => { submitMs.push(performance.now() - t0); });
        if (n === images - 1) {
          await answered;
          break;
        }
        await page.waitForFunction(`document.querySelector('h1')?.textContent !== ${JSON.stringify(name)}`, undefined, { polling: 'raf' });
        name = (await page.locator('h1').textContent())!;
        await shown(name);
        submitToNext.push(performance.now() - t0);
      }
    } finally {
      await browser.close();
    }
    await report('editor', [
      `Editor, submit (Enter) → next image shown (its heading and its picture decoded), one labeler, ${images} 640x480 JPEGs, one box each; Debian's Chromium; store: ${stack.storeKind}.`,
      '',
      '| measure | samples | median | p95 | max |',
      '| --- | --- | --- | --- | --- |',
      `| submit → next image shown | ${submitToNext.length} | ${fmt(percentile(submitToNext, 50))} | ${fmt(percentile(submitToNext, 95))} | ${fmt(Math.max(...submitToNext))} |`,
      `| of which the submit request | ${submitMs.length} | ${fmt(percentile(submitMs, 50))} | ${fmt(percentile(submitMs, 95))} | ${fmt(Math.max(...submitMs))} |`,
    ]);
  });
});
