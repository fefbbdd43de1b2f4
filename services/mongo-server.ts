/**
 * Starts a local MongoDB-compatible server for development and tests, using
 * whatever is available on this machine, best first:
 *   1. a real `mongod` on PATH,
 *   2. FerretDB (SQLite-backed; built from source with Go when needed),
 *   3. mongodb-memory-server (downloads mongod; needs internet access).
 * Data persists in `dataDir`, so a restart on the same dataDir keeps it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { mongo } from 'mongoose';
import { freePort } from './free-port';
import { FERRETDB_VERSION, findMongod, lastLines, resolveFerretDb, type Log } from './tools';

export type MongoServerKind = 'mongod' | 'ferretdb' | 'memory-server';

export interface MongoServer {
  /** No database name: callers append `/<db>`. */
  uri: string;
  kind: MongoServerKind;
  /** Graceful stop (SIGTERM, then SIGKILL after 15 s). Safe to call repeatedly. */
  stop(): Promise<void>;
}

export interface StartMongoServerOptions {
  dataDir: string;
  /** Defaults to a free port. */
  port?: number;
  log?: Log;
}

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
/** Retries only for our own port choice, which can be raced by another process. */
const PORT_ATTEMPTS = 3;

export async function startMongoServer(opts: StartMongoServerOptions): Promise<MongoServer> {
  const log = opts.log ?? ((msg: string) => console.error(msg));
  const dataDir = path.resolve(opts.dataDir);
  await fs.mkdir(dataDir, { recursive: true });

  // An installed mongod is the real thing: if it fails we report that rather
  // than silently switching to another engine with different data.
  const mongod = findMongod();
  if (mongod) return startWithPortRetry(opts.port, (port) => mongodSpec(mongod, dataDir, port));

  const failures: string[] = [];
  const ferretdb = await resolveFerretDbSafely(log, failures);
  if (ferretdb) return startWithPortRetry(opts.port, (port) => ferretDbSpec(ferretdb, dataDir, port));

  try {
    return await startMemoryServer(dataDir, opts.port, log);
  } catch (err) {
    failures.push(`mongodb-memory-server: ${errorMessage(err)}`);
  }
  throw new Error(noServerMessage(failures));
}

async function resolveFerretDbSafely(log: Log, failures: string[]): Promise<string | undefined> {
  try {
    const found = await resolveFerretDb({ log });
    if (!found) failures.push('FerretDB: not on PATH, not cached, and no Go toolchain on PATH to build it');
    return found;
  } catch (err) {
    failures.push(`FerretDB build failed: ${errorMessage(err)}`);
    return undefined;
  }
}

function noServerMessage(failures: readonly string[]): string {
  return [
    'No MongoDB-compatible server could be started. Do one of:',
    `  - install the Go toolchain (https://go.dev/dl/, "go" on PATH) so FerretDB v${FERRETDB_VERSION} is built automatically (needs the Go module proxy),`,
    '  - install MongoDB so that "mongod" is on PATH,',
    '  - or set MONGODB_URI to an existing MongoDB server so none needs to be started.',
    'What was tried:',
    ...failures.map((f) => `  - ${f}`),
  ].join('\n');
}

/** How to launch one server process. */
interface ChildSpec {
  kind: 'mongod' | 'ferretdb';
  command: string;
  args: string[];
  port: number;
  /** Directory holding the engine's data and its `<kind>.log`. */
  dataDir: string;
  /** Created before launch. */
  storageDir: string;
}

function mongodSpec(command: string, dataDir: string, port: number): ChildSpec {
  const storageDir = path.join(dataDir, 'mongod');
  const args = ['--dbpath', storageDir, '--port', String(port), '--bind_ip', '127.0.0.1'];
  return { kind: 'mongod', command, args, port, dataDir, storageDir };
}

function ferretDbSpec(command: string, dataDir: string, port: number): ChildSpec {
  const storageDir = path.join(dataDir, 'ferretdb');
  const args = [
    '--handler=sqlite',
    // FerretDB wants a directory URL with a trailing slash; pathToFileURL
    // escapes spaces and other characters a plain `file:` string would not.
    `--sqlite-url=${pathToFileURL(storageDir).href}/`,
    `--state-dir=${storageDir}`,
    `--listen-addr=127.0.0.1:${port}`,
    // Its debug HTTP listener defaults to :8088, which collides between instances.
    '--debug-addr=127.0.0.1:0',
    '--telemetry=disable',
    '--log-level=warn',
  ];
  return { kind: 'ferretdb', command, args, port, dataDir, storageDir };
}

class PortInUseError extends Error {}

async function startWithPortRetry(
  fixedPort: number | undefined,
  makeSpec: (port: number) => ChildSpec,
): Promise<MongoServer> {
  for (let attempt = 1; ; attempt++) {
    const port = fixedPort ?? (await freePort());
    try {
      return await startChildServer(makeSpec(port));
    } catch (err) {
      const retry = err instanceof PortInUseError && fixedPort === undefined && attempt < PORT_ATTEMPTS;
      if (!retry) throw err;
    }
  }
}

/** A spawned server plus a promise that settles once it is gone. */
interface RunningChild {
  child: ChildProcess;
  exited: Promise<string>;
}

