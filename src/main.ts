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
  console.log('Press Ctrl-C to stop.');

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal} received, stopping ...`);
    const timer = setTimeout(() => {
      console.error('Shutdown took longer than 10 s; exiting.');
      process.exit(1);
    }, 10_000);
    timer.unref();
    await gateway.stop();
    console.log('Stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
