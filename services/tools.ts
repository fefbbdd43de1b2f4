/**
 * Resolution (and, when needed, building) of the external binaries Tessera
 * needs in development and tests: the Temporal CLI (dev server) and FerretDB
 * (a MongoDB-compatible server backed by SQLite).
 *
 * This is a dev-tool module: unlike app code it may read process.env directly,
 * because it runs before any app config exists.
 *
 * Built binaries live in `<toolsDir>/bin/<name>-<version>` so bumping a version
 * constant below triggers a rebuild instead of silently reusing an old binary.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants as fsConstants, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';

export type Log = (msg: string) => void;

export interface ResolveOptions {
  /** Build from source with Go when nothing usable is found (default true). */
  build?: boolean;
  /** Progress messages; defaults to console.error so stdout stays clean. */
  log?: Log;
}

export const TEMPORAL_CLI_VERSION = '1.5.1';
export const FERRETDB_VERSION = '1.24.2';

/** A Go program we can build from its module source. */
interface GoTool {
  /** Command name looked up on PATH and prefix of the cached binary. */
  command: string;
  /** Human-readable name for log messages. */
  label: string;
  module: string;
  /** Version without the leading "v". */
  version: string;
  /** Main package, relative to the module root. */
  pkg: string;
  ldflags?: string;
  /** Adjusts the writable source copy before building. */
  prepare?: (srcDir: string) => Promise<void>;
}

const TEMPORAL_CLI: GoTool = {
  command: 'temporal',
  label: 'Temporal CLI',
  module: 'github.com/temporalio/cli',
  version: TEMPORAL_CLI_VERSION,
  pkg: './cmd/temporal',
  // Same ldflags as upstream's goreleaser config, so `temporal --version`
  // reports the real version instead of 0.0.0-DEV.
  ldflags: `-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION}`,
};

const FERRETDB: GoTool = {
  command: 'ferretdb',
  label: 'FerretDB',
  module: 'github.com/FerretDB/FerretDB',
  version: FERRETDB_VERSION,
  pkg: './cmd/ferretdb',
  // The module zip lacks this generated file; it is go:embed-ed and the binary
  // panics at startup without it.
  prepare: async (srcDir) => {
    const versionDir = path.join(srcDir, 'build', 'version');
    await fs.mkdir(versionDir, { recursive: true });
    await fs.writeFile(path.join(versionDir, 'version.txt'), `v${FERRETDB_VERSION}\n`);
  },
};

/** Root of the per-user tools cache. */
export function toolsDir(): string {
  const override = process.env.TESSERA_TOOLS_DIR;
  if (override) return path.resolve(override);
  const cacheHome = process.env.XDG_CACHE_HOME || path.join(homedir(), '.cache');
  return path.join(cacheHome, 'tessera', 'tools');
}

/** Where a versioned binary lives in the cache. */
export function cachedBinaryPath(command: string, version: string): string {
  return path.join(toolsDir(), 'bin', `${command}-${version}`);
}

/** Absolute path of an executable regular file on PATH, like `which`. */
export function findOnPath(command: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, command);
    if (isExecutableFile(candidate)) return candidate;
  }
  return undefined;
}

/** A real `mongod` on PATH, if any. */
export function findMongod(): string | undefined {
  return findOnPath('mongod');
}

export async function resolveTemporalCli(opts: ResolveOptions = {}): Promise<string | undefined> {
  return resolveGoTool(TEMPORAL_CLI, opts);
}

export async function resolveFerretDb(opts: ResolveOptions = {}): Promise<string | undefined> {
  return resolveGoTool(FERRETDB, opts);
}

/**
 * PATH → cache → build with Go → undefined.
 * Throws only when a build was attempted and failed, so the caller sees why.
 */
async function resolveGoTool(tool: GoTool, opts: ResolveOptions): Promise<string | undefined> {
  const log = opts.log ?? defaultLog;
  const onPath = findOnPath(tool.command);
  if (onPath) return onPath;
  const cached = cachedBinaryPath(tool.command, tool.version);
  if (isExecutableFile(cached)) return cached;
  const go = findOnPath('go');
  if (opts.build === false || !go) return undefined;

  await fs.mkdir(path.dirname(cached), { recursive: true });
  return withFileLock(
    `${cached}.lock`,
    () => log(`waiting for another process that is building ${tool.label} v${tool.version}…`),
    async () => {
      // Another process may have finished the build while we waited.
      if (isExecutableFile(cached)) return cached;
      await buildGoTool(go, tool, cached, log);
      return cached;
    },
  );
}

/** Downloads the module source, builds it to a temp name, renames into place. */
async function buildGoTool(go: string, tool: GoTool, out: string, log: Log): Promise<void> {
  log(`building ${tool.label} v${tool.version} with Go (first run only, a few minutes)…`);
  const started = Date.now();
  const ticker = setInterval(
    () => log(`  still building ${tool.label}… (${elapsedSeconds(started)} s)`),
    60_000,
  );
  const workDir = await fs.mkdtemp(path.join(toolsDir(), `.build-${tool.command}-`));
  const tmpOut = `${out}.${process.pid}.tmp`;
  try {
    const srcDir = await copyModuleSource(go, tool, workDir);
    await tool.prepare?.(srcDir);
    const args = ['build', '-trimpath', '-buildvcs=false', '-o', tmpOut];
    if (tool.ldflags) args.push(`-ldflags=${tool.ldflags}`);
    args.push(tool.pkg);
    await runCommand(go, args, { cwd: srcDir, env: goEnv() });
    // rename is atomic on one filesystem: readers never see a partial binary.
    await fs.rename(tmpOut, out);
    log(`built ${tool.label} v${tool.version} in ${elapsedSeconds(started)} s: ${out}`);
  } finally {
    clearInterval(ticker);
    await fs.rm(tmpOut, { force: true });
    await removeTree(workDir);
  }
}

