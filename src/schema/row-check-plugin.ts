import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import {
  defaultFieldResolver,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  isObjectType,
} from 'graphql';
import { strategyRowChecks } from './strategy-owned.ts';

type Resolver = GraphQLFieldResolver<unknown, unknown>;

/**
 * Field configs whose only scope check is their type's strategy row check, each with the
 * resolver scope-auth wraps (every other plugin's wrapping included).
 */
const resolversWithoutRowCheck = new WeakMap<object, Resolver>();

/**
 * Records, for every field of a strategy-owned type that has no scope check but the row check
 * (see strategy-owned.ts), the resolver scope-auth wraps: it must come right after the
 * scope-auth plugin. For a key without a strategy limit that check passes on every row, yet
 * scope-auth's machinery still ran per field of every row (a request cache lookup, closures, a
 * cache entry per row): over half of what the equity curve allocated. Operations of such keys
 * are compiled with these resolvers instead (see `withoutRowChecks`), which lets graphql-jit
 * read exposed columns inline, without a resolver call.
 *
 * The conditions mirror how plugin-scope-auth 4.2 builds a field's steps: then the field's
 * steps are exactly the type's row check and the resolver.
 */
export class RowCheckPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (this.onlyRowCheck(fieldConfig)) {
      resolversWithoutRowCheck.set(fieldConfig, resolver as Resolver);
    }
    return resolver;
  }

  private onlyRowCheck(fieldConfig: PothosOutputFieldConfig<Types>): boolean {
    const type = this.buildCache.getTypeConfig(fieldConfig.parentType);
    if (type.kind !== 'Object' || fieldConfig.declaringType) return false;
    const options = type.pothosOptions as Record<string, unknown>;
    const scopeAuth = this.builder.options.scopeAuth as { runScopesOnType?: boolean } | undefined;
    const field = fieldConfig.pothosOptions as Record<string, unknown>;
    return (
      strategyRowChecks.has(options.authScopes as object) &&
      options.grantScopes === undefined &&
      options.runScopesOnType === undefined &&
      scopeAuth?.runScopesOnType === undefined &&
      type.interfaces.every(
        (ref) => !this.buildCache.getTypeConfig(ref, 'Interface').pothosOptions.authScopes,
      ) &&
      field.authScopes === undefined &&
      field.grantScopes === undefined &&
      !field.skipTypeScopes &&
      fieldConfig.argMappers.length === 0
    );
  }
}

interface Swap {
  field: GraphQLField<unknown, unknown>;
  resolve: Resolver | undefined;
}

const swapsBySchema = new WeakMap<GraphQLSchema, Swap[]>();

/** The fields of `schema` recorded by the plugin, each with its resolver without the check. */
function swapsOf(schema: GraphQLSchema): Swap[] {
  let swaps = swapsBySchema.get(schema);
  if (!swaps) {
    swaps = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type)) continue;
      for (const field of Object.values(type.getFields())) {
        const resolve = resolversWithoutRowCheck.get(field.extensions.pothosConfig as object);
        if (!resolve) continue;
        // graphql-jit reads a field without a resolver inline, as graphql-js's default would.
        swaps.push({ field, resolve: resolve === defaultFieldResolver ? undefined : resolve });
      }
    }
    swapsBySchema.set(schema, swaps);
  }
  return swaps;
}

/**
 * Runs `compile` (synchronous: nothing else runs meanwhile) with the row-checked fields of
 * `schema` resolving without the check, and puts their resolvers back afterwards. Only for
 * operations of principals that pass every row check (see passesEveryRowCheck).
 */
export function withoutRowChecks<T>(schema: GraphQLSchema, compile: () => T): T {
  const swaps = swapsOf(schema);
  const saved = swaps.map(({ field }) => field.resolve);
  for (const { field, resolve } of swaps) field.resolve = resolve;
  try {
    return compile();
  } finally {
    swaps.forEach(({ field }, index) => {
      field.resolve = saved[index];
    });
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      rowCheck: RowCheckPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('rowCheck', RowCheckPlugin);
