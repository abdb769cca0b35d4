import type { Random } from './random.ts';

/** How one venue (or the paper/backtest engine) names orders and fills. */
export interface IdStyle {
  clientOrderId(): string;
  /** Null where no exchange saw the order (paper trading, backtests). */
  exchangeOrderId(): string | null;
  exchangeFillId(): string | null;
}

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/**
 * Makes ids in each venue's format. Every id it hands out is unique across the data set (the
 * tables have unique constraints on them), which random formats alone would not guarantee.
 */
export class ExternalIds {
  private readonly used = new Set<string>();

  constructor(private readonly random: Random) {}

  private unique(make: () => string): string {
    for (;;) {
      const id = make();
      if (!this.used.has(id)) {
        this.used.add(id);
        return id;
      }
    }
  }

  /** Increasing numeric ids with random gaps, as Binance, OKX and Coinbase trade ids look. */
  private counter(start: bigint, maxGap: number): () => string {
    let value = start;
    return () => {
      value += BigInt(this.random.int(1, maxGap));
      return value.toString();
    };
  }

  /** A reproducible UUID v4. */
  uuid(): string {
    return this.unique(() => this.random.uuid());
  }

  /** Binance: numeric order and trade ids, client ids chosen by the bot. */
  binance(clientPrefix: string, firstOrderId: bigint): IdStyle {
    const orderId = this.counter(firstOrderId, 40_000);
    const tradeId = this.counter(firstOrderId / 2n, 90_000);
    let sequence = 0;
    return {
      clientOrderId: () =>
        this.unique(
          () => `${clientPrefix}${++sequence}_${this.random.chars(6, 'abcdef0123456789')}`,
        ),
      exchangeOrderId: () => this.unique(orderId),
      exchangeFillId: () => this.unique(tradeId),
    };
  }

  /** Kraken: `OXXXXX-XXXXX-XXXXXX` order ids, `TXXXXX-XXXXX-XXXXXX` trade ids, UUID client ids. */
  kraken(): IdStyle {
    const krakenId = (prefix: string) => () =>
      this.unique(
        () =>
          `${prefix}${this.random.chars(5, UPPER_ALNUM)}-${this.random.chars(5, UPPER_ALNUM)}-${this.random.chars(6, UPPER_ALNUM)}`,
      );
    return {
      clientOrderId: () => this.uuid(),
      exchangeOrderId: krakenId('O'),
      exchangeFillId: krakenId('T'),
    };
  }

  /** OKX: 19-digit order ids, alphanumeric client ids of at most 32 characters. */
  okx(clientPrefix: string): IdStyle {
    const orderId = this.counter(1_805_442_823_456_784_384n, 9_000_000_000);
    const tradeId = this.counter(512_348_903n, 50_000);
    let sequence = 0;
    return {
      clientOrderId: () =>
        this.unique(() => `${clientPrefix}${(++sequence).toString().padStart(8, '0')}`),
      exchangeOrderId: () => this.unique(orderId),
      exchangeFillId: () => this.unique(tradeId),
    };
  }

  /** Coinbase Advanced Trade: UUID order and client ids, numeric trade ids. */
  coinbase(): IdStyle {
    const tradeId = this.counter(712_004_516n, 60_000);
    return {
      clientOrderId: () => this.uuid(),
      exchangeOrderId: () => this.uuid(),
      exchangeFillId: () => this.unique(tradeId),
    };
  }

  /** A simulator (paper trading or a backtest): only client ids. */
  simulated(clientPrefix: string): IdStyle {
    let sequence = 0;
    return {
      clientOrderId: () => this.unique(() => `${clientPrefix}-${++sequence}`),
      exchangeOrderId: () => null,
      exchangeFillId: () => null,
    };
  }
}
