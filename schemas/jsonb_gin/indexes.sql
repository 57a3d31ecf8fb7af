-- jsonb_gin design: secondary indexes (the primary key is in schema.sql).

-- The read: one lookup among active rows.
CREATE UNIQUE INDEX product_similarities_active_idx
    ON product_similarities (product_id)
    WHERE is_active;

-- Activation, rollback and retention touch every row of one batch.
CREATE INDEX product_similarities_batch_idx
    ON product_similarities (batch_id);

-- The variant's point: recommendations @> '[{"product_id": "p-000042"}]' finds every list recommending a product.
-- jsonb_path_ops indexes hashes of paths to values: smaller than the default jsonb_ops, serves @> only.
CREATE INDEX product_similarities_items_gin
    ON product_similarities USING gin (recommendations jsonb_path_ops);
