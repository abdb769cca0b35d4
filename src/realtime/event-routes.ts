import type { EventStream, LiveEvent } from './event-log.ts';

/**
 * Receives the events of a batch it asked for, in delivery order, and the whole batch they came
 * from (one array per feed read, shared by all listeners: a key for per-batch caches). Must not
 * throw or block.
 */
export type EventListener = (events: readonly LiveEvent[], batch: readonly LiveEvent[]) => void;

/** Which events a listener is given; without one, every batch whole. */
export interface EventInterest {
  stream: EventStream;
  /**
   * Only events whose `strategyId` (decimal) is in this set; absent: every event of the stream.
   * An event's strategy is its row's `strategy_id` as written, so a subscriber whose condition
   * requires some strategies can skip other events without loading their rows.
   */
  strategyIds?: ReadonlySet<string>;
}

interface Route {
  listener: EventListener;
  strategyIds: ReadonlySet<string> | undefined;
}

interface StreamRoutes {
  /** Listeners of every event of the stream. */
  all: Set<Route>;
  /** Strategy-limited listeners, under each strategy they want. */
  byStrategy: Map<string, Set<Route>>;
}

/**
 * The listeners of one feed, indexed by stream and strategy, so that a batch costs only the
 * listeners it concerns: with 10,000 subscribers following 20 strategies, a fill wakes the 500
 * that follow its strategy, not all 10,000 to filter it out one by one.
 */
export class EventRoutes {
  readonly #unfiltered = new Set<Route>();
  readonly #streams = new Map<EventStream, StreamRoutes>();
  #size = 0;

  get size(): number {
    return this.#size;
  }

  /** Adds a listener; returns the function that removes it (idempotent). */
  add(listener: EventListener, interest?: EventInterest): () => void {
    const route: Route = { listener, strategyIds: interest?.strategyIds };
    const sets = this.#setsOf(route, interest);
    for (const set of sets) set.add(route);
    this.#size++;
    let removed = false;
    return () => {
      if (removed) return;
      removed = true;
      for (const set of sets) set.delete(route);
      this.#size--;
    };
  }

  #setsOf(route: Route, interest: EventInterest | undefined): Set<Route>[] {
    if (!interest) return [this.#unfiltered];
    let routes = this.#streams.get(interest.stream);
    if (!routes) {
      routes = { all: new Set(), byStrategy: new Map() };
      this.#streams.set(interest.stream, routes);
    }
    if (!route.strategyIds) return [routes.all];
    const sets: Set<Route>[] = [];
    for (const strategyId of route.strategyIds) {
      let set = routes.byStrategy.get(strategyId);
      if (!set) {
        set = new Set();
        routes.byStrategy.set(strategyId, set);
      }
      sets.push(set);
    }
    return sets;
  }

  /**
   * Calls each listener concerned by `batch` once, with its events in batch order. A listener
   * that throws is reported to `onError`; the others are still called.
   */
  deliver(batch: readonly LiveEvent[], onError: (error: unknown) => void): void {
    // Listeners are collected before any is called: one that (un)subscribes others while
    // being called changes who gets the next batch, not this one. Two parallel lists, not a
    // pair per listener: a batch concerns hundreds of them.
    const routes: Route[] = [];
    const eventLists: (readonly LiveEvent[])[] = [];
    for (const route of this.#unfiltered) {
      routes.push(route);
      eventLists.push(batch);
    }
    for (const [stream, events] of groupBy(batch, (event) => event.stream)) {
      const streamRoutes = this.#streams.get(stream);
      if (!streamRoutes) continue;
      for (const route of streamRoutes.all) {
        routes.push(route);
        eventLists.push(events);
      }
      if (streamRoutes.byStrategy.size === 0) continue;
      // A listener of several strategies is in several sets: called once, with its events.
      let multiple: Set<Route> | undefined;
      const byStrategy = groupBy(events, (event) => String(event.strategyId));
      for (const [strategyId, strategyEvents] of byStrategy) {
        for (const route of streamRoutes.byStrategy.get(strategyId) ?? []) {
          if ((route.strategyIds as ReadonlySet<string>).size === 1) {
            routes.push(route);
            eventLists.push(strategyEvents);
          } else {
            multiple ??= new Set();
            multiple.add(route);
          }
        }
      }
      for (const route of multiple ?? []) {
        const wanted = route.strategyIds as ReadonlySet<string>;
        routes.push(route);
        eventLists.push(events.filter((event) => wanted.has(String(event.strategyId))));
      }
    }
    for (let i = 0; i < routes.length; i++) {
      try {
        (routes[i] as Route).listener(eventLists[i] as readonly LiveEvent[], batch);
      } catch (error) {
        onError(error);
      }
    }
  }
}

function groupBy<K>(events: readonly LiveEvent[], keyOf: (event: LiveEvent) => K) {
  const groups = new Map<K, LiveEvent[]>();
  for (const event of events) {
    const key = keyOf(event);
    const group = groups.get(key);
    if (group) group.push(event);
    else groups.set(key, [event]);
  }
  return groups;
}
