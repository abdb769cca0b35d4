import { createProgressBar } from './cli/progress-bar.ts';
import { loadConfig } from './config.ts';
import { startGateway } from './gateway.ts';

// `npm start`: reads the configuration, starts the gateway, and stops it cleanly on Ctrl-C or
// SIGTERM, including the embedded PostgreSQL.
async function main() {
  const config = loadConfig();
  const progress = createProgressBar(process.stderr);
  const gateway = await startGateway(config, {
    log: (line) => console.log(line),
    onDemoProgress: progress.update,
  });
  progress.done();
  console.log(
    `\nTradegraph is serving ${gateway.embedded ? 'the embedded database' : 'DATABASE_URL'}.`,
  );
  console.log(`  GraphQL endpoint: ${gateway.url}`);
  if (config.graphiql) console.log(`  GraphiQL:         open ${gateway.url} in a browser`);
  if (gateway.localAdminKey) printLocalAdminKey(gateway.localAdminKey);
  else if (gateway.noActiveKeys) {
    console.log(
      '\nNo usable API key exists yet: every request will be refused. Create one with\n  npm run keys -- create --name <name> --scopes read,write',
    );
  }
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping ...`);
    // Requests in flight get SHUTDOWN_GRACE_MS; closing the rest gets 10 s more.
    const limitMs = config.shutdownGraceMs + 10_000;
    const timer = setTimeout(() => {
      console.error(`Shutdown took longer than ${limitMs / 1000} s; exiting.`);
      process.exit(1);
    }, limitMs);
    timer.unref();
    await gateway.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

/** Shown once: the key is stored only as a hash, so this is the only chance to copy it. */
function printLocalAdminKey(secret: string) {
  console.log(`
Your local admin API key (shown only this once; copy it now):

  ${secret}

Every request needs it. In GraphiQL, open the Headers tab and paste:
  {"Authorization": "Bearer ${secret}"}
With curl:  -H 'Authorization: Bearer ${secret}'
Lost it? Create another: npm run keys -- create --name me --scopes read,write,trade,admin`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
