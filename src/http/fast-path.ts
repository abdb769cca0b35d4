import type { IncomingMessage, ServerResponse } from 'node:http';
import { GraphQLError } from 'graphql';
import { createGraphQLError, getInstrumented, type Plugin } from 'graphql-yoga';
import { LightResponse, type WritableResponse, writeResponse } from './light-response.ts';
import { NodeRequest } from './node-request.ts';

type Hook = (payload: Record<string, unknown>) => unknown;
type AnyResponse = LightResponse | WritableResponse;
type ServerContext = Record<string, unknown>;

/**
 * The parts of yoga's server (the YogaServer behind createYoga's adapter, handed to plugins by
 * `onYogaInit`) that its own `handle` runs. Private in yoga's typings; this is yoga 5.24's shape.
 */
interface YogaServerInternals {
  graphqlEndpoint: string;
  fetchAPI: Record<string, unknown>;
  plugins: ReadonlyArray<Record<string, unknown> | null | undefined | false>;
  instrumentation?: Record<string, unknown>;
  onResultProcessHooks: Hook[];
  maskedErrorsOpts: {
    maskError: (error: unknown, message: string, isDev?: boolean) => Error;
    errorMessage: string;
    isDev?: boolean;
  } | null;
  logger: { debug(...args: unknown[]): void; error(...args: unknown[]): void };
  parseRequest(
    request: unknown,
    serverContext: ServerContext,
  ): unknown | Promise<{ response?: AnyResponse; requestParserResult?: unknown }>;
  getResultForParams(payload: { params: unknown; request: unknown }, context: object): unknown;
}

/** createYoga's adapter: a Node request listener with whatwg-node's `waitUntil`. */
export interface YogaAdapter {
  (req: IncomingMessage, res: ServerResponse): unknown;
  waitUntil(promise: Promise<void>): void;
}

export interface FastHttpPath {
  /** Place in yoga's plugin list: it only learns yoga's server, and changes nothing. */
  plugin: Plugin;
  /**
   * The Node request listener: the fast path for the requests it takes (see
   * {@link takesFastPath}), `yoga` itself for every other one.
   */
  listener(yoga: YogaAdapter): (req: IncomingMessage, res: ServerResponse) => void;
}

/**
 * Serves the common request — `POST /graphql`, a JSON body of declared length, a JSON answer —
 * through yoga's own pipeline without whatwg-node's Request and Response objects: the same
 * hooks in the same order as createYoga's adapter and yoga's `handle` (every `onRequest`, the
 * `request` instrumentation, yoga's `parseRequest` with every `onRequestParse`,
 * `getResultForParams` with `onParams`, envelop and `onExecutionResult`, every
 * `onResultProcess` with yoga's result processors, every `onResponse`), each handed a
 * {@link NodeRequest} and a `fetchAPI` whose Response is a {@link LightResponse}. The answer is
 * written with one `writeHead` and one `end`.
 *
 * What it skips is whatwg-node's work around the hooks, about a quarter of the gateway's CPU
 * on a `node(id)` request: a Request with its Headers, URL string, AbortController and three
 * listeners per request, the body read through a web stream, a Response with its Headers, and
 * proxies and promise wrappers around each. Other requests (GET, other paths or content types,
 * bodies without Content-Length, SSE or multipart answers asked for, WebSocket upgrades) go to
 * yoga unchanged; so does everything when a plugin instruments yoga's own phases (request
 * parsing, operations, result processing), which this path does not run.
 */
export function createFastHttpPath(): FastHttpPath {
  let server: YogaServerInternals | undefined;
  return {
    plugin: {
      onYogaInit({ yoga }) {
        server = yoga as unknown as YogaServerInternals;
      },
    },
    listener(yoga) {
      if (!server) throw new Error('The fast HTTP path plugin is not in the yoga server.');
      const serve = fastPathOf(server, yoga);
      if (!serve) return (req, res) => void yoga(req, res);
      const endpoint = server.graphqlEndpoint;
      return (req, res) => {
        if (takesFastPath(req, endpoint)) serve(req, res);
        else yoga(req, res);
      };
    },
  };
}

// Media types of an Accept header the fast path answers (yoga's regular result processor).
const JSON_ACCEPT = /^\s*application\/(graphql-response\+)?json\s*(;|$)/i;

