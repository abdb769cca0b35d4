import type {
  ExitReason,
  OrderType,
  PositionDirection,
  Prisma,
} from '../generated/prisma/client.ts';
import type { DemoContext, Venue } from './context.ts';
import { type Decimal, dec, sum, toStep, weightedAverage, ZERO } from './decimal.ts';
import type { OrderDraft, PositionDraft, SignalDraft } from './drafts.ts';
import { cancelOrder, executeOrder, placeOrder, rejectOrder } from './execution.ts';
import { MINUTE_MS } from './market.ts';
import { summarizePosition } from './position-summary.ts';
import { toLot } from './quantities.ts';
import type { Random } from './random.ts';

/** One take-profit target of a trade plan. */
export interface TakeProfitLevel {
  price: Decimal;
  /** Share of the position this target closes; the last target closes the rest. */
  fraction: number;
}

/** One trade a strategy decided to make, from the entry order to the last exit. */
export interface TradePlan {
  venue: Venue;
  signal?: SignalDraft;
  direction: PositionDirection;
  /** When the entry order is created, epoch ms. */
  at: number;
  quantity: Decimal;
  entry: { type: 'MARKET' } | { type: 'LIMIT'; price: Decimal; timeoutMinutes: number };
  stopLoss?: Decimal;
  takeProfits?: readonly TakeProfitLevel[];
  /** Order type of the target orders (default LIMIT). */
  targetType?: OrderType;
  /** Move the stop to the entry price once the first target is hit. */
  breakevenAfterFirstTarget?: boolean;
  /** A trailing stop that replaces the fixed stop once the price reaches `activation`. */
  trailing?: {
    activation: Decimal;
    callbackRate: number;
    /** Lets the strategy record the adjustment as a signal. */
    onActivate?: (at: number) => SignalDraft | undefined;
  };
  /** Exit at market after this many minutes. */
  maxHoldMinutes: number;
  /** Close whatever is still open at this instant (a backtest's end), epoch ms. */
  closeBy?: { at: number; reason: ExitReason };
  leverage?: Decimal;
  /** The venue rejects the entry order with this reason. */
  rejectReason?: string;
  /** Asked at every UTC multiple of `everyMinutes` whether the strategy signals an exit. */
  exitCheck?: {
    everyMinutes: number;
    signal: (minute: number, at: number) => SignalDraft | undefined;
  };
  externalId?: string;
  metadata?: Prisma.InputJsonObject;
}

/**
 * Plays a trade against the simulated market, minute by minute: the entry order and its fills,
 * the protective stop and target orders (replaced as targets fill, as real bots do), and the
 * exit by stop, target, trailing stop, exit signal, timeout or liquidation. A trade that has not
 * ended by `now` stays open with its resting orders. Returns the position, or undefined when
 * the entry never filled.
 */
export function simulateTrade(
  ctx: DemoContext,
  random: Random,
  plan: TradePlan,
): PositionDraft | undefined {
  const entry = enter(ctx, random, plan);
  if (!entry) return undefined;
  const exitReason = new PositionManager(ctx, random, plan, entry.position).run(entry.minute);
  summarizePosition(entry.position, plan.venue.instrument, ctx.market, {
    exitReason,
    liquidated: exitReason === 'LIQUIDATION',
    initialStop: plan.stopLoss,
    leverage: plan.leverage,
  });
  return entry.position;
}

/** A moment inside market minute `minute`, for events that happen "during" it. */
function momentIn(ctx: DemoContext, random: Random, minute: number): number {
  return ctx.market.timeAt(minute) + random.int(1_000, 58_000);
}

