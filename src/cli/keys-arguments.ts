/**
 * The command line of `npm run keys`, parsed without side effects (src/cli/keys.ts runs it).
 */
import { parseArgs } from 'node:util';
import { parseScopes, SCOPE_DESCRIPTIONS } from '../auth/api-scopes.ts';
import type { ApiScope } from '../generated/prisma/enums.ts';

export const KEYS_USAGE = `Usage:
  npm run keys -- create --name <name> --scopes <list> [--strategies <list>] [--expires <when>]
                         [--note <text>]
  npm run keys -- list [--active]
  npm run keys -- revoke <prefix|id>

Manages the API keys of the database npm start serves: DATABASE_URL if set, else the embedded
PostgreSQL of a running npm start (same TRADEGRAPH_DATA_DIR).

create   prints the new key's secret once: it is stored only as a hash and cannot be shown again
  --name <name>        unique among keys that are not revoked, e.g. bot-1
  --scopes <list>      comma-separated:${Object.entries(SCOPE_DESCRIPTIONS)
    .map(([scope, what]) => `\n                         ${scope.toLowerCase().padEnd(6)} ${what}`)
    .join('')}
  --strategies <list>  comma-separated strategy ids or names; default: all strategies
  --expires <when>     a duration (30d, 12h, 2w) or an ISO date/time; default: never
  --note <text>        a remark kept with the key
list     prints every key (prefix, name, scopes, strategies, dates, status), never secrets
  --active             only keys that are not revoked
revoke   stops a key at once; give its prefix (tg_AbCd1234) or id from the list
  -h, --help           show this help`;

/** A parsed `npm run keys` command line. */
export type KeysCommand =
  | { command: 'help' }
  | {
      command: 'create';
      name: string;
      scopes: ApiScope[];
      /** Strategy ids (digits) or names, as given; resolved against the database later. */
      strategies: string[];
      expiresAt?: Date;
      note?: string;
    }
  | { command: 'list'; activeOnly: boolean }
  | { command: 'revoke'; target: string };

const DURATION_UNITS_MS: Record<string, number> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};

/**
 * Parses `argv` (after `npm run keys --`); `now` anchors relative expiries. Throws an error that
 * names the flag and what it expects, for an unknown command or flag, a missing or bad value.
 */
export function parseKeysArguments(argv: readonly string[], now: Date = new Date()): KeysCommand {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    return { command: 'help' };
  }
  if (command !== 'create' && command !== 'list' && command !== 'revoke') {
    throw new Error(`Unknown command '${command}': use create, list or revoke. See --help.`);
  }
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(rest);
  } catch (error) {
    throw new Error(`${command}: ${(error as Error).message} See --help.`);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const allowed: string[] = {
    create: ['name', 'scopes', 'strategies', 'expires', 'note'],
    list: ['active'],
    revoke: [],
  }[command];
  for (const flag of Object.keys(values)) {
    if (!allowed.includes(flag)) throw new Error(`${command} takes no --${flag}. See --help.`);
  }
  if (command === 'revoke') {
    if (positionals.length !== 1 || !positionals[0]) {
      throw new Error('revoke needs exactly one key prefix or id, e.g. revoke tg_AbCd1234.');
    }
    return { command, target: positionals[0] };
  }
  if (positionals.length > 0) {
    throw new Error(`${command} takes no arguments besides flags (got ${positionals.join(' ')}).`);
  }
  if (command === 'list') return { command, activeOnly: values.active === true };
  if (!values.name?.trim()) throw new Error('create needs --name <name>, e.g. --name bot-1.');
  if (values.scopes === undefined) {
    throw new Error('create needs --scopes <list>, e.g. --scopes read,trade.');
  }
  let scopes: ApiScope[];
  try {
    scopes = parseScopes(values.scopes);
  } catch (error) {
    throw new Error(`--scopes: ${(error as Error).message}`);
  }
  const strategies = (values.strategies ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
  if (values.strategies !== undefined && strategies.length === 0) {
    throw new Error('--strategies: give strategy ids or names, or leave it out for all.');
  }
  return {
    command,
    name: values.name.trim(),
    scopes,
    strategies,
    ...(values.expires === undefined ? {} : { expiresAt: parseExpiry(values.expires, now) }),
    ...(values.note === undefined ? {} : { note: values.note }),
  };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      scopes: { type: 'string' },
      strategies: { type: 'string' },
      expires: { type: 'string' },
      note: { type: 'string' },
      active: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/**
 * `30d`, `12h`, `90m`, `2w` from `now`, or an ISO 8601 date (midnight UTC) or date-time (with
 * `Z` or an offset, so that the instant does not depend on the machine's time zone).
 */
export function parseExpiry(text: string, now: Date): Date {
  const duration = /^([1-9][0-9]{0,5})([mhdw])$/.exec(text.trim());
  let at: Date;
  if (duration) {
    at = new Date(
      now.getTime() + Number(duration[1]) * (DURATION_UNITS_MS[duration[2] ?? ''] ?? 0),
    );
  } else if (/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/.test(text)) {
    at = new Date(text);
  } else {
    throw new Error(
      `--expires: '${text}' is neither a duration (30d, 12h, 90m, 2w) nor an ISO date ` +
        '(2027-01-31) or date-time with a zone (2027-01-31T12:00:00Z).',
    );
  }
  if (Number.isNaN(at.getTime())) throw new Error(`--expires: '${text}' is not a valid date.`);
  if (at.getTime() <= now.getTime()) {
    throw new Error(`--expires: ${at.toISOString()} is not in the future.`);
  }
  return at;
}
