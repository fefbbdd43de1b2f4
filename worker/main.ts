// The worker on its own, against external Temporal and MongoDB (docker compose, scale-out, tests).
import { requireExternal, runMain } from '../common/main';
import { connectDatabase } from '../db/models';
import { startWorkerProcess } from './process';

runMain('tessera-worker', async (config, logger) => {
  const { temporalAddress, mongoUri } = requireExternal(config);
  const db = await connectDatabase(mongoUri);
  const worker = await startWorkerProcess({ config, logger, db, temporalAddress });
  return async () => {
    await worker.stop();
    await db.close();
  };
});
