// Browsing a project's images through real HTTP on the real stack: every filter, both sorts, cursors,
// and one image's detail.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJob, createTeam, imageForm, labelNext, pngImage, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
const project = 'browse';
let first: { batch: string; ids: string[] };
let second: { batch: string; ids: string[] };
let betweenUploads: string;
let jobId: string;
let labeled: string;

const get = (query: string, key = team.manager) => stack.http.request('GET', `/acme/${project}/images${query}`, { key });

async function upload(names: string[], seed: number, batch: string) {
  const files = await Promise.all(names.map(async (name, i) => ({ name, bytes: await pngImage(seed + i) })));
  const res = await stack.http.request('POST', `/acme/${project}/images`, { key: team.manager, form: imageForm(files, { batch }) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return { batch: res.body.batch.id as string, ids: (res.body.images as { id: string }[]).map((i) => i.id) };
}

/** Every image the filters match, following `next` to the end. */
async function all(query: string) {
  const ids: string[] = [];
  let after: string | null = null;
  for (let pages = 0; pages < 50; pages++) {
    const res = await get(`${query}${query ? '&' : '?'}limit=2${after ? `&after=${after}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids.push(...res.body.images.map((i: { id: string }) => i.id));
    after = res.body.next;
    if (!after) return ids;
  }
  throw new Error('the cursor never ended');
}

beforeAll(async () => {
  stack = await startTestStack('image-browse');
  team = await createTeam(stack);
  const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: project, name: project, type: 'object-detection', classes: ['cat', 'dog'] } });
  expect(res.status).toBe(201);
  first = await upload(['street-1.png', 'street-2.png', 'field-1.png'], 500, 'first');
  await new Promise((r) => setTimeout(r, 20));
  betweenUploads = new Date().toISOString();
  second = await upload(['street-3.png', 'alley-1.png'], 600, 'second');
  jobId = (await createJob(stack, team, project, first.batch, 3)).id;
  labeled = (await labelNext(stack, team, project, jobId)).imageId;
});
afterAll(async () => stack?.stop());

