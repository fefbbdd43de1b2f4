import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createLocalBlobStore } from '../activities/blob-store';
import { createMailer } from '../activities/mailer';
import type { Logger } from '../common/logger';
import { taskQueues } from '../common/temporal';
import type { Config } from '../config';
import type { Database } from '../db/models';
import { ensureSearchAttributes } from './search-attributes';
import { ensureUpkeepSchedules } from './upkeep-schedules';
import { createWorkers, runWorkers } from './workers';

export interface WorkerProcess { done: Promise<void>; stop(): Promise<void> }

/** Runs the workers of the configured task queues (both by default) until stopped. */
export async function startWorkerProcess(opts: { config: Config; logger: Logger; db: Database; temporalAddress: string }): Promise<WorkerProcess> {
  const { config, logger, db } = opts;
  const queues = taskQueues(config.temporal.taskQueuePrefix);
  // What the workers need of the server before they poll, over one client connection.
  const setup = await Connection.connect({ address: opts.temporalAddress });
  try {
    await ensureSearchAttributes(setup, config.temporal.namespace, logger);
    if (config.workerQueues.includes('jobs')) await ensureUpkeepSchedules(setup, config.temporal.namespace, queues.jobs, logger);
  } finally {
    await setup.close();
  }
  const connection = await NativeConnection.connect({ address: opts.temporalAddress });
  const mailer = createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, logger });
  const workers = await createWorkers({
    connection,
    namespace: config.temporal.namespace,
    taskQueues: queues,
    deps: { models: db.models, mailer, store: createLocalBlobStore(path.join(config.dataDir, 'images')), webhooks: config.webhooks },
    workflowBundlePath: config.workflowBundlePath,
    queues: config.workerQueues,
  });
  const abort = new AbortController();
  const done = runWorkers(workers, abort.signal).finally(async () => {
    mailer.close();
    await connection.close();
  });
  logger.info({ taskQueues: config.workerQueues.map((q) => queues[q]) }, 'workers running');
  return {
    done,
    async stop() {
      abort.abort();
      await done;
    },
  };
}
