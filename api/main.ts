// The API on its own, against external Temporal and MongoDB (docker compose, scale-out).
import { requireExternal, runMain } from '../common/main';
import { connectDatabase } from '../db/models';
import { startApiServer } from './server';

runMain('tessera-api', async (config, logger) => {
  const { temporalAddress, mongoUri } = requireExternal(config);
  const db = await connectDatabase(mongoUri);
  const api = await startApiServer({ config, logger, db, temporalAddress });
  logger.info({ url: api.url }, 'API listening');
  return async () => {
    await api.close();
    await db.close();
  };
});
