import { z } from 'zod';
import type { JwtOptions } from './auth/jwt.ts';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from './limits/request-limits.ts';
import {
  PERSISTED_OPERATIONS_MODES,
  type PersistedOperationsMode,
} from './surface/persisted-operations.ts';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

// An origin as browsers send it: scheme, host and optional port; no path, no trailing slash.
const ORIGIN = /^https?:\/\/[^/\s]+$/;

/**
 * Every setting Tradegraph reads from the environment, with its default and meaning.
 * The README's configuration table is written from these descriptions.
 */
const configSchema = z.object({
  DATABASE_URL: z
    .url({ protocol: /^postgres(ql)?$/ })
    .optional()
    .describe(
      'PostgreSQL connection URL. When unset, Tradegraph starts an embedded PostgreSQL in TRADEGRAPH_DATA_DIR.',
    ),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000).describe('HTTP port to listen on.'),
  HOST: z
    .string()
    .min(1)
    .default('127.0.0.1')
    .describe('Interface to listen on (0.0.0.0 in Docker).'),
  TRADEGRAPH_DATA_DIR: z
    .string()
    .min(1)
    .default('.data')
    .describe('Folder for the embedded PostgreSQL cluster (only used without DATABASE_URL).'),
  MIGRATE_ON_START: booleanFlag
    .default(true)
    .describe('Apply pending database migrations when the gateway starts.'),
  DEMO_DATA: z
    .enum(['auto', 'true', 'false'])
    .default('auto')
    .describe(
      'Load the demo data set into an empty database: auto = only on the embedded database, true = also with DATABASE_URL, false = never.',
    ),
  MAX_PAGE_SIZE: positiveInt
    .max(10_000)
    .default(100)
    .describe('Largest `first`/`last` a connection accepts; larger requests get an error.'),
  DEFAULT_PAGE_SIZE: positiveInt
    .default(20)
    .describe('Page size when neither `first` nor `last` is given.'),
  DB_POOL_SIZE: positiveInt.max(1000).default(10).describe('Connections in the PostgreSQL pool.'),
  DB_PREPARED_STATEMENTS: booleanFlag
    .default(true)
    .describe(
      'Prepare the hot read statements once per pool connection instead of planning them on every request. Turn off behind a pooler without prepared statements (PgBouncer in transaction mode before 1.21).',
    ),
  HTTP_FAST_PATH: booleanFlag
    .default(true)
    .describe(
      "Serve plain JSON POSTs to /graphql without building web Request/Response objects (same hooks, same answers, less CPU per request). Turn off to send every request through yoga's generic handling.",
    ),
  SHUTDOWN_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(600_000)
    .default(5_000)
    .describe(
      'On SIGTERM/SIGINT, how long requests in flight may finish before they are cut off, in ms.',
    ),
  GRAPHIQL: booleanFlag
    .optional()
    .describe('Serve GraphiQL at /graphql. Default: on, except when NODE_ENV=production.'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('Runtime mode.'),
  // Surface: what browsers and unknown clients may do
  CORS_ORIGINS: commaList
    .refine((origins) => origins.every((origin) => origin === '*' || ORIGIN.test(origin)), {
      message: 'expected comma-separated origins like https://app.example.com, or *',
    })
    .default([])
    .describe(
      'Browser origins allowed to call the API from their pages (comma-separated, e.g. https://app.example.com; * for any). Default: none, only pages of the gateway itself.',
    ),
  INTROSPECTION: booleanFlag
    .optional()
    .describe(
      'Answer introspection queries (__schema, __type) and suggest names in error messages. Default: as GRAPHIQL.',
    ),
  PERSISTED_OPERATIONS: z
    .enum(PERSISTED_OPERATIONS_MODES)
    .default('off')
    .describe(
      'Registered (persisted) operations: off = ignored, allow = a request may send a hash instead of the query, only = nothing else runs (recommended in production).',
    ),
  PERSISTED_OPERATIONS_MANIFESTS: commaList
    .default([])
    .describe(
      "Comma-separated JSON files of registered operations (hash: query) besides the typed client's own, which is always loaded.",
    ),
  // Request limits (see README "Limits"; defaults in src/limits/request-limits.ts)
  MAX_QUERY_DEPTH: positiveInt
    .max(1000)
    .default(DEFAULT_REQUEST_LIMITS.maxQueryDepth)
    .describe('Deepest field nesting an operation may have (introspection not counted).'),
  MAX_ALIASES: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxAliases)
    .describe('Aliased fields an operation may use, fragments expanded.'),
  MAX_DIRECTIVES: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxDirectives)
    .describe('Directive uses an operation may have, fragments expanded.'),
  MAX_TOKENS: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxTokens)
    .describe('Lexical tokens a GraphQL document may have; parsing stops there.'),
  MAX_QUERY_COST: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxQueryCost)
    .describe(
      'Largest estimated cost of an operation: each field 1, connections multiply their contents by their page size.',
    ),
  MAX_REQUEST_BYTES: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxRequestBytes)
    .describe('Largest HTTP request body or GET query string, in bytes.'),
  STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe(
      'Longest an SQL statement of a request may run before PostgreSQL cancels it, in ms (0: no limit).',
    ),
  RATE_LIMIT_PER_MINUTE: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.rateLimitPerMinute)
    .describe('Operations per minute per API key or token, sustained, per instance.'),
  RATE_LIMIT_BURST: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.rateLimitBurst)
    .describe('Operations an API key or token may send at once after being idle.'),
  MAX_SUBSCRIPTIONS_PER_CONNECTION: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxSubscriptionsPerConnection)
    .describe('Open subscriptions per WebSocket connection.'),
  MAX_SUBSCRIPTIONS_PER_KEY: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxSubscriptionsPerKey)
    .describe('Open subscriptions per API key or token on one instance (WebSocket and SSE).'),
  MAX_WS_MESSAGE_BYTES: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.maxWebSocketMessageBytes)
    .describe('Largest WebSocket message, in bytes; a larger one closes the socket with 1009.'),
  CONNECTION_INIT_TIMEOUT_MS: positiveInt
    .default(DEFAULT_REQUEST_LIMITS.connectionInitTimeoutMs)
    .describe(
      'How long a WebSocket may take to send connection_init, in ms; then it is closed with 4408.',
    ),
  // Authentication
  API_KEY_CACHE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(2_000)
    .describe(
      'How long a verified API key is trusted before the database is asked again, in ms; bounds how long a revoked key keeps working for new requests.',
    ),
  REVOCATION_CHECK_MS: positiveInt
    .min(100)
    .max(60_000)
    .default(2_000)
    .describe(
      'How often the keys of open subscriptions are checked for revocation, in ms (one query per instance).',
    ),
  JWT_SECRET: z
    .string()
    .min(32, 'use at least 32 characters')
    .optional()
    .describe('Accept HS256/384/512 JWTs signed with this shared secret (besides API keys).'),
  JWT_JWKS_URL: z
    .url({ protocol: /^https?$/ })
    .optional()
    .describe(
      "Accept RS/PS/ES-signed JWTs verified with this identity provider's JWKS (instead of JWT_SECRET).",
    ),
  JWT_ISSUER: z.string().optional().describe('Required `iss` of accepted JWTs.'),
  JWT_AUDIENCE: z.string().optional().describe('Required `aud` of accepted JWTs.'),
  JWT_SCOPES_CLAIM: z
    .string()
    .min(1)
    .default('scope')
    .describe(
      'JWT claim with the scopes (read, write, trade, admin; space-separated or an array; a tradegraph: prefix is allowed).',
    ),
  JWT_STRATEGIES_CLAIM: z
    .string()
    .min(1)
    .default('tradegraph_strategies')
    .describe(
      'JWT claim listing the strategy ids a token is limited to; without it, every strategy.',
    ),
});

