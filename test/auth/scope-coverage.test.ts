import type { GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.ts';

interface PothosExtensions {
  pothosOptions?: { authScopes?: unknown; skipTypeScopes?: boolean };
}

/** The root fields that no scope guards: neither their own `authScopes` nor their type's. */
function unguardedFields(type: GraphQLObjectType | null | undefined): string[] {
  if (!type) return [];
  const typeScopes = (type.extensions as PothosExtensions).pothosOptions?.authScopes;
  return Object.values(type.getFields())
    .filter((field) => {
      const options = (field.extensions as PothosExtensions).pothosOptions ?? {};
      if (options.authScopes !== undefined) return false;
      return typeScopes === undefined || options.skipTypeScopes === true;
    })
    .map((field) => `${type.name}.${field.name}`);
}

describe('scope coverage', () => {
  it('guards every root field of the schema with a scope', () => {
    const roots = [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()];
    expect(roots.flatMap(unguardedFields)).toEqual([]);
  });

  it('needs read for queries and subscriptions, write for mutations, write or trade for orders', () => {
    const scopes = (type: GraphQLObjectType | null | undefined) =>
      (type?.extensions as PothosExtensions | undefined)?.pothosOptions?.authScopes;
    expect(scopes(schema.getQueryType())).toEqual({ read: true });
    expect(scopes(schema.getSubscriptionType())).toEqual({ read: true });
    expect(scopes(schema.getMutationType())).toEqual({ write: true });
    const mutations = schema.getMutationType()?.getFields() ?? {};
    for (const name of ['recordOrder', 'updateOrderStatus']) {
      const options = (mutations[name]?.extensions as PothosExtensions | undefined)?.pothosOptions;
      expect(options).toMatchObject({
        skipTypeScopes: true,
        authScopes: { write: true, trade: true },
      });
    }
  });
});