function enter(
  ctx: DemoContext,
  random: Random,
  plan: TradePlan,
): { position: PositionDraft; minute: number } | undefined {
  const { market } = ctx;
  const { venue } = plan;
  const long = plan.direction === 'LONG';
  const order = placeOrder(ctx, random, venue, {
    side: long ? 'BUY' : 'SELL',
    type: plan.entry.type,
    quantity: plan.quantity,
    at: plan.at,
    limitPrice: plan.entry.type === 'LIMIT' ? plan.entry.price : undefined,
    signal: plan.signal,
  });
  if (plan.rejectReason) {
    rejectOrder(order, plan.at + random.int(5, 150), plan.rejectReason);
    return undefined;
  }
  const startMinute = market.minuteAt(plan.at);
  let minute = startMinute;
  let at: number;
  let price: Decimal;
  if (plan.entry.type === 'LIMIT') {
    const limit = plan.entry.price.toNumber();
    const deadline = startMinute + plan.entry.timeoutMinutes;
    const touched = (m: number) => {
      const mid = market.price(venue.instrument.asset, m);
      return long ? mid <= limit : mid >= limit;
    };
    while (minute <= deadline && minute < market.minutes && !touched(minute)) minute++;
    if (minute > deadline || minute >= market.minutes) {
      const timeout = market.timeAt(deadline) + random.int(0, 2_000);
      if (timeout <= market.now) {
        cancelOrder(order, timeout, `not filled within ${plan.entry.timeoutMinutes} minutes`);
      }
      return undefined;
    }
    at = Math.max(momentIn(ctx, random, minute), plan.at + 500);
    price = plan.entry.price;
  } else {
    at = plan.at + (venue.measuresLatency ? random.int(20, 250) : 0);
    price = market.quote(venue.instrument, minute);
  }
  const position = openPosition(ctx, plan, at);
  order.position = position;
  // Limit entries sometimes fill only in part before the strategy gives up on the rest.
  const partial = plan.entry.type === 'LIMIT' && random.chance(0.12);
  const quantity = partial
    ? toLot(plan.quantity.times(dec(random.float(0.3, 0.9).toFixed(2))), venue.instrument.lotSize)
    : undefined;
  executeOrder(ctx, random, venue, order, {
    at,
    price,
    liquidity: plan.entry.type === 'LIMIT' ? 'MAKER' : 'TAKER',
    quantity: quantity && !quantity.isZero() ? quantity : undefined,
    // Slippage of a market entry against the price the strategy saw; a limit has none.
    reference:
      plan.entry.type === 'LIMIT'
        ? undefined
        : plan.signal?.entryPrice
          ? dec(String(plan.signal.entryPrice))
          : price,
  });
  if (order.status === 'PARTIALLY_FILLED') {
    const giveUp = (order.updatedAt as Date).getTime() + random.int(60_000, 600_000);
    if (giveUp <= market.now) cancelOrder(order, giveUp, 'entry timeout, remainder canceled');
  }
  return { position, minute: market.minuteAt(lastFillTime(position)) };
}

function openPosition(ctx: DemoContext, plan: TradePlan, at: number): PositionDraft {
  const { venue } = plan;
  const position: PositionDraft = {
    id: 0n,
    strategy: venue.strategy,
    signal: plan.signal,
    backtestRun: venue.backtestRun,
    externalId: plan.externalId,
    mode: venue.mode,
    exchange: venue.instrument.exchange,
    symbol: venue.instrument.symbol,
    direction: plan.direction,
    size: 0,
    remainingSize: 0,
    averageEntryPrice: 0,
    stopLoss: plan.stopLoss ?? null,
    takeProfits: plan.takeProfits?.map((target) => target.price) ?? [],
    metadata: plan.metadata ?? {},
    openedAt: new Date(at),
    fills: [],
  };
  ctx.data.positions.push(position);
  return position;
}

/**
 * Manages an open position minute by minute until it ends: the protective order (a stop, later
 * perhaps a trailing stop) is re-placed as targets fill, so every order's quantity is what it
 * can actually fill; whatever closes the position cancels the orders still resting.
 */
class PositionManager {
  private readonly long: boolean;
  private readonly side: 1 | -1;
  private readonly entryPrice: Decimal;
  private readonly targets: Target[];
  private remaining: Decimal;
  /** The order currently protecting the position and whether it is a trailing stop. */
  private protection?: { order: OrderDraft; trailing: boolean };
  private stop?: number;
  private extreme?: number;
  private nextTarget = 0;

  constructor(
    private readonly ctx: DemoContext,
    private readonly random: Random,
    private readonly plan: TradePlan,
    private readonly position: PositionDraft,
  ) {
    this.long = plan.direction === 'LONG';
    this.side = this.long ? 1 : -1;
    this.entryPrice = weightedAverage(position.fills) ?? ZERO;
    this.remaining = sum(position.fills.map((fill) => fill.quantity));
    const at = lastFillTime(position) + 200;
    this.targets = placeTargets(ctx, random, plan, position, this.remaining, at);
    if (plan.stopLoss) this.protect(plan.stopLoss, at, false);
  }

  /** Runs from `entryMinute` to the exit, the deadline or now; returns how it ended. */
  run(entryMinute: number): ExitReason | undefined {
    const { market } = this.ctx;
    const { plan } = this;
    const deadline = Math.min(
      entryMinute + plan.maxHoldMinutes,
      plan.closeBy ? market.minuteAt(plan.closeBy.at) : Infinity,
    );
    const timesOut = deadline < market.minutes - 1;
    const lastMinute = timesOut ? deadline : market.minutes - 1;
    for (let minute = entryMinute + 2; minute <= lastMinute; minute++) {
      const exit = this.step(minute);
      if (exit) return exit;
    }
    if (!timesOut) return undefined;
    const reason =
      plan.closeBy && market.minuteAt(plan.closeBy.at) === deadline
        ? plan.closeBy.reason
        : 'TIMEOUT';
    const time = Math.max(market.timeAt(lastMinute) + 58_000, lastFillTime(this.position) + 500);
    return this.closeAll(time, reason);
  }

