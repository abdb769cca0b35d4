/**
 * The surface corpus: requests that probe what a gateway shows to browsers and strangers (CSRF,
 * introspection, persisted operations, request ids). Unlike the bad-input corpus, each case
 * names the gateway configuration it runs against; see surface-corpus.test.ts.
 */
import type { RawRequest } from './transports.ts';

/** Which gateway a case runs against. */
export type SurfaceApp = 'default' | 'noIntrospection' | 'persistedOnly';

export interface SurfaceCase {
  name: string;
  app: SurfaceApp;
  /** An operation, run over HTTP, SSE and graphql-ws. */
  operation?: Record<string, unknown>;
  /** A raw HTTP request without the test's default JSON content type (HTTP only). */
  raw?: RawRequest & { search?: string };
  expect: {
    code?: string;
    message?: RegExp;
    /** HTTP status (raw requests). */
    status?: number;
    /** The X-Request-Id the response must carry: a fresh UUID, or this value. */
    requestId?: 'fresh' | string;
  };
}

const TYPENAME = encodeURIComponent('{ __typename }');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const FRESH_ID = UUID;

const csrf = (name: string, raw: SurfaceCase['raw']): SurfaceCase => ({
  name,
  app: 'default',
  raw,
  expect: { code: 'CSRF_HEADER_REQUIRED', message: /X-GraphQL-CSRF/, status: 403 },
});

export const surfaceCases: SurfaceCase[] = [
  csrf('a GET without a CSRF header', { method: 'GET', search: `?query=${TYPENAME}` }),
  csrf('a GET for an event stream without a CSRF header', {
    method: 'GET',
    search: `?query=${TYPENAME}`,
    headers: { accept: 'text/event-stream' },
  }),
  csrf('a form POST without a CSRF header', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: `query=${TYPENAME}`,
  }),
  csrf('a multipart POST without a CSRF header', {
    method: 'POST',
    headers: { 'content-type': 'multipart/form-data; boundary=x' },
    body: '--x\r\nContent-Disposition: form-data; name="operations"\r\n\r\n{"query":"{ __typename }"}\r\n--x--\r\n',
  }),
  csrf('a text/plain POST without a CSRF header', {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8' },
    body: '{"query":"{ __typename }"}',
  }),
  {
    name: 'introspection of the schema when it is disabled',
    app: 'noIntrospection',
    operation: { query: '{ __schema { types { name } } }' },
    expect: { code: 'INTROSPECTION_DISABLED', message: /Introspection \(__schema\) is disabled/ },
  },
  {
    name: 'introspection of one type when it is disabled',
    app: 'noIntrospection',
    operation: { query: '{ __type(name: "Order") { fields { name } } }' },
    expect: { code: 'INTROSPECTION_DISABLED', message: /Introspection \(__type\) is disabled/ },
  },
  {
    name: 'a typo when introspection is disabled gets no suggestion',
    app: 'noIntrospection',
    operation: { query: '{ signal(first: 1) { totalCount } }' },
    expect: {
      code: 'GRAPHQL_VALIDATION_FAILED',
      message: /^Cannot query field "signal" on type "Query"\.$/,
    },
  },
  {
    name: 'a free-form query when only registered operations run',
    app: 'persistedOnly',
    operation: { query: '{ strategies { totalCount } }' },
    expect: { code: 'PERSISTED_OPERATION_REQUIRED', message: /only runs registered operations/ },
  },
  {
    name: 'an unknown operation hash',
    app: 'persistedOnly',
    operation: {
      query: '',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    },
    expect: { code: 'PERSISTED_OPERATION_NOT_FOUND', message: /No registered operation/ },
  },
  {
    name: 'an unknown documentId',
    app: 'persistedOnly',
    operation: { query: '', documentId: 'sha256:0123' },
    expect: { code: 'PERSISTED_OPERATION_NOT_FOUND', message: /"0123"/ },
  },
  {
    name: 'an X-Request-Id with spaces and a semicolon is replaced',
    app: 'default',
    raw: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'drop table; --' },
      body: '{"query":"{ __typename }"}',
    },
    expect: { status: 200, requestId: 'fresh' },
  },
  {
    name: 'an overlong X-Request-Id is replaced',
    app: 'default',
    raw: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'x'.repeat(500) },
      body: '{"query":"{ __typename }"}',
    },
    expect: { status: 200, requestId: 'fresh' },
  },
  {
    name: 'a sane X-Request-Id is echoed',
    app: 'default',
    raw: {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'lb-7f3a9c21.0042' },
      body: '{"query":"{ __typename }"}',
    },
    expect: { status: 200, requestId: 'lb-7f3a9c21.0042' },
  },
];
