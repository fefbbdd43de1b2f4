import type { Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createLocalBlobStore } from '../activities/blob-store';
import { createMailer } from '../activities/mailer';
import type { Logger } from '../common/logger';
import { taskQueues } from '../common/temporal';
import type { Config } from '../config';
import { pingDatabase, type Database } from '../db/models';
import { ImageNames } from '../usecases/image-names';
import type { AppContext } from '../usecases/context';
import { createProgressNotifier } from '../usecases/progress-notifier';
import { bootstrapWorkspace } from '../usecases/members';
import { createApp, type HealthReport } from './app';
import path from 'node:path';

export interface ApiServer { server: Server; ctx: AppContext; url: string; close(): Promise<void> }

export async function startApiServer(opts: { config: Config; logger: Logger; db: Database; temporalAddress: string }): Promise<ApiServer> {
  const { config, logger, db } = opts;
  const connection = await Connection.connect({ address: opts.temporalAddress });
  const temporal = new Client({ connection, namespace: config.temporal.namespace });
  if (config.bootstrap && (await bootstrapWorkspace(db.models, config.bootstrap))) {
    logger.info({ workspace: config.bootstrap.workspace, owner: config.bootstrap.email }, 'bootstrapped the first workspace');
  }
  const ctx: AppContext = {
    models: db.models,
    temporal,
    taskQueues: taskQueues(config.temporal.taskQueuePrefix),
    store: createLocalBlobStore(path.join(config.dataDir, 'images')),
    logger,
    progress: createProgressNotifier(temporal, logger),
    waitMs: config.apiWaitMs,
    leaseSeconds: config.leaseSeconds,
    dueEscalationSeconds: config.dueEscalationSeconds,
    dueSoonSeconds: config.dueSoonSeconds,
    mailer: createMailer({ smtpUrl: config.mail.smtpUrl, from: config.mail.from, logger }),
    publicUrl: config.publicUrl,
    webhooks: config.webhooks,
    // About 100 bytes a name: some 50 MB at most.
    imageNames: new ImageNames(db.models, 500_000),
  };
  const health = async (): Promise<HealthReport> => {
    const [temporalOk, mongoOk] = await Promise.all([
      connection.withDeadline(Date.now() + 2_000, () => connection.healthService.check({})).then(() => true, () => false),
      pingDatabase(db),
    ]);
    return { status: temporalOk && mongoOk ? 'ok' : 'unavailable', temporal: temporalOk ? 'ok' : 'down', mongo: mongoOk ? 'ok' : 'down' };
  };
  const app = createApp(ctx, health, { rateLimitPerMinute: config.rateLimitPerMinute, authFailuresPerMinute: config.authFailuresPerMinute, checkResponses: config.checkResponses });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(config.port, config.host, () => resolve(s)).once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  return {
    server,
    ctx,
    url: `http://127.0.0.1:${port}`,
    async close() {
      // Requests in flight finish; a keep-alive connection is closed as soon as it is idle, even one
      // that was busy when closing began (a browser would otherwise go on using it).
      await new Promise<void>((resolve) => {
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearInterval(idle);
          resolve();
        });
        server.closeIdleConnections();
      });
      await ctx.progress.flush();
      ctx.mailer.close();
      await connection.close();
    },
  };
}
