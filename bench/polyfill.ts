// PostGraphile 5 calls Promise.withResolvers (Node 22+); Node 20 lacks it. Preloaded with
// `node --import ./bench/polyfill.ts` (through tsx) before PostGraphile loads.
const promise = Promise as unknown as { withResolvers?: unknown };
promise.withResolvers ??= <T>() => {
  let resolve!: (value: T | PromiseLike<T>) => void;
  let reject!: (reason?: unknown) => void;
  const created = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise: created, resolve, reject };
};
