import { readdirSync, readFileSync } from 'node:fs';
import { type DocumentNode, getIntrospectionQuery, Kind, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { TRADEGRAPH } from '../../bench/queries.ts';
import { measureOperation } from '../../src/limits/operation-shape.ts';
import { operationCost } from '../../src/limits/query-cost.ts';
import { DEFAULT_REQUEST_LIMITS } from '../../src/limits/request-limits.ts';
import { schema } from '../../src/schema/index.ts';

const limits = DEFAULT_REQUEST_LIMITS;
const pages = { maxPageSize: 100, defaultPageSize: 20 };

/** Every operation of a document with its measures under the default limits. */
function measures(
  document: DocumentNode,
  variables: Record<string, unknown> = {},
  pageLimits = pages,
) {
  return document.definitions
    .filter((definition) => definition.kind === Kind.OPERATION_DEFINITION)
    .map((operation) => ({
      name: operation.name?.value ?? 'anonymous',
      ...measureOperation(document, operation),
      cost: operationCost(schema, document, operation, variables, pageLimits),
    }));
}

function expectWithinDefaults(measured: ReturnType<typeof measures>) {
  for (const operation of measured) {
    expect(operation.depth, operation.name).toBeLessThanOrEqual(limits.maxQueryDepth);
    expect(operation.aliases, operation.name).toBeLessThanOrEqual(limits.maxAliases);
    expect(operation.directives, operation.name).toBeLessThanOrEqual(limits.maxDirectives);
    expect(operation.cost, operation.name).toBeLessThanOrEqual(limits.maxQueryCost);
  }
}

const parseWithinTokens = (source: string) => parse(source, { maxTokens: limits.maxTokens });

describe('the default limits', () => {
  it("accept every operation of the typed client (and so the example bot's)", () => {
    const folder = new URL('../../src/client/operations/', import.meta.url);
    const source = readdirSync(folder)
      .filter((file) => file.endsWith('.graphql'))
      .map((file) => readFileSync(new URL(file, folder), 'utf8'))
      .join('\n');
    const measured = measures(parseWithinTokens(source), { first: 100 });
    expect(measured.length).toBeGreaterThan(10);
    expectWithinDefaults(measured);
  });

  it("accept GraphiQL's introspection query, not counting it for depth or cost", () => {
    const measured = measures(parseWithinTokens(getIntrospectionQuery({ descriptions: true })));
    expectWithinDefaults(measured);
    expect(measured[0]).toMatchObject({ depth: 0, cost: 0 });
  });

  it('accept the benchmark mix, whose deepest query is 11 levels and costs about 13,300', () => {
    const benchPages = { maxPageSize: 1000, defaultPageSize: 20 };
    const all = Object.values(TRADEGRAPH).flatMap((query) =>
      measures(parseWithinTokens(query), {}, benchPages),
    );
    expectWithinDefaults(all);
    const signals = measures(parse(TRADEGRAPH.signals), {}, benchPages)[0];
    expect(signals).toMatchObject({ depth: 11, cost: 13_255 });
  });
});
