import sharp from 'sharp';
import { expect } from 'vitest';
import { ZipFile } from 'yazl';
import type { TestStack } from './stack';

/** A distinct real PNG per seed (distinct bytes, so no two are duplicates). */
export async function pngImage(seed: number, width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: seed % 256, g: Math.floor(seed / 256) % 256, b: 7 } } }).png().toBuffer();
}

export function imageForm(files: { name: string; bytes: Buffer; type?: string }[], fields: Record<string, string> = {}): FormData {
  const form = new FormData();
  for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)], { type: f.type ?? 'image/png' }), f.name);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  return form;
}

export interface Team { owner: string; labeler: string; reviewer: string; manager: string }

/** A labeler, a reviewer and a manager added through the API, with their keys. */
export async function createTeam(stack: TestStack): Promise<Team> {
  const add = async (email: string, role: string) => {
    const res = await stack.http.request('POST', '/acme/members', { key: stack.ownerKey, json: { email, role } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.apiKey as string;
  };
  return {
    owner: stack.ownerKey,
    labeler: await add('labeler@acme.test', 'labeler'),
    reviewer: await add('reviewer@acme.test', 'reviewer'),
    manager: await add('manager@acme.test', 'manager'),
  };
}

export async function createProjectWithImages(stack: TestStack, team: Team, project: string, count: number, type = 'object-detection') {
  const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: project, name: project, type, classes: ['cat', 'dog'] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const files = await Promise.all(Array.from({ length: count }, async (_, i) => ({ name: `${project}-${i}.png`, bytes: await pngImage(i + 1) })));
  const up = await stack.http.request('POST', `/acme/${project}/images`, { key: team.manager, form: imageForm(files) });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  return up.body as { id: string; batch: { id: string; name: string }; images: { id: string; name: string; width: number; height: number }[] };
}

export async function createJob(stack: TestStack, team: Team, project: string, batch: string, numImages: number) {
  const res = await stack.http.request('POST', `/acme/${project}/jobs`, {
    key: team.manager,
    json: { name: `${project} job`, batch, num_images: numImages, labelerEmail: 'labeler@acme.test', reviewerEmail: 'reviewer@acme.test', instructions: 'Box every cat.' },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; numImages: number; status: string };
}

export const catBox = { annotations: [{ class: 'cat', box: { x: 2, y: 2, width: 20, height: 20 } }] };

/** Takes the next image from the stream and submits an annotation for it. */
export async function labelNext(stack: TestStack, team: Team, project: string, jobId: string) {
  const next = await stack.http.request('POST', `/acme/${project}/jobs/${jobId}/next`, { key: team.labeler });
  expect(next.status, JSON.stringify(next.body)).toBe(200);
  const imageId = next.body.image.id as string;
  const put = await stack.http.request('PUT', `/acme/${project}/jobs/${jobId}/images/${imageId}/annotation`, { key: team.labeler, json: catBox });
  expect(put.status, JSON.stringify(put.body)).toBe(200);
  return { imageId, version: put.body.version as number, next: next.body };
}

export async function review(stack: TestStack, team: Team, project: string, jobId: string, imageId: string, decision: 'approve' | 'reject', reason?: string) {
  const res = await stack.http.request('POST', `/acme/${project}/jobs/${jobId}/images/${imageId}/review`, { key: team.reviewer, json: { decision, reason } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** Polls until `probe` returns something truthy. */
export async function eventually<T>(probe: () => Promise<T | undefined | false>, what: string, ms = 30_000): Promise<T> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const v = await probe();
    if (v) return v;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function datasetCount(stack: TestStack, team: Team, project: string): Promise<number> {
  return (await stack.http.request('GET', `/acme/${project}/dataset`, { key: team.manager })).body.count;
}

/** Polls the job until `pred` holds (the workflow applies progress asynchronously). */
export async function waitForJob(stack: TestStack, team: Team, project: string, jobId: string, pred: (job: any) => boolean, ms = 30_000) {
  const until = Date.now() + ms;
  let last: any;
  while (Date.now() < until) {
    last = (await stack.http.request('GET', `/acme/${project}/jobs/${jobId}`, { key: team.manager })).body;
    if (pred(last)) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`job never reached the expected state; last: ${JSON.stringify(last)}`);
}

/** A zip of the given files (name → bytes or text), as a dataset archive. */
export async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new ZipFile();
  for (const [name, data] of Object.entries(files)) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
