# standard: the default comparison; about 15 minutes on 2 cores (17 when the machine is shared).
# Models: point reads of "customers also viewed" lists, 100 % reads, Zipfian (0.99) product popularity with the
# hottest products scattered over the catalog, at a fixed arrival rate (open model).
# Data: 100,000 products x 20 recommendations (the modelled service's size), one weekly batch active.
products = 100000
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
designs = jsonb,normalized
settle = 3s          # reads before, during and after the weekly refresh (stage, activate, rollback)
churn_weeks = 2     # weekly batches staged afterwards, to show what versioning costs
retain = 2          # batches the retention policy keeps
calibration_rate = 5000      # fixed-rate comparison with pgbench on the same read (0 skips the calibration)
calibration_duration = 4s      # per measurement: pgbench and harness, saturation and fixed rate
calibration_rounds = 3      # each a saturation and a fixed-rate measurement per side, pgbench and harness taking turns to go first
calibration_bulk = on     # time each PostgreSQL design's bulk path against psql \copy of the same rows (off skips it)
# Service level: the HTTP service over each design, Gatling in a child JVM (open model, same Zipfian keys).
service_level = on
service_rate = 300      # Gatling reads per second through the service, per design
service_duration = 20s  # measured per design, after the warm-up
service_warmup = 5s
service_settle = 3s     # Gatling reads before, during and after the weekly refresh through the admin API
service_p99_ms = 100    # the SLO: Gatling's P99 assertion
# What HTTP adds: the service over each design read over HTTP from this JVM vs in process, at `rate`, same keys.
http_overhead_duration = 12s   # per design, 2 blocks of slices storage, HTTP, HTTP, storage (1.5 s each); 0 skips it
# JMH (storage level, in a child JVM): point reads in a closed loop with `threads` readers, then batch staging.
jmh_warmup = 5s        # the one warm-up iteration of the point-read benchmark, per design (0 for none)
jmh_iterations = 1    # measured point-read iterations per design; 0 skips the JMH benchmarks
jmh_time = 10s         # per point-read iteration
jmh_stage_warmups = 0  # unmeasured batch-stage shots per design
jmh_stage_iterations = 1  # measured batch-stage shots per design
# Product updates between batches (docs/updates.md): display fields change at update_rate while reads go on at rate.
membership = skewed
update_rate = 20
update_skew = reads
update_duration = 20s
update_strategy = both
update_unknown = 0.01
