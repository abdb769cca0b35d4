/**
 * Builds each server's request bodies for the query mix: looks up ids, walks 49 pages to get the
 * deep cursor, derives node ids, and checks that every body answers without errors.
 */
import { POSTGRAPHILE, type QueryName, TRADEGRAPH } from './queries.ts';
import type { ServerName } from './servers.ts';

export const DEEP_PAGE = 50;
const NODE_SAMPLES = 200;

type Bodies = Record<QueryName, string[]>;

/** A server's endpoint and the headers each request sends (the API key for Tradegraph). */
interface Target {
  url: string;
  headers: Record<string, string>;
}

async function post({ url, headers }: Target, body: string): Promise<Record<string, unknown>> {
  const response = await fetch(url, { method: 'POST', headers, body });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok || json.errors || !json.data) {
    throw new Error(`${url} answered ${response.status}: ${JSON.stringify(json).slice(0, 500)}`);
  }
  return json.data as Record<string, unknown>;
}

const gql = (query: string, variables: object = {}) => JSON.stringify({ query, variables });

// biome-ignore lint/suspicious/noExplicitAny: walking untyped JSON responses
type Any = any;

/** Global ids are base64 of text holding the database id: swap in other ids. */
function idMaker(sample: string, databaseId: string): (id: number) => string {
  const text = Buffer.from(sample, 'base64').toString('utf8');
  const at = text.lastIndexOf(databaseId);
  if (at < 0) throw new Error(`cannot derive node ids from ${sample}`);
  return (id) =>
    Buffer.from(`${text.slice(0, at)}${id}${text.slice(at + databaseId.length)}`, 'utf8').toString(
      'base64',
    );
}

function randomIds(signals: number): number[] {
  return Array.from({ length: NODE_SAMPLES }, () => 1 + Math.floor(Math.random() * signals));
}

async function walk(
  url: Target,
  first: string,
  next: (cursor: string) => string,
  cursorOf: (data: Any) => string,
): Promise<string> {
  let cursor = cursorOf(await post(url, first));
  for (let page = 2; page < DEEP_PAGE; page++) cursor = cursorOf(await post(url, next(cursor)));
  return cursor;
}

export async function prepare(
  server: ServerName,
  endpoint: string,
  signals: number,
  headers: Record<string, string>,
): Promise<Bodies> {
  const url: Target = { url: endpoint, headers };
  const now = new Date();
  const from = new Date(now.getTime() - 30 * 86_400_000);
  let bodies: Bodies;
  if (server === 'tradegraph') {
    const signalsBody = (after: string | null) =>
      gql(TRADEGRAPH.signals, { name: 'bench-01', after });
    const cursor = await walk(url, signalsBody(null), signalsBody, (d: Any) => {
      return d.strategy.signals.pageInfo.endCursor;
    });
    const strategy = ((await post(url, gql(TRADEGRAPH.strategyId))) as Any).strategy.id;
    const sample = ((await post(url, gql(TRADEGRAPH.signalId))) as Any).signals.edges[0].node;
    const makeId = idMaker(sample.id, sample.databaseId);
    bodies = {
      signals: [signalsBody(null)],
      equity: [gql(TRADEGRAPH.equity, { strategy, from, to: now })],
      positions: [gql(TRADEGRAPH.positions)],
      node: randomIds(signals).map((id) => gql(TRADEGRAPH.node, { id: makeId(id) })),
      deepPage: [signalsBody(cursor)],
    };
  } else if (server === 'postgraphile') {
    // bench-01 is strategy row 1 (the seed's ids are explicit).
    const signalsBody = (after: string | null) =>
      gql(POSTGRAPHILE.signals, { strategyId: '1', after });
    const cursor = await walk(url, signalsBody(null), signalsBody, (d: Any) => {
      return d.strategy.signals.pageInfo.endCursor;
    });
    const sample = ((await post(url, gql(POSTGRAPHILE.signalId))) as Any).allSignals.nodes[0];
    const makeId = idMaker(sample.id, sample.rowId);
    bodies = {
      signals: [signalsBody(null)],
      equity: [gql(POSTGRAPHILE.equity, { strategyId: '1' })],
      positions: [gql(POSTGRAPHILE.positions)],
      node: randomIds(signals).map((id) => gql(POSTGRAPHILE.node, { id: makeId(id) })),
      deepPage: [signalsBody(cursor)],
    };
  } else {
    const floor = (query: string, params: unknown[]) => JSON.stringify({ query, params });
    const signalsBody = (after: string | null) => {
      const [time, id] = after ? after.split('|') : [null, null];
      return floor('signals', ['bench-01', time, id]);
    };
    const cursor = await walk(url, signalsBody(null), signalsBody, (d: Any) => {
      return d.strategy.signals.pageInfo.endCursor;
    });
    bodies = {
      signals: [signalsBody(null)],
      equity: [floor('equity', ['bench-01', from, now])],
      positions: [floor('positions', [])],
      node: randomIds(signals).map((id) => floor('node', [id])),
      deepPage: [signalsBody(cursor)],
    };
  }
  for (const list of Object.values(bodies)) {
    for (const body of list.slice(0, 3)) await post(url, body);
  }
  return bodies;
}