/**
 * Whether the fast path serves `req`: a POST to exactly `endpoint` with a Host, a JSON content
 * type as yoga's JSON parser matches it, a Content-Length (no chunked body: the size limit
 * streams those), no upgrade, and no Accept or one listing only JSON types.
 */
export function takesFastPath(req: IncomingMessage, endpoint: string): boolean {
  if (req.method !== 'POST' || req.url !== endpoint) return false;
  const headers = req.headers;
  if (headers['content-length'] === undefined || headers['transfer-encoding'] !== undefined) {
    return false;
  }
  if (headers.host === undefined || headers.upgrade !== undefined) return false;
  // yoga's isContentTypeMatch: the first of a list, exactly or with parameters.
  const contentType = headers['content-type']?.split(',')[0];
  if (contentType !== 'application/json' && !contentType?.startsWith('application/json;')) {
    return false;
  }
  const accept = headers.accept;
  return accept === undefined || accept.split(',').every((type) => JSON_ACCEPT.test(type));
}

function fastPathOf(
  server: YogaServerInternals,
  yoga: YogaAdapter,
): ((req: IncomingMessage, res: ServerResponse) => void) | undefined {
  const phases = server.instrumentation;
  if (phases?.requestParse || phases?.operation || phases?.resultProcess) return undefined;
  // Unmasked errors are answered by yoga in ways the app never uses (app.ts always masks).
  const masking = server.maskedErrorsOpts;
  if (!masking) return undefined;
  const endpoint = server.graphqlEndpoint;
  const fetchAPI = { ...server.fetchAPI, Response: LightResponse };
  const onRequestHooks: Hook[] = [];
  const onResponseHooks: Hook[] = [];
  const instrumentations: Array<Record<string, unknown>> = [];
  for (const plugin of server.plugins) {
    if (!plugin) continue;
    if (typeof plugin.onRequest === 'function') onRequestHooks.push(plugin.onRequest as Hook);
    if (typeof plugin.onResponse === 'function') onResponseHooks.push(plugin.onResponse as Hook);
    const instrumentation = plugin.instrumentation as Record<string, unknown> | undefined;
    if (instrumentation) instrumentations.push(instrumentation);
  }
  const requestHooks = instrumentations.filter((instrumentation) => instrumentation.request);
  if (requestHooks.length > 1) return undefined;
  const requestInstrumentation = requestHooks[0]?.request;
  const waitUntil = (promise: Promise<void>) => yoga.waitUntil(promise);

  const handleError = (error: unknown): GraphQLError[] =>
    handleYogaError(error, masking, server.logger);

  /** yoga's processResult: the result processor its hooks choose, with the light Response. */
  const processResult = async (
    request: NodeRequest,
    initial: unknown,
    serverContext: ServerContext,
  ): Promise<AnyResponse> => {
    let result = initial;
    let processor: ((result: unknown, api: unknown, mediaType: string) => unknown) | undefined;
    let acceptedMediaType = '*/*';
    const acceptableMediaTypes: string[] = [];
    for (const hook of server.onResultProcessHooks) {
      const pending = hook({
        request,
        acceptableMediaTypes,
        result,
        setResult(next: unknown) {
          result = next;
        },
        resultProcessor: processor,
        setResultProcessor(next: typeof processor, mediaType: string) {
          processor = next;
          acceptedMediaType = mediaType;
        },
        serverContext,
      });
      if (isThenable(pending)) await pending;
    }
    if (!processor) {
      return new LightResponse(null, {
        status: 406,
        statusText: 'Not Acceptable',
        headers: { accept: acceptableMediaTypes.join('; charset=utf-8, ') },
      });
    }
    return (await processor(result, fetchAPI, acceptedMediaType)) as AnyResponse;
  };

  /** yoga's `handle`: parse, run (one operation or a batch), process; errors answered alike. */
  const handleGraphQL = async (
    request: NodeRequest,
    serverContext: ServerContext,
  ): Promise<AnyResponse> => {
    try {
      const parsed = (await server.parseRequest(request, serverContext)) as {
        response?: AnyResponse;
        requestParserResult?: unknown;
      };
      if (parsed.response) return parsed.response;
      const params = parsed.requestParserResult;
      const result = Array.isArray(params)
        ? await Promise.all(
            params.map((one) =>
              Promise.resolve()
                .then(() =>
                  server.getResultForParams({ params: one, request }, Object.create(serverContext)),
                )
                .catch((error: unknown) => ({ errors: handleError(error) })),
            ),
          )
        : await server.getResultForParams({ params, request }, serverContext);
      return await processResult(request, result, serverContext);
    } catch (error) {
      return processResult(request, { errors: handleError(error) }, serverContext);
    }
  };

  /** createServerAdapter's request handling: onRequest hooks, the handler, onResponse hooks. */
  const handleRequest = async (
    initial: NodeRequest,
    serverContext: ServerContext,
  ): Promise<AnyResponse> => {
    let request = initial;
    let handler: (request: NodeRequest, serverContext: ServerContext) => unknown = handleGraphQL;
    let response: AnyResponse | undefined;
    let url: URL | undefined;
    // Hooks read `url.pathname` and `url.search` of every request, which are known here (the
    // request is for exactly the endpoint); a URL is parsed only if one reads anything else.
    const urlView = new Proxy({} as URL, {
      get(_target, property) {
        if (property === 'pathname') return endpoint;
        if (property === 'search') return '';
        url ??= new URL(initial.url);
        return Reflect.get(url, property, url);
      },
    });
    for (const hook of onRequestHooks) {
      let ended = false;
      const pending = hook({
        request,
        setRequest(next: NodeRequest) {
          request = next;
        },
        serverContext,
        fetchAPI,
        url: urlView,
        requestHandler: handler,
        setRequestHandler(next: typeof handler) {
          handler = next;
        },
        endResponse(next: AnyResponse | undefined) {
          response = next;
          if (next) ended = true;
        },
      });
      if (isThenable(pending)) await pending;
      if (ended) break;
    }
    response ??= (await handler(request, serverContext)) as AnyResponse;
    for (const hook of onResponseHooks) {
      const pending = hook({
        request,
        response,
        serverContext,
        setResponse(next: AnyResponse) {
          response = next;
        },
        fetchAPI,
      });
      if (isThenable(pending)) await pending;
    }
    return response;
  };

  const instrumented = requestInstrumentation
    ? (request: NodeRequest, serverContext: ServerContext) =>
        getInstrumented({ request }).asyncFn(requestInstrumentation as never, handleRequest)(
          request,
          serverContext,
        ) as Promise<AnyResponse>
    : handleRequest;

  return (req, res) => {
    const request = new NodeRequest(req, res, `http://${req.headers.host}${req.url}`);
    const serverContext: ServerContext = { req, res, waitUntil };
    Promise.resolve()
      .then(() => instrumented(request, serverContext))
      .catch((error: Error & { status?: number }) => {
        return new LightResponse(error.stack || error.message || String(error), {
          status: error.status || 500,
        });
      })
      .then((response) => writeResponse(response, req, res))
      .catch((error: Error) => {
        console.error(`Unexpected error while handling request: ${error.message || error}`);
      });
  };
}

