import { type Decimal, dec } from './decimal.ts';

/** An underlying whose price the demo market simulates; instruments on it share one path. */
export type Asset = 'BTC' | 'ETH' | 'XRP';

/** A tradable (exchange, symbol) as the venue spells it, with its trading rules. */
export interface Instrument {
  exchange: string;
  symbol: string;
  asset: Asset;
  quote: string;
  /** Price increment. */
  tickSize: Decimal;
  /** Quantity increment. */
  lotSize: Decimal;
  /** Perpetual swaps pay funding every 8 hours and can be leveraged. */
  perpetual: boolean;
  makerFee: Decimal;
  takerFee: Decimal;
  /**
   * Base units per contract where the venue sizes orders in contracts (OKX swaps). Quantities
   * stay in base units; the contract count goes to `metadata.contracts` (docs/data-model.md).
   */
  contractValue?: Decimal;
}

function instrument(
  exchange: string,
  symbol: string,
  asset: Asset,
  rules: {
    quote: string;
    tick: string;
    lot: string;
    perpetual?: boolean;
    maker: string;
    taker: string;
    contract?: string;
  },
): Instrument {
  return {
    exchange,
    symbol,
    asset,
    quote: rules.quote,
    tickSize: dec(rules.tick),
    lotSize: dec(rules.lot),
    perpetual: rules.perpetual ?? false,
    makerFee: dec(rules.maker),
    takerFee: dec(rules.taker),
    contractValue: rules.contract ? dec(rules.contract) : undefined,
  };
}

const usdm = { quote: 'USDT', perpetual: true, maker: '0.0002', taker: '0.0004' };
const okxSwap = { quote: 'USDT', perpetual: true, maker: '0.0002', taker: '0.0005' };
const binanceSpot = { quote: 'USDT', maker: '0.001', taker: '0.001' };

/** The instruments the five demo strategies trade (tick and lot sizes as the venues set them). */
export const INSTRUMENTS = {
  binanceUsdmBtc: instrument('binance-usdm', 'BTCUSDT', 'BTC', {
    ...usdm,
    tick: '0.1',
    lot: '0.001',
  }),
  binanceUsdmEth: instrument('binance-usdm', 'ETHUSDT', 'ETH', {
    ...usdm,
    tick: '0.01',
    lot: '0.001',
  }),
  binanceSpotBtc: instrument('binance', 'BTCUSDT', 'BTC', {
    ...binanceSpot,
    tick: '0.01',
    lot: '0.00001',
  }),
  binanceSpotEth: instrument('binance', 'ETHUSDT', 'ETH', {
    ...binanceSpot,
    tick: '0.01',
    lot: '0.0001',
  }),
  krakenXrp: instrument('kraken', 'XRP/USD', 'XRP', {
    quote: 'USD',
    tick: '0.00001',
    lot: '0.1',
    maker: '0.0016',
    taker: '0.0026',
  }),
  // OKX: 0.01 BTC / 0.1 ETH per contract, orders in steps of 0.01 contracts.
  okxBtcSwap: instrument('okx', 'BTC-USDT-SWAP', 'BTC', {
    ...okxSwap,
    tick: '0.1',
    lot: '0.0001',
    contract: '0.01',
  }),
  okxEthSwap: instrument('okx', 'ETH-USDT-SWAP', 'ETH', {
    ...okxSwap,
    tick: '0.01',
    lot: '0.001',
    contract: '0.1',
  }),
  coinbaseBtc: instrument('coinbase', 'BTC-USD', 'BTC', {
    quote: 'USD',
    tick: '0.01',
    lot: '0.00000001',
    maker: '0.0015',
    taker: '0.0025',
  }),
} as const satisfies Record<string, Instrument>;
