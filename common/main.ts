// Shared start-up for the process entry points: config once, a logger, clean shutdown on signals.
import { ConfigError, loadConfig, type Config } from '../config';
import { createLogger, type Logger } from './logger';

export function runMain(name: string, main: (config: Config, logger: Logger) => Promise<() => Promise<void>>): void {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel, name);
  let stopping = false;
  main(config, logger).then(
    (stop) => {
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info({ signal }, 'shutting down');
        const force = setTimeout(() => process.exit(1), 25_000);
        force.unref();
        stop().then(
          () => process.exit(0),
          (err) => {
            logger.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', () => shutdown('SIGINT'));
      process.on('SIGTERM', () => shutdown('SIGTERM'));
    },
    (err) => {
      logger.fatal({ err }, `${name} could not start: ${(err as Error).message}`);
      process.exit(1);
    },
  );
}

export function requireExternal(config: Config): { temporalAddress: string; mongoUri: string } {
  if (!config.temporal.address || !config.mongo.uri) {
    throw new ConfigError('Set TEMPORAL_ADDRESS and MONGODB_URI to run this process on its own (or use `npm start` for the embedded stack).');
  }
  return { temporalAddress: config.temporal.address, mongoUri: config.mongo.uri };
}
