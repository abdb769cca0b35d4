-- CreateTable
CREATE TABLE "events" (
    "id" BIGSERIAL NOT NULL,
    "transaction_id" BIGINT NOT NULL,
    "stream" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "entity_id" BIGINT NOT NULL,
    "strategy_id" BIGINT,
    "created_at" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "events_pkey" PRIMARY KEY ("transaction_id","id")
);

-- CreateTable
CREATE TABLE "event_commits" (
    "transaction_id" BIGINT NOT NULL,
    "commit_seq" BIGINT,
    "committed_at" TIMESTAMPTZ(6),

    CONSTRAINT "event_commits_pkey" PRIMARY KEY ("transaction_id")
);

-- CreateIndex
CREATE UNIQUE INDEX "event_commits_commit_seq_key" ON "event_commits"("commit_seq");

-- =============================================================================================
-- Live events: every committed INSERT/UPDATE that subscribers follow becomes a row of "events",
-- written by the triggers below, so every write path (writer modules, GraphQL mutations, plain
-- SQL from collectors in any language) produces events, and a rolled-back write produces none.
--
-- Ordering: approach 3 of the gap-free delivery note (issue 3): order assigned at COMMIT.
--   * A statement-level trigger (transition table, so a 5,000-row INSERT costs one INSERT ...
--     SELECT, not 5,000 trigger calls) writes the statement's events, tagged with the writing
--     transaction's id, and registers the transaction once in "event_commits".
--   * That registration queues a DEFERRED constraint trigger, so it runs once per transaction,
--     during COMMIT. It takes a transaction-level advisory lock, draws "commit_seq" from a
--     sequence and stamps it on the transaction's "event_commits" row, then pg_notify()s.
--   * PostgreSQL makes a committing transaction visible to others (ProcArrayEndTransaction)
--     BEFORE it releases its locks. So the next committer can only draw a larger commit_seq after
--     the previous one is visible: commit_seq values become visible in increasing order. A
--     reader that has seen commit_seq N can never later find a committed M < N. A transaction
--     that fails after stamping (a later deferred check, a serialization failure) leaves a
--     harmless hole: readers ask for "greater than", never for "N + 1".
-- Delivery order, and the reader's cursor, is (commit_seq, events.id): commit order between
-- transactions, statement order inside one, entity id order inside a statement.
--
-- Why not approach 2 (xid8 horizon): it never blocks writers, but orders by transaction START
-- (xid), not commit, and holds back every event behind the oldest running transaction, even one
-- that writes nothing. The requirement is commit order. Why not approach 1: it serializes whole
-- writing transactions; here only the commit phase of transactions that wrote events is.
-- Why not logical decoding: needs wal_level=logical and a slot, not available on every host.
--
-- Costs and limits (measured figures: src/realtime/event-log.ts):
--   * Commits of event-writing transactions are serialized, including their WAL flush, so their
--     rate is bounded by about 1 / commit latency (PostgreSQL's NOTIFY already serializes
--     committers the same way). Write many rows per transaction to go faster, not more
--     transactions.
--   * A writer that runs SET CONSTRAINTS ALL IMMEDIATE, or PREPARE TRANSACTION (two-phase commit),
--     stamps early and holds the lock until it really commits, delaying other writers' commits.
--   * Deferred triggers queued after the stamp (none exist in this schema) run under the lock.
--   * Triggers do not fire with session_replication_role = replica (logical replication apply):
--     rows arriving that way produce no events unless these triggers are ENABLE ALWAYS.
--   * An UPDATE statement makes one event per row it touched, even when no value changed; a row
--     updated by three statements in one transaction makes three events (not coalesced: the
--     subscriber loads the row anyway, and coalescing would cost a lookup per row).
--
-- Retention: nothing is purged yet. A purge deletes old "event_commits" rows by commit_seq and
-- the "events" of their transaction_id; a client cursor older than the purge horizon can then
-- no longer be resumed gap-free and must start over from a fresh query.
-- =============================================================================================

ALTER TABLE "events"
  ADD CONSTRAINT "events_stream_known" CHECK ("stream" IN ('signal_created', 'fill_created', 'order_updated', 'position_updated', 'equity_snapshot_created', 'prediction_created')),
  ADD CONSTRAINT "events_operation_known" CHECK ("operation" IN ('INSERT', 'UPDATE'));

-- Commit order; drawn only under the commit lock, in tradegraph_stamp_event_commit().
CREATE SEQUENCE "event_commit_seq" AS BIGINT;

-- Called by the statement-level triggers; TG_ARGV[0] is the stream.
CREATE FUNCTION "tradegraph_record_events"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
  INSERT INTO "events" ("transaction_id", "stream", "operation", "entity_id", "strategy_id")
  SELECT tx, TG_ARGV[0], TG_OP, "id", "strategy_id" FROM "new_rows" ORDER BY "id";
  -- An UPDATE that matched nothing, or an INSERT ... ON CONFLICT DO NOTHING that skipped every
  -- row, must not take the commit lock.
  IF FOUND THEN
    INSERT INTO "event_commits" ("transaction_id") VALUES (tx) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- The same for tables without a strategy ("predictions" belong to a model).
CREATE FUNCTION "tradegraph_record_events_without_strategy"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := pg_current_xact_id()::text::bigint;
BEGIN
  INSERT INTO "events" ("transaction_id", "stream", "operation", "entity_id")
  SELECT tx, TG_ARGV[0], TG_OP, "id" FROM "new_rows" ORDER BY "id";
  IF FOUND THEN
    INSERT INTO "event_commits" ("transaction_id") VALUES (tx) ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;

-- Runs once per event-writing transaction, at COMMIT (see the top of this section).
CREATE FUNCTION "tradegraph_stamp_event_commit"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  seq bigint;
BEGIN
  -- Transaction-level: released only after this transaction is visible to everyone.
  PERFORM pg_advisory_xact_lock(1952933238); -- 'tgev' in ASCII
  seq := nextval('event_commit_seq');
  UPDATE "event_commits" SET "commit_seq" = seq, "committed_at" = clock_timestamp()
  WHERE "transaction_id" = NEW."transaction_id";
  -- A wake-up, not a log: NOTIFY is delivered at commit, and listeners read "events".
  PERFORM pg_notify('tradegraph_events', seq::text);
  RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER "event_commits_stamp" AFTER INSERT ON "event_commits"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "tradegraph_stamp_event_commit"();

CREATE TRIGGER "signals_live_events" AFTER INSERT ON "signals" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('signal_created');
CREATE TRIGGER "fills_live_events" AFTER INSERT ON "fills" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('fill_created');
-- A trigger with a transition table takes one event: INSERT and UPDATE need one trigger each.
CREATE TRIGGER "orders_live_events_insert" AFTER INSERT ON "orders" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('order_updated');
CREATE TRIGGER "orders_live_events_update" AFTER UPDATE ON "orders" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('order_updated');
CREATE TRIGGER "positions_live_events_insert" AFTER INSERT ON "positions" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('position_updated');
CREATE TRIGGER "positions_live_events_update" AFTER UPDATE ON "positions" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('position_updated');
CREATE TRIGGER "equity_snapshots_live_events" AFTER INSERT ON "equity_snapshots" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('equity_snapshot_created');
CREATE TRIGGER "predictions_live_events" AFTER INSERT ON "predictions" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events_without_strategy"('prediction_created');
