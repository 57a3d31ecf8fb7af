-- jsonb design: secondary indexes (the primary key is in schema.sql).

-- The read: exactly one index lookup among active rows. Partial, so staged and old versions add nothing to it,
-- and unique, so two active versions of one product cannot exist.
CREATE UNIQUE INDEX product_similarities_active_idx
    ON product_similarities (product_id)
    WHERE is_active;

-- Activation, rollback and retention touch every row of one batch.
CREATE INDEX product_similarities_batch_idx
    ON product_similarities (batch_id);

-- Product updates and the reverse lookup ("which active lists recommend product X"): containment of
-- [{"product_id": X}] in the list, among active rows only. jsonb_path_ops keeps the index to hashes of paths with
-- values, smaller than the default operator class; the weekly activation fills it with the new batch's rows.
CREATE INDEX product_similarities_recommended_idx
    ON product_similarities USING gin (recommendations jsonb_path_ops)
    WHERE is_active;
