import type { ObjectRef } from '@pothos/core';
import { RequestCache } from '@pothos/plugin-scope-auth';
import { ForbiddenError } from '../auth/authorization.ts';
import { type AccessModel, limitWhere, mayAccessRow } from '../auth/strategy-access.ts';
import type { Context } from '../context.ts';
import type { EventStream } from '../realtime/event-log.ts';
import type { LiveEventPayload } from '../realtime/live-rows.ts';
import { subscribeToStream } from '../realtime/stream-subscription.ts';
import { builder } from './builder.ts';
import {
  EquitySnapshotFilter,
  EquitySnapshotNode,
  equitySnapshotWhere,
} from './equity-snapshot.ts';
import { FillFilter, FillNode, fillWhere } from './fill.ts';
import { OrderFilter, OrderNode, orderWhere } from './order.ts';
import { PositionFilter, PositionNode, positionWhere } from './position.ts';
import { PredictionFilter, PredictionNode, predictionWhere } from './prediction.ts';
import { SignalFilter, SignalNode, signalWhere } from './signal.ts';

type Types = typeof builder.$inferSchemaTypes;

const LiveOperationEnum = builder.enumType('LiveOperation', {
  description: 'What the committed write did to the row.',
  values: {
    INSERT: { description: 'The row was created.' },
    UPDATE: { description: 'The row was changed.' },
  } as const,
});

interface LiveStreamDefinition<Filter> {
  field: string;
  stream: EventStream;
  eventType: string;
  entityField: string;
  // biome-ignore lint/suspicious/noExplicitAny: node refs of different Prisma models
  node: ObjectRef<Types, any>;
  filter: PothosSchemaTypes.InputObjectRef<Types, Filter>;
  where: (filter: Filter | null | undefined) => object;
  /** Whose rows the stream carries: a strategy-limited key gets its strategies' events only. */
  model: AccessModel;
  description: string;
}

/**
 * A subscription to one event stream: `field(filter, after)` yields `{ cursor, operation,
 * <entity> }` for every committed row matching the filter, exactly once, in commit order;
 * `after` resumes right after a cursor the client received, with nothing missed.
 */
function liveStream<Filter>(definition: LiveStreamDefinition<Filter>) {
  const eventRef = builder.objectRef<LiveEventPayload>(definition.eventType).implement({
    description: `A committed ${definition.entityField} event, delivered once and in commit order.`,
    fields: (t) => ({
      cursor: t.exposeString('cursor', {
        description:
          'Opaque position of this event; subscribe again with `after` set to it to resume.',
      }),
      operation: t.field({
        type: LiveOperationEnum,
        description: 'Whether the row was created or changed.',
        resolve: (event) => event.operation,
      }),
      [definition.entityField]: t.field({
        type: definition.node,
        description: `The ${definition.entityField} as committed, with any relations you select.`,
        resolve: (event) => event.row as never,
      }),
    }),
  });
  builder.subscriptionField(definition.field, (t) =>
    t.field({
      type: eventRef,
      description: definition.description,
      args: {
        filter: t.arg({
          type: definition.filter,
          required: false,
          description:
            'Only events whose row matches all these conditions (as on the matching list).',
        }),
        after: t.arg.string({
          required: false,
          description:
            'Resume after this cursor: first everything committed since, then live events. Without it, only events committed from now on.',
        }),
      },
      subscribe: (_root, args, context) => {
        const live = requireLive(context);
        // Subscribing has been authorized (authorizeOnSubscribe): scope-auth's per-request cache
        // (five Maps) would stay with the context for the subscription's life. An event whose
        // execution checks scopes makes a new one.
        RequestCache.clearForContext(context);
        const stream = {
          stream: definition.stream,
          after: args.after,
          where: limitWhere(
            context.principal,
            definition.model,
            definition.where((args as { filter?: Filter | null }).filter),
          ),
        };
        // A subscription outlives the request that started it: end it when the caller's key
        // is revoked or expires. Over graphql-ws the connection's own watch closes the socket
        // (4403); a second watch per subscription would race it with an operation error, and
        // its never-aborted signal would be held by every idle subscription (~1 KB each).
        if (context.socket !== undefined) return subscribeToStream(live, stream);
        const revoked = new AbortController();
        return subscribeToStream(live, {
          ...stream,
          signal: revoked.signal,
          onEnd: context.credentials.watch(context.principal, (error) => revoked.abort(error)),
        });
      },
      resolve: (event, _args, context) => {
        // The stream's condition already keeps foreign rows out; this is the per-event check
        // that would catch a condition that did not.
        if (!mayAccessRow(context.principal, definition.model, event.row)) {
          throw new ForbiddenError(
            `This API key is limited to other strategies: it may not see this ${definition.entityField}.`,
          );
        }
        return event;
      },
    }),
  );
}

function requireLive(context: Context) {
  if (!context.live) throw new Error('Live subscriptions are not enabled on this app.');
  return context.live;
}

liveStream({
  field: 'signalCreated',
  stream: 'signal_created',
  model: 'signal',
  eventType: 'SignalCreatedEvent',
  entityField: 'signal',
  node: SignalNode,
  filter: SignalFilter,
  where: signalWhere,
  description: 'Each new signal, the moment its transaction commits.',
});
liveStream({
  field: 'signalUpdated',
  stream: 'signal_updated',
  model: 'signal',
  eventType: 'SignalUpdatedEvent',
  entityField: 'signal',
  node: SignalNode,
  filter: SignalFilter,
  where: signalWhere,
  description:
    'Each new or changed signal (status decisions, expiry, execution), as committed. Filter on statuses to follow approvals, for example.',
});
liveStream({
  field: 'fillCreated',
  stream: 'fill_created',
  model: 'fill',
  eventType: 'FillCreatedEvent',
  entityField: 'fill',
  node: FillNode,
  filter: FillFilter,
  where: fillWhere,
  description: 'Each new fill, the moment its transaction commits.',
});
liveStream({
  field: 'orderUpdated',
  stream: 'order_updated',
  model: 'order',
  eventType: 'OrderUpdatedEvent',
  entityField: 'order',
  node: OrderNode,
  filter: OrderFilter,
  where: orderWhere,
  description: 'Each new or changed order (status, fills), as committed.',
});
liveStream({
  field: 'positionUpdated',
  stream: 'position_updated',
  model: 'position',
  eventType: 'PositionUpdatedEvent',
  entityField: 'position',
  node: PositionNode,
  filter: PositionFilter,
  where: positionWhere,
  description: 'Each new or changed position (size, stops, P&L, close), as committed.',
});
liveStream({
  field: 'equitySnapshotCreated',
  stream: 'equity_snapshot_created',
  model: 'equitySnapshot',
  eventType: 'EquitySnapshotCreatedEvent',
  entityField: 'equitySnapshot',
  node: EquitySnapshotNode,
  filter: EquitySnapshotFilter,
  where: equitySnapshotWhere,
  description: 'Each new equity snapshot, as committed.',
});
liveStream({
  field: 'predictionCreated',
  stream: 'prediction_created',
  model: 'prediction',
  eventType: 'PredictionCreatedEvent',
  entityField: 'prediction',
  node: PredictionNode,
  filter: PredictionFilter,
  where: predictionWhere,
  description: 'Each new ML prediction, as committed.',
});
