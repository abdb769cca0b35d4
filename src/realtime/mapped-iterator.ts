import { type ExecutionResult, GraphQLError, type OperationDefinitionNode } from 'graphql';
import { type EndingIterator, whenEnded } from './ending-iterator.ts';
import { type FrameSink, serialisedOnce } from './frame-sink.ts';
import { hasReadyEvents, readyWith } from './ready-events.ts';

type Step = IteratorResult<ExecutionResult>;

/** Events of one batch executed together at most, per subscription (see ready-events.ts). */
const BATCH_EXECUTIONS = 100;

/**
 * The source's events mapped through `map`; ending it ends the source (unsubscribes). A failing
 * source (revoked key, slow consumer) fails with a GraphQLError located at the operation, as
 * yoga's own executor (@graphql-tools/executor) does, so transports report it the same way.
 *
 * With `frames` (a graphql-ws subscription), results are written there as frames while the
 * consumer waits on next(); next() answers only with the others (results with errors, a closed
 * socket) and the end. graphql-ws asks for the next result only once its previous frame is sent,
 * and the plugin layers in between ask this iterator only when they are asked, so a frame
 * written here never overtakes one of graphql-ws's. The source is read again only once the
 * socket took the frame: at once while the socket's buffer is below its high-water mark (as
 * Node streams' `write` allows), else when the frame was written, as graphql-ws waits for each
 * send. Events a slow client does not take wait in the source, and its limit (SLOW_CONSUMER)
 * applies as it does without frames.
 *
 * Events of one batch that the source has ready are mapped together (`#mapWithReady`).
 */
export class MappedIterator implements EndingIterator<ExecutionResult> {
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly map: (payload: unknown) => Promise<Step>,
    private readonly nodes: readonly OperationDefinitionNode[],
    private readonly frames?: FrameSink,
  ) {}

  [Symbol.asyncIterator]() {
    return this;
  }

  /** Set once the source failed or ended: later calls answer done, as a generator would. */
  #finished = false;
  #onEnd: (() => void) | undefined;
  /** Settle the consumer's pending next(); set while it waits. */
  #resolve: ((step: Step) => void) | undefined;
  #reject: ((error: unknown) => void) | undefined;
  /** Mapped events taken from the source ahead of their turn, in order. */
  #ahead: Promise<Step>[] | undefined;

  [whenEnded](callback: () => void) {
    if (this.#finished) callback();
    else this.#onEnd = callback;
  }

  // Settled through the stored functions, not as a promise chained to the source's: such a
  // chain would grow by a link with each frame written while the consumer waits. No async
  // function either: every idle subscription waits in here, and a suspended async function
  // holds more memory than a pending `then`.
  next(): Promise<Step> {
    if (this.#finished) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
      this.#pull();
    });
  }

  /** Reads the source's next event for the waiting consumer. */
  #pull() {
    const ahead = this.#ahead?.shift();
    if (ahead) {
      this.#settle(ahead);
      return;
    }
    let pending: Promise<IteratorResult<unknown>>;
    try {
      pending = this.source.next();
    } catch (error) {
      this.#fail(error);
      return;
    }
    pending.then(
      (step) => {
        if (step.done) {
          this.#finish();
          return;
        }
        this.#settle(this.#mapWithReady(step.value));
      },
      (error: unknown) => this.#fail(error),
    );
  }

  /**
   * Maps `event` and, at once, the events of its batch that the source has ready: executed in the
   * same tick, they share loaders and their relations load in one statement per relation, instead
   * of one each as the consumer pulls them one by one. Their results wait for their turn.
   */
  #mapWithReady(event: unknown): Promise<Step> {
    const result = this.map(event);
    const { source } = this;
    if (!hasReadyEvents(source)) return result;
    for (let count = 1; count < BATCH_EXECUTIONS; count++) {
      const next = source[readyWith](event);
      if (next === undefined) break;
      const mapped = this.map(next);
      // Awaited when its turn comes; a failure until then is not unhandled.
      mapped.catch(() => {});
      this.#ahead ??= [];
      this.#ahead.push(mapped);
    }
    return result;
  }

  #settle(mapped: Promise<Step>) {
    // A failing execution or frame reaches the consumer as is, as graphql-ws's own send failing
    // would.
    mapped.then((step) => this.#deliver(step)).catch((error: unknown) => this.#rejectWith(error));
  }

  #deliver(step: Step) {
    // Ended while executing: the consumer has had its answer (done).
    if (!this.#resolve) return;
    if (this.frames) {
      // A write error means the socket is closing; graphql-ws ends the subscription on close.
      const outcome = this.frames.write(step.value, () => this.#resolve && this.#pull());
      if (outcome === 'pending') return;
      if (outcome === 'ready') {
        this.#pull();
        return;
      }
    }
    // Yoga's SSE responses then serialise a result shared by several subscribers once.
    serialisedOnce(step.value);
    this.#resolveWith(step);
  }

  #resolveWith(step: Step) {
    const resolve = this.#resolve;
    this.#resolve = this.#reject = undefined;
    resolve?.(step);
  }

  #rejectWith(error: unknown) {
    const reject = this.#reject;
    this.#resolve = this.#reject = undefined;
    reject?.(error);
  }

  #fail(error: unknown) {
    this.#rejectWith(this.#located(error));
    this.#finish();
  }

  #finish() {
    this.#ahead = undefined;
    if (this.#finished) return;
    this.#finished = true;
    this.#resolveWith({ value: undefined, done: true });
    const onEnd = this.#onEnd;
    this.#onEnd = undefined;
    onEnd?.();
  }

  #located(error: unknown): GraphQLError {
    const original = error instanceof Error ? error : new Error(String(error));
    return new GraphQLError(original.message, { originalError: original, nodes: this.nodes });
  }

  async return(): Promise<Step> {
    this.#finish();
    await this.source.return?.();
    return { value: undefined, done: true };
  }

  async throw(error: unknown): Promise<Step> {
    this.#finish();
    if (this.source.throw) await this.source.throw(error);
    throw error;
  }
}
