/**
 * Bad-input corpus cases for the request limits: deep, wide, aliased, long and costly
 * operations, oversized bodies and WebSocket messages, and a flood past the rate limit. They
 * run against the default limits (src/limits/request-limits.ts), except the flood, which goes
 * to an app of its own with a small rate limit (see `FLOOD_LIMITS`).
 */
import type { Case, Expected } from './corpus.ts';

/** The rate limit of the flood case's app: small, so a few requests reach it. */
export const FLOOD_LIMITS = { rateLimitPerMinute: 60, rateLimitBurst: 5 };

const op = (query: string, variables?: Record<string, unknown>) => () => ({ query, variables });
const TOO_COMPLEX = (message: RegExp): Expected => ({ code: 'QUERY_TOO_COMPLEX', message });

/** `count` fields of a kind, separated by spaces. */
const repeat = (count: number, field: (index: number) => string) =>
  Array.from({ length: count }, (_, index) => field(index)).join(' ');

/** Every scalar field of a fill (15). */
const FILL_FIELDS =
  'id databaseId createdAt exchange exchangeFillId executedAt fee feeAsset liquidity metadata mode price quantity side symbol';

export const limitCases: Case[] = [
  {
    name: 'a query nested 14 levels deep',
    operation: op(
      '{ strategies { edges { node { signals { edges { node { orders { edges { node { fills { edges { node { order { id } } } } } } } } } } } } } }',
    ),
    expect: TOO_COMPLEX(/nests fields 14 levels deep, above the limit of 12/),
  },
  {
    name: 'a query nested too deep through fragments',
    operation: op(`{ signals { ...S } }
      fragment S on SignalConnection { edges { node { orders { ...O } } } }
      fragment O on OrderConnection { edges { node { fills { ...F } } } }
      fragment F on FillConnection { edges { node { order { signal { strategy { name } } } } } }`),
    expect: TOO_COMPLEX(/nests fields 13 levels deep, above the limit of 12/),
  },
  {
    name: 'a query with 31 aliases',
    operation: op(`{ ${repeat(31, (i) => `a${i}: __typename`)} }`),
    expect: TOO_COMPLEX(/uses 31 aliases, above the limit of 30/),
  },
  {
    name: 'aliases multiplied by spreading a fragment',
    operation: op(
      `{ ...A ...A ...A } fragment A on Query { ${repeat(11, (i) => `a${i}: __typename`)} }`,
    ),
    expect: TOO_COMPLEX(/uses 33 aliases, above the limit of 30/),
  },
  {
    name: 'a wide query: 40 aliased pages of fills',
    operation: op(`{ ${repeat(40, (i) => `p${i}: fills(first: 100) { totalCount }`)} }`),
    expect: TOO_COMPLEX(/uses 40 aliases, above the limit of 30/),
  },
  {
    // 25 pages of 100 rows of 21 fields (edges, node, 15 scalars, order and strategy ids)
    name: 'a wide query within the alias limit but over the cost',
    operation: op(
      `{ ${repeat(25, (i) => `p${i}: fills(first: 100) { edges { node { ${FILL_FIELDS} order { id } strategy { id } } } }`)} }`,
    ),
    expect: TOO_COMPLEX(/^Query cost 52,525 exceeds the limit of 50,000: ask for smaller pages/),
  },
  {
    name: 'a document of more than 2,000 tokens',
    operation: op(`{ ${repeat(2_100, () => '__typename')} }`),
    expect: TOO_COMPLEX(/more than 2,000 tokens, the limit: send a shorter query/),
  },
  {
    name: 'three nested full pages',
    operation: op(
      '{ signals(first: 100) { edges { node { orders(first: 100) { edges { node { fills(first: 100) { edges { node { id } } } } } } } } } }',
    ),
    expect: TOO_COMPLEX(/^Query cost 3,030,301 exceeds the limit of 50,000/),
  },
  {
    name: 'nested full pages with the page sizes in variables',
    operation: op(
      'query($n: Int!, $m: Int = 100) { signals(first: $n) { edges { node { orders(last: $m) { edges { node { id clientOrderId status } } } } } } }',
      { n: 100 },
    ),
    expect: TOO_COMPLEX(/^Query cost 50,301 exceeds the limit of 50,000/),
  },
  {
    name: 'a subscription selecting nested full pages',
    operation: op(
      'subscription { signalCreated { signal { orders(first: 100) { edges { node { fills(first: 100) { edges { node { id price quantity } } } } } } } } }',
    ),
    expect: TOO_COMPLEX(/^Query cost 50,303 exceeds the limit of 50,000/),
  },
  {
    name: 'a page size over the maximum in a variable',
    operation: op('query($first: Int) { fills(first: $first) { totalCount } }', { first: 1_000 }),
    expect: {
      code: 'BAD_USER_INPUT',
      message: /"first" of Query\.fills is 1000, above the maximum page size of 100/,
    },
  },
  {
    name: 'a query with 51 directives',
    operation: op(`{ ${repeat(51, () => '__typename @include(if: true)')} }`),
    expect: TOO_COMPLEX(/uses 51 directives, above the limit of 50: use fewer @include\/@skip/),
  },
  {
    name: 'a request body over 1 MiB',
    raw: { body: JSON.stringify({ query: `{ __typename } #${'x'.repeat(1024 * 1024)}` }) },
    expect: {
      code: 'PAYLOAD_TOO_LARGE',
      message: /^The request body is larger than 1,048,576 bytes, the limit/,
      status: 413,
    },
  },
  {
    name: 'a variables object over 1 MiB',
    raw: {
      body: JSON.stringify({
        query: 'query($name: String) { strategy(name: $name) { id } }',
        variables: { name: 'x'.repeat(1024 * 1024) },
      }),
    },
    expect: { code: 'PAYLOAD_TOO_LARGE', message: /larger than 1,048,576 bytes/, status: 413 },
  },
  {
    name: 'a WebSocket message over 1 MiB',
    webSocketMessages: [
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: `{ __typename } #${'x'.repeat(1024 * 1024)}` },
      }),
    ],
    // 1009 is the WebSocket's own "message too big"; ws closes before reading it, without text.
    expect: { code: '1009', message: /^$/ },
  },
  {
    name: 'a flood of requests past the rate limit',
    flood: FLOOD_LIMITS.rateLimitBurst,
    operation: op('{ __typename }'),
    expect: {
      code: 'RATE_LIMITED',
      message:
        /^Rate limit exceeded: at most 60 operations per minute \(bursts of 5\) per API key or token\. Retry in \d+ s/,
      status: 429,
    },
  },
];
