/** The method of an {@link EndingIterator} that registers its end callback. */
export const whenEnded = Symbol('whenEnded');

/**
 * An async iterator that calls back once when it ends: its source ended or failed, or it was
 * returned or thrown. Code that must know (the subscription limit frees a slot) registers a
 * callback instead of wrapping it: a wrapper costs a promise per event per subscriber.
 */
export interface EndingIterator<T> extends AsyncIterableIterator<T> {
  [whenEnded](callback: () => void): void;
}

export function isEndingIterator<T>(value: AsyncIterable<T>): value is EndingIterator<T> {
  return typeof (value as Partial<EndingIterator<T>>)[whenEnded] === 'function';
}
