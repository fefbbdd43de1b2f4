// The embedded Temporal dev server, through the SDK: a binary we have (PATH, tools cache, or built with
// Go), else the SDK's own download for users with internet.
import path from 'node:path';
import fs from 'node:fs/promises';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributes } from '../common/temporal';
import { resolveTemporalCli } from './tools';

export interface TemporalServer { address: string; namespace: string; stop(): Promise<void> }

export interface TemporalServerOptions {
  /** Persist to this file; in memory when absent. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  log?: (msg: string) => void;
}

export async function startTemporalServer(opts: TemporalServerOptions = {}): Promise<TemporalServer> {
  const binary = await resolveTemporalCli({ log: opts.log });
  if (!binary) opts.log?.('no Temporal CLI and no Go toolchain: falling back to the SDK download of the dev server');
  if (opts.dbFile) await fs.mkdir(path.dirname(opts.dbFile), { recursive: true });
  const namespace = opts.namespace ?? 'default';
  let env: TestWorkflowEnvironment;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        executable: binary ? { type: 'existing-path', path: binary } : { type: 'cached-download' },
        ip: '127.0.0.1',
        port: opts.port,
        uiPort: opts.uiPort,
        dbFilename: opts.dbFile,
        namespace,
        searchAttributes: allSearchAttributes,
        extraArgs: ['--log-level', 'error'],
      },
    });
  } catch (err) {
    throw new Error(
      `Could not start the Temporal dev server (${(err as Error).message}). Install the Temporal CLI ` +
        '(`go install github.com/temporalio/cli/cmd/temporal@v1.5.1`, or put `temporal` on PATH), ' +
        'or point TEMPORAL_ADDRESS at a running Temporal server.',
      { cause: err },
    );
  }
  return { address: env.address, namespace, stop: () => env.teardown() };
}
