# full: everything standard measures, on 1,000,000 products, plus a scale curve per design; plan on an hour or more
# on 2 cores. Models: point reads of "customers also viewed" lists, 100 % reads, Zipfian (0.99) product popularity
# with the hottest products scattered, at a fixed arrival rate (open model); weekly batches changing 30 % of lists.
products = 1000000
recs = 20
seed = 42
churn = 0.30
rate = 1000         # storage-level reads per second, per design
duration = 60s      # measured per design, in 12 alternating slices of 5 s
warmup = 10s
slices = 12
threads = 4
pool = 4
sample = 200        # products the equivalence check compares
limit = 10          # items per read, the service's default
designs = jsonb,normalized,mongo
settle = 5s         # reads before, during and after the weekly refresh (stage, activate, rollback)
churn_weeks = 3     # weekly batches staged afterwards, to show what versioning costs
retain = 2          # batches the retention policy keeps
calibration_rate = 5000   # fixed-rate comparison with pgbench on the same read (0 skips the calibration)
calibration_duration = 10s
calibration_rounds = 3
calibration_bulk = on     # time each PostgreSQL design's bulk path against psql \copy of the same rows (off skips it)
scale = 10000,100000,1000000   # the scale curve: each design loaded and read at each catalog size
scale_duration = 20s
capacity_rates = 100,200,400,800,1600,3200   # service-level capacity sweep, until P99 exceeds service_p99_ms
capacity_step = 15s
service_level = on
service_rate = 300      # Gatling reads per second through the service, per design
service_duration = 30s
service_warmup = 5s
service_settle = 5s
service_p99_ms = 100    # the SLO: Gatling's P99 assertion and the capacity sweep's bound
# What HTTP adds: the service over each design read over HTTP from this JVM vs in process, at `rate`, same keys.
http_overhead_duration = 30s   # per design, 5 blocks of slices storage, HTTP, HTTP, storage (1.5 s each); 0 skips it
# Product updates between batches (docs/updates.md): display fields change at update_rate while reads go on at rate.
membership = skewed
update_rate = 50
update_skew = reads
update_duration = 60s
update_strategy = both
update_unknown = 0.01
cache_duration = 12s    # per cache configuration: enough one-second blocks for the P50 and P99 intervals
