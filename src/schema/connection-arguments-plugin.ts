import SchemaBuilder, {
  BasePlugin,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import type { GraphQLFieldResolver, GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.ts';
import { parseIdCursor } from './cursors.ts';
import { badUserInput } from './errors.ts';

interface ConnectionArgs {
  first?: number | null;
  last?: number | null;
  after?: string | null;
  before?: string | null;
}

/**
 * Checks the arguments of every connection field before it runs, so that top-level and nested
 * connections refuse the same mistakes with the same words: a page above the maximum size (which
 * Pothos would otherwise clamp silently, so a bot asking for 500 fills would believe 100 were
 * all), negative sizes, contradictory arguments, and cursors this API never issued.
 */
export class ConnectionArgumentsPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    if (!isConnectionField(fieldConfig)) return resolver;
    return (parent, args, context, info) => {
      checkConnectionArgs(args as ConnectionArgs, (context as Context).limits.maxPageSize, info);
      return resolver(parent, args, context, info);
    };
  }
}

/**
 * Arguments that cannot be used together, in the order they are reported. A list, not a closure
 * made per call: this runs for every connection of every parent row, and under tsx each named
 * closure also gets its name set when it is made.
 */
const CONFLICTS: ReadonlyArray<readonly [keyof ConnectionArgs, keyof ConnectionArgs]> = [
  ['first', 'last'],
  ['after', 'before'],
  ['first', 'before'],
  ['last', 'after'],
];

function checkConnectionArgs(args: ConnectionArgs, maxPageSize: number, info: GraphQLResolveInfo) {
  const field = `${info.parentType.name}.${info.fieldName}`;
  for (const name of ['first', 'last'] as const) {
    const value = args[name];
    if (value == null) continue;
    if (value < 0)
      throw badUserInput(
        `Argument "${name}" of ${field} must be a non-negative integer, got ${value}.`,
      );
    if (value > maxPageSize) {
      throw badUserInput(
        `Argument "${name}" of ${field} is ${value}, above the maximum page size of ${maxPageSize}. Ask for at most ${maxPageSize} and page on with "after"/"before".`,
      );
    }
  }
  for (const [a, b] of CONFLICTS) {
    if (args[a] != null && args[b] != null) {
      throw badUserInput(`Arguments "${a}" and "${b}" of ${field} cannot be used together.`);
    }
  }
  parseIdCursor(args.after, 'after');
  parseIdCursor(args.before, 'before');
}

function isConnectionField<Types extends SchemaTypes>(fieldConfig: PothosOutputFieldConfig<Types>) {
  const args = fieldConfig.args;
  return 'first' in args && 'last' in args && 'after' in args && 'before' in args;
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      connectionArguments: ConnectionArgumentsPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('connectionArguments', ConnectionArgumentsPlugin);
