-- jsonb_ids design: every statement design.properties names. Parameters are :named.

-- name: similar
-- The read: the pointer, one lookup in lists_pkey, the ids unnested in rank order and joined to products_pkey.
SELECT l.batch_id, i.rank::int AS rank, (l.scores ->> (i.rank::int - 1))::float8 AS score,
       p.product_id, p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url
FROM active_batch a
JOIN lists l ON l.batch_id = a.batch_id AND l.product_id = :product_id
CROSS JOIN LATERAL jsonb_array_elements_text(l.similar_ids) WITH ORDINALITY AS i(id, rank)
JOIN products p ON p.product_id = i.id
ORDER BY i.rank
LIMIT :limit

-- name: merge_products
-- Stage, step 1: new products added, changed display fields updated. Shared by all batches: a rollback shows
-- today's names and prices.
INSERT INTO products AS p (product_id, name, brand, category, price_cents, rating, image_url)
SELECT product_id, name, brand, category, price_cents, rating, image_url FROM staged_products
ON CONFLICT (product_id) DO UPDATE
SET name = EXCLUDED.name, brand = EXCLUDED.brand, category = EXCLUDED.category,
    price_cents = EXCLUDED.price_cents, rating = EXCLUDED.rating, image_url = EXCLUDED.image_url
WHERE (p.name, p.brand, p.category, p.price_cents, p.rating, p.image_url)
    IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.brand, EXCLUDED.category, EXCLUDED.price_cents, EXCLUDED.rating,
                      EXCLUDED.image_url)

-- name: insert_lists
-- Stage, step 2: one row per product, ids and scores aggregated in rank order.
INSERT INTO lists (batch_id, product_id, similar_ids, scores)
SELECT :batch_id, product_id, jsonb_agg(similar_product_id ORDER BY rank), jsonb_agg(score ORDER BY rank)
FROM staged_items
GROUP BY product_id

-- name: set_active_pointer
-- Activation and rollback: one row changes; readers see the old or the new batch, never both.
INSERT INTO active_batch (singleton, batch_id) VALUES (true, :batch_id)
ON CONFLICT (singleton) DO UPDATE SET batch_id = EXCLUDED.batch_id

-- name: delete_lists
DELETE FROM lists WHERE batch_id = :batch_id

-- name: lists_recommending
-- Reverse lookup: the active lists whose ids include :product_id (no index on the ids: a scan of the active batch).
SELECT l.product_id
FROM active_batch a
JOIN lists l ON l.batch_id = a.batch_id
WHERE l.similar_ids @> jsonb_build_array(:product_id::text)
ORDER BY l.product_id

-- name: apply_update
-- A product's display fields changed: one row, joined into every list at read time (a rollback shows it too).
UPDATE products
SET name = :name, price_cents = :price_cents, rating = :rating, image_url = :image_url
WHERE product_id = :product_id
