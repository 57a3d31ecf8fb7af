-- normalized design: secondary indexes. The read is served by the primary keys (schema.sql):
-- similarities_pkey (batch_id, product_id, rank) yields a product's edges in rank order, and products_pkey
-- resolves each edge's display fields. Retention deletes by batch_id, a prefix of similarities_pkey.

-- The reverse lookup ("which lists recommend product X"): a product's incoming edges per batch. Product updates do
-- not need it (they change one products row); a merchandising page asking the reverse question does.
CREATE INDEX similarities_recommended_idx
    ON similarities (similar_product_id, batch_id);
