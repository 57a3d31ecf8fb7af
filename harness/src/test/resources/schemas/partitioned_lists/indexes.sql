-- partitioned_lists design: no secondary index. Each partition's primary key (batch_id, product_id) serves the read;
-- products_pkey serves the join. This file keeps the design's layout the same as the others.
SELECT 1;
