// A per-test-file Tessera on the run's shared servers: its own database, task queues and data dir,
// a real worker and the real API on a real port.
import fs from 'node:fs/promises';
import path from 'node:path';
import { inject } from 'vitest';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startApiServer, type ApiServer } from '../../api/server';
import { createLogger } from '../../common/logger';
import { loadConfig, type Config } from '../../config';
import { connectDatabase, type Database } from '../../db/models';
import { startWorkerProcess, type WorkerProcess } from '../../worker/process';
import { startSmtpCapture, type SmtpCapture } from './smtp';

let runtimeInstalled = false;

export interface TestStack {
  name: string;
  config: Config;
  env: Record<string, string>;
  db: Database;
  api: ApiServer;
  smtp: SmtpCapture;
  worker?: WorkerProcess;
  ownerKey: string;
  http: Http;
  startWorker(): Promise<WorkerProcess>;
  stop(): Promise<void>;
}

export interface StackOptions { worker?: boolean; env?: Record<string, string> }

/** `name` must be unique per test file: it names the database, task queues and data dir. */
export async function startTestStack(name: string, opts: StackOptions = {}): Promise<TestStack> {
  if (!runtimeInstalled) {
    runtimeInstalled = true;
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // A test environment created first already installed the runtime; its logger stays.
    }
  }
  const unique = `${name}-${process.pid}`;
  const dataDir = path.join(inject('tmpDir'), unique);
  await fs.mkdir(dataDir, { recursive: true });
  const smtp = await startSmtpCapture();
  const ownerKey = `owner-key-${unique}-0123456789abcdef`;
  const env: Record<string, string> = {
    PORT: '0',
    HOST: '127.0.0.1',
    TESSERA_DATA_DIR: dataDir,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    MONGODB_URI: `${inject('mongoUri')}/${unique.replace(/[^a-zA-Z0-9_-]/g, '_')}`,
    TESSERA_TASK_QUEUE_PREFIX: unique.toLowerCase().replace(/[^a-z0-9-]/g, '-'),
    TESSERA_WORKFLOW_BUNDLE: inject('workflowBundlePath'),
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'warn',
    TESSERA_CHECK_RESPONSES: 'true',
    TESSERA_BOOTSTRAP_WORKSPACE: 'acme',
    TESSERA_BOOTSTRAP_EMAIL: 'owner@acme.test',
    TESSERA_BOOTSTRAP_API_KEY: ownerKey,
    ...opts.env,
  };
  const config = loadConfig(env);
  const logger = createLogger(config.logLevel, name);
  const db = await connectDatabase(config.mongo.uri!);
  const temporalAddress = config.temporal.address!;
  const api = await startApiServer({ config, logger, db, temporalAddress });
  const stack: TestStack = {
    name, config, env, db, api, smtp, ownerKey,
    http: createHttp(api.url),
    async startWorker() {
      stack.worker = await startWorkerProcess({ config, logger, db, temporalAddress });
      return stack.worker;
    },
    async stop() {
      await stack.worker?.stop();
      await api.close();
      await db.close();
      await smtp.close();
    },
  };
  if (opts.worker !== false) await stack.startWorker();
  return stack;
}

export interface HttpResponse<T = any> { status: number; body: T; headers: Headers }

export interface Http {
  request<T = any>(method: string, path: string, opts?: { key?: string; json?: unknown; form?: FormData; headers?: Record<string, string> }): Promise<HttpResponse<T>>;
}

export function createHttp(baseUrl: string): Http {
  return {
    async request(method, p, opts = {}) {
      const headers: Record<string, string> = { ...opts.headers };
      if (opts.key) headers.authorization = `Bearer ${opts.key}`;
      let body: RequestInit['body'];
      if (opts.json !== undefined) {
        headers['content-type'] = 'application/json';
        body = JSON.stringify(opts.json);
      } else if (opts.form) body = opts.form;
      const res = await fetch(`${baseUrl}/api${p}`, { method, headers, body });
      const text = await res.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text for the assertion message
      }
      return { status: res.status, body: parsed as any, headers: res.headers };
    },
  };
}
