import { describe, expect, it } from 'vitest';
import { Settling } from '../../src/realtime/settling.ts';

/** A promise settled from outside, and a Settling of it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { settling: new Settling(promise), resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Settling', () => {
  it('calls every waiter once, in order, when it settles, and reads the value without waiting', async () => {
    const { settling, resolve } = deferred<string>();
    const calls: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      settling.wait({ settled: () => calls.push(`${name}:${settling.value}`) });
    }
    expect(settling.isSettled).toBe(false);
    expect(() => settling.value).toThrow('before it settled');
    await tick();
    expect(calls).toEqual([]);

    resolve('done');
    await tick();
    expect(calls).toEqual(['a:done', 'b:done', 'c:done']);
    expect(settling.isSettled).toBe(true);
    expect(settling.value).toBe('done');
  });

  it('throws the rejection from value, to each waiter', async () => {
    const { settling, reject } = deferred<string>();
    const seen: unknown[] = [];
    const waiter = {
      settled: () => {
        try {
          seen.push(settling.value);
        } catch (error) {
          seen.push(error);
        }
      },
    };
    settling.wait(waiter);
    settling.wait(waiter);
    const failure = new Error('no rows');
    reject(failure);
    await tick();
    expect(seen).toEqual([failure, failure]);
  });

  it('calls a waiter that comes after it settled later, never during wait()', async () => {
    const { settling, resolve } = deferred<number>();
    resolve(1);
    await tick();
    let called = false;
    settling.wait({ settled: () => (called = true) });
    expect(called).toBe(false);
    await tick();
    expect(called).toBe(true);
  });

  it('still calls the other waiters when one throws, and rethrows its error', async () => {
    const { settling, resolve } = deferred<number>();
    const calls: string[] = [];
    const failure = new Error('waiter bug');
    settling.wait({
      settled: () => {
        throw failure;
      },
    });
    settling.wait({ settled: () => calls.push('second') });
    const uncaught = new Promise((resolveUncaught) => {
      process.once('uncaughtException', resolveUncaught);
    });
    resolve(1);
    expect(await uncaught).toBe(failure);
    expect(calls).toEqual(['second']);
  });
});