  private step(minute: number): ExitReason | undefined {
    const mid = this.ctx.market.price(this.plan.venue.instrument.asset, minute);
    // Fills of one order can spread over a minute or two; later events come after them.
    const at = Math.max(momentIn(this.ctx, this.random, minute), lastFillTime(this.position) + 500);
    return (
      this.stopOut(minute, mid, at) ??
      this.liquidate(mid, at) ??
      this.fillTargets(mid, at) ??
      this.trail(mid, this.after(at)) ??
      this.exitOnSignal(minute, at)
    );
  }

  /** `at`, or just after the last fill or order if a step already went past it. */
  private after(at: number): number {
    const placed = this.protection?.order.createdAt.getTime() ?? 0;
    return Math.max(at, lastFillTime(this.position) + 100, placed + 50);
  }

  private stopOut(minute: number, mid: number, at: number): ExitReason | undefined {
    const protection = this.protection;
    if (this.stop === undefined || !protection || this.side * (mid - this.stop) > 0) return;
    const trigger = dec(String(protection.order.stopPrice));
    const quote = this.ctx.market.quote(this.plan.venue.instrument, minute);
    // A stop fills at its price, or worse when the market gapped through it.
    const price = this.side * quote.minus(trigger).toNumber() < 0 ? quote : trigger;
    executeOrder(this.ctx, this.random, this.plan.venue, protection.order, {
      at,
      price,
      liquidity: 'TAKER',
      reference: trigger,
    });
    for (const target of this.targets) cancelOrder(target.order, at, 'position closed');
    return protection.trailing ? 'TRAILING_STOP' : 'STOP_LOSS';
  }

  private liquidate(mid: number, at: number): ExitReason | undefined {
    const { leverage } = this.plan;
    if (!leverage) return;
    const level = liquidationLevel(this.entryPrice.toNumber(), leverage, this.long);
    if (this.side * (mid - level) > 0) return;
    return this.closeAll(at, 'LIQUIDATION', undefined, level);
  }

  /**
   * Fills the targets the price has reached. A touch sometimes fills only part of a target (the
   * book at that price was thin); the rest waits for the next touch, and the stop is re-placed
   * for what is still open either way.
   */
  private fillTargets(mid: number, at: number): ExitReason | undefined {
    let time = at;
    for (let target = this.targets[this.nextTarget]; target; ) {
      if (this.side * (mid - target.level) < 0) return;
      const { lotSize } = this.plan.venue.instrument;
      const open = target.order.quantity.minus(sum(target.order.fills.map((f) => f.quantity)));
      const part = toLot(open.times(dec(this.random.float(0.3, 0.7).toFixed(2))), lotSize);
      const partial = this.random.chance(0.15) && !part.isZero();
      executeOrder(this.ctx, this.random, this.plan.venue, target.order, {
        at: time,
        price: target.price,
        liquidity: 'MAKER',
        quantity: partial ? part : open,
        gapMs: [300, 20_000],
      });
      time = lastFillTime(this.position) + 100;
      this.remaining = this.remaining.minus(partial ? part : open);
      this.position.takeProfitsHit = Math.max(
        this.position.takeProfitsHit ?? 0,
        this.nextTarget + 1,
      );
      if (this.remaining.isZero()) {
        if (this.protection) cancelOrder(this.protection.order, time, 'position closed');
        return 'TAKE_PROFIT';
      }
      this.reprotectAfterTarget(time);
      if (partial) return;
      target = this.targets[++this.nextTarget];
    }
  }

  /** Re-places the stop for the smaller remainder; at break-even after the first target. */
  private reprotectAfterTarget(at: number): void {
    const protection = this.protection;
    if (!protection) return;
    const toEntry = this.plan.breakevenAfterFirstTarget && !protection.trailing;
    const level = toEntry
      ? toStep(this.entryPrice, this.plan.venue.instrument.tickSize)
      : dec(String(protection.order.stopPrice));
    this.protect(level, at, protection.trailing);
    if (!protection.trailing) this.position.stopLoss = level;
  }

