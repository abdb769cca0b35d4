import { type ExecutionResult, GraphQLError, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { whenEnded } from '../../src/realtime/ending-iterator.ts';
import { MappedIterator } from '../../src/realtime/mapped-iterator.ts';
import {
  type ReadyEvents,
  type ReadyReceiver,
  readyWith,
  takeReady,
  whenReady,
} from '../../src/realtime/ready-events.ts';
import { Settling } from '../../src/realtime/settling.ts';

interface Event {
  name: string;
  batch: object;
}

type Step = IteratorResult<ExecutionResult>;

/** A live source as StreamSubscription is one, driven by the test. */
class FakeSource implements ReadyEvents<Event> {
  readonly ready: Event[] = [];
  receiver: ReadyReceiver | undefined;
  nextCalls = 0;
  returned = false;
  failure: unknown;

  push(...events: Event[]) {
    this.ready.push(...events);
    this.#notify();
  }

  fail(error: unknown) {
    this.failure = error;
    this.#notify();
  }

  #notify() {
    const receiver = this.receiver;
    this.receiver = undefined;
    receiver?.eventsReady();
  }

  [takeReady]() {
    return this.ready.shift();
  }

  [readyWith](event: Event) {
    return this.ready[0]?.batch === event.batch ? this.ready.shift() : undefined;
  }

  [whenReady](receiver: ReadyReceiver) {
    if (this.ready.length > 0 || this.failure !== undefined) return false;
    this.receiver = receiver;
    return true;
  }

  next(): Promise<IteratorResult<Event>> {
    this.nextCalls++;
    const event = this.ready.shift();
    if (event) return Promise.resolve({ value: event, done: false });
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise(() => {});
  }

  async return(): Promise<IteratorResult<Event>> {
    this.returned = true;
    return { value: undefined, done: true };
  }
}

/** Executions shared by event, settled by the test, as useSharedSubscriptions shares them. */
function sharedExecutions() {
  const executions = new Map<Event, { settling: Settling<Step>; finish: () => void }>();
  const mapped: string[] = [];
  const map = (payload: unknown) => {
    const event = payload as Event;
    mapped.push(event.name);
    let execution = executions.get(event);
    if (!execution) {
      let finish!: () => void;
      const promise = new Promise<Step>((resolve) => {
        finish = () => resolve({ value: { data: { event: event.name } }, done: false });
      });
      execution = { settling: new Settling(promise), finish };
      executions.set(event, execution);
    }
    return execution.settling;
  };
  const finish = (event: Event) => executions.get(event)?.finish();
  return { map, finish, mapped };
}

const nodes = [parse('subscription { fillCreated { cursor } }').definitions[0]] as never;

describe('MappedIterator over a live source', () => {
  it('hands each subscription the shared result of an event it was called back for, never reading the source with next()', async () => {
    const { map, finish, mapped } = sharedExecutions();
    const sources = [new FakeSource(), new FakeSource()];
    const iterators = sources.map((source) => new MappedIterator(source, map, nodes));
    const batch = {};
    const first = { name: 'first', batch };
    const second = { name: 'second', batch };

    const answers = iterators.map((iterator) => iterator.next());
    for (const source of sources) source.push(first, second);
    // Both events of the batch were mapped at once, for each subscription.
    expect(mapped).toEqual(['first', 'second', 'first', 'second']);
    finish(first);
    const steps = await Promise.all(answers);
    expect(steps.map((step) => step.value)).toEqual([
      { data: { event: 'first' } },
      { data: { event: 'first' } },
    ]);
    // One execution result for both subscriptions.
    expect(steps[0]?.value).toBe(steps[1]?.value);

    finish(second);
    const later = await Promise.all(iterators.map((iterator) => iterator.next()));
    expect(later.map((step) => step.value)).toEqual([
      { data: { event: 'second' } },
      { data: { event: 'second' } },
    ]);
    expect(sources.map((source) => source.nextCalls)).toEqual([0, 0]);
    expect(sources.map((source) => source.receiver)).toEqual([undefined, undefined]);

    // Waiting again: called back by the source, not reading it.
    const waiting = iterators[0]?.next();
    expect(sources[0]?.receiver).toBe(iterators[0]);
    const third = { name: 'third', batch: {} };
    sources[0]?.push(third);
    finish(third);
    expect((await waiting)?.value).toEqual({ data: { event: 'third' } });
    expect(sources[0]?.nextCalls).toBe(0);
  });

  it('fails with the source, located at the operation, and ends', async () => {
    const { map } = sharedExecutions();
    const source = new FakeSource();
    const iterator = new MappedIterator(source, map, nodes);
    let ended = false;
    iterator[whenEnded](() => {
      ended = true;
    });
    const answer = iterator.next();
    source.fail(new Error('This subscriber fell behind.'));
    const error = await answer.catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(GraphQLError);
    expect(error).toMatchObject({ message: 'This subscriber fell behind.', nodes });
    expect(ended).toBe(true);
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it('stops taking events once returned, and returns its source', async () => {
    const { map, finish, mapped } = sharedExecutions();
    const source = new FakeSource();
    const iterator = new MappedIterator(source, map, nodes);
    const answer = iterator.next();
    const event = { name: 'late', batch: {} };
    await iterator.return();
    expect(await answer).toEqual({ value: undefined, done: true });
    expect(source.returned).toBe(true);
    source.push(event);
    finish(event);
    await new Promise((resolve) => setImmediate(resolve));
    expect(mapped).toEqual([]);
    expect(source.ready).toEqual([event]);
  });
});
