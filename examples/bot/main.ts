import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { runBot } from './run-bot.ts';

const USAGE = `Usage: npm run example:bot -- [options]

Follows approved signals of one strategy, records an order for each through the API,
follows its fills and prints the position and its P&L. Stop with Ctrl-C.

Options (each also read from the environment variable in brackets):
  --url <url>          GraphQL endpoint [TRADEGRAPH_URL] (default http://127.0.0.1:4000/graphql)
  --api-key <key>      API key with the read and trade scopes [TRADEGRAPH_API_KEY] (required)
  --strategy <name>    strategy to trade [BOT_STRATEGY] (default gal-friday-xrp)
  --quantity <dec>     order quantity, an exact decimal [BOT_QUANTITY]
  --persisted          send registered operation hashes, not query texts, for a gateway
                       with PERSISTED_OPERATIONS=only [BOT_PERSISTED=true]
  -h, --help           show this help`;

function readOptions() {
  try {
    return parseArgs({
      options: {
        url: { type: 'string', default: process.env.TRADEGRAPH_URL },
        'api-key': { type: 'string', default: process.env.TRADEGRAPH_API_KEY },
        strategy: { type: 'string', default: process.env.BOT_STRATEGY },
        quantity: { type: 'string', default: process.env.BOT_QUANTITY },
        persisted: { type: 'boolean', default: process.env.BOT_PERSISTED === 'true' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    process.exit(1);
  }
}

const { help, 'api-key': apiKey, ...values } = readOptions();
if (help) {
  console.log(USAGE);
  process.exit(0);
}
if (!apiKey) {
  console.error(
    `Give the bot an API key: --api-key <key> or TRADEGRAPH_API_KEY (the key npm start printed on its first start, or: npm run keys -- create --name bot --scopes read,trade).\n\n${USAGE}`,
  );
  process.exit(1);
}
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
try {
  await runBot({ ...values, apiKey, webSocketImpl: WebSocket, signal: abort.signal });
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
