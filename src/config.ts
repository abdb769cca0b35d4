import { z } from 'zod';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const positiveInt = z.coerce.number().int().positive();

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
  GRAPHIQL: booleanFlag
    .optional()
    .describe('Serve GraphiQL at /graphql. Default: on, except when NODE_ENV=production.'),
  NODE_ENV: z
    .enum(['development', 'production', 'test'])
    .default('development')
    .describe('Runtime mode.'),
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
  graphiql: boolean;
  production: boolean;
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
    graphiql: value.GRAPHIQL ?? !production,
    production,
  });
}

function emptyToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}
