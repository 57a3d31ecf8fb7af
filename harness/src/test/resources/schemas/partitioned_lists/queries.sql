-- partitioned_lists design: every statement the design sends, by name. Parameters are :named.

-- name: similar
-- The read: resolve the pointer, find the product's row in the active batch's partition (runtime pruning), unnest
-- its ids and scores in rank order and join each id to products; LIMIT stops early.
SELECT l.batch_id, i.rank, i.score, p.product_id, p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url
FROM active_batch a
JOIN similar_lists l ON l.batch_id = a.batch_id AND l.product_id = :product_id
CROSS JOIN LATERAL unnest(l.similar_ids, l.scores) WITH ORDINALITY AS i (similar_product_id, score, rank)
JOIN products p ON p.product_id = i.similar_product_id
ORDER BY i.rank
LIMIT :limit

-- name: create_partition
-- Stage, step 1: the batch's own partition; the partition name and the batch id are literals of a validated id.
CREATE TABLE :partition PARTITION OF similar_lists FOR VALUES IN (:batch_id)

-- name: drop_partition
-- Retire: the batch's rows go with their partition, leaving nothing to vacuum.
DROP TABLE IF EXISTS :partition

-- name: create_incoming_products
CREATE TEMPORARY TABLE incoming_products (LIKE products) ON COMMIT DROP

-- name: stage_products_copy
COPY incoming_products (product_id, name, brand, category, price_cents, rating, image_url) FROM STDIN

-- name: merge_products
-- Display fields are shared by all batches: a rollback shows today's names and prices.
INSERT INTO products AS p
SELECT * FROM incoming_products
ON CONFLICT (product_id) DO UPDATE
SET name = EXCLUDED.name, brand = EXCLUDED.brand, category = EXCLUDED.category,
    price_cents = EXCLUDED.price_cents, rating = EXCLUDED.rating, image_url = EXCLUDED.image_url
WHERE (p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url)
    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.brand, EXCLUDED.category, EXCLUDED.price_cents, EXCLUDED.rating,
                      EXCLUDED.image_url)

-- name: stage_lists_copy
-- Stage, step 3: one row per list, straight into the batch's partition through the parent.
COPY similar_lists (batch_id, product_id, similar_ids, scores) FROM STDIN

-- name: insert_batch
INSERT INTO batches (batch_id, state, product_count) VALUES (:batch_id, 'staged', :product_count)

-- name: lock_batches
SELECT pg_advisory_xact_lock(hashtext(current_schema()))

-- name: batch_state
SELECT state FROM batches WHERE batch_id = :batch_id

-- name: active_batch
SELECT batch_id FROM active_batch

-- name: set_active_pointer
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

-- name: delete_batch
DELETE FROM batches WHERE batch_id = :batch_id

-- name: active_product_count
SELECT product_count FROM batches WHERE state = 'active'
