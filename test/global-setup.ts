// One Temporal dev server, one MongoDB-wire server and one workflow bundle for the whole run.
// Each test file then takes its own database and task queues on them.
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';
import type { TestProject } from 'vitest/node';
import { startMongoServer } from '../services/mongo-server';
import { startTemporalServer } from '../services/temporal-server';
import { resolveJavaTestServer } from '../services/java-test-server';

declare module 'vitest' {
  export interface ProvidedContext {
    temporalAddress: string;
    mongoUri: string;
    workflowBundlePath: string;
    /** The Java time-skipping test server's launcher, when Java and Maven could provide it. */
    timeSkippingServer: string | null;
    tmpDir: string;
  }
}

export default async function setup(project: TestProject) {
  const tmpDir = await fs.mkdtemp(path.join(os.tmpdir(), 'tessera-test-'));
  const log = (msg: string) => console.error(`[test setup] ${msg}`);
  const stops: (() => Promise<void>)[] = [];
  const track = <T extends { stop(): Promise<void> }>(p: Promise<T>) => p.then((s) => (stops.push(s.stop), s));
  let started;
  try {
    started = await Promise.all([
      // Real services named by the environment are used as they are (each test file takes its own
      // database and task queues on them); otherwise the embedded ones are started.
      process.env.TEMPORAL_ADDRESS
        ? { address: process.env.TEMPORAL_ADDRESS, stop: async () => undefined }
        : track(startTemporalServer({ log })),
      process.env.MONGODB_URI
        ? { uri: withoutDatabase(process.env.MONGODB_URI), stop: async () => undefined }
        : track(startMongoServer({ dataDir: path.join(tmpDir, 'mongo'), log })),
      bundleWorkflowCode({ workflowsPath: path.resolve(__dirname, '..', 'workflows', 'index.ts'), logger: quietLogger }),
      resolveJavaTestServer({ log }).catch((err: Error) => {
        log(`time-skipping test server unavailable: ${err.message}`);
        return undefined;
      }),
    ]);
  } catch (err) {
    // Stop whatever did start, or the run hangs on it.
    await Promise.allSettled(stops.map((stop) => stop()));
    throw err;
  }
  const [temporal, mongo, bundle, timeSkippingServer] = started;
  const workflowBundlePath = path.join(tmpDir, 'workflow-bundle.js');
  await fs.writeFile(workflowBundlePath, bundle.code);
  project.provide('temporalAddress', temporal.address);
  project.provide('mongoUri', mongo.uri);
  project.provide('workflowBundlePath', workflowBundlePath);
  project.provide('timeSkippingServer', timeSkippingServer ?? null);
  project.provide('tmpDir', tmpDir);
  return async () => {
    await Promise.allSettled([temporal.stop(), mongo.stop()]);
    await fs.rm(tmpDir, { recursive: true, force: true });
  };
}

const quietLogger = {
  log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined,
  warn: (m: string) => console.warn(m), error: (m: string) => console.error(m),
};

/** `mongodb://host:port/db` → `mongodb://host:port`: test files append their own database. */
function withoutDatabase(uri: string): string {
  const url = new URL(uri);
  url.pathname = '';
  url.search = '';
  return url.toString().replace(/\/+$/, '');
}
