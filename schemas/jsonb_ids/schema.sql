-- jsonb_ids design: products once, one row per product per batch with the list as ids, and a one-row pointer to the
-- active batch. Executed inside the design's own schema after the harness's batches table; names are unqualified.

CREATE TABLE products (
    product_id  VARCHAR(50)  PRIMARY KEY,
    name        TEXT         NOT NULL,
    brand       TEXT         NOT NULL,
    category    TEXT         NOT NULL,
    price_cents INTEGER      NOT NULL,
    rating      NUMERIC(2,1) NOT NULL,
    image_url   TEXT         NOT NULL
);

-- similar_ids: ["p-000123", ...] in rank order; scores: [0.93, ...] at the same positions.
CREATE TABLE lists (
    batch_id    VARCHAR(50) NOT NULL,
    product_id  VARCHAR(50) NOT NULL,
    similar_ids JSONB       NOT NULL,
    scores      JSONB       NOT NULL,
    PRIMARY KEY (batch_id, product_id)
);

CREATE TABLE active_batch (
    singleton BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    batch_id  VARCHAR(50) NOT NULL
);
