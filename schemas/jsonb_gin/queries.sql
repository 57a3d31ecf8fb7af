-- jsonb_gin design: every statement design.properties names. Parameters are :named.

-- name: similar
-- The read: one lookup in product_similarities_active_idx; the list is returned as stored.
SELECT batch_id, recommendations
FROM product_similarities
WHERE product_id = :product_id AND is_active

-- name: insert_lists
-- Stage: one row per product, the list built in rank order with the service's field names.
INSERT INTO product_similarities (product_id, recommendations, batch_id)
SELECT i.product_id,
       jsonb_agg(jsonb_build_object('product_id', i.similar_product_id, 'rank', i.rank, 'score', i.score,
                                    'name', p.name, 'brand', p.brand, 'category', p.category,
                                    'price_cents', p.price_cents, 'rating', p.rating, 'image_url', p.image_url)
                 ORDER BY i.rank),
       :batch_id
FROM staged_items i
JOIN staged_products p ON p.product_id = i.similar_product_id
GROUP BY i.product_id

-- name: deactivate_rows
-- Activation and rollback, step 1 (same transaction as step 2): readers keep the old rows until commit.
UPDATE product_similarities SET is_active = false WHERE batch_id = :previous_batch_id AND is_active

-- name: activate_rows
UPDATE product_similarities SET is_active = true WHERE batch_id = :batch_id

-- name: delete_lists
DELETE FROM product_similarities WHERE batch_id = :batch_id
