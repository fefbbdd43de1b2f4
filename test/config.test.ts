import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config';

describe('configuration', () => {
  it('uses the documented defaults when nothing is set', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, logLevel: 'info', temporal: { namespace: 'default', uiPort: 8233, address: undefined }, mongo: { uri: undefined } });
    expect(c.dataDir).toMatch(/\.data$/);
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' })).toThrow(ConfigError);
    try {
      loadConfig({ PORT: 'eighty', MONGODB_URI: 'postgres://x', LOG_LEVEL: 'loud' });
    } catch (err) {
      const msg = (err as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('MONGODB_URI: must start with mongodb://');
      expect(msg).toContain('LOG_LEVEL');
    }
  });

  it('runs both task queues unless told which, and names a queue it does not know', () => {
    expect(loadConfig({}).workerQueues).toEqual(['jobs', 'images']);
    expect(loadConfig({ TESSERA_WORKER_QUEUES: 'images' }).workerQueues).toEqual(['images']);
    expect(() => loadConfig({ TESSERA_WORKER_QUEUES: 'images,video' })).toThrow(/TESSERA_WORKER_QUEUES/);
  });

  it('refuses a partial bootstrap instead of silently skipping it', () => {
    expect(() => loadConfig({ TESSERA_BOOTSTRAP_WORKSPACE: 'acme' })).toThrow(/TESSERA_BOOTSTRAP_\*/);
  });

  it('refuses a workspace id that is a word of the API\'s own paths', () => {
    const bootstrap = { TESSERA_BOOTSTRAP_EMAIL: 'o@acme.test', TESSERA_BOOTSTRAP_API_KEY: 'x'.repeat(32) };
    expect(() => loadConfig({ ...bootstrap, TESSERA_BOOTSTRAP_WORKSPACE: 'dataset' })).toThrow(/TESSERA_BOOTSTRAP_WORKSPACE: dataset, docs and health/);
  });

  it('takes a complete bootstrap', () => {
    const c = loadConfig({ TESSERA_BOOTSTRAP_WORKSPACE: 'acme', TESSERA_BOOTSTRAP_EMAIL: 'o@acme.test', TESSERA_BOOTSTRAP_API_KEY: 'x'.repeat(32) });
    expect(c.bootstrap).toEqual({ workspace: 'acme', email: 'o@acme.test', apiKey: 'x'.repeat(32) });
  });
});
