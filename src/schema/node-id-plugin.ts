import SchemaBuilder, {
  BasePlugin,
  isThenable,
  type PothosOutputFieldConfig,
  type SchemaTypes,
} from '@pothos/core';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { GraphQLFieldResolver } from 'graphql';

type IdResolver = (parent: unknown, args: object, context: unknown, info: unknown) => unknown;

/**
 * Answers the `id` field of node types without a promise. plugin-relay's `globalID` resolver is
 * an async function, so every node's id cost a promise and graphql-jit's handling of an async
 * result (about 300 per signals page); the row already holds the id. The global id is made as
 * plugin-relay makes it with its default encoding, `base64("<Type>:<id>")`; an id read
 * asynchronously, or a custom `relay.encodeGlobalID`, leaves the field to plugin-relay.
 */
export class NodeIdPlugin<Types extends SchemaTypes> extends BasePlugin<Types> {
  override wrapResolve(
    resolver: GraphQLFieldResolver<unknown, Types['Context'], object>,
    fieldConfig: PothosOutputFieldConfig<Types>,
  ): GraphQLFieldResolver<unknown, Types['Context'], object> {
    const idOf = this.nodeIdOf(fieldConfig);
    if (!idOf) return resolver;
    const typename = fieldConfig.parentType;
    return (parent, args, context, info) => {
      const id = idOf(parent, args, context, info);
      if (isThenable(id)) return resolver(parent, args, context, info);
      return encodeGlobalID(typename, String(id));
    };
  }

  /** The node type's own id resolver when `fieldConfig` is its global id field. */
  private nodeIdOf(fieldConfig: PothosOutputFieldConfig<Types>): IdResolver | undefined {
    const relay = this.builder.options.relay as { idFieldName?: string; encodeGlobalID?: unknown };
    if (relay?.encodeGlobalID || fieldConfig.name !== (relay?.idFieldName ?? 'id')) return;
    const type = this.buildCache.getTypeConfig(fieldConfig.parentType);
    const isNode =
      type.kind === 'Object' &&
      type.interfaces.some((ref) => this.buildCache.getTypeConfig(ref).name === 'Node');
    const id = (type.pothosOptions as { id?: { resolve?: unknown } }).id;
    return isNode && typeof id?.resolve === 'function' ? (id.resolve as IdResolver) : undefined;
  }
}

declare global {
  export namespace PothosSchemaTypes {
    export interface Plugins<Types extends SchemaTypes> {
      nodeId: NodeIdPlugin<Types>;
    }
  }
}

SchemaBuilder.registerPlugin('nodeId', NodeIdPlugin);
