// Uploads through real HTTP, a real worker and real sharp: hostile files are each refused with a code
// while the good ones are kept, limits answer 413, and an image's bytes, thumbnail and preview are
// served with their content type, a strong ETag, long caching and 304.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxFilesPerUpload, maxImageBytes } from '../domain/images';
import { createTeam, eventually, imageForm, pngImage, type Team } from './helpers/fixtures';
import { hostileImageSet, solidJpeg } from './helpers/hostile-images';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;

beforeAll(async () => {
  stack = await startTestStack('uploads');
  team = await createTeam(stack);
  for (const id of ['hostile', 'bytes', 'refused']) {
    const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id, name: id, type: 'object-detection', classes: ['cat'] } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => stack?.stop());

const upload = (project: string, files: { name: string; bytes: Buffer }[]) =>
  stack.http.request('POST', `/acme/${project}/images`, { key: team.manager, form: imageForm(files) });

async function getBytes(p: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${stack.api.url}/api${p}`, { headers: { authorization: `Bearer ${team.labeler}`, ...headers } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const waitUntilDone = (project: string, uploadId: string) => eventually(async () => {
  const res = await stack.http.request('GET', `/acme/${project}/uploads/${uploadId}`, { key: team.manager });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.status === 'done' && res.body;
}, `upload ${uploadId} done`);

const stagedFiles = async () => (await fs.readdir(path.join(stack.config.dataDir, 'images', 'staging')).catch(() => [])).length;

describe('an upload of hostile and good files', () => {
  it('keeps every good file, measured as displayed, and names each bad one with its code', async () => {
    const set = await hostileImageSet();
    const started = Date.now();
    const res = await upload('hostile', set);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    // A truncated file once made its activity retry forever and the whole request answer 503.
    expect(Date.now() - started).toBeLessThan(15_000);

    const refused = Object.fromEntries(res.body.errors.map((e: { name: string; code: string; message: string }) => [e.name, e.code]));
    expect(refused).toEqual(Object.fromEntries(set.flatMap((f) => ('code' in f.expect ? [[f.name, f.expect.code]] : []))));
    for (const e of res.body.errors) expect(e.message).toEqual(expect.any(String));
    const kept = Object.fromEntries(res.body.images.map((i: { name: string; width: number; height: number }) => [i.name, [i.width, i.height]]));
    expect(kept).toEqual(Object.fromEntries(set.flatMap((f) => ('format' in f.expect ? [[f.name, [f.expect.width, f.expect.height]]] : []))));

    // The type comes from the bytes: the JPEG named .png is served as a JPEG.
    const photo = res.body.images.find((i: { name: string }) => i.name === 'photo.png');
    const file = await getBytes(`/acme/hostile/images/${photo.id}/file`);
    expect(file.headers.get('content-type')).toBe('image/jpeg');
    expect(file.bytes.equals(set.find((f) => f.name === 'photo.png')!.bytes)).toBe(true);

    // The batch shows the upload's ingestion while thumbnails are made, and nothing once they are.
    const batch = async () => (await stack.http.request('GET', `/acme/hostile/batches/${res.body.batch.id}`, { key: team.manager })).body.ingestion;
    const during = await batch();
    expect([0, 1]).toContain(during.uploads);
    if (during.uploads === 1) expect(during.total).toBe(set.length);
    const done = await waitUntilDone('hostile', res.body.id);
    expect(done.progress).toEqual({ done: set.length, total: set.length });
    expect(await batch()).toEqual({ uploads: 0, done: 0, total: 0 });
    // The upload's workflow takes it off the batch's list once its thumbnails are made.
    await eventually(async () => ((await stack.db.models.Batch.findById(res.body.batch.id).lean())?.ingesting ?? []).length === 0, 'the batch lists no upload');
    const listed = (await stack.http.request('GET', '/acme/hostile/batches', { key: team.manager })).body.batches;
    expect(listed.find((b: { id: string }) => b.id === res.body.batch.id).ingestion).toEqual({ uploads: 0, done: 0, total: 0 });
    expect(await stagedFiles()).toBe(0);
  });

  it('answers 415 when no file is acceptable, naming each', async () => {
    const res = await upload('refused', [{ name: 'a.svg', bytes: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }, { name: 'b.png', bytes: Buffer.alloc(0) }]);
    expect(res.status).toBe(415);
    expect(res.body.error.details.errors.map((e: { name: string; code: string }) => [e.name, e.code])).toEqual([['a.svg', 'unsupported_format'], ['b.png', 'empty']]);
  });

  it('answers 413 naming the limit for a file over the size limit and for too many files, and keeps nothing staged', async () => {
    const big = await upload('refused', [{ name: 'ok.png', bytes: await pngImage(1) }, { name: 'huge.jpg', bytes: Buffer.alloc(maxImageBytes + 1, 1) }]);
    expect(big.status).toBe(413);
    expect(big.body.error).toMatchObject({ code: 'too_large', message: expect.stringContaining(String(maxImageBytes)) });
    const files = Array.from({ length: maxFilesPerUpload + 1 }, (_, i) => ({ name: `${i}.png`, bytes: Buffer.from([i % 256]) }));
    const many = await upload('refused', files);
    expect(many.status).toBe(413);
    expect(many.body.error.message).toContain(String(maxFilesPerUpload));
    expect(await stagedFiles()).toBe(0);
  });
});

describe('an image\'s bytes', () => {
  let body: { id: string; images: { id: string; name: string; width: number; height: number; duplicate: boolean }[] };
  const photo = solidJpeg(7, 1600, 1200);

  beforeAll(async () => {
    const res = await upload('bytes', [{ name: 'photo.jpg', bytes: await photo }]);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    body = res.body;
  });

  it('follows the upload to done, with the answer the upload gave', async () => {
    const done = await waitUntilDone('bytes', body.id);
    expect(done).toMatchObject({ id: body.id, status: 'done', progress: { done: 1, total: 1 }, images: body.images, errors: [] });
    const again = await upload('bytes', [{ name: 'again.jpg', bytes: await photo }]);
    expect(again.body.images).toEqual([{ id: body.images[0]!.id, name: 'again.jpg', width: 1600, height: 1200, duplicate: true }]);
  });

  it('serves the original, the thumbnail and the preview with their type, a strong ETag, long caching and 304', async () => {
    await waitUntilDone('bytes', body.id);
    const id = body.images[0]!.id;
    const sha256 = createHash('sha256').update(await photo).digest('hex');
    const expected = { file: ['image/jpeg', 1600, 1200], thumbnail: ['image/webp', 256, 192], preview: ['image/webp', 1280, 960] } as const;
    for (const [variant, [type, width, height]] of Object.entries(expected)) {
      const res = await getBytes(`/acme/bytes/images/${id}/${variant}`);
      expect(res.status, variant).toBe(200);
      expect(res.headers.get('content-type'), variant).toBe(type);
      expect(res.headers.get('cache-control'), variant).toBe('private, max-age=31536000, immutable');
      const etag = res.headers.get('etag')!;
      expect(etag, variant).toMatch(new RegExp(`^"${sha256}[^"]*"$`));
      expect(await sharp(res.bytes).metadata(), variant).toMatchObject({ width, height });

      const again = await getBytes(`/acme/bytes/images/${id}/${variant}`, { 'if-none-match': `"other", ${etag}` });
      expect(again.status, variant).toBe(304);
      expect(again.bytes.length, variant).toBe(0);
      expect(again.headers.get('etag'), variant).toBe(etag);
    }
    expect((await getBytes(`/acme/bytes/images/${id}/file`)).headers.get('etag')).toBe(`"${sha256}"`);
    expect((await getBytes(`/acme/bytes/images/${id}/file`, { 'if-none-match': '"stale"' })).status).toBe(200);
  });

  it('applies the EXIF orientation to the thumbnail and preview, and hides images of other projects', async () => {
    const rotated = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#224466' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
    const res = await upload('bytes', [{ name: 'rotated.jpg', bytes: rotated }]);
    expect(res.body.images[0]).toMatchObject({ width: 480, height: 640 });
    await waitUntilDone('bytes', res.body.id);
    const preview = await getBytes(`/acme/bytes/images/${res.body.images[0].id}/preview`);
    expect(await sharp(preview.bytes).metadata()).toMatchObject({ width: 480, height: 640 });
    expect((await getBytes(`/acme/hostile/images/${res.body.images[0].id}/file`)).status).toBe(404);
    expect((await stack.http.request('GET', `/acme/hostile/uploads/${res.body.id}`, { key: team.manager })).status).toBe(404);
  });
});
