// The writers collectors call in-process, and that GraphQL mutations will call: one import for
// the whole public surface of src/writers.
export { recordEquitySnapshot } from './equity.ts';
export { WriterError, type WriterErrorCode } from './errors.ts';
export { type FillInput, recordFill, recordFills } from './fills.ts';
export { recordPrediction, resolvePrediction, upsertModel } from './ml.ts';
export { ORDER_TRANSITIONS, recordOrder, updateOrderStatus } from './orders.ts';
export { adjustPosition, closePosition, openPosition } from './positions.ts';
export { decideSignal, recordSignal, SIGNAL_TRANSITIONS } from './signals.ts';
export { upsertStrategy } from './strategies.ts';
