import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    teardownTimeout: 60_000,
    // Two cores here: two test files at a time share the one Temporal and Mongo-wire server.
    maxWorkers: 2,
    // A poll waits on a browser or a worker: under a full run on two cores that can take seconds, and a
    // poll that gives up after the default second fails a test that is right (the Show-more test did).
    expect: { poll: { timeout: 10_000 } },
  },
});
