import { dec } from './decimal.ts';
import type { StrategyDraft } from './drafts.ts';
import { DAY_MS } from './market.ts';

/** The five source systems the demo imitates, as named in `metadata.source`. */
export type DemoSource = 'arb_engine' | 'gal_friday' | 'ea_okx' | 'btc_signal_trader' | 'abidance';

/**
 * One strategy per source system, shaped like that system's own strategy records (names,
 * versions, parameters, risk limits) so the demo shows how each maps into Tradegraph.
 */
export function demoStrategies(now: number): Record<DemoSource, StrategyDraft> {
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);
  const lastRun = new Date(now - 4_000);
  return {
    arb_engine: {
      id: 0n,
      name: 'v51_baseline',
      version: '5.1',
      kind: 'SIGNAL_SCORING',
      status: 'ACTIVE',
      description:
        'Binance USD-M perpetuals: CVD and funding-rate signals scored 0-100; every signal of ' +
        '60+ is paper traded, 70+ also live, sized by tier with 1 R risk per trade.',
      parameters: {
        paper_entry_score: 60,
        live_entry_score: 70,
        tiers: { light: [60, 70], standard: [70, 85], heavy: [85, 101] },
        tier_risk_multiplier: { light: 0.5, standard: 1, heavy: 1.5 },
        sl_atr_multiple: 1.5,
        tp1_r: 1,
        tp2_r: 2,
        timeout_hours: 12,
        cvd_windows: { fast: '30m', mid: '4h', day: 'utc_day' },
      },
      riskLimits: { risk_per_trade_usd: 40, max_positions: 4, circuit_break_daily_r: -6 },
      symbols: ['BTCUSDT', 'ETHUSDT'],
      timeframes: ['15s', '5m'],
      baseCurrency: 'USDT',
      allocatedCapital: dec(25_000),
      maxPositionSize: dec(60_000),
      maxLeverage: dec(5),
      metadata: {
        source: 'arb_engine',
        database: 'arb_engine (PostgreSQL)',
        signal_table: 'signal_indicators',
        trade_tables: ['paper_trades', 'live_trades'],
        max_position_size_unit: 'USDT notional',
      },
      createdAt: daysAgo(96),
      updatedAt: daysAgo(3),
      deployedAt: daysAgo(62),
      lastRunAt: lastRun,
    },
    gal_friday: {
      id: 0n,
      name: 'gal-friday-xrp',
      version: '0.1',
      kind: 'ML_BASED',
      status: 'ACTIVE',
      description:
        'Kraken XRP/USD: a LightGBM model predicts the 30-minute direction; the strategy ' +
        'arbitrator proposes limit entries and the risk manager approves or rejects them.',
      parameters: {
        buy_threshold: 0.62,
        sell_threshold: 0.38,
        entry_offset_bps: 5,
        entry_timeout_minutes: 20,
        sl_pct: 1.2,
        tp_pct: 2,
        max_holding_hours: 6,
      },
      riskLimits: {
        max_total_exposure_pct: 25,
        max_exposure_per_trade_pct: 10,
        max_daily_drawdown_pct: 2,
        max_weekly_drawdown_pct: 5,
        max_total_drawdown_pct: 15,
        risk_per_trade_pct: 0.5,
      },
      symbols: ['XRP/USD'],
      timeframes: ['1m', '30m'],
      baseCurrency: 'USD',
      allocatedCapital: dec(10_000),
      maxPositionSize: dec(1_000),
      metadata: {
        source: 'gal_friday',
        database: 'PostgreSQL + InfluxDB',
        config_hash: 'a3f1c9e07b52d1186c0f4e2a9b7d35c1e8f20a64b9c3d7e15f08a2c6b4e9d013',
        max_position_size_unit: 'USD notional',
      },
      createdAt: daysAgo(140),
      updatedAt: daysAgo(9),
      deployedAt: daysAgo(41),
      lastRunAt: lastRun,
    },
    ea_okx: {
      id: 0n,
      name: 'okx-bollinger-reversion',
      version: '2.3.1',
      kind: 'MEAN_REVERSION',
      status: 'ACTIVE',
      description:
        'OKX USDT-margined swaps: fades moves beyond the 4h Bollinger bands with 3-10x ' +
        'isolated leverage; positions are time-boxed to one day.',
      parameters: {
        bb_period: 20,
        bb_std_dev: 2.2,
        rsi_period: 14,
        rsi_oversold: 30,
        rsi_overbought: 70,
        max_holding_hours: 24,
        take_profit_pct: 1.5,
        stop_loss_pct: 2.5,
      },
      riskLimits: {
        max_daily_loss_pct: 3,
        max_drawdown_pct: 12,
        max_position_notional_usdt: 150_000,
        max_leverage: 10,
        max_open_positions: 4,
        max_margin_ratio_pct: 60,
      },
      symbols: ['BTC-USDT-SWAP', 'ETH-USDT-SWAP'],
      timeframes: ['1h', '4h'],
      baseCurrency: 'USDT',
      allocatedCapital: dec(250_000),
      maxPositionSize: dec(150_000),
      maxLeverage: dec(10),
      metadata: {
        source: 'ea_okx',
        database: 'TimescaleDB',
        strategy_type: 'mean_reversion',
        created_by: '2f8b6c1e-4d3a-4b5e-9f60-7a1c2d3e4f50',
        max_position_size_unit: 'USDT notional',
      },
      createdAt: daysAgo(210),
      updatedAt: daysAgo(35),
      deployedAt: daysAgo(35),
      lastRunAt: lastRun,
    },
    btc_signal_trader: {
      id: 0n,
      name: 'btc_signal_trader',
      version: '1.4',
      kind: 'MOMENTUM',
      status: 'ACTIVE',
      description:
        'Coinbase BTC-USD: rates each 5-minute candle STRONG_BUY..STRONG_SELL from CVD, order ' +
        'book imbalance and RSI; only STRONG_BUY is traded live (spot, long only).',
      parameters: {
        cvd_lookback_candles: 12,
        imbalance_threshold_pct: 15,
        strong_confidence: 75,
        stop_loss_pct: 1.5,
        take_profit_pct: 3,
        max_holding_hours: 24,
      },
      riskLimits: { position_size_usd: 2_500, max_open_positions: 1 },
      symbols: ['BTC-USD'],
      timeframes: ['5m'],
      baseCurrency: 'USD',
      allocatedCapital: dec(10_000),
      maxPositionSize: dec(2_500),
      metadata: {
        source: 'btc_signal_trader',
        database: 'PostgreSQL',
        data_sources: { cvd: 'coinbase', orderbook: 'kraken' },
        max_position_size_unit: 'USD notional',
      },
      createdAt: daysAgo(75),
      updatedAt: daysAgo(2),
      deployedAt: daysAgo(33),
      lastRunAt: lastRun,
    },
    abidance: {
      id: 0n,
      name: 'abidance-ema-trend',
      version: '1.0.0',
      kind: 'TREND_FOLLOWING',
      status: 'TESTING',
      description:
        'Binance spot, paper trading: EMA 20/50 trend entries on the hourly chart with three ' +
        'take-profit levels and a trailing stop; exits when the trend flips.',
      parameters: {
        fast_ema: 20,
        slow_ema: 50,
        rsi_period: 14,
        atr_period: 14,
        stop_atr_multiple: 2,
        take_profit_r: [1.5, 3, 5],
        take_profit_fractions: [0.4, 0.3, 0.3],
        trailing_activation_r: 1.5,
        trailing_callback_pct: 1.2,
        max_holding_hours: 120,
      },
      riskLimits: { risk_per_trade_pct: 1, max_open_positions: 2, max_daily_loss_pct: 4 },
      symbols: ['BTCUSDT', 'ETHUSDT'],
      timeframes: ['1h'],
      baseCurrency: 'USDT',
      allocatedCapital: dec(50_000),
      metadata: {
        source: 'abidance',
        database: 'TimescaleDB',
        strategy_type: 'trend_following',
        paper_trading: true,
      },
      createdAt: daysAgo(58),
      updatedAt: daysAgo(1),
      deployedAt: daysAgo(31),
      lastRunAt: lastRun,
    },
  };
}

