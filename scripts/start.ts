// `npm start`: the whole stack in one command. Embedded Temporal and MongoDB-wire servers persist
// under TESSERA_DATA_DIR unless TEMPORAL_ADDRESS / MONGODB_URI point at real ones.
import path from 'node:path';
import { startApiServer } from '../api/server';
import { runMain } from '../common/main';
import { connectDatabase } from '../db/models';
import { startMongoServer } from '../services/mongo-server';
import { useOrStartTemporal } from '../services/temporal-server';
import { startWorkerProcess } from '../worker/process';
import { firstSignInUrl } from '../usecases/sessions';

runMain('tessera', async (config, logger) => {
  const log = (msg: string) => logger.info(msg);
  const stops: (() => Promise<void>)[] = [];
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch((err) => logger.error({ err }, 'stop failed'));
  };
  // A first run fetches or builds the servers: every step says when it is done and how long it took.
  const started = Date.now();
  const after = () => `after ${((Date.now() - started) / 1000).toFixed(1)} s`;
  try {
    const [temporal, mongo] = await Promise.all([
      useOrStartTemporal(config.temporal.address, {
        dbFile: path.join(config.dataDir, 'temporal', 'temporal.db'),
        port: config.temporal.port,
        uiPort: config.temporal.uiPort,
        namespace: config.temporal.namespace,
        log,
      }).then((t) => {
        log(t.embedded
          ? `Temporal dev server up at ${t.address} (UI http://localhost:${config.temporal.uiPort}) ${after()}`
          : `using Temporal at ${t.address} (TEMPORAL_ADDRESS)`);
        return t;
      }),
      config.mongo.uri
        ? { uri: config.mongo.uri, kind: 'external', embedded: false as const }
        : startMongoServer({ dataDir: path.join(config.dataDir, 'mongo'), port: config.mongo.port, log }).then((s) => {
          log(`MongoDB-wire server (${s.kind}) up at ${s.uri} ${after()}`);
          return { ...s, uri: `${s.uri}/tessera`, embedded: true as const };
        }),
    ]);
    stops.push(temporal.stop);
    if (mongo.embedded) stops.push(mongo.stop);
    const db = await connectDatabase(mongo.uri);
    stops.push(() => db.close());
    const worker = await startWorkerProcess({ config, logger, db, temporalAddress: temporal.address });
    stops.push(worker.stop);
    const api = await startApiServer({ config, logger, db, temporalAddress: temporal.address });
    stops.push(api.close);
    logger.info(
      { api: `http://localhost:${config.port}/api`, temporalUi: temporal.embedded ? `http://localhost:${config.temporal.uiPort}` : undefined, mongo: mongo.kind, dataDir: config.dataDir },
      `Tessera is up: API http://localhost:${config.port}/api` + (temporal.embedded ? `, Temporal UI http://localhost:${config.temporal.uiPort}` : '') + ` (${after()})`,
    );
    const signIn = config.bootstrap && (await firstSignInUrl(db.models, config.publicUrl, config.bootstrap));
    if (signIn) logger.info({ signIn }, `No one has signed in yet: open ${signIn} to sign in as ${config.bootstrap!.email} (works once, for 15 minutes)`);
  } catch (err) {
    await stopAll();
    throw err;
  }
  return stopAll;
});