/**
 * `go mod download` + copy, rather than `go install mod@version`: the latter
 * also fetches the module's version list for its retraction check, which some
 * proxies refuse (403), and the module cache copy is read-only so files such
 * as FerretDB's generated version.txt could not be added in place.
 */
async function copyModuleSource(go: string, tool: GoTool, workDir: string): Promise<string> {
  const { stdout } = await runCommand(
    go,
    ['mod', 'download', '-json', `${tool.module}@v${tool.version}`],
    { cwd: workDir, env: goEnv() },
  );
  const info = JSON.parse(stdout) as { Dir?: string; Error?: string };
  if (!info.Dir) throw new Error(`go mod download ${tool.module}: ${info.Error ?? 'no Dir in output'}`);
  const srcDir = path.join(workDir, 'src');
  await fs.cp(info.Dir, srcDir, { recursive: true });
  await makeOwnerWritable(srcDir);
  return srcDir;
}

/** Keeps the user's Go settings but never lets a stray go.work redirect the build. */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOWORK: 'off' };
}

/** Module cache files are read-only; the build copy must be editable and deletable. */
async function makeOwnerWritable(root: string): Promise<void> {
  const stat = await fs.lstat(root);
  if (stat.isSymbolicLink()) return;
  await fs.chmod(root, stat.mode | 0o200);
  if (!stat.isDirectory()) return;
  for (const entry of await fs.readdir(root)) {
    await makeOwnerWritable(path.join(root, entry));
  }
}

async function removeTree(dir: string): Promise<void> {
  try {
    await makeOwnerWritable(dir);
  } catch {
    // Already gone or partially created: rm below copes with both.
  }
  await fs.rm(dir, { recursive: true, force: true });
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/**
 * Runs a command to completion, capturing output. On failure the error message
 * carries the tail of stderr, which is what explains a failed build.
 */
export async function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<RunResult> {
  return new Promise<RunResult>((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-20_000);
    });
    child.once('error', reject);
    child.once('close', (code, signal) => {
      if (code === 0) {
        resolve({ stdout, stderr });
        return;
      }
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      const detail = lastLines(`${stderr}\n${stdout}`, 30);
      reject(new Error(`${command} ${args.join(' ')} failed (${how}):\n${detail}`));
    });
  });
}

/**
 * Runs fn while holding an exclusive lock file, so concurrent callers (e.g.
 * parallel test workers) don't run the same multi-minute build twice: the
 * second one waits, then usually finds the finished result.
 */
export async function withFileLock<T>(lockPath: string, onWait: () => void, fn: () => Promise<T>): Promise<T> {
  await acquireLock(lockPath, onWait);
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

async function acquireLock(lockPath: string, onWait: () => void): Promise<void> {
  let announced = false;
  for (;;) {
    try {
      await fs.writeFile(lockPath, `${process.pid}\n`, { flag: 'wx' });
      return;
    } catch (err) {
      if (!isErrnoCode(err, 'EEXIST')) throw err;
    }
    if (await isStaleLock(lockPath)) {
      await fs.rm(lockPath, { force: true });
      continue;
    }
    if (!announced) {
      onWait();
      announced = true;
    }
    await delay(1_000);
  }
}

/** Upper bound for any build; beyond it the lock is assumed abandoned (PID reuse). */
const MAX_LOCK_AGE_MS = 2 * 60 * 60 * 1000;

/** A lock is stale when its owner process is gone (crash, Ctrl-C) or it is ancient. */
async function isStaleLock(lockPath: string): Promise<boolean> {
  let content: string;
  let mtimeMs: number;
  try {
    content = await fs.readFile(lockPath, 'utf8');
    mtimeMs = (await fs.stat(lockPath)).mtimeMs;
  } catch (err) {
    if (isErrnoCode(err, 'ENOENT')) return false; // released meanwhile: just retry
    throw err;
  }
  const age = Date.now() - mtimeMs;
  if (age > MAX_LOCK_AGE_MS) return true;
  const pid = Number.parseInt(content.trim(), 10);
  // Empty content means the owner has created but not yet written it.
  if (!Number.isInteger(pid) || pid <= 0) return age > 60_000;
  return !isProcessAlive(pid);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: exists but belongs to someone else.
    return isErrnoCode(err, 'EPERM');
  }
}

export function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function isErrnoCode(err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as NodeJS.ErrnoException).code === code;
}

export function lastLines(text: string, count: number): string {
  return text.trimEnd().split('\n').slice(-count).join('\n');
}

function elapsedSeconds(since: number): string {
  return ((Date.now() - since) / 1000).toFixed(1);
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function defaultLog(msg: string): void {
  console.error(msg);
}
