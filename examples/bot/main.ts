import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { runBot } from './run-bot.ts';

const USAGE = `Usage: npm run example:bot -- [options]

Follows approved signals of one strategy, records an order for each through the API,
follows its fills and prints the position and its P&L. Stop with Ctrl-C.

Options (each also read from the environment variable in brackets):
  --url <url>          GraphQL endpoint [TRADEGRAPH_URL] (default http://127.0.0.1:4000/graphql)
  --strategy <name>    strategy to trade [BOT_STRATEGY] (default gal-friday-xrp)
  --quantity <dec>     order quantity, an exact decimal [BOT_QUANTITY]
  -h, --help           show this help`;

function readOptions() {
  try {
    return parseArgs({
      options: {
        url: { type: 'string', default: process.env.TRADEGRAPH_URL },
        strategy: { type: 'string', default: process.env.BOT_STRATEGY },
        quantity: { type: 'string', default: process.env.BOT_QUANTITY },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(1);
  }
}

const { help, ...values } = readOptions();
if (help) {
  console.log(USAGE);
  process.exit(0);
}
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
try {
  await runBot({ ...values, webSocketImpl: WebSocket, signal: abort.signal });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
