import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { type GraphQLObjectType, graphql } from 'graphql';
import { describe, expect, it } from 'vitest';
import { withoutRowChecks } from '../src/schema/row-check-plugin.ts';
import { strategyRowChecks } from '../src/schema/strategy-owned.ts';

interface Row {
  strategyId: number;
  symbol: string;
  secret: string;
}

/** A schema with one strategy-owned type: the row check, as strategyOwned makes it. */
function buildSchema() {
  const builder = new SchemaBuilder<{
    Context: { strategyIds: number[] | null };
    AuthScopes: { admin: boolean; strategy: number };
  }>({
    // plugin-prisma's global types (the app's builder loads it) ask for `prisma` options.
    prisma: undefined as never,
    plugins: [ScopeAuthPlugin, 'rowCheck'],
    scopeAuth: {
      authScopes: (context) => ({
        admin: false,
        strategy: (id: number) => context.strategyIds?.includes(id) ?? true,
      }),
    },
  });
  const rowCheck = (row: Row) => ({ strategy: row.strategyId });
  strategyRowChecks.add(rowCheck);
  const Owned = builder.objectRef<Row>('Owned').implement({
    authScopes: rowCheck,
    fields: (t) => ({
      symbol: t.exposeString('symbol'),
      upper: t.string({ resolve: (row) => row.symbol.toUpperCase() }),
      secret: t.exposeString('secret', { authScopes: { admin: true } }),
    }),
  });
  const Plain = builder.objectRef<Row>('Plain').implement({
    fields: (t) => ({ symbol: t.exposeString('symbol') }),
  });
  builder.queryType({
    fields: (t) => ({
      owned: t.field({
        type: Owned,
        resolve: () => ({ strategyId: 7, symbol: 'btc', secret: 's' }),
      }),
      plain: t.field({
        type: Plain,
        resolve: () => ({ strategyId: 7, symbol: 'btc', secret: '' }),
      }),
    }),
  });
  return builder.toSchema();
}

describe('the row check plugin', () => {
  it('takes only the row check off fields that have no other scope check', async () => {
    const schema = buildSchema();
    const fields = (name: string) => (schema.getType(name) as GraphQLObjectType).getFields();
    const before = Object.values(fields('Owned')).map((field) => field.resolve);
    const secretBefore = fields('Owned').secret?.resolve;
    const during = withoutRowChecks(schema, () => ({
      symbol: fields('Owned').symbol?.resolve,
      upper: fields('Owned').upper?.resolve,
      secret: fields('Owned').secret?.resolve,
      plain: fields('Plain').symbol?.resolve,
      upperAnswer: fields('Owned').upper?.resolve?.(
        { symbol: 'eth' },
        {},
        { strategyIds: [1] },
        {} as never,
      ),
    }));
    // An exposed column has no resolver left: graphql-jit reads it inline.
    expect(during.symbol).toBeUndefined();
    // Its own resolver, without the check: a limited context no longer matters.
    expect(during.upperAnswer).toBe('ETH');
    // A field with scopes of its own keeps scope-auth's wrapper; other types are untouched.
    expect(during.secret).toBe(secretBefore);
    expect(during.plain).toBeUndefined();
    expect(Object.values(fields('Owned')).map((field) => field.resolve)).toEqual(before);
  });

  it('leaves the checks in place outside the compile it wraps', async () => {
    const schema = buildSchema();
    const result = await graphql({
      schema,
      source: '{ owned { symbol upper } }',
      contextValue: { strategyIds: [1] },
    });
    expect(result.data).toEqual({ owned: { symbol: null, upper: null } });
    expect(result.errors?.[0]?.message).toMatch(/Not authorized/);
  });
});
