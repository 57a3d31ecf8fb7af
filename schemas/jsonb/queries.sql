-- jsonb design: every statement the design sends, by name. Parameters are :named.

-- name: similar
-- The read: one lookup in product_similarities_active_idx; the list is returned as stored.
SELECT batch_id, recommendations
FROM product_similarities
WHERE product_id = :product_id AND is_active

-- name: stage_copy
-- Bulk path: COPY (text format) of one row per product; is_active defaults to false, created_at to now().
COPY product_similarities (product_id, recommendations, batch_id) FROM STDIN

-- name: insert_batch
INSERT INTO similarity_batches (batch_id, state, product_count) VALUES (:batch_id, 'staged', :product_count)

-- name: lock_batches
-- Serializes lifecycle changes (stage, activate, rollback, retire) across processes.
SELECT pg_advisory_xact_lock(hashtext(current_schema()))

-- name: batch_exists
SELECT count(*) FROM similarity_batches WHERE batch_id = :batch_id

-- name: batch_state
SELECT state FROM similarity_batches WHERE batch_id = :batch_id

-- name: active_batch
SELECT batch_id FROM similarity_batches WHERE state = 'active'

-- name: deactivate_rows
-- Activation, step 1 (same transaction as step 2): readers keep seeing the old rows until commit.
UPDATE product_similarities SET is_active = false WHERE is_active

-- name: activate_rows
-- Activation, step 2.
UPDATE product_similarities SET is_active = true WHERE batch_id = :batch_id

-- name: mark_inactive
UPDATE similarity_batches SET state = :state WHERE batch_id = :batch_id

-- name: mark_active
UPDATE similarity_batches
SET state = 'active', activated_at = clock_timestamp(),
    previous_batch_id = COALESCE(:previous_batch_id, previous_batch_id)
WHERE batch_id = :batch_id

-- name: previous_batch
SELECT previous_batch_id FROM similarity_batches WHERE batch_id = :batch_id

-- name: list_batches
SELECT batch_id, state, created_at, activated_at, product_count
FROM similarity_batches
ORDER BY created_at DESC, batch_id DESC

-- name: delete_batch_rows
DELETE FROM product_similarities WHERE batch_id = :batch_id

-- name: delete_batch
DELETE FROM similarity_batches WHERE batch_id = :batch_id

-- name: active_product_count
SELECT count(*) FROM product_similarities WHERE is_active

-- name: lists_recommending
-- Reverse lookup: the active lists that recommend :product_id, through product_similarities_recommended_idx.
SELECT product_id
FROM product_similarities
WHERE is_active AND recommendations @> jsonb_build_array(jsonb_build_object('product_id', :product_id::text))
ORDER BY product_id

-- name: apply_update
-- A product's display fields changed: rewrite every active list that recommends it, in one statement (one
-- transaction), found through product_similarities_recommended_idx. Each matching item gets the new name, price,
-- rating and image; the other items, and the items' order, stay as stored.
UPDATE product_similarities s
SET recommendations = (
    SELECT jsonb_agg(CASE WHEN e.item ->> 'product_id' = :product_id::text
                          THEN e.item || jsonb_build_object('name', :name::text, 'price_cents', :price_cents::int,
                                                            'rating', :rating::numeric, 'image_url', :image_url::text)
                          ELSE e.item END
                     ORDER BY e.position)
    FROM jsonb_array_elements(s.recommendations) WITH ORDINALITY AS e(item, position))
WHERE s.is_active
  AND s.recommendations @> jsonb_build_array(jsonb_build_object('product_id', :product_id::text))
