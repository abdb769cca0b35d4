import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { print } from 'graphql';
import {
  type TradegraphErrorEntry,
  TradegraphGraphQLError,
  TradegraphHttpError,
} from './errors.ts';
import { persistedQueryExtensions } from './persisted.ts';

const printed = new WeakMap<object, string>();

/** The query text of a document, printed once per document object. */
export function queryText(document: TypedDocumentNode<unknown, never>): string {
  let text = printed.get(document);
  if (text === undefined) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

interface ResponseBody {
  data?: unknown;
  errors?: TradegraphErrorEntry[];
}

/**
 * POSTs one query or mutation with the global `fetch`; `persisted` sends the registered hash of
 * the document instead of its text. Resolves to `data`; throws {@link TradegraphGraphQLError}
 * when the response carries errors (even with partial data) and {@link TradegraphHttpError}
 * when the answer is not a GraphQL response.
 */
export async function postGraphQL<TResult, TVariables>(
  url: string,
  headers: Record<string, string>,
  document: TypedDocumentNode<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
  persisted = false,
): Promise<TResult> {
  const operation = persisted
    ? { variables, extensions: persistedQueryExtensions(document as never) }
    : { query: queryText(document as never), variables };
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json',
      // A JSON body already proves this is no browser's forged form; the header says so plainly.
      'x-graphql-csrf': '1',
      ...headers,
    },
    body: JSON.stringify(operation),
    signal,
  });
  const text = await response.text();
  let body: ResponseBody | undefined;
  if ((response.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text) as ResponseBody;
    } catch {
      body = undefined;
    }
  }
  if (body?.errors?.length) throw new TradegraphGraphQLError(body.errors, body.data);
  if (!response.ok || !body || body.data == null)
    throw new TradegraphHttpError(response.status, text);
  return body.data as TResult;
}
