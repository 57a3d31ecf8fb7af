-- partitioned_lists design: products once, each batch's lists in a partition of its own, a one-row pointer to the
-- active batch. Executed inside the design's own schema (search_path is set to it); names are unqualified.

CREATE TABLE products (
    product_id  VARCHAR(50)  PRIMARY KEY,
    name        TEXT         NOT NULL,
    brand       TEXT         NOT NULL,
    category    TEXT         NOT NULL,
    price_cents INTEGER      NOT NULL,
    rating      NUMERIC(2,1) NOT NULL,
    image_url   TEXT         NOT NULL
);

CREATE TABLE batches (
    batch_id          VARCHAR(50) PRIMARY KEY,
    state             TEXT        NOT NULL CHECK (state IN ('staged', 'active', 'inactive', 'rolled_back')),
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
    activated_at      TIMESTAMPTZ,
    previous_batch_id VARCHAR(50),
    product_count     INTEGER     NOT NULL
);

CREATE TABLE active_batch (
    singleton BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    batch_id  VARCHAR(50) NOT NULL REFERENCES batches (batch_id)
);

-- One row per product per batch; a batch's rows are one partition, created when it is staged, dropped when retired.
CREATE TABLE similar_lists (
    batch_id    VARCHAR(50)        NOT NULL,
    product_id  VARCHAR(50)        NOT NULL,
    similar_ids VARCHAR(50)[]      NOT NULL,
    scores      DOUBLE PRECISION[] NOT NULL,
    PRIMARY KEY (batch_id, product_id)
) PARTITION BY LIST (batch_id);
