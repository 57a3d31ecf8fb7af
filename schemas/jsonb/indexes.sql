-- jsonb design: secondary indexes (the primary key is in schema.sql).

-- The read: exactly one index lookup among active rows. Partial, so staged and old versions add nothing to it,
-- and unique, so two active versions of one product cannot exist.
CREATE UNIQUE INDEX product_similarities_active_idx
    ON product_similarities (product_id)
    WHERE is_active;

-- Activation, rollback and retention touch every row of one batch.
CREATE INDEX product_similarities_batch_idx
    ON product_similarities (batch_id);
