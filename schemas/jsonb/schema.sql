-- jsonb design: one row per product per batch, the whole ranked list denormalized in a JSONB column.
-- Executed inside the design's own schema (search_path is set to it); names are unqualified.

-- The reference table. A weekly batch inserts a new version of every row (new created_at); rows are never
-- overwritten. Readers see the rows with is_active = true.
CREATE TABLE product_similarities (
    product_id      VARCHAR(50) NOT NULL,
    recommendations JSONB       NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    is_active       BOOLEAN     NOT NULL DEFAULT false,
    batch_id        VARCHAR(50) NOT NULL,
    PRIMARY KEY (product_id, created_at)
);

-- Bookkeeping for the batch lifecycle; readers never touch it.
CREATE TABLE similarity_batches (
    batch_id          VARCHAR(50) PRIMARY KEY,
    state             TEXT        NOT NULL CHECK (state IN ('staged', 'active', 'inactive', 'rolled_back')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at      TIMESTAMPTZ,
    previous_batch_id VARCHAR(50),
    product_count     INTEGER     NOT NULL
);