async function startChildServer(spec: ChildSpec): Promise<MongoServer> {
  await fs.mkdir(spec.storageDir, { recursive: true });
  const logFile = path.join(spec.dataDir, `${spec.kind}.log`);
  const logOffset = await appendLogHeader(logFile, spec);
  const running = await spawnLogged(spec.command, spec.args, logFile);
  const uri = `mongodb://127.0.0.1:${spec.port}`;
  const stop = once(() => terminate(running));
  try {
    await waitUntilReady(uri, running.exited);
  } catch (err) {
    await stop();
    const tail = await readLogTail(logFile, logOffset);
    const message = `${spec.kind} failed to start: ${errorMessage(err)}\n--- last lines of ${logFile} ---\n${tail}`;
    const portTaken = /address already in use|EADDRINUSE/i.test(tail);
    throw portTaken ? new PortInUseError(message, { cause: err }) : new Error(message, { cause: err });
  }
  return { uri, kind: spec.kind, stop };
}

/** Marks where this run's output starts, so errors quote only this run. */
async function appendLogHeader(logFile: string, spec: ChildSpec): Promise<number> {
  const offset = await fs.stat(logFile).then((s) => s.size, () => 0);
  const header = `\n=== ${new Date().toISOString()} ${spec.command} ${spec.args.join(' ')}\n`;
  await fs.appendFile(logFile, header);
  return offset + Buffer.byteLength(header);
}

async function spawnLogged(command: string, args: string[], logFile: string): Promise<RunningChild> {
  const out = await fs.open(logFile, 'a');
  try {
    // Not detached: the child stays in our process group, so Ctrl-C or a
    // SIGTERM to the group (CI cancelling a job) reaches it as well.
    const child = spawn(command, args, { stdio: ['ignore', out.fd, out.fd] });
    return { child, exited: trackExit(child) };
  } finally {
    // The child has its own copy of the descriptor once spawn() returns.
    await out.close();
  }
}

function trackExit(child: ChildProcess): Promise<string> {
  liveChildren.add(child);
  return new Promise<string>((resolve) => {
    const done = (why: string): void => {
      liveChildren.delete(child);
      resolve(why);
    };
    child.once('exit', (code, signal) => done(signal ? `killed by ${signal}` : `exited with code ${code}`));
    child.once('error', (err) => done(`could not be started: ${err.message}`));
  });
}

/** Pings until the server answers, it dies, or READY_TIMEOUT_MS passes. */
async function waitUntilReady(uri: string, exited: Promise<string>): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError = 'no answer yet';
  const died = exited.then((why) => ({ died: why }));
  while (Date.now() < deadline) {
    const outcome = await Promise.race([ping(uri).then(() => ({ ok: true as const }), (e: unknown) => ({ error: e })), died]);
    if ('ok' in outcome) return;
    if ('died' in outcome) throw new Error(`process ${outcome.died} before accepting connections`);
    lastError = errorMessage(outcome.error);
    await delay(200);
  }
  throw new Error(`no answer to ping within ${READY_TIMEOUT_MS / 1000} s (last error: ${lastError})`);
}

async function ping(uri: string): Promise<void> {
  const client = new mongo.MongoClient(uri, {
    directConnection: true,
    serverSelectionTimeoutMS: 1_000,
    connectTimeoutMS: 1_000,
  });
  try {
    await client.db('admin').command({ ping: 1 });
  } finally {
    await client.close();
  }
}

async function terminate({ child, exited }: RunningChild): Promise<void> {
  if (!isRunning(child)) return;
  child.kill('SIGTERM');
  if (await settlesWithin(exited, STOP_GRACE_MS)) return;
  child.kill('SIGKILL');
  await exited;
}

function isRunning(child: ChildProcess): boolean {
  return child.pid !== undefined && child.exitCode === null && child.signalCode === null;
}

/**
 * Servers a caller forgot to stop would otherwise outlive a normal exit of
 * this process (e.g. a test runner finishing). One shared listener, not one
 * per server, to avoid MaxListeners warnings when tests start many servers.
 */
const liveChildren = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of liveChildren) child.kill('SIGTERM');
});

async function startMemoryServer(dataDir: string, port: number | undefined, log: Log): Promise<MongoServer> {
  // Imported lazily: it is a devDependency and only needed as a last resort.
  const { MongoMemoryServer } = await import('mongodb-memory-server-core');
  const dbPath = path.join(dataDir, 'memory-server');
  await fs.mkdir(dbPath, { recursive: true });
  log('starting mongod via mongodb-memory-server (downloads MongoDB on first use)…');
  const server = await MongoMemoryServer.create({
    // wiredTiger, not the in-memory engine: data must survive a restart.
    instance: { dbPath, port, ip: '127.0.0.1', storageEngine: 'wiredTiger' },
  });
  const uri = server.getUri().replace(/\/+$/, '');
  // doCleanup false: never delete the caller's dataDir.
  const stop = once(async () => {
    await server.stop({ doCleanup: false });
  });
  return { uri, kind: 'memory-server', stop };
}

async function readLogTail(logFile: string, offset: number): Promise<string> {
  try {
    const bytes = await fs.readFile(logFile);
    return lastLines(bytes.subarray(offset).toString('utf8'), 20) || '(no output)';
  } catch {
    return '(log unavailable)';
  }
}

/** Memoises an async action so repeated calls share one execution. */
function once(action: () => Promise<void>): () => Promise<void> {
  let result: Promise<void> | undefined;
  return () => (result ??= action());
}

function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Whether promise settles within ms; clears its timer so it never holds the event loop open. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
