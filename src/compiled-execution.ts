import {
  BREAK,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLOutputType,
  getNamedType,
  getOperationAST,
  isInterfaceType,
  isListType,
  isNonNullType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type Source,
  visit,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values.js';
import { type CompiledQuery, compileQuery, isCompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';
import type { Context } from './context.ts';
import { withoutRowChecks } from './schema/row-check-plugin.ts';
import { passesEveryRowCheck } from './schema/strategy-owned.ts';

/**
 * Queries and mutations run as code graphql-jit compiles once per parsed document and operation,
 * instead of graphql-js walking the document for every result: on the list queries this cuts
 * the gateway's CPU per request by a quarter to a third.
 *
 * graphql-js keeps the rest, so that what it answers stays its own:
 * - subscribing (the shared-subscription plugin and the open-subscription limit wrap its
 *   subscribe); each event of a subscription runs compiled, by src/realtime/compiled-events.ts
 *   with the cache and error rebuilding of this file;
 * - operations whose variables do not fit their types: they are refused with graphql-js's
 *   errors (graphql-jit's have other words and no `extensions`); checking the few variables of
 *   an operation twice costs far less than compiling saves;
 * - documents graphql-jit cannot compile, and documents using @skip or @include (see
 *   `conditionsFields`).
 *
 * Errors are rebuilt as graphql-js makes them (see `asGraphQLJsError`), so masking, codes,
 * request ids and locations are the same with and without compiling.
 *
 * Compiled operations are kept per parsed document (see `compiledQueryOf`).
 */
export function useCompiledExecution(): Plugin {
  return {
    onExecute({ args, setExecuteFn }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (!operation || operation.operation === 'subscription') return;
      const variables = getVariableValues(
        args.schema,
        operation.variableDefinitions ?? [],
        args.variableValues ?? {},
      );
      if (variables.errors) return;
      const principal = (args.contextValue as Partial<Context>).principal;
      const query = compiledQueryOf(
        args,
        principal !== undefined && passesEveryRowCheck(principal),
      );
      if (!query) return;
      setExecuteFn(async (executionArgs) => {
        const result = await query.query(
          executionArgs.rootValue,
          executionArgs.contextValue,
          executionArgs.variableValues,
        );
        return asGraphQLJsResult(result, executionArgs, operation);
      });
    },
  };
}

const compiled = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();
const compiledWithoutRowChecks = new WeakMap<DocumentNode, Map<string, CompiledQuery | null>>();

/**
 * The operation of `args` compiled by graphql-jit, or null when it cannot be compiled (graphql-js
 * then executes it and reports why with its own errors). Kept in a WeakMap on the parsed
 * document: compiled operations live exactly as long as yoga's parsed-document cache (an LRU of
 * bounded size) or a request or subscription keeps the document, so the cache is bounded by it
 * and needs no eviction of its own.
 *
 * `withoutRowCheck`: compiled without the strategy row check of strategy-owned types, only for a
 * principal that passes it on every row (see row-check-plugin.ts); kept apart from the checked one.
 */
export function compiledQueryOf(
  args: ExecutionArgs,
  withoutRowCheck = false,
): CompiledQuery | null {
  const cache = withoutRowCheck ? compiledWithoutRowChecks : compiled;
  let byOperation = cache.get(args.document);
  if (!byOperation) {
    byOperation = new Map();
    cache.set(args.document, byOperation);
  }
  const name = args.operationName ?? '';
  let query = byOperation.get(name);
  if (query === undefined) {
    query = conditionsFields(args.document)
      ? null
      : withoutRowCheck
        ? withoutRowChecks(args.schema, () => compile(args))
        : compile(args);
    byOperation.set(name, query);
  }
  return query;
}

function compile(args: ExecutionArgs): CompiledQuery | null {
  const result = compileQuery(args.schema, args.document, args.operationName ?? undefined, {
    // Errors are rebuilt with the original's stack (or a new one) anyway.
    disablingCapturingStackErrors: true,
  });
  return isCompiledQuery(result) ? result : null;
}

/**
 * Whether `document` uses @skip or @include. graphql-jit merges a field with its copies before
 * it weighs their conditions, so a copy left out by @include(if: false) still adds its
 * subfields (graphql-js leaves them out); such documents run on graphql-js.
 */
function conditionsFields(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Directive(node) {
      if (node.name.value === 'skip' || node.name.value === 'include') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/** The result graphql-js would give: `errors` first, each error a graphql-js GraphQLError. */
export function asGraphQLJsResult(
  result: ExecutionResult,
  args: ExecutionArgs,
  operation: OperationDefinitionNode,
): ExecutionResult {
  const source = args.document.loc?.source;
  if (!result.errors?.length) return { data: result.data };
  return {
    errors: firstPerNulledField(result.errors, args, operation).map((error) =>
      asGraphQLJsError(error, source),
    ),
    data: result.data,
  };
}

/**
 * When an error in a non-null field makes its nearest nullable ancestor null, graphql-js stops
 * completing that ancestor and reports that one error; graphql-jit completes every field and
 * reports them all (a row the key may not see refuses each of its fields). Of the errors that
 * made the same field null, only the first is kept.
 */
function firstPerNulledField(
  errors: readonly GraphQLError[],
  args: ExecutionArgs,
  operation: OperationDefinitionNode,
): readonly GraphQLError[] {
  if (errors.length < 2) return errors;
  const nulled = new Set<string>();
  return errors.filter((error) => {
    const path = error.path ?? [];
    const key = path.slice(0, nullableAncestorDepth(path, args, operation)).join('.');
    if (nulled.has(key)) return false;
    nulled.add(key);
    return true;
  });
}

interface Selections {
  type: GraphQLNamedType;
  selectionSet: SelectionSetNode;
}

/** How much of `path` leads to the nearest field or list item that may be null (0: `data`). */
function nullableAncestorDepth(
  path: readonly (string | number)[],
  args: ExecutionArgs,
  operation: OperationDefinitionNode,
): number {
  const root = args.schema.getRootType(operation.operation);
  if (!root) return 0;
  let depth = 0;
  let type: GraphQLOutputType = root;
  let selections: Selections[] = [{ type: root, selectionSet: operation.selectionSet }];
  for (const [index, key] of path.entries()) {
    if (typeof key === 'number') {
      if (!isListType(type)) return depth;
      type = type.ofType;
    } else {
      const field = fieldAt(key, selections, args);
      if (!field) return depth;
      type = field.type;
      selections = field.selections;
    }
    if (isNonNullType(type)) type = type.ofType;
    else depth = index + 1;
  }
  return depth;
}

/** The type of the field answered as `responseKey` and the selections under it. */
function fieldAt(
  responseKey: string,
  selections: Selections[],
  args: ExecutionArgs,
): { type: GraphQLOutputType; selections: Selections[] } | undefined {
  let type: GraphQLOutputType | undefined;
  const below: Selections[] = [];
  const visit = (parent: GraphQLNamedType, selectionSet: SelectionSetNode) => {
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if ((selection.alias ?? selection.name).value !== responseKey) continue;
        if (!isObjectType(parent) && !isInterfaceType(parent)) continue;
        const definition = parent.getFields()[selection.name.value];
        if (!definition) continue;
        type ??= definition.type;
        const named = getNamedType(definition.type);
        if (selection.selectionSet)
          below.push({ type: named, selectionSet: selection.selectionSet });
      } else {
        const fragment =
          selection.kind === Kind.INLINE_FRAGMENT
            ? selection
            : args.document.definitions.find(
                (definition): definition is FragmentDefinitionNode =>
                  definition.kind === Kind.FRAGMENT_DEFINITION &&
                  definition.name.value === selection.name.value,
              );
        if (!fragment) continue;
        const condition = fragment.typeCondition
          ? args.schema.getType(fragment.typeCondition.name.value)
          : parent;
        visit(condition ?? parent, fragment.selectionSet);
      }
    }
  };
  for (const { type: parent, selectionSet } of selections) visit(parent, selectionSet);
  return type ? { type, selections: below } : undefined;
}

/**
 * graphql-jit's errors carry `locations` but no source or positions, from which yoga (and
 * src/mask-error.ts) rebuild an error: they would lose the locations. graphql-js gives each
 * error the source and positions of its field nodes, and for errors of its own (a null in a
 * non-null field) a plain Error as `originalError`, which makes them unexpected (masked); a
 * graphql-jit error of its own has none, which would make it look caused by the request.
 */
function asGraphQLJsError(error: GraphQLError, source: Source | undefined): GraphQLError {
  // The locations are of the document's own nodes, so each line is in its source.
  const positions =
    source && error.locations
      ? error.locations.map(({ line, column }) => (lineStarts(source)[line - 1] ?? 0) + column - 1)
      : undefined;
  return new GraphQLError(error.message, {
    source: positions ? source : undefined,
    positions,
    path: error.path,
    originalError: error.originalError ?? new Error(error.message),
    extensions: error.extensions,
  });
}

const lineStartsBySource = new WeakMap<Source, number[]>();

/** Offsets at which each line of the source starts, with graphql-js's line breaks. */
function lineStarts(source: Source): number[] {
  let starts = lineStartsBySource.get(source);
  if (!starts) {
    starts = [0];
    for (const match of source.body.matchAll(/\r\n|[\n\r]/g)) {
      starts.push(match.index + match[0].length);
    }
    lineStartsBySource.set(source, starts);
  }
  return starts;
}
