-- What the harness supplies to every PostgreSQL design declared in files (schemas/<name>/design.properties):
-- the batch bookkeeping table and its statements, and the canonical staging tables the harness fills by COPY
-- before the design's own stage statements move the rows into place. Parameters are :named.

-- name: bookkeeping_tables
-- Created in the design's schema before its schema.sql; readers may join it (state = 'active').
CREATE TABLE batches (
    batch_id          VARCHAR(50) PRIMARY KEY,
    state             TEXT        NOT NULL CHECK (state IN ('staged', 'active', 'inactive', 'rolled_back')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at      TIMESTAMPTZ,
    previous_batch_id VARCHAR(50),
    product_count     INTEGER     NOT NULL
)

-- name: create_staged_products
-- Every product of the batch once (viewed or recommended), with its display fields.
CREATE TEMPORARY TABLE staged_products (
    product_id  VARCHAR(50) NOT NULL,
    name        TEXT        NOT NULL,
    brand       TEXT        NOT NULL,
    category    TEXT        NOT NULL,
    price_cents INTEGER     NOT NULL,
    rating      NUMERIC     NOT NULL,
    image_url   TEXT        NOT NULL
) ON COMMIT DROP

-- name: create_staged_items
-- One row per item of every list: the viewed product, the item's rank (1 first), the recommended product, its score.
CREATE TEMPORARY TABLE staged_items (
    product_id         VARCHAR(50)      NOT NULL,
    rank               SMALLINT         NOT NULL,
    similar_product_id VARCHAR(50)      NOT NULL,
    score              DOUBLE PRECISION NOT NULL
) ON COMMIT DROP

-- name: copy_staged_products
COPY staged_products (product_id, name, brand, category, price_cents, rating, image_url) FROM STDIN

-- name: copy_staged_items
COPY staged_items (product_id, rank, similar_product_id, score) FROM STDIN

-- name: analyze_staged
-- Statistics for the design's INSERT ... SELECT over the staging tables.
ANALYZE staged_products, staged_items

-- name: insert_batch
INSERT INTO batches (batch_id, state, product_count) VALUES (:batch_id, 'staged', :product_count)

-- name: lock_batches
SELECT pg_advisory_xact_lock(hashtext(current_schema()))

-- name: batch_state
SELECT state FROM batches WHERE batch_id = :batch_id

-- name: active_batch
SELECT batch_id FROM batches WHERE state = 'active'

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
