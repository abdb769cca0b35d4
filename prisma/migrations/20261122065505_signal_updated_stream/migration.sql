-- A stream of every new or changed signal ("signal_updated"), so that subscribers can follow
-- status changes (PROPOSED -> APPROVED / REJECTED / EXECUTED ...) as they commit, not only
-- creations ("signal_created"). Written by the same statement-level triggers and commit
-- stamping as the other streams (see the live_events migration). Triggers for one event fire
-- in name order, so a statement's signal_created events come before its signal_updated ones.
ALTER TABLE "events"
  DROP CONSTRAINT "events_stream_known",
  ADD CONSTRAINT "events_stream_known" CHECK ("stream" IN ('signal_created', 'signal_updated', 'fill_created', 'order_updated', 'position_updated', 'equity_snapshot_created', 'prediction_created'));

CREATE TRIGGER "signals_live_updates_insert" AFTER INSERT ON "signals" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('signal_updated');
CREATE TRIGGER "signals_live_updates_update" AFTER UPDATE ON "signals" REFERENCING NEW TABLE AS "new_rows"
  FOR EACH STATEMENT EXECUTE FUNCTION "tradegraph_record_events"('signal_updated');