/**
 * Earlier versions that are no longer traded, so the demo shows a strategy's version history:
 * EA OKX's 2.2.0, stopped when 2.3.1 (tighter bands, shorter holding time) was deployed.
 */
export function retiredStrategies(now: number): StrategyDraft[] {
  const daysAgo = (days: number) => new Date(now - days * DAY_MS);
  return [
    {
      id: 0n,
      name: 'okx-bollinger-reversion',
      version: '2.2.0',
      kind: 'MEAN_REVERSION',
      status: 'STOPPED',
      description: 'Superseded by 2.3.1: wider bands and two-day holding let losers run.',
      parameters: {
        bb_period: 20,
        bb_std_dev: 2.5,
        rsi_period: 14,
        max_holding_hours: 48,
        take_profit_pct: 2.5,
        stop_loss_pct: 3.5,
      },
      riskLimits: { max_daily_loss_pct: 3, max_drawdown_pct: 12, max_leverage: 10 },
      symbols: ['BTC-USDT-SWAP', 'ETH-USDT-SWAP'],
      timeframes: ['1h', '4h'],
      baseCurrency: 'USDT',
      allocatedCapital: dec(250_000),
      maxPositionSize: dec(150_000),
      maxLeverage: dec(10),
      metadata: {
        source: 'ea_okx',
        database: 'TimescaleDB',
        strategy_type: 'mean_reversion',
        superseded_by: '2.3.1',
      },
      createdAt: daysAgo(210),
      updatedAt: daysAgo(35),
      deployedAt: daysAgo(120),
      stoppedAt: daysAgo(35),
      lastRunAt: daysAgo(35),
    },
  ];
}
