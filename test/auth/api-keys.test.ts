import * as crypto from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { ApiKeyError } from '../../src/auth/api-key-record.ts';
import { createApiKey, listApiKeys, revokeApiKey, verifyApiKey } from '../../src/auth/api-keys.ts';
import { ensureLocalAdminKey, LOCAL_ADMIN_KEY_NAME } from '../../src/auth/local-admin-key.ts';
import { resolveStrategyRefs } from '../../src/auth/strategy-refs.ts';
import { parseKeysArguments } from '../../src/cli/keys-arguments.ts';
import { formatKeysTable } from '../../src/cli/keys-table.ts';
import { upsertStrategy } from '../../src/writers/index.ts';
import { unique, useWriterDatabase } from '../writers/writer-db.ts';

// Wraps the real timingSafeEqual so a test can see that verification goes through it.
vi.mock('node:crypto', async (importOriginal) => {
  const original = await importOriginal<typeof import('node:crypto')>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

const db = useWriterDatabase();
const T0 = new Date('2026-11-22T10:00:00Z');
const later = (ms: number) => new Date(T0.getTime() + ms);

async function expectApiKeyError(promise: Promise<unknown>, code: string, message: RegExp) {
  const error = await promise.then(
    () => new Error('expected a refusal'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ApiKeyError);
  expect((error as ApiKeyError).code).toBe(code);
  expect((error as ApiKeyError).message).toMatch(message);
}

describe('createApiKey', () => {
  it('returns a tg_ secret once and stores only its hash', async () => {
    const { key, secret } = await createApiKey(db(), { name: unique('bot'), scopes: ['READ'] }, T0);
    expect(secret).toMatch(/^tg_[A-Za-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    expect(secret.startsWith(`${key.prefix}_`)).toBe(true);
    expect(Object.keys(key)).not.toContain('secretHash');
    const rows = await db().$queryRaw<{ row: string }[]>`
      SELECT t::text AS row, encode(secret_hash, 'hex') AS hash FROM api_keys t`;
    const randomPart = secret.slice(key.prefix.length + 1);
    for (const { row } of rows) {
      expect(row).not.toContain(randomPart);
      expect(row).not.toContain(Buffer.from(randomPart).toString('hex'));
    }
    const [stored] = await db().$queryRaw<{ hash: string }[]>`
      SELECT encode(secret_hash, 'hex') AS hash FROM api_keys WHERE id = ${key.id}`;
    expect(stored?.hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
  });

  it('names the unknown strategy id and accepts existing ones', async () => {
    const strategy = (await upsertStrategy(db(), { name: unique('strat') })).row;
    await expectApiKeyError(
      createApiKey(db(), {
        name: unique('bot'),
        scopes: ['TRADE'],
        strategyIds: [strategy.id, 987654321n],
      }),
      'UNKNOWN_STRATEGY',
      /no strategy with id 987654321 exists/,
    );
    const { key } = await createApiKey(db(), {
      name: unique('bot'),
      scopes: ['TRADE', 'READ'],
      strategyIds: [strategy.id, strategy.id],
    });
    expect(key.strategyIds).toEqual([strategy.id]);
    expect(key.scopes).toEqual(['READ', 'TRADE']);
  });

  it('refuses a second active key of the same name, but reuses a revoked one', async () => {
    const name = unique('bot');
    const first = await createApiKey(db(), { name, scopes: ['READ'] });
    await expectApiKeyError(
      createApiKey(db(), { name, scopes: ['READ'] }),
      'NAME_TAKEN',
      new RegExp(`already named '${name}'`),
    );
    await revokeApiKey(db(), first.key.prefix);
    const second = await createApiKey(db(), { name, scopes: ['READ'] });
    expect(second.key.prefix).not.toBe(first.key.prefix);
  });

  it('refuses no scopes, a blank name and an expiry in the past', async () => {
    await expectApiKeyError(createApiKey(db(), { name: 'x', scopes: [] }), 'INVALID', /scopes/);
    await expectApiKeyError(createApiKey(db(), { name: ' ', scopes: ['READ'] }), 'INVALID', /name/);
    await expectApiKeyError(
      createApiKey(db(), { name: 'x', scopes: ['READ'], expiresAt: later(-1) }, T0),
      'INVALID',
      /not in the future/,
    );
  });
});

describe('resolveStrategyRefs', () => {
  it('resolves names and ids, and names an unknown name', async () => {
    const strategy = (await upsertStrategy(db(), { name: unique('named') })).row;
    expect(await resolveStrategyRefs(db(), ['5', strategy.name])).toEqual([5n, strategy.id]);
    await expect(resolveStrategyRefs(db(), ['no-such-strategy'])).rejects.toThrow(
      "No strategy is named 'no-such-strategy'.",
    );
  });
});

describe('verifyApiKey', () => {
  it('accepts the secret, comparing hashes in constant time', async () => {
    const { key, secret } = await createApiKey(db(), { name: unique('bot'), scopes: ['READ'] }, T0);
    vi.mocked(crypto.timingSafeEqual).mockClear();
    const result = await verifyApiKey(db(), secret, later(1000));
    expect(result).toMatchObject({ ok: true, key: { id: key.id, scopes: ['READ'] } });
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(1);
  });

  it('tells malformed, unknown, revoked and expired apart', async () => {
    const { secret, key } = await createApiKey(db(), { name: unique('bot'), scopes: ['READ'] }, T0);
    expect(await verifyApiKey(db(), 'Bearer nonsense')).toEqual({ ok: false, reason: 'malformed' });
    expect(await verifyApiKey(db(), `${secret}x`)).toEqual({ ok: false, reason: 'malformed' });
    const wrongSecret = `${key.prefix}_${'A'.repeat(43)}`;
    expect(await verifyApiKey(db(), wrongSecret)).toEqual({ ok: false, reason: 'unknown' });
    const unknownPrefix = `tg_ZZZZZZZZ_${'A'.repeat(43)}`;
    expect(await verifyApiKey(db(), unknownPrefix)).toEqual({ ok: false, reason: 'unknown' });

    const expiring = await createApiKey(
      db(),
      { name: unique('bot'), scopes: ['READ'], expiresAt: later(60_000) },
      T0,
    );
    expect((await verifyApiKey(db(), expiring.secret, later(59_999))).ok).toBe(true);
    expect(await verifyApiKey(db(), expiring.secret, later(60_000))).toEqual({
      ok: false,
      reason: 'expired',
    });

    expect(await revokeApiKey(db(), key.id, later(5))).toMatchObject({ revoked: true });
    expect(await verifyApiKey(db(), secret, later(10))).toEqual({ ok: false, reason: 'revoked' });
    const again = await revokeApiKey(db(), key.prefix, later(20));
    expect(again.revoked).toBe(false);
    expect(again.key.revokedAt).toEqual(later(5));
  });

  it('records the last use at most once a minute', async () => {
    const { key, secret } = await createApiKey(db(), { name: unique('bot'), scopes: ['READ'] }, T0);
    const lastUsed = async () =>
      (await db().apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await verifyApiKey(db(), secret, later(1_000));
    expect(await lastUsed()).toEqual(later(1_000));
    const second = await verifyApiKey(db(), secret, later(30_000));
    expect(await lastUsed()).toEqual(later(1_000));
    expect(second).toMatchObject({ ok: true, key: { lastUsedAt: later(1_000) } });
    await verifyApiKey(db(), secret, later(61_000));
    expect(await lastUsed()).toEqual(later(61_000));
  });
});

describe('revokeApiKey', () => {
  it('names what it could not find', async () => {
    await expectApiKeyError(revokeApiKey(db(), 'tg_NotHere1'), 'NOT_FOUND', /tg_NotHere1/);
    await expectApiKeyError(revokeApiKey(db(), 'bot-1'), 'INVALID', /neither a key prefix/);
  });
});

describe('ensureLocalAdminKey', () => {
  it('creates the local admin key only when no key exists, even under concurrent starts', async () => {
    await db().apiKey.deleteMany();
    const results = await Promise.all([ensureLocalAdminKey(db()), ensureLocalAdminKey(db())]);
    const created = results.filter((result) => result.created);
    expect(created).toHaveLength(1);
    const [first] = created;
    if (!first?.created) throw new Error('unreachable');
    expect(first.key).toMatchObject({ name: LOCAL_ADMIN_KEY_NAME, strategyIds: [] });
    expect(first.key.scopes).toContain('ADMIN');
    expect((await verifyApiKey(db(), first.secret)).ok).toBe(true);
    await revokeApiKey(db(), first.key.id);
    expect(await ensureLocalAdminKey(db())).toEqual({ created: false });
    expect(await listApiKeys(db())).toHaveLength(1);
  });
});

describe('npm run keys arguments', () => {
  it('parses create with scopes, strategies and a relative or absolute expiry', () => {
    expect(
      parseKeysArguments(
        [
          'create',
          '--name',
          'bot-1',
          '--scopes',
          'read, TRADE',
          '--strategies',
          '1,gal',
          '--expires',
          '30d',
        ],
        T0,
      ),
    ).toEqual({
      command: 'create',
      name: 'bot-1',
      scopes: ['READ', 'TRADE'],
      strategies: ['1', 'gal'],
      expiresAt: later(30 * 86_400_000),
    });
    const absolute = parseKeysArguments(
      ['create', '--name=b', '--scopes=admin', '--expires', '2027-01-31'],
      T0,
    );
    expect(absolute).toMatchObject({ expiresAt: new Date('2027-01-31T00:00:00Z'), strategies: [] });
  });

  it('parses list, revoke and help', () => {
    expect(parseKeysArguments(['list', '--active'])).toEqual({ command: 'list', activeOnly: true });
    expect(parseKeysArguments(['revoke', 'tg_AbCd1234'])).toEqual({
      command: 'revoke',
      target: 'tg_AbCd1234',
    });
    expect(parseKeysArguments([])).toEqual({ command: 'help' });
    expect(parseKeysArguments(['create', '--help'])).toEqual({ command: 'help' });
  });

  it('says what is wrong with bad arguments', () => {
    const bad = (argv: string[]) => () => parseKeysArguments(argv, T0);
    expect(bad(['rotate'])).toThrow("Unknown command 'rotate': use create, list or revoke.");
    expect(bad(['create', '--scopes', 'read'])).toThrow('create needs --name <name>');
    expect(bad(['create', '--name', 'b'])).toThrow('create needs --scopes <list>');
    expect(bad(['create', '--name', 'b', '--scopes', 'read,fly'])).toThrow("Unknown scope 'fly'");
    expect(bad(['create', '--name', 'b', '--scopes', 'read', '--expires', 'soon'])).toThrow(
      "--expires: 'soon' is neither a duration",
    );
    expect(bad(['create', '--name', 'b', '--scopes', 'read', '--expires', '2020-01-01'])).toThrow(
      'is not in the future',
    );
    expect(bad(['create', '--name', 'b', '--scopes', 'read', '--colour'])).toThrow(/colour/);
    expect(bad(['list', '--name', 'b'])).toThrow('list takes no --name.');
    expect(bad(['revoke'])).toThrow('revoke needs exactly one key prefix or id');
  });
});

describe('the keys table', () => {
  it('shows prefix, name, scopes, strategies, dates and status, never a secret', async () => {
    const { secret } = await createApiKey(
      db(),
      { name: unique('table'), scopes: ['READ', 'WRITE'], expiresAt: later(3_600_000) },
      T0,
    );
    const table = formatKeysTable(await listApiKeys(db()), later(1));
    expect(table.split('\n')[0]).toMatch(
      /^prefix\s+name\s+scopes\s+strategies\s+created\s+expires\s+last used\s+status$/,
    );
    expect(table).toContain('read,write');
    expect(table).toContain('2026-11-22 11:00Z');
    expect(table).not.toContain(secret.slice(12));
  });
});