export type Config = Readonly<{
  databaseUrl: string | undefined;
  port: number;
  host: string;
  dataDir: string;
  migrateOnStart: boolean;
  demoData: 'auto' | 'true' | 'false';
  maxPageSize: number;
  defaultPageSize: number;
  dbPoolSize: number;
  /** Whether the row reader prepares its statements (see StatementNames). */
  dbPreparedStatements: boolean;
  /** Plain JSON POSTs skip whatwg-node's Request/Response objects (src/http/fast-path.ts). */
  httpFastPath: boolean;
  /** How long stopping lets requests in flight finish, in ms. */
  shutdownGraceMs: number;
  /** SQL statement timeout of the request pool in ms; 0: none. */
  statementTimeoutMs: number;
  requestLimits: Readonly<RequestLimits>;
  graphiql: boolean;
  production: boolean;
  surface: {
    corsOrigins: readonly string[];
    introspection: boolean;
    persistedOperations: PersistedOperationsMode;
    persistedOperationsManifests: readonly string[];
  };
  auth: {
    apiKeyCacheMs: number;
    revocationCheckMs: number;
    /** Set when JWT_SECRET or JWT_JWKS_URL is. */
    jwt?: JwtOptions;
  };
}>;

/** Descriptions and defaults of every environment variable, for documentation and `--help`. */
export const configVariables = Object.entries(configSchema.shape).map(([name, schema]) => ({
  name,
  description: schema.description ?? '',
}));