describe('browsing images', () => {
  it('lists every image in upload order, or newest first, across pages by cursor', async () => {
    expect(await all('')).toEqual([...first.ids, ...second.ids]);
    expect(await all('?sort=-uploaded')).toEqual([...first.ids, ...second.ids].reverse());
  });

  it('filters by batch, job, state, labeler, class, name prefix and upload time', async () => {
    expect(await all(`?batch=${second.batch}`)).toEqual(second.ids);
    expect(await all(`?job=${jobId}`)).toEqual(first.ids);
    expect(await all('?state=annotated')).toEqual([labeled]);
    expect(await all('?state=unassigned')).toEqual(second.ids);
    expect((await all(`?job=${jobId}&state=unannotated`)).sort()).toEqual(first.ids.filter((id) => id !== labeled).sort());
    expect(await all('?labeler=labeler@acme.test')).toEqual(first.ids);
    expect(await all('?labeler=nobody@acme.test')).toEqual([]);
    expect(await all('?class=cat')).toEqual([labeled]);
    expect(await all('?class=dog')).toEqual([]);
    expect(await all('?namePrefix=street-')).toEqual([first.ids[0], first.ids[1], second.ids[0]]);
    expect(await all(`?uploadedFrom=${betweenUploads}`)).toEqual(second.ids);
    expect(await all(`?uploadedTo=${betweenUploads}&sort=-uploaded`)).toEqual([...first.ids].reverse());
  });

  it('sorts by name, both ways, with a cursor', async () => {
    const byName = await all('?sort=name');
    const res = await get('?sort=name&limit=100');
    expect(res.body.images.map((i: { name: string }) => i.name)).toEqual(['alley-1.png', 'field-1.png', 'street-1.png', 'street-2.png', 'street-3.png']);
    expect(byName).toEqual(res.body.images.map((i: { id: string }) => i.id));
    expect(await all('?sort=-name')).toEqual([...byName].reverse());
  });

  it('shows each image with its batch, job and state', async () => {
    const res = await get('?namePrefix=alley');
    expect(res.body.images).toEqual([expect.objectContaining({ id: second.ids[1], name: 'alley-1.png', batch: second.batch, job: null, state: 'unassigned' })]);
  });

  it('answers one image with its batch, job, state and latest annotation', async () => {
    const res = await stack.http.request('GET', `/acme/${project}/images/${labeled}`, { key: team.manager });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      id: labeled, batch: { id: first.batch, name: 'first' }, job: { id: jobId, labeler: 'labeler@acme.test' }, state: 'annotated',
      latestAnnotation: { version: 1, draft: false, author: 'labeler@acme.test', annotations: [{ class: 'cat' }] },
    });
    const unassigned = await stack.http.request('GET', `/acme/${project}/images/${second.ids[0]}`, { key: team.manager });
    expect(unassigned.body).toMatchObject({ state: 'unassigned', job: null, latestAnnotation: null });
    expect((await stack.http.request('GET', `/acme/${project}/images/000000000000000000000000`, { key: team.manager })).status).toBe(404);
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    for (const [query, field] of [
      ['?state=lost', 'state'], ['?sort=size', 'sort'], ['?limit=0', 'limit'], ['?uploadedFrom=yesterday', 'uploadedFrom'],
      [`?batch=${first.batch}&job=${jobId}`, 'job'], ['?batch=nope', 'batch'], ['?job=nope', 'job'], ['?after=x.y', 'after'],
    ] as const) {
      const res = await get(query);
      expect(res.status, query).toBe(400);
      expect(JSON.stringify(res.body), query).toContain(field);
    }
  });

  it('a name prefix or a sort by name finds images uploaded after the names were read, a sort within a job included', async () => {
    expect(await all('?namePrefix=street-')).toHaveLength(3); // the API now holds the upload order's names
    const third = await upload(['street-0.png'], 700, 'third');
    expect(await all('?namePrefix=street-')).toEqual([first.ids[0], first.ids[1], second.ids[0], third.ids[0]]);
    expect(await all('?namePrefix=street-&sort=name')).toEqual([third.ids[0], first.ids[0], first.ids[1], second.ids[0]]);
    expect(await all('?namePrefix=street-&sort=-uploaded')).toEqual([third.ids[0], second.ids[0], first.ids[1], first.ids[0]]);
    // A job's pages list ids only: the names come from its images.
    const inJob = (await get(`?job=${jobId}&sort=name&limit=10`)).body.images.map((i: { name: string }) => i.name);
    expect(inJob).toEqual(['field-1.png', 'street-1.png', 'street-2.png']);
  });

  it('finds by name prefix the images of upload pages written before pages kept names, two first requests at once included', async () => {
    const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id: 'older', name: 'older', type: 'object-detection', classes: ['cat'] } });
    expect(res.status).toBe(201);
    const files = await Promise.all(['gate-1.png', 'wall-1.png', 'gate-2.png'].map(async (name, i) => ({ name, bytes: await pngImage(800 + i) })));
    const up = await stack.http.request('POST', '/acme/older/images', { key: team.manager, form: imageForm(files, { batch: 'old' }) });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    await stack.db.models.ImagePage.updateMany({ _id: /^acme\/older#/ }, { $unset: { names: 1 } });
    // Two at once, the first requests on that list: each gets every match, and the names are held once.
    const pages = await Promise.all([1, 2].map(() => stack.http.request('GET', '/acme/older/images?namePrefix=gate-&limit=10', { key: team.manager })));
    for (const page of pages) expect(page.body.images.map((i: { name: string }) => i.name)).toEqual(['gate-1.png', 'gate-2.png']);
    const byName = await stack.http.request('GET', '/acme/older/images?sort=name&limit=10', { key: team.manager });
    expect(byName.body.images.map((i: { name: string }) => i.name)).toEqual(['gate-1.png', 'gate-2.png', 'wall-1.png']);
  });

  it('is for managers: a labeler is refused', async () => {
    expect((await get('', team.labeler)).status).toBe(403);
  });
});

describe('a labeler with several jobs', () => {
  it('walks the jobs (the labeler\'s) one after the other for filters only images in a job pass, oldest job first, by cursor, newest first reversed', async () => {
    const secondJob = (await createJob(stack, team, project, second.batch, 2)).id;
    expect(await all('?labeler=labeler@acme.test')).toEqual([...first.ids, ...second.ids]);
    expect(await all('?labeler=labeler@acme.test&sort=-uploaded')).toEqual([...first.ids, ...second.ids].reverse());
    expect(await all(`?labeler=labeler@acme.test&uploadedFrom=${betweenUploads}`)).toEqual(second.ids);
    expect(await all(`?job=${secondJob}`)).toEqual(second.ids);
    expect(await all('?labeler=labeler@acme.test&namePrefix=street-')).toEqual([first.ids[0], first.ids[1], second.ids[0]]);
    expect(await all('?state=unannotated')).toEqual([...first.ids, ...second.ids].filter((id) => id !== labeled));
    expect(await all('?state=unannotated&sort=-uploaded')).toEqual([...first.ids, ...second.ids].filter((id) => id !== labeled).reverse());
    expect(await all('?class=cat')).toEqual([labeled]);
    // The jobs' pages list the classes their images' annotations used: a class none used reads no image.
    expect((await get('?class=dog&limit=50')).body).toMatchObject({ images: [], next: null, examined: 0 });
    expect((await get('?class=cat&limit=50')).body).toMatchObject({ images: [{ id: labeled }], next: null, examined: 3 });
  });
});
