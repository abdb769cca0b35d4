import { GraphQLError, type ValidationRule } from 'graphql';
import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

/** Refuses `__schema` and `__type` (not `__typename`, which clients need for unions). */
const noIntrospection: ValidationRule = (context) => ({
  Field(node) {
    if (!INTROSPECTION_FIELDS.has(node.name.value)) return;
    context.reportError(
      new GraphQLError(
        `Introspection (${node.name.value}) is disabled on this gateway. Use the published schema.graphql (or ask its operator to set INTROSPECTION=true).`,
        { nodes: node, extensions: { code: 'INTROSPECTION_DISABLED' } },
      ),
    );
  },
});

// graphql-js suggests names it knows ("Did you mean "orders"?"): with introspection off, that
// would let a client read the schema one typo at a time.
const SUGGESTION = / ?Did you mean .*\?$/s;

function withoutSuggestions(result: { errors?: readonly Error[] }): void {
  for (const error of result.errors ?? []) {
    if (SUGGESTION.test(error.message)) error.message = error.message.replace(SUGGESTION, '');
  }
}

type ResultPayload = Parameters<typeof handleStreamOrSingleExecutionResult>[0];

const removeSuggestions = (payload: ResultPayload) =>
  handleStreamOrSingleExecutionResult(payload, ({ result }) => withoutSuggestions(result));

// One hooks object for all operations: made per operation, its closure would be held (with its
// own name property, ~300 B under tsx) by every idle subscription.
const executionHooks = { onExecuteDone: removeSuggestions };
const subscriptionHooks = { onSubscribeResult: removeSuggestions };

/**
 * With introspection off: `__schema`/`__type` are refused (INTROSPECTION_DISABLED) and no error
 * suggests field, argument, type or enum value names. A validation rule, so it applies wherever
 * yoga's envelop validates: HTTP, SSE and graphql-ws alike.
 */
export function useDisableIntrospection(): Plugin {
  return {
    onValidate({ addValidationRule }) {
      addValidationRule(noIntrospection);
      return ({ result }) => withoutSuggestions({ errors: result });
    },
    // Variable values are checked at execution start: their errors may suggest enum values.
    onExecute: () => executionHooks,
    onSubscribe: () => subscriptionHooks,
  };
}
