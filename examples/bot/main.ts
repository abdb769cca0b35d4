import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { runBot } from './run-bot.ts';

// npm run example:bot -- --strategy gal-friday-xrp --url http://127.0.0.1:4000/graphql
const { values } = parseArgs({
  options: {
    url: { type: 'string', default: process.env.TRADEGRAPH_URL },
    strategy: { type: 'string', default: process.env.BOT_STRATEGY },
    quantity: { type: 'string', default: process.env.BOT_QUANTITY },
  },
});
const abort = new AbortController();
process.once('SIGINT', () => abort.abort());
process.once('SIGTERM', () => abort.abort());
await runBot({ ...values, webSocketImpl: WebSocket, signal: abort.signal });
