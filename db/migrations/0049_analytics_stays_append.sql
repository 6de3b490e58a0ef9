-- A move re-derived all the record's stays from its whole stage history (migration 0047):
-- a deal moved 300 times cost ~30 ms a move. History is only ever appended (stage_history's
-- seq is the record's last + 1, written under the record's lock), so an insert now writes
-- the new rows' stays and the exit of the stay before them, and leaves the others as they
-- are; updates and deletes of history (renames, erasures) still re-derive the record.
-- lib/analytics/aggregates.test.ts compares every stored stay with a derivation from
-- history after moves, edits, deletions and hand-written history.
CREATE OR REPLACE FUNCTION analytics_stays_from_history() RETURNS trigger
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = pg_catalog, public, pg_temp AS $$
DECLARE
  v_t uuid[];
  v_k crm_record_type[];
  v_i uuid[];
BEGIN
  IF TG_OP = 'INSERT' THEN
    WITH e AS (
      SELECT n.tenant_id, n.entity_type, n.entity_id, min(n.seq) AS first_new
      FROM new_rows n WHERE n.entity_type IN ('DEAL', 'LEAD', 'TICKET')
      GROUP BY 1, 2, 3
    ), lo AS MATERIALIZED (
      -- from the row before the new ones (its stay ends where they begin)
      SELECT e.tenant_id, e.entity_type, e.entity_id,
        coalesce((SELECT max(h.seq) FROM stage_history h
          WHERE h.tenant_id = e.tenant_id AND h.entity_type = e.entity_type AND h.entity_id = e.entity_id AND h.seq < e.first_new), e.first_new) AS from_seq
      FROM e
    )
    INSERT INTO analytics_stays (tenant_id, history_id, entity_type, entity_id, seq, is_first, pipeline_id, from_stage_id, stage_id,
      entered_at, exited_at, record_created_at, record_deleted_at, record_amount)
    SELECT h.tenant_id, h.id, h.entity_type, h.entity_id, h.seq,
      NOT EXISTS (SELECT 1 FROM stage_history h0 WHERE h0.tenant_id = h.tenant_id AND h0.entity_type = h.entity_type AND h0.entity_id = h.entity_id AND h0.seq < h.seq),
      h.pipeline_id, h.from_stage_id, h.to_stage_id, h.changed_at, lead(h.changed_at) OVER w, r.created_at, r.deleted_at, r.amount
    FROM lo
    JOIN LATERAL (
      SELECT d.created_at, d.deleted_at, d.amount FROM deals d WHERE lo.entity_type = 'DEAL' AND d.tenant_id = lo.tenant_id AND d.id = lo.entity_id
      UNION ALL SELECT l.created_at, l.deleted_at, NULL FROM leads l WHERE lo.entity_type = 'LEAD' AND l.tenant_id = lo.tenant_id AND l.id = lo.entity_id
      UNION ALL SELECT t.created_at, t.deleted_at, NULL FROM tickets t WHERE lo.entity_type = 'TICKET' AND t.tenant_id = lo.tenant_id AND t.id = lo.entity_id
    ) r ON true
    JOIN stage_history h ON h.tenant_id = lo.tenant_id AND h.entity_type = lo.entity_type AND h.entity_id = lo.entity_id AND h.seq >= lo.from_seq
    WINDOW w AS (PARTITION BY h.tenant_id, h.entity_type, h.entity_id ORDER BY h.seq)
    ON CONFLICT (tenant_id, history_id) DO UPDATE SET entity_type = excluded.entity_type, entity_id = excluded.entity_id, seq = excluded.seq,
      is_first = excluded.is_first, pipeline_id = excluded.pipeline_id, from_stage_id = excluded.from_stage_id, stage_id = excluded.stage_id,
      entered_at = excluded.entered_at, exited_at = excluded.exited_at, record_created_at = excluded.record_created_at,
      record_deleted_at = excluded.record_deleted_at, record_amount = excluded.record_amount;
    RETURN NULL;
  ELSIF TG_OP = 'DELETE' THEN
    SELECT array_agg(o.tenant_id), array_agg(o.entity_type), array_agg(o.entity_id) INTO v_t, v_k, v_i FROM old_rows o;
  ELSE
    SELECT array_agg(x.tenant_id), array_agg(x.entity_type), array_agg(x.entity_id) INTO v_t, v_k, v_i
    FROM (SELECT n.tenant_id, n.entity_type, n.entity_id FROM new_rows n UNION SELECT o.tenant_id, o.entity_type, o.entity_id FROM old_rows o) x;
  END IF;
  IF v_t IS NOT NULL THEN
    PERFORM analytics_stays_sync(v_t, v_k, v_i);
  END IF;
  RETURN NULL;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION analytics_stays_from_history() FROM PUBLIC;
