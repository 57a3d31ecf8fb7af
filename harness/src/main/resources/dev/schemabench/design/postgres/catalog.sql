-- PostgreSQL catalog statements shared by every PostgreSQL design (not part of any design).

-- name: schema_comment
SELECT obj_description(n.oid, 'pg_namespace') FROM pg_namespace n WHERE n.nspname = :schema

-- name: tables
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :schema AND c.relkind IN ('r', 'p') ORDER BY c.relname

-- name: relation_sizes
-- Heap = pg_table_size minus the TOAST table (with its index); TOAST counted on its own. Tables that hold rows only:
-- a partitioned table has no storage of its own, its partitions are listed instead.
SELECT c.relname AS name,
       pg_table_size(c.oid) - COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS table_bytes,
       COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0) AS toast_bytes
FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = :schema AND c.relkind = 'r'
ORDER BY c.relname

-- name: index_sizes
-- Indexes with storage: a partitioned index has none, each partition's index is listed instead.
SELECT i.relname AS name, t.relname AS relation, pg_relation_size(i.oid) AS bytes
FROM pg_index x
JOIN pg_class i ON i.oid = x.indexrelid
JOIN pg_class t ON t.oid = x.indrelid
JOIN pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname = :schema AND i.relkind = 'i'
ORDER BY t.relname, i.relname

-- name: settings
-- current_setting() renders a value with its unit as a user would write it (shared_buffers = 256MB);
-- setting || unit would glue the count to the unit size (32768 || '8kB' = '327688kB').
SELECT name, current_setting(name) AS value FROM pg_settings
WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'effective_cache_size', 'jit',
               'default_toast_compression', 'max_connections', 'synchronous_commit', 'fsync', 'wal_level',
               'random_page_cost', 'max_wal_size', 'checkpoint_timeout', 'autovacuum', 'huge_pages',
               'server_encoding', 'lc_collate', 'max_parallel_workers_per_gather')
ORDER BY name
