import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql ships a CommonJS and an ESM build. Node loads the CommonJS one for Pothos and yoga;
  // Vite would hand our own files the ESM one, and graphql refuses types from two copies. So our
  // files get the build Node uses, exactly as when the gateway runs under tsx.
  resolve: { alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }] },
  test: {
    environment: 'node',
    reporters: ['default', './test/support/summary-reporter.ts'],
    include: ['test/**/*.test.ts'],
    // One PostgreSQL server and a migrated template for the whole run (see the file).
    globalSetup: ['test/support/global-setup.ts'],
    // Child processes rather than threads: tests start servers and child processes of their own.
    pool: 'forks',
    // Database work: cloning a database, starting an embedded server (about 1.5 s, more on a
    // busy CI machine), applying migrations.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    watch: process.env.CI ? false : undefined,
  },
});
