// What the request benches share: a stack started the way the tests start theirs (a Temporal dev
// server and a MongoDB-wire server on a temp dir, the real worker and API in this process), real HTTP
// to it, and counts of each request's database commands.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApiServer } from '../api/server';
import { createLogger } from '../common/logger';
import { loadConfig } from '../config';
import { connectDatabase, type Database } from '../db/models';
import { startMongoServer } from '../services/mongo-server';
import { startTemporalServer } from '../services/temporal-server';
import { startWorkerProcess } from '../worker/process';

export const workspace = 'acme';
export const log = (msg: string) => console.error(`[bench] ${msg}`);

export const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
export const fmt = (ms: number) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);

export interface BenchStack {
  db: Database;
  storeKind: string;
  /** The API's base URL (`…/api/acme` is the workspace) and the owner's key, for requests of other kinds. */
  apiUrl: string;
  ownerKey: string;
  temporalAddress: string;
  /** A JSON request to `/api/acme<path>` as the workspace owner; rejects on a status ≥ 300. */
  request(method: string, path: string, json?: unknown): Promise<Record<string, unknown>>;
}

/** Database commands by name while `fn` runs. */
export async function counting<T>(db: Database, fn: () => Promise<T>): Promise<{ result: T; ms: number; commands: Map<string, number> }> {
  const commands = new Map<string, number>();
  const onCommand = (e: { commandName: string }) => commands.set(e.commandName, (commands.get(e.commandName) ?? 0) + 1);
  const client = db.conn.getClient();
  client.on('commandStarted', onCommand);
  const t0 = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - t0, commands };
  } finally {
    client.off('commandStarted', onCommand);
  }
}

/** One JSON request over node:http (fetch gives up on a reply whose headers take over 300 s). */
function httpJson(url: string, method: string, key: string, json?: unknown): Promise<Record<string, unknown>> {
  const body = json === undefined ? undefined : JSON.stringify(json);
  const headers = { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) };
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 0) >= 300) reject(new Error(`${method} ${url} → ${res.statusCode} ${text.slice(0, 300)}`));
        else resolve(JSON.parse(text) as Record<string, unknown>);
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Runs `fn` against a fresh stack named `name`, and stops it (and removes its data) afterwards. */
export async function withBenchStack(name: string, fn: (stack: BenchStack) => Promise<void>): Promise<void> {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), `tessera-bench-${name}-`));
  const stops: (() => Promise<unknown>)[] = [];
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
    const [temporal, mongo] = await Promise.all([
      startTemporalServer({ log }),
      startMongoServer({ dataDir: path.join(tmpDir, 'mongo'), log }),
    ]);
    stops.push(() => temporal.stop(), () => mongo.stop());
    const ownerKey = `bench-owner-${randomBytes(16).toString('hex')}`;
    const config = loadConfig({
      PORT: '0', HOST: '127.0.0.1', TESSERA_DATA_DIR: path.join(tmpDir, 'data'), TEMPORAL_ADDRESS: temporal.address,
      // Command monitoring, to count each request's database commands.
      MONGODB_URI: `${mongo.uri}/tessera_bench_${name}?monitorCommands=true`, TESSERA_TASK_QUEUE_PREFIX: `bench-${name}`,
      LOG_LEVEL: 'warn', TESSERA_BOOTSTRAP_WORKSPACE: workspace, TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test',
      TESSERA_BOOTSTRAP_API_KEY: ownerKey, TESSERA_API_WAIT_MS: '600000', TESSERA_RATE_LIMIT_PER_MINUTE: '10000000',
    });
    const logger = createLogger(config.logLevel, 'bench');
    const db = await connectDatabase(config.mongo.uri!);
    stops.push(() => db.close());
    const api = await startApiServer({ config, logger, db, temporalAddress: temporal.address });
    stops.push(() => api.close());
    const worker = await startWorkerProcess({ config, logger, db, temporalAddress: temporal.address });
    stops.push(() => worker.stop());
    await fn({ db, storeKind: mongo.kind, apiUrl: `${api.url}/api`, ownerKey, temporalAddress: temporal.address, request: (method, p, json) => httpJson(`${api.url}/api/${workspace}${p}`, method, ownerKey, json) });
  } finally {
    for (const stop of stops.reverse()) await stop().catch((err: Error) => log(`stopping: ${err.message}`));
    await fs.rm(tmpDir, { recursive: true, force: true });
  }
}

/** Writes a bench's Markdown table to bench/results/<name>-latest.md and prints it. */
export async function report(name: string, lines: string[]): Promise<void> {
  const table = lines.join('\n') + '\n';
  console.log(table);
  await fs.mkdir(path.join(__dirname, 'results'), { recursive: true });
  await fs.writeFile(path.join(__dirname, 'results', `${name}-latest.md`), table);
}

export function runBench(main: () => Promise<void>): void {
  main().then(() => process.exit(0), (err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