/**
 * Reads and validates the configuration once, at start. Throws one error that names every
 * invalid variable and what it expects, so a misconfigured gateway never half-starts.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const input = Object.fromEntries(
    Object.keys(configSchema.shape).map((name) => [name, emptyToUndefined(env[name])]),
  );
  const parsed = configSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `  ${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid configuration:\n${problems.join('\n')}`);
  }
  const value = parsed.data;
  if (value.DEFAULT_PAGE_SIZE > value.MAX_PAGE_SIZE) {
    throw new Error(
      `Invalid configuration:\n  DEFAULT_PAGE_SIZE (${value.DEFAULT_PAGE_SIZE}) must not exceed MAX_PAGE_SIZE (${value.MAX_PAGE_SIZE})`,
    );
  }
  if (value.JWT_SECRET && value.JWT_JWKS_URL) {
    throw new Error(
      "Invalid configuration:\n  JWT_SECRET, JWT_JWKS_URL: set one of them, not both (a shared secret or the identity provider's keys)",
    );
  }
  const production = value.NODE_ENV === 'production';
  if (production && !value.DATABASE_URL) {
    throw new Error(
      'Invalid configuration:\n  DATABASE_URL: required when NODE_ENV=production (the embedded PostgreSQL is for local use only)',
    );
  }
  return Object.freeze({
    databaseUrl: value.DATABASE_URL,
    port: value.PORT,
    host: value.HOST,
    dataDir: value.TRADEGRAPH_DATA_DIR,
    migrateOnStart: value.MIGRATE_ON_START,
    demoData: value.DEMO_DATA,
    maxPageSize: value.MAX_PAGE_SIZE,
    defaultPageSize: value.DEFAULT_PAGE_SIZE,
    dbPoolSize: value.DB_POOL_SIZE,
    dbPreparedStatements: value.DB_PREPARED_STATEMENTS,
    httpFastPath: value.HTTP_FAST_PATH,
    shutdownGraceMs: value.SHUTDOWN_GRACE_MS,
    statementTimeoutMs: value.STATEMENT_TIMEOUT_MS,
    requestLimits: Object.freeze({
      maxQueryDepth: value.MAX_QUERY_DEPTH,
      maxAliases: value.MAX_ALIASES,
      maxDirectives: value.MAX_DIRECTIVES,
      maxTokens: value.MAX_TOKENS,
      maxQueryCost: value.MAX_QUERY_COST,
      maxRequestBytes: value.MAX_REQUEST_BYTES,
      rateLimitPerMinute: value.RATE_LIMIT_PER_MINUTE,
      rateLimitBurst: value.RATE_LIMIT_BURST,
      maxSubscriptionsPerConnection: value.MAX_SUBSCRIPTIONS_PER_CONNECTION,
      maxSubscriptionsPerKey: value.MAX_SUBSCRIPTIONS_PER_KEY,
      maxWebSocketMessageBytes: value.MAX_WS_MESSAGE_BYTES,
      connectionInitTimeoutMs: value.CONNECTION_INIT_TIMEOUT_MS,
    }),
    graphiql: value.GRAPHIQL ?? !production,
    production,
    surface: {
      corsOrigins: value.CORS_ORIGINS,
      introspection: value.INTROSPECTION ?? value.GRAPHIQL ?? !production,
      persistedOperations: value.PERSISTED_OPERATIONS,
      persistedOperationsManifests: value.PERSISTED_OPERATIONS_MANIFESTS,
    },
    auth: {
      apiKeyCacheMs: value.API_KEY_CACHE_MS,
      revocationCheckMs: value.REVOCATION_CHECK_MS,
      jwt:
        value.JWT_SECRET || value.JWT_JWKS_URL
          ? {
              secret: value.JWT_SECRET,
              jwksUrl: value.JWT_JWKS_URL,
              issuer: value.JWT_ISSUER,
              audience: value.JWT_AUDIENCE,
              scopesClaim: value.JWT_SCOPES_CLAIM,
              strategiesClaim: value.JWT_STRATEGIES_CLAIM,
            }
          : undefined,
    },
  });
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
