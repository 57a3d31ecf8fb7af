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

-- name: lists_recommending
-- Reverse lookup: the active lists that recommend :product_id, through product_similarities_items_gin.
SELECT product_id
FROM product_similarities
WHERE is_active AND recommendations @> jsonb_build_array(jsonb_build_object('product_id', :product_id::text))
ORDER BY product_id

-- name: apply_update
-- A product's display fields changed: rewrite every active list that recommends it, in one statement (one
-- transaction), found through product_similarities_items_gin; the other items and their order stay as stored.
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
