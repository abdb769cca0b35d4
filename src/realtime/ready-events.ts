/** The method of an event source that hands over events it has already loaded, see below. */
export const readyWith = Symbol('readyWith');

/**
 * An async iterator of events that can also hand over, without waiting, its next event when that
 * one is already loaded and was read together with `event` (the event it just gave). Taking it
 * is as `next()` resolving with it. The events of one batch can so be executed together: their
 * relations then load in one statement per relation (src/schema/loader-scope.ts).
 */
export interface ReadyEvents<T> extends AsyncIterator<T> {
  [readyWith](event: T): T | undefined;
}

export function hasReadyEvents<T>(source: AsyncIterator<T>): source is ReadyEvents<T> {
  return typeof (source as Partial<ReadyEvents<T>>)[readyWith] === 'function';
}
