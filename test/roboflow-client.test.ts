// Roboflow's own Python package (`roboflow` 1.7.3, from the project's Python environment), unchanged,
// against the real stack: the whole-job walk of test/python/roboflow_client.py, and the README's script.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runPython } from './helpers/python';
import { createTeam, pngImage, type Team } from './helpers/fixtures';
import { startTestStack, type TestStack } from './helpers/stack';

let stack: TestStack;
let team: Team;
let imagesDir: string;

beforeAll(async () => {
  stack = await startTestStack('roboflow-client');
  team = await createTeam(stack);
  imagesDir = await fs.mkdtemp(path.join(os.tmpdir(), 'roboflow-client-'));
}, 120_000);
afterAll(async () => {
  await stack?.stop();
  if (imagesDir) await fs.rm(imagesDir, { recursive: true, force: true });
});

async function createProject(id: string) {
  const res = await stack.http.request('POST', '/acme/projects', { key: team.manager, json: { id, name: id, type: 'object-detection', classes: ['cat', 'dog'] } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

/** The package reads its settings from the environment; a config file in HOME must not steer it. */
const clientEnv = () => ({ API_URL: `${stack.api.url}/api`, HOME: imagesDir, ROBOFLOW_CONFIG_DIR: path.join(imagesDir, 'none.json') });

it('walks a whole job through the roboflow package: upload, batches, job, stream labeling, rework, review, accept with splits, counts', async () => {
  await createProject('birds');
  const run = await runPython('roboflow_client.py', [imagesDir], {
    ...clientEnv(), WORKSPACE: 'acme', PROJECT: 'birds',
    MANAGER_KEY: team.manager, LABELER_KEY: team.labeler, REVIEWER_KEY: team.reviewer,
    LABELER_EMAIL: 'labeler@acme.test', REVIEWER_EMAIL: 'reviewer@acme.test', MANAGER_EMAIL: 'manager@acme.test',
  });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toContain('ALL OK');
}, 300_000);

it('runs the README\'s "Coming from Roboflow" script unchanged', async () => {
  const script = await fs.readFile(path.join(__dirname, 'python', 'coming_from_roboflow.py'), 'utf8');
  const readme = await fs.readFile(path.join(__dirname, '..', 'README.md'), 'utf8');
  expect(readme, 'README.md shows test/python/coming_from_roboflow.py verbatim').toContain(script.trim());
  await createProject('coming-from-roboflow');
  const image = path.join(imagesDir, 'cat.png');
  await fs.writeFile(image, await pngImage(4242));
  const run = await runPython('coming_from_roboflow.py', [image], {
    ...clientEnv(), ROBOFLOW_API_KEY: team.manager, PROJECT: 'coming-from-roboflow', LABELER: 'labeler@acme.test', REVIEWER: 'reviewer@acme.test',
  });
  expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
  expect(run.stdout).toContain('images to label: 1');
}, 120_000);
