import type { ValidationRule } from 'graphql';
import { queryTooComplex } from './limit-errors.ts';
import { measureOperation } from './operation-shape.ts';
import { formatCount, type RequestLimits } from './request-limits.ts';

type ShapeLimits = Pick<RequestLimits, 'maxQueryDepth' | 'maxAliases' | 'maxDirectives'>;

/**
 * A validation rule refusing operations nested deeper, or with more aliases or directives, than
 * the limits allow. As validation it runs for HTTP, SSE and graphql-ws alike, before anything
 * executes, and yoga caches its verdict per document.
 */
export function operationShapeRule(limits: ShapeLimits): ValidationRule {
  // Yoga's validation cache is keyed by rule names: name it after its limits.
  const name = `OperationShape_${limits.maxQueryDepth}_${limits.maxAliases}_${limits.maxDirectives}`;
  const rule: ValidationRule = (context) => ({
    OperationDefinition(operation) {
      const shape = measureOperation(context.getDocument(), operation);
      const label = operation.name ? `Operation "${operation.name.value}"` : 'The operation';
      if (shape.depth > limits.maxQueryDepth) {
        context.reportError(
          queryTooComplex(
            `${label} nests fields ${shape.depth} levels deep, above the limit of ${limits.maxQueryDepth}: select less deeply nested data and fetch the rest with another query (e.g. node(id:)).`,
          ),
        );
      }
      if (shape.aliases > limits.maxAliases) {
        context.reportError(
          queryTooComplex(
            `${label} uses ${formatCount(shape.aliases)} aliases, above the limit of ${limits.maxAliases}: use fewer aliases (filters such as ids: [...] fetch many rows in one field).`,
          ),
        );
      }
      if (shape.directives > limits.maxDirectives) {
        context.reportError(
          queryTooComplex(
            `${label} uses ${formatCount(shape.directives)} directives, above the limit of ${limits.maxDirectives}: use fewer @include/@skip directives.`,
          ),
        );
      }
      return false;
    },
  });
  Object.defineProperty(rule, 'name', { value: name });
  return rule;
}
