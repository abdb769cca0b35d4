import type { Server } from 'node:http';
import { type ExecutionArgs, GraphQLError, getOperationAST } from 'graphql';
import { CloseCode } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import type { YogaServerInstance } from 'graphql-yoga';
import { WebSocketServer } from 'ws';
import { AuthenticationError } from './auth/authentication-error.ts';
import type { AuthenticatedServerContext } from './auth/authentication-plugin.ts';
import type { Authenticator } from './auth/authenticator.ts';
import type { CredentialWatch } from './auth/credential-watch.ts';
import type { Principal } from './auth/principal.ts';
import type { Context } from './context.ts';
import { InternedStrings } from './realtime/interned-strings.ts';

interface EnvelopedRoot {
  execute(args: ExecutionArgs): unknown;
  subscribe(args: ExecutionArgs): unknown;
}

/** What a connection remembers between messages. */
interface ConnectionState {
  principal?: Principal;
  stopWatching?: () => void;
}

export interface GraphQLWebSocketOptions {
  authenticator: Authenticator;
  credentials: CredentialWatch;
}

/**
 * Serves graphql-ws on the same port and path as HTTP. Every operation goes through yoga's
 * envelop pipeline (`getEnveloped`): the same parsing and validation caches, context, plugins
 * and error masking as over HTTP.
 *
 * A connection authenticates once, in `connection_init` (`connectionParams.authorization`);
 * refused credentials close it with 4403 and a reason naming the problem. When its key is
 * revoked or expires, the connection is closed the same way, ending its subscriptions.
 * Returns a function that closes the sockets.
 */
export function attachGraphQLWebSocket(
  server: Server,
  yoga: YogaServerInstance<AuthenticatedServerContext, Context>,
  options: GraphQLWebSocketOptions,
): () => Promise<void> {
  const webSockets = new WebSocketServer({ server, path: yoga.graphqlEndpoint });
  const states = new WeakMap<object, ConnectionState>();
  const stateOf = (extra: object) => {
    const state = states.get(extra) ?? {};
    states.set(extra, state);
    return state;
  };
  const queryTexts = new InternedStrings(1_000);
  const disposable = useServer(
    {
      execute: (args) => (args.rootValue as EnvelopedRoot).execute(args) as never,
      subscribe: (args) => (args.rootValue as EnvelopedRoot).subscribe(args) as never,
      onConnect: async (ctx) => {
        const { socket } = ctx.extra;
        try {
          const principal = await options.authenticator.fromConnectionParams(ctx.connectionParams);
          const state = stateOf(ctx.extra);
          state.principal = principal;
          state.stopWatching = options.credentials.watch(principal, (error) =>
            socket.close(CloseCode.Forbidden, closeReason(error.message)),
          );
          return true;
        } catch (error) {
          if (!(error instanceof AuthenticationError)) throw error;
          socket.close(CloseCode.Forbidden, closeReason(error.message));
          return false;
        }
      },
      onClose: (ctx) => {
        stateOf(ctx.extra).stopWatching?.();
      },
      onSubscribe: async (ctx, _id, payload) => {
        // graphql-ws keeps the payload for the subscription's lifetime: hold one copy of each
        // query text, not one per subscriber (thousands subscribe with the same document).
        (payload as { query: string }).query = queryTexts.intern(payload.query);
        const { principal } = stateOf(ctx.extra);
        const { schema, execute, subscribe, contextFactory, parse, validate } = yoga.getEnveloped({
          ...ctx,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
          principal,
        });
        let document: ExecutionArgs['document'];
        try {
          document = parse(payload.query);
        } catch (error) {
          return [error as never];
        }
        const errors = validate(schema, document);
        if (errors.length > 0) return errors;
        // As yoga answers over HTTP; graphql-ws would say "Unable to identify operation", uncoded.
        if (!getOperationAST(document, payload.operationName)) {
          return [
            new GraphQLError('Could not determine what operation to execute.', {
              extensions: { code: 'OPERATION_RESOLUTION_FAILURE' },
            }),
          ];
        }
        const args: ExecutionArgs = {
          schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await contextFactory(),
          rootValue: { execute, subscribe } satisfies EnvelopedRoot,
        };
        return args;
      },
    },
    webSockets,
  );
  return async () => {
    await disposable.dispose();
    await new Promise<void>((resolve) => webSockets.close(() => resolve()));
  };
}

/** A WebSocket close reason is at most 123 bytes of UTF-8. */
function closeReason(message: string): string {
  const bytes = Buffer.from(message);
  if (bytes.length <= 123) return message;
  return `${bytes
    .subarray(0, 120)
    .toString('utf8')
    .replace(/\uFFFD$/, '')}...`;
}
