-- jsonb_ids design: no secondary index. The read is served by the primary keys (schema.sql): lists_pkey
-- (batch_id, product_id) finds the list of the active batch, products_pkey resolves each id's display fields.
-- Retention deletes by batch_id, a prefix of lists_pkey.
SELECT 1;
