import { type ExecutionResult, GraphQLError, type OperationDefinitionNode } from 'graphql';
import { type EndingIterator, whenEnded } from './ending-iterator.ts';
import { type FrameSink, type FrameWriter, serialisedOnce } from './frame-sink.ts';
import {
  hasReadyEvents,
  type ReadyEvents,
  type ReadyReceiver,
  readyWith,
  takeReady,
  whenReady,
} from './ready-events.ts';
import type { Settling, SettlingWaiter } from './settling.ts';

type Step = IteratorResult<ExecutionResult>;

/** Events of one batch executed together at most, per subscription (see ready-events.ts). */
const BATCH_EXECUTIONS = 100;

/** What #take answers when it has no event now. */
const NONE = Symbol('none');

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
 * Pushed, not pulled: from a {@link ReadyEvents} source (a live stream) events are taken
 * without a promise, the iterator is called back when more are ready, and a shared execution
 * calls back all the subscriptions waiting on it in one loop (Settling); each then writes its
 * frame. Per subscriber and event that is a few calls, where a promise per step cost
 * allocations, reactions and async hooks. Other sources are read with next().
 *
 * Events of one batch that the source has ready are mapped together (`#mapWithReady`).
 */
export class MappedIterator
  implements EndingIterator<ExecutionResult>, ReadyReceiver, SettlingWaiter, FrameWriter
{
  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly map: (payload: unknown) => Settling<Step>,
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
  /** The execution to deliver next, taken from the source. */
  #current: Settling<Step> | undefined;
  /** Executions of events taken from the source ahead of their turn, in order. */
  #ahead: Settling<Step>[] | undefined;
  /**
   * Waiting for the source, the current execution or a frame's write: whichever it is calls
   * back (eventsReady, settled, frameWritten) and #pull goes on.
   */
  #waiting = false;

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

  /** The source has events (or ended): called by it, see whenReady. */
  eventsReady() {
    this.#resume();
  }

  /** The current execution settled: called by it. */
  settled() {
    this.#resume();
  }

  /** The socket took the last frame: called by the FrameSink. */
  frameWritten() {
    this.#resume();
  }

  #resume() {
    this.#waiting = false;
    this.#pull();
  }

  /**
   * Delivers events while the consumer waits: each frame written lets the next follow at once;
   * stops when the consumer has its answer, or to wait for the source, an execution or a write.
   */
  #pull() {
    while (this.#resolve && !this.#waiting) {
      let execution = this.#current ?? this.#ahead?.shift();
      if (execution === undefined) {
        const event = this.#take();
        if (event === NONE) return;
        execution = this.#mapWithReady(event);
        if (execution === undefined) return;
      }
      if (!execution.isSettled) {
        this.#current = execution;
        this.#waiting = true;
        execution.wait(this);
        return;
      }
      this.#current = undefined;
      let step: Step;
      try {
        step = execution.value;
      } catch (error) {
        // A failing execution reaches the consumer as is, as graphql-ws's own send failing
        // would.
        this.#rejectWith(error);
        return;
      }
      if (!this.#deliver(step)) return;
    }
  }

  /**
   * The source's next event if it has one now; else NONE, with this iterator waiting: to be
   * called back by the source, or on the source's next() (which also tells its end or failure).
   */
  #take(): unknown {
    const { source } = this;
    if (hasReadyEvents(source)) {
      const event = source[takeReady]();
      if (event !== undefined) return event;
      if (source[whenReady](this)) {
        this.#waiting = true;
        return NONE;
      }
      const ready = source[takeReady]();
      if (ready !== undefined) return ready;
    }
    let pending: Promise<IteratorResult<unknown>>;
    try {
      pending = source.next();
    } catch (error) {
      this.#fail(error);
      return NONE;
    }
    this.#waiting = true;
    pending.then(
      (step) => {
        this.#waiting = false;
        if (step.done) {
          this.#finish();
          return;
        }
        this.#current = this.#mapWithReady(step.value);
        this.#pull();
      },
      (error: unknown) => {
        this.#waiting = false;
        this.#fail(error);
      },
    );
    return NONE;
  }

  /**
   * Maps `event` and, at once, the events of its batch that the source has ready: executed in the
   * same tick, they share loaders and their relations load in one statement per relation, instead
   * of one each as the consumer takes them one by one. Their executions wait for their turn.
   */
  #mapWithReady(event: unknown): Settling<Step> | undefined {
    try {
      const execution = this.map(event);
      const { source } = this;
      if (!hasReadyEvents(source)) return execution;
      for (let count = 1; count < BATCH_EXECUTIONS; count++) {
        const next = source[readyWith](event);
        if (next === undefined) break;
        this.#ahead ??= [];
        this.#ahead.push(this.map(next));
      }
      return execution;
    } catch (error) {
      this.#rejectWith(error);
      return undefined;
    }
  }

  /**
   * Hands `step` on: as a frame when the sink takes it, else as the consumer's answer. True when
   * the next event may follow at once (the socket had room).
   */
  #deliver(step: Step): boolean {
    if (this.frames) {
      let outcome: ReturnType<FrameSink['write']>;
      try {
        // A write error means the socket is closing; graphql-ws ends the subscription on close.
        outcome = this.frames.write(step.value, this);
      } catch (error) {
        this.#rejectWith(error);
        return false;
      }
      if (outcome === 'ready') return true;
      if (outcome === 'pending') {
        this.#waiting = true;
        return false;
      }
    }
    // Yoga's SSE responses then serialise a result shared by several subscribers once.
    serialisedOnce(step.value);
    this.#resolveWith(step);
    return false;
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
    this.#current = undefined;
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
