/**
 * The Python virtual environment that holds the outside clients and loaders our suites use as
 * oracles (Roboflow's `roboflow` package, `pycocotools`, `supervision`), created from the pinned
 * `python/requirements.txt` in the tools cache, outside git. Its folder is named by the hash of the
 * requirements, so changing a pin builds a fresh environment instead of patching an old one.
 *
 * A dev-tool module, like services/tools.ts: it may read process.env.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { findOnPath, isExecutableFile, runCommand, toolsDir, withFileLock, type ResolveOptions } from './tools';

export const PYTHON_REQUIREMENTS = path.resolve(__dirname, '..', 'python', 'requirements.txt');

export function pythonEnvDir(): string {
  const hash = createHash('sha256').update(readFileSync(PYTHON_REQUIREMENTS)).digest('hex').slice(0, 8);
  return path.join(toolsDir(), 'python', `venv-${hash}`);
}

const pythonIn = (dir: string) => path.join(dir, 'bin', 'python');
const completeMarker = (dir: string) => path.join(dir, '.complete');

/**
 * The environment's python: the cached one when complete, else built now (python3 -m venv, then
 * pip install -r). Throws with pip's output when the build fails, or when there is no python3.
 */
export async function resolvePythonEnv(opts: ResolveOptions = {}): Promise<string> {
  const log = opts.log ?? (() => {});
  const dir = pythonEnvDir();
  const ready = async () => isExecutableFile(pythonIn(dir)) && (await fs.stat(completeMarker(dir)).then(() => true, () => false));
  if (await ready()) return pythonIn(dir);
  const python3 = process.env.TESSERA_PYTHON || findOnPath('python3');
  if (!python3) throw new Error('python3 is not on PATH: install Python 3.10+ (with venv) to run the client and loader suites');
  await fs.mkdir(path.dirname(dir), { recursive: true });
  return withFileLock(`${dir}.lock`, () => log(`waiting for another process building ${dir}`), async () => {
    if (await ready()) return pythonIn(dir);
    // Built in place (venv scripts embed their own path); the marker is written last, so a crash
    // mid-build leaves an incomplete folder that the next call starts over.
    await fs.rm(dir, { recursive: true, force: true });
    log(`creating ${dir} from ${PYTHON_REQUIREMENTS}`);
    await runCommand(python3, ['-m', 'venv', dir]);
    await runCommand(pythonIn(dir), ['-m', 'pip', 'install', '--disable-pip-version-check', '--no-input', '-q', '-r', PYTHON_REQUIREMENTS]);
    await fs.writeFile(completeMarker(dir), new Date().toISOString());
    return pythonIn(dir);
  });
}
