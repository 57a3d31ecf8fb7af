-- normalized design: secondary indexes. The read is served by the primary keys (schema.sql):
-- similarities_pkey (batch_id, product_id, rank) yields a product's edges in rank order, and products_pkey
-- resolves each edge's display fields. Retention deletes by batch_id, a prefix of similarities_pkey.
-- No secondary index is needed; this file is kept so the design has the same layout as the others.
SELECT 1;
