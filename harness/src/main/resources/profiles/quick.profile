# quick: a smoke comparison for CI and first runs; under 5 minutes on 2 cores (docs/methodology.md).
# Models: point reads of "customers also viewed" lists, 100 % reads, Zipfian (0.99) product popularity with the
# hottest products scattered over the catalog, at a fixed arrival rate (open model).
# Data: 10,000 products x 20 recommendations, one weekly batch active.
products = 10000
recs = 20
seed = 42
churn = 0.30
rate = 500          # storage-level reads per second, per design
duration = 16s      # measured per design, in 8 alternating slices of 2 s: about 16 blocks for the gate
warmup = 2s
slices = 8
threads = 4
pool = 4
sample = 100        # products the equivalence check compares
limit = 10          # items per read, the service's default
designs = jsonb,normalized
settle = 1s         # reads before, during and after the weekly refresh (stage, activate, rollback)
churn_weeks = 1     # weekly batches staged afterwards, to show what versioning costs
retain = 2          # batches the retention policy keeps
calibration_rate = 0         # no read calibration against pgbench here: its warmed-up rounds take over 2 minutes for two designs; standard and full run it
calibration_duration = 1s     # per measurement: pgbench and harness, saturation and fixed rate
calibration_rounds = 2      # each a saturation and a fixed-rate measurement per side, pgbench and harness taking turns to go first
calibration_bulk = on     # time each PostgreSQL design's bulk path against psql \copy of the same rows (off skips it)
# Service level: the HTTP service over each design, Gatling in a child JVM (open model, same Zipfian keys).
service_level = on
service_rate = 250      # Gatling reads per second through the service, per design
service_duration = 20s  # measured per design, after the warm-up: enough blocks for the gate even when a busy machine
                        # bunches completions
service_warmup = 4s     # the first design served also warms up the Gatling JVM
service_settle = 1s     # Gatling reads before, during and after the weekly refresh through the admin API
service_p99_ms = 100    # the SLO: Gatling's P99 assertion
# What HTTP adds: the service over each design read over HTTP from this JVM vs in process, at `rate`, same keys.
http_overhead_duration = 4s    # per design, one block of slices storage, HTTP, HTTP, storage (1 s each); 0 skips it
# JMH (storage level, in a child JVM): point reads in a closed loop with `threads` readers, then batch staging.
jmh_warmup = 1s        # the one warm-up iteration of the point-read benchmark, per design (0 for none)
jmh_iterations = 2    # measured point-read iterations per design (2: the least that gives JMH an error for the gate)
jmh_time = 2s          # per point-read iteration
jmh_stage_warmups = 0  # unmeasured batch-stage shots per design (none here: the one shot is a cold one)
jmh_stage_iterations = 1  # measured batch-stage shots per design
# Product updates between batches (docs/updates.md): display fields change at update_rate while reads go on at rate.
membership = skewed     # recommended products drawn by popularity: a heavy tail of lists per product
update_rate = 10        # updates per second, per design and strategy (jsonb falls behind at 20 on 2 cores)
update_skew = reads     # popular products change as often as they are viewed
update_duration = 4s    # per design and strategy: with settle before and after, about 20 s for two designs
update_strategy = both  # apply (rewrite every copy) and defer (until the next batch)
update_unknown = 0.02   # share of updates for products the catalog lacks: counted, not fatal
cache = off            # the cache stage (docs/cache.md) runs in standard and full; quick skips it to stay short
