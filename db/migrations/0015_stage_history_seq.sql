-- Issue 12 (16): a record's stage history in true order. `seq` numbers each record's rows
-- 1, 2, 3... It is set by a trigger as the row is written, after the writer holds the
-- record's lock (moveRecord locks the row first), so it cannot invert the way changed_at
-- (the transaction's start time, before the lock wait) did; the unique index turns a
-- writer that forgot the lock into an error instead of a broken chain. Readers order a
-- record's history by seq (returning from DONE_FAILED, dwell times, the stage timeline).
ALTER TABLE "stage_history" ADD COLUMN "seq" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing rows: numbered by their times (RLS is forced even for the owner: lifted for the backfill)
ALTER TABLE "stage_history" NO FORCE ROW LEVEL SECURITY;--> statement-breakpoint
UPDATE "stage_history" h SET "seq" = o.n
  FROM (SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id, entity_type, entity_id ORDER BY changed_at, id) AS n FROM "stage_history") o
  WHERE h.tenant_id = o.tenant_id AND h.id = o.id;--> statement-breakpoint
ALTER TABLE "stage_history" FORCE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE UNIQUE INDEX "stage_history_entity_seq_key" ON "stage_history" USING btree ("tenant_id","entity_type","entity_id","seq");--> statement-breakpoint
-- Runs as the writer (RLS applies; the row's own tenant is the one in app.tenant_id).
-- VOLATILE: its query sees rows committed before it and rows of the same statement.
CREATE FUNCTION stage_history_next_seq() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  NEW.seq := coalesce((SELECT max(h.seq) FROM stage_history h
    WHERE h.tenant_id = NEW.tenant_id AND h.entity_type = NEW.entity_type AND h.entity_id = NEW.entity_id), 0) + 1;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER stage_history_seq BEFORE INSERT ON "stage_history" FOR EACH ROW EXECUTE FUNCTION stage_history_next_seq();
