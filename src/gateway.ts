import { resolve } from 'node:path';
import { type App, createApp } from './app.ts';
import { createJwtVerifier } from './auth/jwt.ts';
import { ensureLocalAdminKey, LOCAL_ADMIN_KEY_NAME } from './auth/local-admin-key.ts';
import type { Config } from './config.ts';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded-postgres.ts';
import { applyPendingMigrations } from './db/migrations.ts';
import { createPrismaClient, type Database } from './db/prisma.ts';
import { hasAnyData, loadDemoData } from './demo/load-demo-data.ts';
import { startLive } from './realtime/live.ts';
import { loadPersistedDocuments } from './surface/persisted-operations.ts';

export interface GatewayOptions {
  /** Progress and status lines for a person watching the terminal. */
  log?: (line: string) => void;
  /** Draws demo-data loading progress (default: plain log lines). */
  onDemoProgress?: (done: number, total: number, label: string) => void;
  /** Demo data volume; 1 is the full demo (tests use less). */
  demoScale?: number;
}

export interface Gateway {
  /** URL of the GraphQL endpoint (and GraphiQL). */
  url: string;
  /** The database the gateway serves. */
  databaseUrl: string;
  /** Whether the database is the embedded one this process started. */
  embedded: boolean;
  /**
   * The secret of the `local-admin` key, only when this start created it (the first start of
   * the embedded default); it is not stored anywhere and cannot be shown again.
   */
  localAdminKey?: string;
  /** Whether the database holds no API key that could be used (a hint to create one). */
  noActiveKeys: boolean;
  app: App;
  prisma: Database;
  /** Stops serving, closes the database pool and stops the embedded server. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts Tradegraph as `npm start` does: the database (DATABASE_URL, or an embedded PostgreSQL
 * whose data persists in TRADEGRAPH_DATA_DIR), pending migrations, demo data on first start,
 * then the HTTP server. If any step fails, what was already started is stopped again.
 */
export async function startGateway(config: Config, options: GatewayOptions = {}): Promise<Gateway> {
  const log = options.log ?? (() => {});
  const cleanup: Array<() => Promise<void>> = [];
  const stop = once(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => {});
  });
  try {
    // Read before anything starts: a missing manifest is a configuration error.
    const persistedOperations = {
      mode: config.surface.persistedOperations,
      documents:
        config.surface.persistedOperations === 'off'
          ? new Map<string, string>()
          : loadPersistedDocuments(config.surface.persistedOperationsManifests),
    };
    let embedded: EmbeddedPostgres | undefined;
    if (!config.databaseUrl) {
      const dataDir = resolve(config.dataDir, 'postgres');
      log(`Starting embedded PostgreSQL (data in ${dataDir}) ...`);
      embedded = await startEmbeddedPostgres({ dataDir, persistent: true });
      cleanup.push(() => (embedded as EmbeddedPostgres).stop());
    }
    const databaseUrl = config.databaseUrl ?? (embedded as EmbeddedPostgres).url;

    if (config.migrateOnStart) {
      const { applied } = await applyPendingMigrations(databaseUrl, { log });
      if (applied.length > 0) log(`Applied ${applied.length} migration(s): ${applied.join(', ')}`);
    }

    const prisma = createPrismaClient(databaseUrl, {
      poolSize: config.dbPoolSize,
      statementTimeoutMs: config.statementTimeoutMs,
      preparedStatements: config.dbPreparedStatements,
    });
    cleanup.push(() => prisma.$disconnect());

    const wantDemo =
      config.demoData === 'true' || (config.demoData === 'auto' && embedded !== undefined);
    if (wantDemo && !(await hasAnyData(prisma))) {
      log('Loading the demo data set (first start only) ...');
      const started = Date.now();
      const summary = await loadDemoData(prisma, {
        scale: options.demoScale ?? 1,
        onProgress: options.onDemoProgress,
        onlyIfEmpty: true,
      });
      if (summary) {
        const rows = Object.values(summary).reduce((sum, count) => sum + count, 0);
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        log(`Loaded ${rows.toLocaleString('en-US')} demo rows in ${seconds} s.`);
      } else {
        log('Another instance loaded the demo data set meanwhile.');
      }
    }

    const live = await startLive(databaseUrl, prisma, {
      onError: (error) => console.error('live events:', error),
    });
    cleanup.push(() => live.stop());

    const app = createApp({
      prisma,
      live,
      limits: { maxPageSize: config.maxPageSize, defaultPageSize: config.defaultPageSize },
      graphiql: config.graphiql,
      jwt: config.auth.jwt ? createJwtVerifier(config.auth.jwt) : undefined,
      apiKeyCacheMs: config.auth.apiKeyCacheMs,
      revocationCheckMs: config.auth.revocationCheckMs,
      corsOrigins: config.surface.corsOrigins,
      introspection: config.surface.introspection,
      persistedOperations,
      requestLimits: config.requestLimits,
      shutdownGraceMs: config.shutdownGraceMs,
      fastHttp: config.httpFastPath,
    });
    const url = await app.start(config.port, config.host);
    cleanup.push(() => app.stop());
    // The embedded default stays one command: its first start creates a key to use it with.
    // Only once the gateway listens, so a failed start does not use up the one printing of it.
    let localAdminKey: string | undefined;
    if (embedded) {
      const local = await ensureLocalAdminKey(prisma);
      if (local.created) {
        localAdminKey = local.secret;
        log(`Created the API key '${LOCAL_ADMIN_KEY_NAME}' (every scope, every strategy).`);
      }
    }
    const noActiveKeys = (await prisma.apiKey.count({ where: { revokedAt: null } })) === 0;

    return {
      url,
      databaseUrl,
      embedded: embedded !== undefined,
      localAdminKey,
      noActiveKeys,
      app,
      prisma,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= fn();
    return running;
  };
}
