-- jsonb_gin design: the jsonb design's table. Executed inside the design's own schema after the harness's batches
-- table; names are unqualified.

-- A weekly batch inserts a new version of every row; readers see the rows with is_active = true.
CREATE TABLE product_similarities (
    product_id      VARCHAR(50) NOT NULL,
    recommendations JSONB       NOT NULL,
    is_active       BOOLEAN     NOT NULL DEFAULT false,
    batch_id        VARCHAR(50) NOT NULL,
    PRIMARY KEY (product_id, batch_id)
);
