-- CreateEnum
CREATE TYPE "TradingMode" AS ENUM ('LIVE', 'PAPER', 'BACKTEST');

-- CreateEnum
CREATE TYPE "StrategyKind" AS ENUM ('TREND_FOLLOWING', 'MEAN_REVERSION', 'MOMENTUM', 'ARBITRAGE', 'MARKET_MAKING', 'SIGNAL_SCORING', 'ML_BASED', 'OTHER');

-- CreateEnum
CREATE TYPE "StrategyStatus" AS ENUM ('DRAFT', 'TESTING', 'ACTIVE', 'PAUSED', 'INACTIVE', 'STOPPED', 'ERROR', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "SignalDirection" AS ENUM ('LONG', 'SHORT', 'NEUTRAL', 'EXIT', 'ADJUST');

-- CreateEnum
CREATE TYPE "SignalStrength" AS ENUM ('WEAK', 'NORMAL', 'STRONG');

-- CreateEnum
CREATE TYPE "SignalStatus" AS ENUM ('PROPOSED', 'APPROVED', 'REJECTED', 'EXECUTED', 'EXPIRED', 'CANCELED');

-- CreateEnum
CREATE TYPE "OrderSide" AS ENUM ('BUY', 'SELL');

-- CreateEnum
CREATE TYPE "OrderType" AS ENUM ('MARKET', 'LIMIT', 'STOP', 'STOP_LIMIT', 'TAKE_PROFIT', 'TAKE_PROFIT_LIMIT', 'TRAILING_STOP');

-- CreateEnum
CREATE TYPE "TimeInForce" AS ENUM ('GTC', 'IOC', 'FOK', 'GTD', 'POST_ONLY');

-- CreateEnum
CREATE TYPE "OrderStatus" AS ENUM ('PENDING_NEW', 'NEW', 'PARTIALLY_FILLED', 'FILLED', 'PENDING_CANCEL', 'CANCELED', 'REJECTED', 'EXPIRED');

-- CreateEnum
CREATE TYPE "Liquidity" AS ENUM ('MAKER', 'TAKER');

-- CreateEnum
CREATE TYPE "PositionDirection" AS ENUM ('LONG', 'SHORT');

-- CreateEnum
CREATE TYPE "PositionStatus" AS ENUM ('OPEN', 'PARTIALLY_CLOSED', 'CLOSED', 'LIQUIDATED');

-- CreateEnum
CREATE TYPE "ExitReason" AS ENUM ('TAKE_PROFIT', 'STOP_LOSS', 'TRAILING_STOP', 'TIMEOUT', 'SIGNAL', 'MANUAL', 'LIQUIDATION', 'OTHER');

-- CreateEnum
CREATE TYPE "ModelType" AS ENUM ('CLASSIFICATION', 'REGRESSION', 'REINFORCEMENT_LEARNING', 'OTHER');

-- CreateEnum
CREATE TYPE "ModelStatus" AS ENUM ('TRAINING', 'READY', 'DEPLOYED', 'FAILED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "BacktestStatus" AS ENUM ('PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELED');

-- CreateEnum
CREATE TYPE "RiskSeverity" AS ENUM ('INFO', 'WARNING', 'CRITICAL');

-- CreateTable
CREATE TABLE "strategies" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL DEFAULT '1',
    "kind" "StrategyKind" NOT NULL DEFAULT 'OTHER',
    "status" "StrategyStatus" NOT NULL DEFAULT 'DRAFT',
    "description" TEXT,
    "parameters" JSONB NOT NULL DEFAULT '{}',
    "risk_limits" JSONB NOT NULL DEFAULT '{}',
    "symbols" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "timeframes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "base_currency" TEXT,
    "allocated_capital" DECIMAL(38,18),
    "max_position_size" DECIMAL(38,18),
    "max_leverage" DECIMAL(38,18),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deployed_at" TIMESTAMPTZ(6),
    "stopped_at" TIMESTAMPTZ(6),
    "last_run_at" TIMESTAMPTZ(6),

    CONSTRAINT "strategies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "signals" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT NOT NULL,
    "external_id" TEXT,
    "exchange" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "timeframe" TEXT,
    "direction" "SignalDirection" NOT NULL,
    "strength" "SignalStrength" NOT NULL DEFAULT 'NORMAL',
    "score" DECIMAL(38,18),
    "confidence" DECIMAL(38,18),
    "entry_type" "OrderType",
    "entry_price" DECIMAL(38,18),
    "stop_loss" DECIMAL(38,18),
    "take_profits" DECIMAL(38,18)[] DEFAULT ARRAY[]::DECIMAL(38,18)[],
    "status" "SignalStatus" NOT NULL DEFAULT 'PROPOSED',
    "rejection_reason" TEXT,
    "reasons" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "warnings" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "factors" JSONB NOT NULL DEFAULT '{}',
    "indicators" JSONB NOT NULL DEFAULT '{}',
    "risk_checks" JSONB NOT NULL DEFAULT '{}',
    "prediction_id" BIGINT,
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "backtest_run_id" BIGINT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "generated_at" TIMESTAMPTZ(6) NOT NULL,
    "decided_at" TIMESTAMPTZ(6),
    "expires_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "signals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "orders" (
    "id" BIGSERIAL NOT NULL,
    "client_order_id" TEXT NOT NULL,
    "exchange_order_id" TEXT,
    "strategy_id" BIGINT NOT NULL,
    "signal_id" BIGINT,
    "position_id" BIGINT,
    "backtest_run_id" BIGINT,
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "exchange" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "side" "OrderSide" NOT NULL,
    "type" "OrderType" NOT NULL,
    "time_in_force" "TimeInForce" NOT NULL DEFAULT 'GTC',
    "reduce_only" BOOLEAN NOT NULL DEFAULT false,
    "status" "OrderStatus" NOT NULL DEFAULT 'PENDING_NEW',
    "quantity" DECIMAL(38,18) NOT NULL,
    "limit_price" DECIMAL(38,18),
    "stop_price" DECIMAL(38,18),
    "filled_quantity" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "average_fill_price" DECIMAL(38,18),
    "fees" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "fee_asset" TEXT,
    "realized_pnl" DECIMAL(38,18),
    "slippage_bps" DECIMAL(38,18),
    "status_reason" TEXT,
    "signal_latency_ms" INTEGER,
    "ack_latency_ms" INTEGER,
    "fill_latency_ms" INTEGER,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submitted_at" TIMESTAMPTZ(6),
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "first_fill_at" TIMESTAMPTZ(6),
    "closed_at" TIMESTAMPTZ(6),

    CONSTRAINT "orders_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "fills" (
    "id" BIGSERIAL NOT NULL,
    "order_id" BIGINT NOT NULL,
    "strategy_id" BIGINT NOT NULL,
    "position_id" BIGINT,
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "exchange" TEXT NOT NULL,
    "exchange_fill_id" TEXT,
    "symbol" TEXT NOT NULL,
    "side" "OrderSide" NOT NULL,
    "price" DECIMAL(38,18) NOT NULL,
    "quantity" DECIMAL(38,18) NOT NULL,
    "fee" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "fee_asset" TEXT,
    "liquidity" "Liquidity",
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "executed_at" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "fills_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "positions" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT NOT NULL,
    "signal_id" BIGINT,
    "backtest_run_id" BIGINT,
    "external_id" TEXT,
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "exchange" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "direction" "PositionDirection" NOT NULL,
    "status" "PositionStatus" NOT NULL DEFAULT 'OPEN',
    "size" DECIMAL(38,18) NOT NULL,
    "remaining_size" DECIMAL(38,18) NOT NULL,
    "average_entry_price" DECIMAL(38,18) NOT NULL,
    "average_exit_price" DECIMAL(38,18),
    "mark_price" DECIMAL(38,18),
    "stop_loss" DECIMAL(38,18),
    "take_profits" DECIMAL(38,18)[] DEFAULT ARRAY[]::DECIMAL(38,18)[],
    "take_profits_hit" INTEGER NOT NULL DEFAULT 0,
    "trailing_stop_price" DECIMAL(38,18),
    "trailing_stop" JSONB,
    "realized_pnl" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "unrealized_pnl" DECIMAL(38,18),
    "fees" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "funding_fees" DECIMAL(38,18) NOT NULL DEFAULT 0,
    "margin" DECIMAL(38,18),
    "leverage" DECIMAL(38,18),
    "liquidation_price" DECIMAL(38,18),
    "risk_amount" DECIMAL(38,18),
    "pnl_r" DECIMAL(38,18),
    "exit_reason" "ExitReason",
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "opened_at" TIMESTAMPTZ(6) NOT NULL,
    "closed_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "positions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "equity_snapshots" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT,
    "backtest_run_id" BIGINT,
    "account" TEXT NOT NULL DEFAULT 'default',
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "currency" TEXT,
    "equity" DECIMAL(38,18) NOT NULL,
    "available_balance" DECIMAL(38,18),
    "exposure" DECIMAL(38,18),
    "exposure_pct" DECIMAL(38,18),
    "unrealized_pnl" DECIMAL(38,18),
    "realized_pnl" DECIMAL(38,18),
    "drawdown_pct" DECIMAL(38,18),
    "daily_drawdown_pct" DECIMAL(38,18),
    "weekly_drawdown_pct" DECIMAL(38,18),
    "max_drawdown_pct" DECIMAL(38,18),
    "open_position_count" INTEGER,
    "positions" JSONB,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "time" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "equity_snapshots_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ml_models" (
    "id" BIGSERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "type" "ModelType" NOT NULL DEFAULT 'OTHER',
    "status" "ModelStatus" NOT NULL DEFAULT 'TRAINING',
    "framework" TEXT,
    "description" TEXT,
    "target" TEXT,
    "hyperparameters" JSONB NOT NULL DEFAULT '{}',
    "training_metrics" JSONB NOT NULL DEFAULT '{}',
    "validation_metrics" JSONB NOT NULL DEFAULT '{}',
    "features" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "symbols" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "timeframes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "training_start" TIMESTAMPTZ(6),
    "training_end" TIMESTAMPTZ(6),
    "artifact_uri" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ml_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "id" BIGSERIAL NOT NULL,
    "model_id" BIGINT NOT NULL,
    "exchange" TEXT NOT NULL,
    "symbol" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "horizon" TEXT,
    "value" DECIMAL(38,18) NOT NULL,
    "confidence" DECIMAL(38,18),
    "features" JSONB NOT NULL DEFAULT '{}',
    "actual_value" DECIMAL(38,18),
    "error" DECIMAL(38,18),
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "time" TIMESTAMPTZ(6) NOT NULL,
    "resolved_at" TIMESTAMPTZ(6),
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "backtest_runs" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT NOT NULL,
    "external_id" TEXT,
    "name" TEXT,
    "status" "BacktestStatus" NOT NULL DEFAULT 'PENDING',
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6) NOT NULL,
    "config" JSONB NOT NULL DEFAULT '{}',
    "symbols" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "timeframe" TEXT,
    "initial_capital" DECIMAL(38,18),
    "final_equity" DECIMAL(38,18),
    "total_pnl" DECIMAL(38,18),
    "total_return_pct" DECIMAL(38,18),
    "max_drawdown_pct" DECIMAL(38,18),
    "sharpe_ratio" DECIMAL(38,18),
    "sortino_ratio" DECIMAL(38,18),
    "profit_factor" DECIMAL(38,18),
    "win_rate" DECIMAL(38,18),
    "trade_count" INTEGER,
    "win_count" INTEGER,
    "loss_count" INTEGER,
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "error_message" TEXT,
    "metadata" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(6),
    "completed_at" TIMESTAMPTZ(6),

    CONSTRAINT "backtest_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "strategy_performance" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT NOT NULL,
    "mode" "TradingMode" NOT NULL DEFAULT 'LIVE',
    "period" TEXT NOT NULL,
    "period_start" TIMESTAMPTZ(6) NOT NULL,
    "period_end" TIMESTAMPTZ(6),
    "trade_count" INTEGER NOT NULL DEFAULT 0,
    "win_count" INTEGER NOT NULL DEFAULT 0,
    "loss_count" INTEGER NOT NULL DEFAULT 0,
    "gross_pnl" DECIMAL(38,18),
    "fees" DECIMAL(38,18),
    "net_pnl" DECIMAL(38,18),
    "return_pct" DECIMAL(38,18),
    "volume" DECIMAL(38,18),
    "win_rate" DECIMAL(38,18),
    "average_win" DECIMAL(38,18),
    "average_loss" DECIMAL(38,18),
    "profit_factor" DECIMAL(38,18),
    "sharpe_ratio" DECIMAL(38,18),
    "sortino_ratio" DECIMAL(38,18),
    "max_drawdown_pct" DECIMAL(38,18),
    "volatility_pct" DECIMAL(38,18),
    "metrics" JSONB NOT NULL DEFAULT '{}',
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "strategy_performance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "risk_events" (
    "id" BIGSERIAL NOT NULL,
    "strategy_id" BIGINT,
    "type" TEXT NOT NULL,
    "severity" "RiskSeverity" NOT NULL DEFAULT 'WARNING',
    "exchange" TEXT,
    "symbol" TEXT,
    "description" TEXT NOT NULL,
    "metric_name" TEXT,
    "metric_value" DECIMAL(38,18),
    "threshold_value" DECIMAL(38,18),
    "action_taken" TEXT,
    "details" JSONB NOT NULL DEFAULT '{}',
    "acknowledged_at" TIMESTAMPTZ(6),
    "acknowledged_by" TEXT,
    "time" TIMESTAMPTZ(6) NOT NULL,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "risk_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "strategies_status_idx" ON "strategies"("status");

-- CreateIndex
CREATE UNIQUE INDEX "strategies_name_version_key" ON "strategies"("name", "version");

-- CreateIndex
CREATE INDEX "signals_strategy_id_generated_at_id_idx" ON "signals"("strategy_id", "generated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signals_exchange_symbol_generated_at_id_idx" ON "signals"("exchange", "symbol", "generated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signals_generated_at_id_idx" ON "signals"("generated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signals_prediction_id_generated_at_id_idx" ON "signals"("prediction_id", "generated_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "signals_backtest_run_id_generated_at_id_idx" ON "signals"("backtest_run_id", "generated_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "signals_strategy_id_external_id_key" ON "signals"("strategy_id", "external_id");

-- CreateIndex
CREATE UNIQUE INDEX "orders_client_order_id_key" ON "orders"("client_order_id");

-- CreateIndex
CREATE INDEX "orders_strategy_id_created_at_id_idx" ON "orders"("strategy_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_exchange_symbol_created_at_id_idx" ON "orders"("exchange", "symbol", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_status_created_at_id_idx" ON "orders"("status", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_created_at_id_idx" ON "orders"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_signal_id_created_at_id_idx" ON "orders"("signal_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_position_id_created_at_id_idx" ON "orders"("position_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "orders_backtest_run_id_created_at_id_idx" ON "orders"("backtest_run_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "orders_exchange_exchange_order_id_key" ON "orders"("exchange", "exchange_order_id");

-- CreateIndex
CREATE INDEX "fills_order_id_executed_at_id_idx" ON "fills"("order_id", "executed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "fills_strategy_id_executed_at_id_idx" ON "fills"("strategy_id", "executed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "fills_exchange_symbol_executed_at_id_idx" ON "fills"("exchange", "symbol", "executed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "fills_position_id_executed_at_id_idx" ON "fills"("position_id", "executed_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "fills_executed_at_id_idx" ON "fills"("executed_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "fills_exchange_exchange_fill_id_key" ON "fills"("exchange", "exchange_fill_id");

-- CreateIndex
CREATE INDEX "positions_strategy_id_opened_at_id_idx" ON "positions"("strategy_id", "opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "positions_exchange_symbol_opened_at_id_idx" ON "positions"("exchange", "symbol", "opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "positions_status_opened_at_id_idx" ON "positions"("status", "opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "positions_opened_at_id_idx" ON "positions"("opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "positions_signal_id_opened_at_id_idx" ON "positions"("signal_id", "opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "positions_backtest_run_id_opened_at_id_idx" ON "positions"("backtest_run_id", "opened_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "positions_strategy_id_external_id_key" ON "positions"("strategy_id", "external_id");

-- CreateIndex
CREATE INDEX "equity_snapshots_strategy_id_time_id_idx" ON "equity_snapshots"("strategy_id", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "equity_snapshots_account_time_id_idx" ON "equity_snapshots"("account", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "equity_snapshots_backtest_run_id_time_id_idx" ON "equity_snapshots"("backtest_run_id", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "equity_snapshots_time_id_idx" ON "equity_snapshots"("time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "ml_models_status_idx" ON "ml_models"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ml_models_name_version_key" ON "ml_models"("name", "version");

-- CreateIndex
CREATE INDEX "predictions_model_id_time_id_idx" ON "predictions"("model_id", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "predictions_exchange_symbol_time_id_idx" ON "predictions"("exchange", "symbol", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "predictions_time_id_idx" ON "predictions"("time" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "predictions_model_id_exchange_symbol_time_target_key" ON "predictions"("model_id", "exchange", "symbol", "time", "target");

-- CreateIndex
CREATE INDEX "backtest_runs_strategy_id_created_at_id_idx" ON "backtest_runs"("strategy_id", "created_at" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "backtest_runs_created_at_id_idx" ON "backtest_runs"("created_at" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "backtest_runs_strategy_id_external_id_key" ON "backtest_runs"("strategy_id", "external_id");

-- CreateIndex
CREATE INDEX "strategy_performance_strategy_id_period_start_id_idx" ON "strategy_performance"("strategy_id", "period_start" DESC, "id" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "strategy_performance_strategy_id_mode_period_period_start_key" ON "strategy_performance"("strategy_id", "mode", "period", "period_start");

-- CreateIndex
CREATE INDEX "risk_events_strategy_id_time_id_idx" ON "risk_events"("strategy_id", "time" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "risk_events_time_id_idx" ON "risk_events"("time" DESC, "id" DESC);

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_prediction_id_fkey" FOREIGN KEY ("prediction_id") REFERENCES "predictions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "signals" ADD CONSTRAINT "signals_backtest_run_id_fkey" FOREIGN KEY ("backtest_run_id") REFERENCES "backtest_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "orders" ADD CONSTRAINT "orders_backtest_run_id_fkey" FOREIGN KEY ("backtest_run_id") REFERENCES "backtest_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fills" ADD CONSTRAINT "fills_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fills" ADD CONSTRAINT "fills_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "fills" ADD CONSTRAINT "fills_position_id_fkey" FOREIGN KEY ("position_id") REFERENCES "positions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_signal_id_fkey" FOREIGN KEY ("signal_id") REFERENCES "signals"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "positions" ADD CONSTRAINT "positions_backtest_run_id_fkey" FOREIGN KEY ("backtest_run_id") REFERENCES "backtest_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equity_snapshots" ADD CONSTRAINT "equity_snapshots_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "equity_snapshots" ADD CONSTRAINT "equity_snapshots_backtest_run_id_fkey" FOREIGN KEY ("backtest_run_id") REFERENCES "backtest_runs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_model_id_fkey" FOREIGN KEY ("model_id") REFERENCES "ml_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "backtest_runs" ADD CONSTRAINT "backtest_runs_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "strategy_performance" ADD CONSTRAINT "strategy_performance_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "risk_events" ADD CONSTRAINT "risk_events_strategy_id_fkey" FOREIGN KEY ("strategy_id") REFERENCES "strategies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- CHECK constraints (Prisma does not model them). Each is named for the rule it enforces, so a
-- refused write says which rule it broke.
ALTER TABLE "strategies"
  ADD CONSTRAINT "strategies_allocated_capital_not_negative" CHECK ("allocated_capital" >= 0),
  ADD CONSTRAINT "strategies_max_position_size_positive" CHECK ("max_position_size" > 0),
  ADD CONSTRAINT "strategies_max_leverage_positive" CHECK ("max_leverage" > 0);

ALTER TABLE "signals"
  ADD CONSTRAINT "signals_score_between_0_and_100" CHECK ("score" BETWEEN 0 AND 100),
  ADD CONSTRAINT "signals_backtest_run_iff_backtest_mode" CHECK (("mode" = 'BACKTEST') = ("backtest_run_id" IS NOT NULL)),
  ADD CONSTRAINT "signals_confidence_between_0_and_1" CHECK ("confidence" BETWEEN 0 AND 1),
  ADD CONSTRAINT "signals_entry_price_positive" CHECK ("entry_price" > 0),
  ADD CONSTRAINT "signals_stop_loss_positive" CHECK ("stop_loss" > 0),
  ADD CONSTRAINT "signals_take_profits_positive" CHECK (0 < ALL ("take_profits"));

ALTER TABLE "orders"
  ADD CONSTRAINT "orders_quantity_positive" CHECK ("quantity" > 0),
  ADD CONSTRAINT "orders_filled_quantity_within_quantity" CHECK ("filled_quantity" >= 0 AND "filled_quantity" <= "quantity"),
  ADD CONSTRAINT "orders_limit_price_positive" CHECK ("limit_price" > 0),
  ADD CONSTRAINT "orders_stop_price_positive" CHECK ("stop_price" > 0),
  ADD CONSTRAINT "orders_average_fill_price_positive" CHECK ("average_fill_price" > 0),
  ADD CONSTRAINT "orders_latencies_not_negative" CHECK ("signal_latency_ms" >= 0 AND "ack_latency_ms" >= 0 AND "fill_latency_ms" >= 0),
  ADD CONSTRAINT "orders_backtest_run_iff_backtest_mode" CHECK (("mode" = 'BACKTEST') = ("backtest_run_id" IS NOT NULL));

ALTER TABLE "fills"
  ADD CONSTRAINT "fills_price_positive" CHECK ("price" > 0),
  ADD CONSTRAINT "fills_quantity_positive" CHECK ("quantity" > 0);

ALTER TABLE "positions"
  ADD CONSTRAINT "positions_size_positive" CHECK ("size" > 0),
  ADD CONSTRAINT "positions_remaining_size_within_size" CHECK ("remaining_size" >= 0 AND "remaining_size" <= "size"),
  ADD CONSTRAINT "positions_average_entry_price_positive" CHECK ("average_entry_price" > 0),
  ADD CONSTRAINT "positions_average_exit_price_positive" CHECK ("average_exit_price" > 0),
  ADD CONSTRAINT "positions_leverage_positive" CHECK ("leverage" > 0),
  ADD CONSTRAINT "positions_take_profits_positive" CHECK (0 < ALL ("take_profits")),
  ADD CONSTRAINT "positions_take_profits_hit_not_negative" CHECK ("take_profits_hit" >= 0),
  ADD CONSTRAINT "positions_closed_after_opened" CHECK ("closed_at" >= "opened_at"),
  ADD CONSTRAINT "positions_closed_have_closed_at" CHECK ("status" NOT IN ('CLOSED', 'LIQUIDATED') OR "closed_at" IS NOT NULL),
  ADD CONSTRAINT "positions_backtest_run_iff_backtest_mode" CHECK (("mode" = 'BACKTEST') = ("backtest_run_id" IS NOT NULL));

ALTER TABLE "equity_snapshots"
  ADD CONSTRAINT "equity_snapshots_open_position_count_not_negative" CHECK ("open_position_count" >= 0),
  ADD CONSTRAINT "equity_snapshots_backtest_run_iff_backtest_mode" CHECK (("mode" = 'BACKTEST') = ("backtest_run_id" IS NOT NULL));

ALTER TABLE "ml_models"
  ADD CONSTRAINT "ml_models_training_window_ordered" CHECK ("training_end" >= "training_start");

ALTER TABLE "predictions"
  ADD CONSTRAINT "predictions_confidence_between_0_and_1" CHECK ("confidence" BETWEEN 0 AND 1);

ALTER TABLE "backtest_runs"
  ADD CONSTRAINT "backtest_runs_period_ordered" CHECK ("period_end" >= "period_start"),
  ADD CONSTRAINT "backtest_runs_counts_not_negative" CHECK ("trade_count" >= 0 AND "win_count" >= 0 AND "loss_count" >= 0);

ALTER TABLE "strategy_performance"
  ADD CONSTRAINT "strategy_performance_counts_not_negative" CHECK ("trade_count" >= 0 AND "win_count" >= 0 AND "loss_count" >= 0);

-- Prisma leaves list columns nullable; the API promises non-null lists, so a plain-SQL writer
-- must not be able to store NULL in one.
ALTER TABLE "strategies" ALTER COLUMN "symbols" SET NOT NULL, ALTER COLUMN "timeframes" SET NOT NULL;
ALTER TABLE "signals" ALTER COLUMN "take_profits" SET NOT NULL, ALTER COLUMN "reasons" SET NOT NULL, ALTER COLUMN "warnings" SET NOT NULL;
ALTER TABLE "positions" ALTER COLUMN "take_profits" SET NOT NULL;
ALTER TABLE "ml_models" ALTER COLUMN "features" SET NOT NULL, ALTER COLUMN "symbols" SET NOT NULL, ALTER COLUMN "timeframes" SET NOT NULL;
ALTER TABLE "backtest_runs" ALTER COLUMN "symbols" SET NOT NULL;
