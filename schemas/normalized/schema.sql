-- normalized design: products once, similarity edges per batch, and a one-row pointer to the active batch.
-- Executed inside the design's own schema (search_path is set to it); names are unqualified.

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

-- The pointer readers resolve in the same statement as the read: activation updates one row.
CREATE TABLE active_batch (
    singleton BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    batch_id  VARCHAR(50) NOT NULL REFERENCES batches (batch_id)
);

-- One edge per (batch, product, rank). No foreign keys: they would fire a trigger per row during COPY; the stage
-- path loads products before edges instead.
CREATE TABLE similarities (
    batch_id           VARCHAR(50)      NOT NULL,
    product_id         VARCHAR(50)      NOT NULL,
    rank               SMALLINT         NOT NULL,
    similar_product_id VARCHAR(50)      NOT NULL,
    score              DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (batch_id, product_id, rank)
);
