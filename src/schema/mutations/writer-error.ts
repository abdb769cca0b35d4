import { encodeGlobalID } from '@pothos/plugin-relay';
import { WriterError } from '../../writers/index.ts';
import { builder } from '../builder.ts';

/** What every typed error result has in common, so clients can select `... on Error`. */
export const ErrorInterface = builder.interfaceRef<Error>('Error').implement({
  description: 'A refusal returned as data: the request was understood, the write was not done.',
  fields: (t) => ({
    message: t.exposeString('message', {
      description: 'What was wrong and how to fix it, in plain words.',
    }),
  }),
});

export const WriterErrorCodeEnum = builder.enumType('WriterErrorCode', {
  description: 'What kind of refusal a `WriterError` is.',
  values: {
    NOT_FOUND: {
      description: 'A referenced row (strategy, order, signal, position, model...) does not exist.',
    },
    INVALID: {
      description: 'The input breaks a rule: sign, range, precision, time or a required field.',
    },
    CONFLICT: {
      description:
        'The input contradicts what is already recorded (a closed position, another order’s fill id, a different fee asset).',
    },
    ILLEGAL_TRANSITION: {
      description: 'A status change the transition table does not allow from the current status.',
    },
  } as const,
});

/**
 * The writers' expected refusals as a GraphQL type. Only `WriterError` is mapped: any other
 * error a writer throws is unexpected and must stay an error, masked by yoga, because its
 * message may carry SQL or driver details.
 */
export const WriterErrorType = builder.objectType(WriterError, {
  name: 'WriterError',
  description:
    'The write was refused because of the data sent or the data already recorded; nothing was written.',
  interfaces: [ErrorInterface],
  fields: (t) => ({
    message: t.string({
      description: 'What was wrong and how to fix it, in plain words.',
      resolve: publicMessage,
    }),
    code: t.expose('code', { type: WriterErrorCodeEnum, description: 'Kind of refusal.' }),
    field: t.string({
      nullable: true,
      description:
        'Path of the input field at fault, relative to the mutation’s `input` (e.g. `quantity`, `fills.3.price`); null when no single field is.',
      resolve: (error) => error.field || null,
    }),
  }),
});

/** The GraphQL type of each kind of row a writer reports missing. */
const NODE_TYPE_OF: Record<string, string> = {
  strategy: 'Strategy',
  signal: 'Signal',
  order: 'Order',
  position: 'Position',
  model: 'MlModel',
  prediction: 'Prediction',
  'backtest run': 'BacktestRun',
};

/**
 * The writer's message, except that a missing row is named by the global ID the client sent:
 * database ids are internal, and the client would not recognise them anyway.
 */
function publicMessage(error: WriterError): string {
  if (!error.missing) return error.message;
  const { what, id } = error.missing;
  const typename = NODE_TYPE_OF[what];
  const shown = typename ? `id ${encodeGlobalID(typename, String(id))}` : 'that id';
  return `${error.field}: no ${what} with ${shown} exists.`;
}