  private trail(mid: number, at: number): undefined {
    const trailing = this.plan.trailing;
    if (!trailing) return;
    const active = this.extreme !== undefined;
    if (!active && this.side * (mid - trailing.activation.toNumber()) < 0) return;
    const extreme = this.extreme ?? mid;
    this.extreme = this.long ? Math.max(extreme, mid) : Math.min(extreme, mid);
    const level = toStep(
      this.extreme * (1 - this.side * trailing.callbackRate),
      this.plan.venue.instrument.tickSize,
    );
    if (!active) {
      this.protect(level, at, true, trailing.onActivate?.(at));
      this.position.trailingStop = {
        activation_price: trailing.activation.toString(),
        callback_rate: trailing.callbackRate,
        activated_at: new Date(at).toISOString(),
      };
    }
    // The venue moves a trailing stop's trigger with the price; the order keeps the latest.
    if (this.protection) this.protection.order.stopPrice = level;
    this.stop = level.toNumber();
    this.position.trailingStopPrice = level;
  }

  private exitOnSignal(minute: number, at: number): ExitReason | undefined {
    const check = this.plan.exitCheck;
    if (!check || (this.ctx.market.timeAt(minute) / MINUTE_MS) % check.everyMinutes !== 0) return;
    const signal = check.signal(minute, at);
    if (!signal) return;
    // The exit order follows the signal by the strategy's reaction time.
    const reaction = signal.generatedAt.getTime() + this.random.int(150, 900);
    return this.closeAll(this.after(reaction), 'SIGNAL', signal);
  }

  private protect(stop: Decimal, at: number, trailing: boolean, signal?: SignalDraft): void {
    if (this.protection) cancelOrder(this.protection.order, at, 'replaced');
    const order = placeOrder(this.ctx, this.random, this.plan.venue, {
      side: this.long ? 'SELL' : 'BUY',
      type: trailing ? 'TRAILING_STOP' : 'STOP',
      quantity: this.remaining,
      stopPrice: stop,
      reduceOnly: true,
      at,
      signal,
      position: this.position,
      metadata: trailing ? { callback_rate: this.plan.trailing?.callbackRate ?? 0 } : {},
    });
    this.protection = { order, trailing };
    this.stop = stop.toNumber();
  }

  /** Closes the rest at market (at `liquidationLevel` when the venue liquidates). */
  private closeAll(
    at: number,
    reason: ExitReason,
    signal?: SignalDraft,
    liquidationLevel?: number,
  ): ExitReason {
    const { instrument } = this.plan.venue;
    const quote = this.ctx.market.quote(instrument, this.ctx.market.minuteAt(at));
    const order = placeOrder(this.ctx, this.random, this.plan.venue, {
      side: this.long ? 'SELL' : 'BUY',
      type: 'MARKET',
      quantity: this.remaining,
      reduceOnly: true,
      at,
      signal,
      position: this.position,
      metadata: liquidationLevel === undefined ? {} : { liquidation: true },
    });
    executeOrder(this.ctx, this.random, this.plan.venue, order, {
      at: at + this.random.int(15, 200),
      price: liquidationLevel === undefined ? quote : toStep(liquidationLevel, instrument.tickSize),
      liquidity: 'TAKER',
      reference: quote,
    });
    for (const target of this.targets) cancelOrder(target.order, at, 'position closed');
    if (this.protection) cancelOrder(this.protection.order, at, 'position closed');
    return reason;
  }
}

function lastFillTime(position: PositionDraft): number {
  return position.fills[position.fills.length - 1]?.executedAt.getTime() ?? 0;
}

/** A resting take-profit order; `level` is its price as a float, for the per-minute checks. */
interface Target {
  price: Decimal;
  level: number;
  order: OrderDraft;
}

/** Places one reduce-only order per take-profit level, sized by the levels' fractions. */
function placeTargets(
  ctx: DemoContext,
  random: Random,
  plan: TradePlan,
  position: PositionDraft,
  size: Decimal,
  at: number,
): Target[] {
  const levels = plan.takeProfits ?? [];
  const { lotSize } = plan.venue.instrument;
  let left = size;
  const out: Target[] = [];
  levels.forEach((level, i) => {
    const last = i === levels.length - 1;
    const quantity = last ? left : toLot(size.times(dec(level.fraction.toFixed(4))), lotSize);
    if (quantity.isZero() || quantity.greaterThan(left)) return;
    left = left.minus(quantity);
    const order = placeOrder(ctx, random, plan.venue, {
      side: plan.direction === 'LONG' ? 'SELL' : 'BUY',
      type: plan.targetType ?? 'LIMIT',
      quantity,
      limitPrice: level.price,
      stopPrice: plan.targetType === 'TAKE_PROFIT' ? level.price : undefined,
      reduceOnly: true,
      at: at + i,
      position,
      metadata: { target: i + 1 },
    });
    out.push({ price: level.price, level: level.price.toNumber(), order });
  });
  return out;
}

function liquidationLevel(entry: number, leverage: Decimal, long: boolean): number {
  const distance = 1 / leverage.toNumber() - 0.005;
  return long ? entry * (1 - distance) : entry * (1 + distance);
}
