// The web app in a real browser (Debian's Chromium driven by Playwright) against the real stack: an
// owner invites people, each signs in through the link in the real SMTP capture, the manager uploads,
// makes a batch and a job, and watches the board move while the labeler works through the API.
// Playwright is driven from inside vitest, so these tests share the stack helpers and count in the
// same report as every other test. Screenshots of each page go to test/.tmp/screenshots/.
import fs from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageForm, pngImage, waitForJob } from './helpers/fixtures';
import { signInPathIn } from './helpers/smtp';
import { startApiServer } from '../api/server';
import { createLogger } from '../common/logger';
import { startTestStack, type TestStack } from './helpers/stack';

const chromiumPath = process.env.TESSERA_CHROMIUM ?? '/usr/bin/chromium';
const screenshots = path.resolve('test', '.tmp', 'screenshots');

let stack: TestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  await build({ configFile: path.resolve('web', 'vite.config.ts'), logLevel: 'warn' });
  await fs.mkdir(screenshots, { recursive: true });
  stack = await startTestStack('web');
  browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox'] });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const shot = (page: Page, name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

/** A fresh browser (its own cookies) signed in as `email` through the newest link mailed to them. */
async function signInFromMail(email: string, subject: RegExp): Promise<Page> {
  const mail = await stack.smtp.waitFor((m) => m.to.includes(email) && subject.test(m.subject));
  stack.smtp.mails.splice(stack.smtp.mails.indexOf(mail), 1);
  const context = await browser.newContext({ baseURL: stack.api.url, viewport: { width: 1280, height: 800 } });
  contexts.push(context);
  const page = await context.newPage();
  await page.goto(signInPathIn(mail).path);
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
  return page;
}

/** The API as the page's signed-in person: their session cookie and CSRF token, nothing else. */
async function asPerson(page: Page) {
  const session = await (await page.request.get('/api/acme/session')).json() as { csrfToken: string };
  return {
    post: (p: string, data?: unknown) => page.request.post(`/api/acme${p}`, { data: data ?? {}, headers: { 'x-csrf-token': session.csrfToken } }),
    put: (p: string, data: unknown) => page.request.put(`/api/acme${p}`, { data, headers: { 'x-csrf-token': session.csrfToken } }),
  };
}

/** Presses at `from`, moves to `to` in steps and lets go: a drag as a person makes it. */
async function drag(page: Page, from: readonly [number, number], to: readonly [number, number]) {
  await page.mouse.move(...from);
  await page.mouse.down();
  await page.mouse.move(...to, { steps: 5 });
  await page.mouse.up();
}

/**
 * Uploads one 640x480 image into `project`, makes a job of it for the labeler and opens `page` in the
 * editor on it; answers the upload, the job, and where image pixel (x, y) is on the screen.
 */
