-- normalized design: every statement the design sends, by name. Parameters are :named.

-- name: similar
-- The read: resolve the active batch pointer, range-scan similarities_pkey for (batch, product) in rank order,
-- and join each edge to products through products_pkey; LIMIT stops the scan early.
SELECT s.batch_id, s.rank, s.score, p.product_id, p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url
FROM active_batch a
JOIN similarities s ON s.batch_id = a.batch_id AND s.product_id = :product_id
JOIN products p ON p.product_id = s.similar_product_id
ORDER BY s.rank
LIMIT :limit

-- name: create_incoming_products
CREATE TEMPORARY TABLE incoming_products (LIKE products) ON COMMIT DROP

-- name: stage_products_copy
-- Bulk path, step 1: every product of the batch once, into a temporary table.
COPY incoming_products (product_id, name, brand, category, price_cents, rating, image_url) FROM STDIN

-- name: merge_products
-- Bulk path, step 2: new products are added and changed display fields updated. Display fields are shared by all
-- batches: a rollback shows today's names and prices.
INSERT INTO products AS p
SELECT * FROM incoming_products
ON CONFLICT (product_id) DO UPDATE
SET name = EXCLUDED.name, brand = EXCLUDED.brand, category = EXCLUDED.category,
    price_cents = EXCLUDED.price_cents, rating = EXCLUDED.rating, image_url = EXCLUDED.image_url
WHERE (p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url)
    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.brand, EXCLUDED.category, EXCLUDED.price_cents, EXCLUDED.rating,
                      EXCLUDED.image_url)

-- name: stage_edges_copy
-- Bulk path, step 3: one row per edge.
COPY similarities (batch_id, product_id, rank, similar_product_id, score) FROM STDIN

-- name: insert_batch
INSERT INTO batches (batch_id, state, product_count) VALUES (:batch_id, 'staged', :product_count)

-- name: lock_batches
-- Serializes lifecycle changes (stage, activate, rollback, retire) across processes.
SELECT pg_advisory_xact_lock(hashtext(current_schema()))

-- name: batch_exists
SELECT count(*) FROM batches WHERE batch_id = :batch_id

-- name: batch_state
SELECT state FROM batches WHERE batch_id = :batch_id

-- name: active_batch
SELECT batch_id FROM active_batch

-- name: set_active_pointer
-- Activation: one row changes; readers see the old or the new batch, never both.
INSERT INTO active_batch (singleton, batch_id) VALUES (true, :batch_id)
ON CONFLICT (singleton) DO UPDATE SET batch_id = EXCLUDED.batch_id

-- name: mark_inactive
UPDATE batches SET state = :state WHERE batch_id = :batch_id

-- name: mark_active
UPDATE batches
SET state = 'active', activated_at = clock_timestamp(),
    previous_batch_id = COALESCE(:previous_batch_id, previous_batch_id)
WHERE batch_id = :batch_id

-- name: previous_batch
SELECT previous_batch_id FROM batches WHERE batch_id = :batch_id

-- name: list_batches
SELECT batch_id, state, created_at, activated_at, product_count
FROM batches
ORDER BY created_at DESC, batch_id DESC

-- name: delete_batch_rows
DELETE FROM similarities WHERE batch_id = :batch_id

-- name: delete_batch
DELETE FROM batches WHERE batch_id = :batch_id

-- name: active_product_count
SELECT product_count FROM batches WHERE state = 'active'

-- name: lists_recommending
-- Reverse lookup: the active batch's lists that recommend :product_id, through similarities_recommended_idx.
SELECT s.product_id
FROM active_batch a
JOIN similarities s ON s.batch_id = a.batch_id AND s.similar_product_id = :product_id
ORDER BY s.product_id

-- name: apply_update
-- A product's display fields changed: one row, shared by every batch's lists (a rollback shows it too).
UPDATE products
SET name = :name, price_cents = :price_cents, rating = :rating, image_url = :image_url
WHERE product_id = :product_id
