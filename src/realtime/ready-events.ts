/** The method of an event source that hands over events it has already loaded, see below. */
export const readyWith = Symbol('readyWith');
/** The method of an event source that hands over its next event if it has it, see below. */
export const takeReady = Symbol('takeReady');
/** The method of an event source that calls back once it has an event, see below. */
export const whenReady = Symbol('whenReady');

/** Whom a {@link ReadyEvents} source calls back (once per `whenReady` call). */
export interface ReadyReceiver {
  eventsReady(): void;
}

/**
 * An async iterator of events whose consumer can also take events without a promise each:
 * `takeReady()` hands over the next event if it has one (as `next()` resolving with it would),
 * and `whenReady(receiver)` calls `receiver.eventsReady()` once the source has one, or has ended
 * or failed (`next()` then tells which). A source with thousands of subscribers so wakes each
 * with a call, not with a promise and its reactions per subscriber per event.
 *
 * `readyWith(event)` hands over the next event only when it is already loaded and was read
 * together with `event` (the event it just gave): the events of one batch can so be executed
 * together, and their relations then load in one statement per relation
 * (src/schema/loader-scope.ts).
 */
export interface ReadyEvents<T> extends AsyncIterator<T> {
  [readyWith](event: T): T | undefined;
  [takeReady](): T | undefined;
  /**
   * Registers `receiver` (replacing any other) to be called once, later, never during this
   * call; returns false instead when there is no need to wait (an event is ready, or the source
   * has ended or failed): then call `takeReady` or `next()`.
   */
  [whenReady](receiver: ReadyReceiver): boolean;
}

export function hasReadyEvents<T>(source: AsyncIterator<T>): source is ReadyEvents<T> {
  return typeof (source as Partial<ReadyEvents<T>>)[whenReady] === 'function';
}