async function editorOn(page: Page, project: string, name: string, seed: number, job: { batch: string; instructions?: string }) {
  const up = await stack.http.request('POST', `/acme/${project}/images`, { key: stack.ownerKey, form: imageForm([{ name, bytes: await pngImage(seed, 640, 480) }], { batch: job.batch }) });
  const made = await stack.http.request('POST', `/acme/${project}/jobs`, {
    key: stack.ownerKey, json: { name: `${job.batch} job`, batch: up.body.batch.id, num_images: 1, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test', instructions: job.instructions },
  });
  await page.goto(`/acme/${project}/label/${made.body.id}`);
  await page.getByRole('heading', { name }).waitFor();
  await page.locator('.canvas img').evaluate('img => img.decode()');
  const area = (await page.getByLabel('Drawing area').boundingBox())!;
  const at = (x: number, y: number) => [area.x + (x / 640) * area.width, area.y + (y / 480) * area.height] as const;
  return { up, job: made, at };
}

/** Stops the API server; what it answers starts a new one on the same address, whose close then ends the run. */
async function stopApi() {
  const port = Number(new URL(stack.api.url).port);
  await stack.api.close();
  return async () => {
    const restarted = await startApiServer({ config: { ...stack.config, port }, logger: createLogger('warn', 'web-restarted'), db: stack.db, temporalAddress: stack.config.temporal.address! });
    stack.api.close = () => restarted.close();
  };
}

describe('the web app', () => {
  let owner: Page;
  let manager: Page;
  let labeler: Page;
  let jobUrl: string;

  it('the owner signs in with an emailed link and invites a manager, a labeler and a reviewer', async () => {
    const ask = await stack.http.request('POST', '/acme/sign-in-links', { json: { email: 'owner@acme.test' } });
    expect(ask.status).toBe(202);
    owner = await signInFromMail('owner@acme.test', /^Sign in/);
    await owner.getByRole('heading', { name: 'Projects' }).waitFor();
    for (const [email, role] of [['manager@acme.test', 'manager'], ['labeler@acme.test', 'labeler'], ['reviewer@acme.test', 'reviewer']]) {
      await owner.getByLabel('Email').fill(email!);
      await owner.getByLabel('Role').selectOption(role!);
      await owner.getByRole('button', { name: 'Send invitation' }).click();
      await owner.getByText(`Invitation sent to ${email}.`).waitFor();
    }
    await shot(owner, 'projects-owner');
  });

  it('the sign-in page asks for a link, and a spent link shows why it failed', async () => {
    const context = await browser.newContext({ baseURL: stack.api.url });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto('/');
    await page.getByLabel('Workspace').fill('acme');
    await page.getByLabel('Email').fill('nobody@acme.test');
    await shot(page, 'sign-in');
    await page.getByRole('button', { name: 'Email me a sign-in link' }).click();
    await page.getByText('a sign-in link is on its way').waitFor();
    await page.goto('/sign-in#workspace=acme&token=not-a-token-that-was-ever-issued');
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toMatch(/not valid/);
  });

  it('the manager and the labeler sign in through their invitations', async () => {
    manager = await signInFromMail('manager@acme.test', /invited/);
    labeler = await signInFromMail('labeler@acme.test', /invited/);
    expect(await manager.getByText('manager@acme.test (manager)').count()).toBe(1);
    expect(await labeler.getByText('labeler@acme.test (labeler)').count()).toBe(1);
  });

  it('the manager creates a project and uploads by file picker, seeing each file\'s result', async () => {
    await manager.getByLabel('Id').fill('cats');
    await manager.getByLabel('Name').fill('Cats');
    await manager.getByLabel('Classes (comma-separated)').fill('cat, dog');
    await manager.getByRole('button', { name: 'Create project' }).click();
    await manager.getByRole('heading', { name: 'Jobs' }).waitFor();
    await manager.getByRole('link', { name: 'Upload' }).click();
    await manager.getByLabel('Batch name (optional; a new dated batch otherwise)').fill('Monday');
    const files = await Promise.all([1, 2, 3, 4].map(async (i) => ({ name: `cat-${i}.png`, mimeType: 'image/png', buffer: await pngImage(900 + i, 96, 64) })));
    await manager.locator('input[type=file]').setInputFiles([...files, { name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not an image at all') }]);
    await manager.getByText('4 of 5 uploaded, 1 failed.').waitFor({ timeout: 30_000 });
    expect(await manager.locator('tr.failed').textContent()).toContain('notes.png');
    await shot(manager, 'upload');
  });

  it('the manager makes a batch by sampling and assigns it as a job with instructions', async () => {
    await manager.getByRole('link', { name: 'Batches' }).click();
    await manager.getByRole('cell', { name: 'Monday', exact: true }).waitFor();
    const form = manager.getByRole('form', { name: 'New batch from a sample' });
    await form.getByLabel('Name').fill('First three');
    await form.getByLabel('Images').fill('3');
    await form.getByLabel('Drawn').selectOption('ordered');
    await form.getByRole('button', { name: 'Create batch' }).click();
    await manager.getByText('Batch “First three” made with 3 images.').waitFor();
    const row = manager.getByRole('row').filter({ hasText: 'First three' });
    await row.getByRole('button', { name: 'Assign images…' }).click();
    const assign = manager.getByRole('form', { name: 'Assign images of “First three”' });
    await assign.getByLabel('Labeler').selectOption('labeler@acme.test');
    await assign.getByLabel('Reviewer').selectOption('reviewer@acme.test');
    await assign.getByLabel('Instructions').fill('Box every cat.');
    await shot(manager, 'batches');
    await assign.getByRole('button', { name: 'Assign images' }).click();
    await manager.getByRole('heading', { name: /First three job/ }).waitFor();
    jobUrl = new URL(manager.url()).pathname;
    await manager.getByRole('tab', { name: /Unannotated/ }).waitFor();
    await manager.locator('.thumbs img').first().waitFor();
    expect(await manager.locator('.thumbs img').count()).toBe(3);
    expect(await manager.getByRole('button', { name: 'Cancel job' }).count()).toBe(1);
    await shot(manager, 'job');
  });

  it('the board updates without a reload as the labeler works through the API', async () => {
    await manager.getByRole('link', { name: 'Jobs' }).click();
    const counts = manager.locator('tr', { hasText: 'First three job' }).getByTestId('counts');
    await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe('3 / 0 / 0 / 0');
    const jobId = jobUrl.split('/').pop()!;
    const person = await asPerson(labeler);
    for (let i = 0; i < 2; i++) {
      const next = await person.post(`/cats/jobs/${jobId}/next`);
      expect(next.status()).toBe(200);
      const { image } = await next.json() as { image: { id: string } };
      const put = await person.put(`/cats/jobs/${jobId}/images/${image.id}/annotation`, { annotations: [{ class: 'cat', box: { x: 1, y: 1, width: 10, height: 10 } }] });
      expect(put.status(), await put.text()).toBe(200);
      await expect.poll(() => counts.textContent(), { timeout: 20_000 }).toBe(`${2 - i} / ${i + 1} / 0 / 0`);
    }
    const summary = manager.getByRole('table', { name: 'Per labeler' }).getByRole('row').filter({ hasText: 'labeler@acme.test' });
    expect(await summary.getByRole('cell').allTextContents()).toEqual(['labeler@acme.test', '1', '3', '1', '2', '0', '0', '']);
    await shot(manager, 'board');
  });

  it('the manager selects annotated images in the job and sends one back to unannotated', async () => {
    await manager.goto(jobUrl);
    await manager.getByRole('tab', { name: /^Annotated 2$/ }).click();
    await manager.locator('.thumbs img').nth(1).waitFor();
    await manager.locator('.thumbs input[type=checkbox]').first().check();
    await shot(manager, 'job-annotated');
    await manager.getByRole('button', { name: 'Send 1 image to unannotated' }).click();
    await manager.getByText('1 image sent back to unannotated.').waitFor();
    await manager.getByRole('tab', { name: /^Unannotated 2$/ }).waitFor();
    await manager.getByRole('tab', { name: /^Annotated 1$/ }).waitFor();
  });

  it('the manager sets the job\'s due date, and the job page shows it after a reload', async () => {
    await manager.goto(jobUrl);
    await manager.getByText('Reassign, instructions, due date').click();
    await manager.getByLabel('Due date').fill('2030-01-15');
    await manager.getByRole('button', { name: 'Save' }).click();
    await manager.getByText('Saved.').waitFor();
    await manager.reload();
    await manager.getByText('Reassign, instructions, due date').click();
    expect(await manager.getByLabel('Due date').inputValue()).toBe('2030-01-15');
  });

  it('the manager selects thumbnails by dragging across them', async () => {
    await manager.getByRole('tab', { name: /^Unannotated 2$/ }).click();
    const thumbs = manager.locator('.thumbs li');
    await thumbs.nth(1).locator('img').waitFor();
    const first = (await thumbs.nth(0).boundingBox())!;
    const second = (await thumbs.nth(1).boundingBox())!;
    await manager.mouse.move(first.x + 3, first.y + 3);
    await manager.mouse.down();
    await manager.mouse.move(second.x + second.width - 3, second.y + second.height - 3, { steps: 5 });
    await manager.mouse.up();
    await manager.getByRole('button', { name: 'Move 2' }).waitFor();
    expect(await manager.locator('.thumbs input[type=checkbox]:checked').count()).toBe(2);
    await manager.getByRole('tab', { name: /^Annotated 1$/ }).click();
    await manager.locator('.thumbs img').first().waitFor();
  });

  it('the manager adds an image to the dataset early, sees it by split, generates a version and downloads an export', async () => {
    await manager.locator('.thumbs input[type=checkbox]').first().check();
    await manager.getByRole('button', { name: 'Add 1 image to dataset' }).click();
    await manager.getByText('1 image added to the dataset.').waitFor();
    await manager.getByRole('link', { name: 'Dataset' }).click();
    await manager.getByRole('tab', { name: /^Train 1$/ }).waitFor();
    await manager.locator('.thumbs img').first().waitFor();
    await manager.getByRole('button', { name: 'Generate version' }).click();
    const version = manager.locator('tr', { hasText: 'v1' });
    await version.getByRole('button', { name: 'Export' }).click({ timeout: 30_000 });
    const download = manager.getByRole('link', { name: /Download zip/ });
    await download.waitFor({ timeout: 60_000 });
    await shot(manager, 'dataset');
    const zip = await manager.request.get((await download.getAttribute('href'))!);
    expect(zip.status()).toBe(200);
    expect((await zip.body()).subarray(0, 2).toString()).toBe('PK');
  });

  it('the manager reads the reports: the labeler\'s work in a table and today\'s bars in the chart', async () => {
    await manager.getByRole('link', { name: 'Reports' }).click();
    const row = manager.getByRole('table', { name: 'Labelers' }).locator('tr', { hasText: 'labeler@acme.test' });
    await row.waitFor();
    const labeled = Number(await row.locator('td').nth(1).textContent());
    expect(labeled).toBeGreaterThan(0);
    const today = new Date().toISOString().slice(0, 10);
    await expect.poll(() => manager.locator(`svg[aria-label="Work per day"] g[data-day="${today}"] title`).first().textContent()).toBe(`${today}: ${labeled} labeled`);
    await manager.getByRole('table', { name: 'Reviewers' }).waitFor();
    await shot(manager, 'reports');
  });

  it('each role sees only its own: the labeler sees their job, no manager pages and no manager buttons', async () => {
    // A job for somebody else, which the labeler must not see.
    await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email: 'other@acme.test', role: 'labeler' } });
    const up = await stack.http.request('POST', '/acme/cats/images', { key: stack.ownerKey, form: imageForm([{ name: 'other.png', bytes: await pngImage(990) }], { batch: 'Other' }) });
    await stack.http.request('POST', '/acme/cats/jobs', {
      key: stack.ownerKey, json: { name: 'Somebody else\'s job', batch: up.body.batch.id, num_images: 1, labelerEmail: 'other@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    await labeler.goto('/acme/cats/jobs');
    await labeler.getByRole('link', { name: 'First three job' }).waitFor();
    expect(await labeler.getByRole('link', { name: 'Somebody else\'s job' }).count()).toBe(0);
    expect(await labeler.getByRole('link', { name: 'Upload' }).count()).toBe(0);
    expect(await labeler.getByRole('link', { name: 'Batches' }).count()).toBe(0);
    expect(await labeler.getByRole('link', { name: 'Dataset' }).count()).toBe(0);
    expect(await labeler.getByRole('link', { name: 'Reports' }).count()).toBe(0);
    await shot(labeler, 'board-labeler');
    await labeler.goto('/acme/cats/batches');
    await labeler.getByRole('heading', { name: 'Jobs' }).waitFor();
    await labeler.goto(jobUrl);
    await labeler.getByRole('heading', { name: /First three job/ }).waitFor();
    expect(await labeler.getByRole('button', { name: 'Cancel job' }).count()).toBe(0);
    expect(await labeler.getByRole('tab').count()).toBe(0);
    // The API refuses what the app hides.
    const refused = await (await asPerson(labeler)).post('/cats/batches', { name: 'sneaky', priority: 1, sample: { size: 1, method: 'random' } });
    expect(refused.status()).toBe(403);
    await manager.goto('/acme/cats/jobs');
    await manager.getByRole('link', { name: 'Somebody else\'s job' }).waitFor();
  });

  it('the labeler draws two boxes in the editor, the draft survives a reload, and the submitted boxes are in image pixels', async () => {
    await stack.http.request('POST', '/acme/projects', { key: stack.ownerKey, json: { id: 'editing', name: 'Editing', type: 'object-detection', classes: ['cat', 'dog'] } });
    const up = await stack.http.request('POST', '/acme/editing/images', { key: stack.ownerKey, form: imageForm([{ name: 'scene.png', bytes: await pngImage(777, 640, 480) }]) });
    const job = await stack.http.request('POST', '/acme/editing/jobs', {
      key: stack.ownerKey, json: { name: 'Editing job', batch: up.body.batch.id, num_images: 1, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    await labeler.goto(`/acme/editing/jobs/${job.body.id}`);
    await labeler.getByRole('link', { name: 'Start labeling' }).click();
    await labeler.getByRole('heading', { name: 'scene.png' }).waitFor();
    await labeler.locator('.canvas img').evaluate('img => img.decode()');
    const area = (await labeler.getByLabel('Drawing area').boundingBox())!;
    const drag = async (from: [number, number], to: [number, number]) => {
      await labeler.mouse.move(area.x + from[0] * area.width, area.y + from[1] * area.height);
      await labeler.mouse.down();
      await labeler.mouse.move(area.x + to[0] * area.width, area.y + to[1] * area.height, { steps: 5 });
      await labeler.mouse.up();
    };
    await drag([0.1, 0.1], [0.3, 0.3]);
    await labeler.keyboard.press('2');
    await drag([0.5, 0.5], [0.8, 0.7]);
    await labeler.getByText('All changes saved').waitFor();
    await expect.poll(() => labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem').count()).toBe(2);
    await labeler.reload();
    await labeler.getByRole('heading', { name: 'scene.png' }).waitFor();
    await expect.poll(() => labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem').count()).toBe(2);
    await shot(labeler, 'editor');
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    expect(stored.body.latestAnnotation).toMatchObject({ draft: false });
    const [cat, dog] = stored.body.latestAnnotation.annotations as { class: string; box: { x: number; y: number; width: number; height: number } }[];
    const near = (a: number, b: number) => Math.abs(a - b) <= 3;
    expect(cat!.class).toBe('cat');
    expect([near(cat!.box.x, 64), near(cat!.box.y, 48), near(cat!.box.width, 128), near(cat!.box.height, 96)]).toEqual([true, true, true, true]);
    expect(dog!.class).toBe('dog');
    expect([near(dog!.box.x, 320), near(dog!.box.y, 240), near(dog!.box.width, 192), near(dog!.box.height, 96)]).toEqual([true, true, true, true]);
  });

  it('the editor keeps what is drawn while the API server is down, and saves it once a new one answers', async () => {
    const { up, at } = await editorOn(labeler, 'editing', 'outage.png', 778, { batch: 'Outage' });
    const restartApi = await stopApi();
    await drag(labeler, at(160, 120), at(320, 240));
    await labeler.getByText(/Not saved — retrying/).waitFor();
    await restartApi();
    await labeler.getByText('All changes saved').waitFor({ timeout: 30_000 });
    const stored = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    expect(stored.body.latestAnnotation).toMatchObject({ draft: true, annotations: [{ class: 'cat', box: { x: 160, y: 120, width: 160, height: 120 } }] });
  });

  it('a submit goes on to the next image at once; while the API server is down it is retried in the background and stored once a new one answers', async () => {
    const files = [{ name: 'sent-1.png', bytes: await pngImage(801, 640, 480) }, { name: 'sent-2.png', bytes: await pngImage(802, 640, 480) }];
    const up = await stack.http.request('POST', '/acme/editing/images', { key: stack.ownerKey, form: imageForm(files, { batch: 'Sent' }) });
    const job = await stack.http.request('POST', '/acme/editing/jobs', {
      key: stack.ownerKey, json: { name: 'Sent job', batch: up.body.batch.id, num_images: 2, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    await labeler.goto(`/acme/editing/label/${job.body.id}`);
    const heading = labeler.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: /sent-\d\.png/ }).waitFor();
    const first = (await heading.textContent())!;
    await labeler.locator('.canvas img').evaluate('img => img.decode()');
    const area = (await labeler.getByLabel('Drawing area').boundingBox())!;
    await drag(labeler, [area.x + area.width * 0.25, area.y + area.height * 0.25], [area.x + area.width * 0.5, area.y + area.height * 0.5]);
    await labeler.getByText('All changes saved').waitFor();
    const restartApi = await stopApi();
    await labeler.keyboard.press('Enter');
    // The image after it was fetched ahead: it is shown without the server.
    await labeler.getByRole('heading', { name: first === 'sent-1.png' ? 'sent-2.png' : 'sent-1.png' }).waitFor();
    await labeler.getByText(/Submitting 1… retrying/).waitFor();
    await restartApi();
    await labeler.getByText(/Submitting 1/).waitFor({ state: 'detached', timeout: 30_000 });
    const firstId = (up.body.images as { id: string; name: string }[]).find((i) => i.name === first)!.id;
    const stored = await stack.http.request('GET', `/acme/editing/images/${firstId}`, { key: stack.ownerKey });
    expect(stored.body).toMatchObject({ state: 'annotated', latestAnnotation: { draft: false, annotations: [{ class: 'cat', box: { x: 160, y: 120, width: 160, height: 120 } }] } });
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
  });

  it('the reviewer rejects by keyboard with a reason, the labeler gets it back first and fixes it, the reviewer approves, and the dataset holds the fix', async () => {
    const reviewer = await signInFromMail('reviewer@acme.test', /invited/);
    const files = [{ name: 'first.png', bytes: await pngImage(781, 640, 480) }, { name: 'second.png', bytes: await pngImage(782, 640, 480) }];
    const up = await stack.http.request('POST', '/acme/editing/images', { key: stack.ownerKey, form: imageForm(files, { batch: 'Review round' }) });
    const job = await stack.http.request('POST', '/acme/editing/jobs', {
      key: stack.ownerKey, json: { name: 'Review job', batch: up.body.batch.id, num_images: 2, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    const labelOne = async (boxes: [number, number, number, number][]) => {
      await labeler.locator('.canvas img').evaluate('img => img.decode()');
      const area = (await labeler.getByLabel('Drawing area').boundingBox())!;
      for (const [x0, y0, x1, y1] of boxes) {
        await labeler.mouse.move(area.x + x0 * area.width, area.y + y0 * area.height);
        await labeler.mouse.down();
        await labeler.mouse.move(area.x + x1 * area.width, area.y + y1 * area.height, { steps: 5 });
        await labeler.mouse.up();
      }
      await expect.poll(() => labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem').count()).toBe(boxes.length);
      await labeler.keyboard.press('Enter');
    };
    await labeler.goto(`/acme/editing/label/${job.body.id}`);
    const first = (await labeler.getByRole('heading', { level: 1 }).textContent())!;
    await labelOne([[0.1, 0.1, 0.3, 0.3], [0.5, 0.5, 0.8, 0.7]]);
    await labeler.getByRole('heading', { name: first === 'first.png' ? 'second.png' : 'first.png' }).waitFor();
    await labelOne([[0.2, 0.2, 0.4, 0.4]]);
    await labeler.getByText('No more images to label in this job.').waitFor();

    await reviewer.goto(`/acme/editing/jobs/${job.body.id}`);
    await reviewer.getByRole('link', { name: 'Start reviewing' }).click();
    await reviewer.getByRole('heading', { name: first }).waitFor();
    await expect.poll(() => reviewer.getByRole('list', { name: 'Regions' }).getByRole('listitem').count()).toBe(2);
    await shot(reviewer, 'review');
    await reviewer.keyboard.press('r');
    await reviewer.getByRole('form', { name: 'Reject with a reason' }).waitFor();
    await reviewer.keyboard.press('2');
    await reviewer.getByRole('heading', { name: first === 'first.png' ? 'second.png' : 'first.png' }).waitFor();
    await reviewer.keyboard.press('a');
    await reviewer.getByText(/Nothing waits for review in this job \(you reviewed 2\)/).waitFor();

    await labeler.goto(`/acme/editing/label/${job.body.id}`);
    await labeler.getByRole('heading', { name: first }).waitFor();
    await labeler.getByRole('note').getByText('Sent back (round 1): Wrong class').waitFor();
    await expect.poll(() => labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem').count()).toBe(2);
    await labeler.getByRole('button', { name: 'Delete region 2' }).click();
    await labeler.getByText('All changes saved').waitFor();
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();

    await reviewer.goto(`/acme/editing/review/${job.body.id}`);
    await reviewer.getByRole('heading', { name: first }).waitFor();
    await reviewer.getByText('after 1 rework round', { exact: false }).waitFor();
    await reviewer.keyboard.press('a');
    await reviewer.getByText(/Nothing waits for review/).waitFor();
    await waitForJob(stack, { owner: stack.ownerKey, manager: stack.ownerKey, labeler: '', reviewer: '' }, 'editing', job.body.id, (j) => j.status === 'complete');
    const dataset = await stack.http.request('GET', '/acme/editing/dataset?limit=1000', { key: stack.ownerKey });
    const fixed = (dataset.body.images as { name: string; annotations: { box: { x: number; width: number } }[] }[]).find((img) => img.name === first)!;
    expect(fixed.annotations).toHaveLength(1);
    expect(Math.abs(fixed.annotations[0]!.box.x - 64)).toBeLessThanOrEqual(3);
  });

  it('the reviewer approves several waiting images at once by selecting them, then the one on screen with A', async () => {
    const files = await Promise.all([791, 792, 793].map(async (seed) => ({ name: `bulk-${seed}.png`, bytes: await pngImage(seed, 640, 480) })));
    const up = await stack.http.request('POST', '/acme/editing/images', { key: stack.ownerKey, form: imageForm(files, { batch: 'Bulk' }) });
    const job = await stack.http.request('POST', '/acme/editing/jobs', {
      key: stack.ownerKey, json: { name: 'Bulk job', batch: up.body.batch.id, num_images: 3, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    const order: string[] = [];
    for (let n = 0; n < 3; n++) {
      const next = await stack.http.request('POST', `/acme/editing/jobs/${job.body.id}/next`, { key: stack.ownerKey });
      order.push(next.body.image.name);
      const put = await stack.http.request('PUT', `/acme/editing/jobs/${job.body.id}/images/${next.body.image.id}/annotation`, {
        key: stack.ownerKey, json: { annotations: [{ class: 'cat', box: { x: 10, y: 10, width: 50, height: 40 } }] },
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
    }
    await stack.http.request('POST', '/acme/sign-in-links', { json: { email: 'reviewer@acme.test' } });
    const reviewer = await signInFromMail('reviewer@acme.test', /Sign in to acme/);
    await reviewer.goto(`/acme/editing/review/${job.body.id}`);
    await reviewer.getByRole('heading', { name: order[0] }).waitFor();
    const waiting = reviewer.getByRole('region', { name: 'Waiting after this one' });
    await expect.poll(() => waiting.getByRole('checkbox').count()).toBe(2);
    await waiting.getByRole('checkbox', { name: `Select ${order[1]}` }).check();
    await waiting.getByRole('checkbox', { name: `Select ${order[2]}` }).check();
    await waiting.getByRole('button', { name: 'Approve 2 selected' }).click();
    await reviewer.getByText('2 approved.').waitFor();
    await expect.poll(() => waiting.count()).toBe(0);
    await reviewer.keyboard.press('a');
    await reviewer.getByText('Nothing waits for review in this job (you reviewed 3).').waitFor();
    await waitForJob(stack, { owner: stack.ownerKey, manager: stack.ownerKey, labeler: '', reviewer: '' }, 'editing', job.body.id, (j) => j.status === 'complete');
  });

  it('the labeler draws a polygon point by point, closing it on the first point, drags a vertex to the image\'s edge, and it is stored in image pixels', async () => {
    await stack.http.request('POST', '/acme/projects', { key: stack.ownerKey, json: { id: 'outlines', name: 'Outlines', type: 'instance-segmentation', classes: ['cat'] } });
    const { up, at } = await editorOn(labeler, 'outlines', 'shape.png', 783, { batch: 'Outline' });
    for (const [x, y] of [[160, 120], [480, 120], [320, 360], [160, 120]] as const) await labeler.mouse.click(...at(x, y));
    await labeler.getByRole('button', { name: 'cat polygon of 3 points' }).waitFor();
    await labeler.getByText('All changes saved').waitFor();
    // Selected, its vertices are handles: one dragged past the image's edge stops there.
    await labeler.mouse.click(...at(320, 180));
    await drag(labeler, at(480, 120), at(700, 100));
    const draftVertex = async () => {
      const draft = await stack.http.request('GET', `/acme/outlines/images/${up.body.images[0].id}`, { key: stack.ownerKey });
      return (draft.body.latestAnnotation?.annotations[0]?.polygon as [number, number][] | undefined)?.[1];
    };
    await expect.poll(draftVertex).toEqual([640, 100]);
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/outlines/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    const polygon = stored.body.latestAnnotation.annotations[0].polygon as [number, number][];
    const expected = [[160, 120], [640, 100], [320, 360]];
    expect(polygon.map(([x, y], i) => Math.abs(x - expected[i]![0]!) <= 3 && Math.abs(y - expected[i]![1]!) <= 3)).toEqual([true, true, true]);
  });

  it('Delete with one of a selected polygon\'s vertices chosen removes that vertex only, and the polygon moves whole by dragging its inside', async () => {
    const { up, at } = await editorOn(labeler, 'outlines', 'square.png', 788, { batch: 'Square' });
    for (const [x, y] of [[160, 120], [480, 120], [480, 360], [160, 360], [160, 120]] as const) await labeler.mouse.click(...at(x, y));
    await labeler.getByRole('button', { name: 'cat polygon of 4 points' }).waitFor();
    await labeler.mouse.click(...at(320, 240)); // selects the polygon: its vertices become handles
    await labeler.getByRole('list', { name: 'Regions' }).locator('li.selected').waitFor();
    await expect.poll(() => labeler.locator('.canvas .a9s-handle').count()).toBe(4);
    // A click on a vertex at once after the one that selected the polygon does not choose it (tried); a
    // person's next click comes later than this pause.
    await labeler.waitForTimeout(350);
    await labeler.mouse.click(...at(480, 360)); // chooses its third vertex
    await expect.poll(() => labeler.locator('.canvas .a9s-handle-selected').count()).toBe(1);
    await labeler.keyboard.press('Delete');
    await labeler.getByRole('button', { name: 'cat polygon of 3 points' }).waitFor();
    await drag(labeler, at(250, 200), at(210, 180)); // the triangle left, by 40,20
    const near = (got: [number, number][] | undefined, expected: number[][]) =>
      got?.length === expected.length && got.every(([x, y], i) => Math.abs(x - expected[i]![0]!) <= 3 && Math.abs(y - expected[i]![1]!) <= 3);
    const moved = [[120, 100], [440, 100], [120, 340]];
    const draftPolygon = async () => {
      const draft = await stack.http.request('GET', `/acme/outlines/images/${up.body.images[0].id}`, { key: stack.ownerKey });
      return draft.body.latestAnnotation?.annotations[0]?.polygon as [number, number][] | undefined;
    };
    await expect.poll(async () => near(await draftPolygon(), moved)).toBe(true);
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/outlines/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    expect(stored.body.latestAnnotation).toMatchObject({ draft: false, annotations: [{ class: 'cat' }] });
    expect(near(stored.body.latestAnnotation.annotations[0].polygon as [number, number][], moved)).toBe(true);
  });

  it('at 200% zoom a box is still drawn in image pixels; undo and redo; the instructions, a comment and the timeline sit beside the image', async () => {
    const { up } = await editorOn(labeler, 'editing', 'zoomed.png', 784, { batch: 'Zoom', instructions: 'Only whole cats.' });
    for (let i = 0; i < 3; i++) await labeler.keyboard.press('+'); // 1.25³ ≈ 195%
    await labeler.getByText('Zoom 195%').waitFor();
    // Scrolled to the top left, the image's first quarter is in view: draw from (40, 30) to (120, 90) in image pixels.
    const area = (await labeler.getByLabel('Drawing area').boundingBox())!;
    const at = (x: number, y: number) => [area.x + (x / 640) * area.width, area.y + (y / 480) * area.height] as const;
    await drag(labeler, at(40, 30), at(120, 90));
    const regions = labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem');
    await expect.poll(() => regions.count()).toBe(1);
    await labeler.keyboard.press('Control+z');
    await expect.poll(() => regions.count()).toBe(0);
    await labeler.keyboard.press('Control+Shift+z');
    await expect.poll(() => regions.count()).toBe(1);
    await labeler.keyboard.press('0');
    await labeler.getByText('Zoom 100%').waitFor();

    await labeler.keyboard.press('i');
    await labeler.getByText('Only whole cats.').waitFor();
    await labeler.getByRole('tab', { name: 'Comments' }).click();
    await labeler.getByLabel('Comment').fill('Is the tail part of the cat?');
    await labeler.getByRole('button', { name: 'Post' }).click();
    await labeler.getByText('Is the tail part of the cat?').waitFor();
    await labeler.getByRole('tab', { name: 'Timeline' }).click();
    await labeler.getByRole('list').filter({ hasText: 'comment.created by labeler@acme.test' }).waitFor();
    await labeler.getByText('All changes saved').waitFor();
    await shot(labeler, 'editor-side');
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    const box = stored.body.latestAnnotation.annotations[0].box as { x: number; y: number; width: number; height: number };
    expect([box.x, box.y, box.width, box.height].map((v, i) => Math.abs(v - [40, 30, 80, 60][i]!) <= 2)).toEqual([true, true, true, true]);
  });

  it('from the timeline beside the image an earlier version comes back, and a comment gets a reply in its thread', async () => {
    const { up, at } = await editorOn(labeler, 'editing', 'versions.png', 789, { batch: 'Versions' });
    const regions = labeler.getByRole('list', { name: 'Regions' }).getByRole('listitem');
    const latest = async () => {
      const image = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
      return image.body.latestAnnotation as { version: number; draft: boolean; annotations: { box: { x: number } }[] } | null;
    };
    await drag(labeler, at(100, 100), at(200, 200));
    await expect.poll(async () => (await latest())?.annotations.length).toBe(1); // draft version 1
    await drag(labeler, at(300, 300), at(400, 400));
    await expect.poll(async () => (await latest())?.annotations.length).toBe(2); // draft version 2
    await labeler.getByRole('tab', { name: 'Timeline' }).click();
    await labeler.getByRole('button', { name: 'Revert to version 1' }).click();
    await expect.poll(() => regions.count()).toBe(1);
    const nearFirstBox = (a: { annotations: { box: { x: number } }[] } | null) => a?.annotations.length === 1 && Math.abs(a.annotations[0]!.box.x - 100) <= 2;
    await expect.poll(async () => nearFirstBox(await latest())).toBe(true);

    await labeler.getByRole('tab', { name: 'Comments' }).click();
    await labeler.getByLabel('Comment').fill('One box or two?');
    await labeler.getByRole('button', { name: 'Post' }).click();
    await labeler.getByRole('button', { name: 'Reply to labeler@acme.test' }).click();
    await labeler.getByRole('textbox', { name: 'Reply' }).fill('One: the second was a shadow.');
    await labeler.getByRole('button', { name: 'Post' }).click();
    // The reply sits inside its thread's item.
    await labeler.locator('.comments > li', { hasText: 'One box or two?' }).locator('li', { hasText: 'One: the second was a shadow.' }).waitFor();
    await labeler.getByText('All changes saved').waitFor();
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await latest();
    expect(stored?.draft).toBe(false);
    expect(nearFirstBox(stored)).toBe(true);
  });

  it('a selected box moves by dragging it and reshapes by dragging a corner, always inside the image', async () => {
    const { up, at } = await editorOn(labeler, 'editing', 'reshape.png', 785, { batch: 'Reshape' });
    await drag(labeler, at(100, 100), at(200, 180)); // a box 100×80 at 100,100
    const region = labeler.getByRole('list', { name: 'Regions' }).getByRole('button').first();
    /** The region as the list tells it, [x, y, width, height], each within 2 px of `expected`. */
    const near = (expected: number[]) => async () => {
      const m = /(\d+)×(\d+) at (\d+),(\d+)/.exec((await region.textContent()) ?? '');
      const got = m ? [Number(m[3]), Number(m[4]), Number(m[1]), Number(m[2])] : [];
      return got.length === 4 && got.every((v, i) => Math.abs(v - expected[i]!) <= 2);
    };
    await expect.poll(near([100, 100, 100, 80])).toBe(true);
    await labeler.mouse.click(...at(150, 140)); // selects it
    await drag(labeler, at(150, 140), at(190, 170)); // moves it by 40,30
    await expect.poll(near([140, 130, 100, 80])).toBe(true);
    await drag(labeler, at(240, 210), at(300, 250)); // its bottom right corner to 300,250
    await expect.poll(near([140, 130, 160, 120])).toBe(true);
    await drag(labeler, at(200, 190), at(700, 600)); // moved far out: stops at the image's edge
    await expect.poll(near([480, 360, 160, 120])).toBe(true);
    await labeler.keyboard.press('Control+z');
    await expect.poll(near([140, 130, 160, 120])).toBe(true);
    // Hidden, a region is not drawn over the image but is kept. (Annotorious draws each region, or the
    // selected one's editor, as an `.a9s-annotation`; the one being drawn is its rubberband.)
    const drawnRegions = labeler.locator('.canvas .a9s-annotation:not(.a9s-rubberband)');
    await labeler.getByRole('button', { name: 'Hide region 1' }).click();
    await expect.poll(() => drawnRegions.count()).toBe(0);
    await labeler.getByRole('button', { name: 'Hide region 1' }).click();
    await expect.poll(() => drawnRegions.count()).toBe(1);
    await labeler.getByText('All changes saved').waitFor();
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    const box = stored.body.latestAnnotation.annotations[0].box as { x: number; y: number; width: number; height: number };
    expect([box.x, box.y, box.width, box.height].map((v, i) => Math.abs(v - [140, 130, 160, 120][i]!) <= 2)).toEqual([true, true, true, true]);
  });

  it('a box drawn and submitted at once (Enter the moment the mouse is let go) is in the stored annotation, with the class chosen before', async () => {
    const { up, at } = await editorOn(labeler, 'editing', 'hasty.png', 786, { batch: 'Hasty' });
    await labeler.keyboard.press('2');
    await drag(labeler, at(200, 100), at(300, 200));
    await labeler.keyboard.press('1');
    await labeler.keyboard.press('Enter');
    await labeler.getByText('No more images to label in this job.').waitFor();
    const stored = await stack.http.request('GET', `/acme/editing/images/${up.body.images[0].id}`, { key: stack.ownerKey });
    expect(stored.body.latestAnnotation).toMatchObject({ draft: false, annotations: [{ class: 'dog' }] });
    const box = stored.body.latestAnnotation.annotations[0].box as { x: number; y: number; width: number; height: number };
    expect([box.x, box.y, box.width, box.height].map((v, i) => Math.abs(v - [200, 100, 100, 100][i]!) <= 2)).toEqual([true, true, true, true]);
  });

  it('a region the API refuses on submit is outlined in red with the API\'s reason beside it in the list', async () => {
    await stack.http.request('POST', '/acme/projects', { key: stack.ownerKey, json: { id: 'birds', name: 'Birds', type: 'object-detection', classes: ['cat', 'dog', 'bird'] } });
    const { at } = await editorOn(labeler, 'birds', 'birds.png', 787, { batch: 'Birds' });
    // The manager drops a class nobody has used yet; the labeler's open editor still offers it.
    const dropped = await stack.http.request('PATCH', '/acme/projects/birds', { key: stack.ownerKey, json: { classes: ['cat', 'dog'] } });
    expect(dropped.status, JSON.stringify(dropped.body)).toBe(200);
    await labeler.keyboard.press('3');
    await drag(labeler, at(100, 100), at(200, 200));
    await labeler.keyboard.press('Enter');
    const regions = labeler.getByRole('list', { name: 'Regions' });
    await regions.getByRole('alert').filter({ hasText: '"bird" is not one of the project\'s classes' }).waitFor();
    const outline = labeler.locator('.canvas [data-id="region-0"] .a9s-inner');
    await expect.poll(async () => (await outline.getAttribute('style')) ?? '').toContain('stroke:#dd3333');
  });

  it('the job page shows the thumbnails of a tab a page at a time, and "Show more" adds the rest', async () => {
    const names = Array.from({ length: 105 }, (_, i) => i);
    let batch = '';
    for (const part of [names.slice(0, 60), names.slice(60)]) {
      const files = await Promise.all(part.map(async (i) => ({ name: `many-${i}.png`, bytes: await pngImage(5000 + i) })));
      const up = await stack.http.request('POST', '/acme/editing/images', { key: stack.ownerKey, form: imageForm(files, { batch: 'Many' }) });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      batch = up.body.batch.id;
    }
    const job = await stack.http.request('POST', '/acme/editing/jobs', {
      key: stack.ownerKey, json: { name: 'Many job', batch, num_images: 105, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test' },
    });
    await manager.goto(`/acme/editing/jobs/${job.body.id}`);
    const thumbs = manager.getByRole('tabpanel').getByRole('listitem');
    await expect.poll(() => thumbs.count()).toBe(100);
    await manager.getByRole('button', { name: 'Show 100 more of 105' }).click();
    await expect.poll(() => thumbs.count()).toBe(105);
    expect(await manager.getByRole('button', { name: /Show 100 more/ }).count()).toBe(0);
    // New counts reload what is shown, not just the first page.
    const first = await stack.http.request('GET', `/acme/editing/images?job=${job.body.id}&state=unannotated&limit=1`, { key: stack.ownerKey });
    const moved = await stack.http.request('POST', `/acme/editing/jobs/${job.body.id}/move`, { key: stack.ownerKey, json: { imageIds: [first.body.images[0].id], to: null } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await manager.getByRole('tab', { name: 'Unannotated 104' }).waitFor();
    await expect.poll(() => thumbs.count()).toBe(104);
  });

  it('the manager picks images of a batch by dragging across them and makes a new batch of them', async () => {
    const files = await Promise.all([0, 1, 2, 3].map(async (i) => ({ name: `pick-${i}.png`, bytes: await pngImage(820 + i) })));
    const up = await stack.http.request('POST', '/acme/cats/images', { key: stack.ownerKey, form: imageForm(files, { batch: 'Picking' }) });
    expect(up.status).toBe(201);
    await manager.goto('/acme/cats/batches');
    await manager.getByRole('link', { name: 'Picking' }).click();
    await manager.getByRole('heading', { name: /^Picking/ }).waitFor();
    const thumbs = manager.getByRole('list', { name: 'Images' }).getByRole('listitem');
    await expect.poll(() => thumbs.count()).toBe(4);
    // A drag from the first thumbnail's corner to the second's picks both; a checkbox adds a third.
    const [a, b] = [(await thumbs.nth(0).boundingBox())!, (await thumbs.nth(1).boundingBox())!];
    await drag(manager, [a.x + 3, a.y + a.height - 3], [b.x + b.width / 2, b.y + b.height / 2]);
    await manager.getByRole('heading', { name: 'New batch from the 2 selected images' }).waitFor();
    await manager.getByRole('checkbox', { name: 'Select pick-3.png' }).check();
    await manager.getByLabel('Name', { exact: true }).fill('Picked');
    await manager.getByRole('button', { name: 'Create batch' }).click();
    await manager.getByText('Batch “Picked” made with 3 images.').waitFor();
    await expect.poll(() => thumbs.count()).toBe(1);
    await shot(manager, 'batch');
    const batches = await stack.http.request('GET', '/acme/cats/batches', { key: stack.ownerKey });
    const byName = new Map<string, { numImages: number }>(batches.body.batches.map((x: { name: string; numImages: number }) => [x.name, x]));
    expect([byName.get('Picked')?.numImages, byName.get('Picking')?.numImages]).toEqual([3, 1]);
  });

  it('the manager merges two selected batches into a new one and archives it', async () => {
    for (const [name, seed] of [['Left', 801], ['Right', 802]] as const) {
      const up = await stack.http.request('POST', '/acme/cats/images', { key: stack.ownerKey, form: imageForm([{ name: `${name}.png`, bytes: await pngImage(seed) }], { batch: name }) });
      expect(up.status).toBe(201);
    }
    await manager.goto('/acme/cats/batches');
    await manager.getByRole('checkbox', { name: 'Select Left' }).check();
    await manager.getByRole('checkbox', { name: 'Select Right' }).check();
    await manager.getByLabel('New batch name').fill('Both');
    await manager.getByRole('button', { name: 'Merge', exact: true }).click();
    await manager.getByText('Merged 2 batches into “Both” (2 images).').waitFor();
    const both = manager.locator('tr', { hasText: 'Both' });
    expect(await manager.locator('tr', { hasText: 'Left' }).count()).toBe(0);
    await both.getByRole('button', { name: 'Archive' }).click();
    await manager.getByText('“Both” archived').waitFor();
    await both.getByRole('cell', { name: 'archived' }).waitFor();
    expect(await both.getByRole('button', { name: 'Assign images…' }).count()).toBe(0);
  });

  it('signing out ends the session: the app shows the sign-in page and the old cookie is refused', async () => {
    const cookies = await labeler.context().cookies();
    await labeler.getByRole('button', { name: 'Sign out' }).click();
    await labeler.getByRole('heading', { name: 'Sign in to Tessera' }).waitFor();
    const cookie = cookies.find((c) => c.name === 'tessera_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/api/acme' });
    const res = await fetch(`${stack.api.url}/api/acme/me`, { headers: { cookie: `tessera_session=${cookie.value}` } });
    expect(res.status).toBe(401);
  });
});
