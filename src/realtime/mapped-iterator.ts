import { type ExecutionResult, GraphQLError, type OperationDefinitionNode } from 'graphql';
import { type EndingIterator, whenEnded } from './ending-iterator.ts';

/**
 * The source's events mapped through `map`; ending it ends the source (unsubscribes). A failing
 * source (revoked key, slow consumer) fails with a GraphQLError located at the operation, as
 * yoga's own executor (@graphql-tools/executor) does, so transports report it the same way.
 */
export class MappedIterator implements EndingIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly map: (payload: unknown) => Promise<IteratorResult<ExecutionResult>>,
    private readonly nodes: readonly OperationDefinitionNode[],
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  /** Set once the source failed or ended: later calls answer done, as a generator would. */
  #finished = false;
  #onEnd: (() => void) | undefined;

  [whenEnded](callback: () => void) {
    if (this.#finished) callback();
    else this.#onEnd = callback;
  }

  // A promise chain, not an async function: every idle subscription waits in here, and a
  // suspended async function holds more memory than a pending `then`.
  next(): Promise<IteratorResult<ExecutionResult>> {
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    let pending: Promise<IteratorResult<unknown>>;
    try {
      pending = this.source.next();
    } catch (error) {
      this.#finish();
      return Promise.reject(this.#located(error));
    }
    return pending.then(
      (step) => {
        if (!step.done) return this.map(step.value);
        this.#finish();
        return { value: undefined, done: true };
      },
      (error: unknown) => {
        this.#finish();
        throw this.#located(error);
      },
    );
  }

  #finish() {
    if (this.#finished) return;
    this.#finished = true;
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }

  #located(error: unknown): GraphQLError {
    const original = error instanceof Error ? error : new Error(String(error));
    return new GraphQLError(original.message, { originalError: original, nodes: this.nodes });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    this.#finish();
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    this.#finish();
    if (this.source.throw) await this.source.throw(error);
    throw error;
  }
}