/** yoga's handleError (5.24) with masking on: errors thrown before or around execution. */
function handleYogaError(
  error: unknown,
  masking: NonNullable<YogaServerInternals['maskedErrorsOpts']>,
  logger: YogaServerInternals['logger'],
): GraphQLError[] {
  const errors = new Set<GraphQLError>();
  if (error != null && typeof error === 'object' && 'errors' in error) {
    for (const one of (error as { errors: unknown[] }).errors) {
      for (const handled of handleYogaError(one, masking, logger)) errors.add(handled);
    }
  } else if (isAbortError(error)) {
    logger.debug('Request aborted');
  } else {
    const masked = masking.maskError(error, masking.errorMessage, masking.isDev);
    if (masked !== error) logger.error(error);
    errors.add(
      masked instanceof GraphQLError
        ? masked
        : createGraphQLError(masked.message, { originalError: masked }),
    );
  }
  return [...errors];
}

/**
 * Whether a hook's result is to be awaited: most hooks answer synchronously, and awaiting a
 * plain value still costs a turn of the microtask queue.
 */
function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null | undefined)?.then === 'function';
}

function isAbortError(error: unknown): boolean {
  const candidate = error as { constructor?: { name?: string }; name?: string } | null;
  return (
    typeof error === 'object' &&
    candidate?.constructor?.name === 'DOMException' &&
    (candidate.name === 'AbortError' || candidate.name === 'TimeoutError')
  );
}
