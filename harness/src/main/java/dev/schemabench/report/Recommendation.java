package dev.schemabench.report;

import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import dev.schemabench.results.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's opening: per measured design, whether it meets the architect's targets ({@link Targets}), by how much
 * and with what confidence, its capacity at the SLO where the run measured it, and what it costs at the given prices;
 * then which designs meet every target and whether the run can tell them apart (docs/recommendation.md).
 */
final class Recommendation {

    private static final double Z95 = 1.959964;

    private Recommendation() {
    }

    /** One paragraph per measured design, then the conclusion; empty when no design was measured. */
    static List<String> paragraphs(RunResults results) {
        Targets targets;
        try {
            targets = Targets.of(results.run());
        } catch (IllegalArgumentException e) {
            return List.of("No recommendation: " + e.getMessage() + ".");
        }
        Ranking ranking = new Ranking(results);
        List<String> paragraphs = new ArrayList<>();
        List<RunResults.Design> meetAll = new ArrayList<>();
        List<RunResults.Design> measured = ranking.designs().stream().filter(RunResults.Design::measured).toList();
        for (RunResults.Design design : measured) {
            Judged judged = judge(results, design, targets);
            paragraphs.add(judged.text());
            if (judged.meetsAll()) {
                meetAll.add(design);
            }
        }
        if (!measured.isEmpty()) {
            paragraphs.add(conclusion(ranking, meetAll, measured));
        }
        return paragraphs;
    }

    private record Judged(String text, boolean meetsAll) {
    }

    private static Judged judge(RunResults results, RunResults.Design design, Targets targets) {
        List<String> parts = new ArrayList<>();
        boolean meetsAll = true;
        boolean service = design.serviceLevel() != null;
        Metric p99 = service ? Metric.SERVICE_P99 : Metric.STORAGE_P99;
        Double value = p99.valueIn(design);
        Object rate = config(results, service ? "service_rate" : "rate");
        String where = (rate == null ? "" : " at " + Text.rate(number(rate)) + " reads/s")
                + (service ? " through the service" : " at the storage level (the service level was not measured)");
        if (value == null) {
            parts.add("its P99 was not measured");
            meetsAll = false;
        } else {
            Verdict verdict = againstTarget(design, p99, value, targets.sloP99Ms());
            meetsAll &= verdict == Verdict.MEETS;
            parts.add(switch (verdict) {
                case MEETS -> "meets the P99 target of " + Text.ms(targets.sloP99Ms()) + " ms" + where + ": "
                        + withInterval(p99, design) + ", " + times(targets.sloP99Ms() / value) + " under it";
                case MISSES -> "misses the P99 target of " + Text.ms(targets.sloP99Ms()) + " ms" + where + ": "
                        + withInterval(p99, design) + ", " + percent(value / targets.sloP99Ms() - 1) + " over it";
                case UNDECIDED -> "may or may not meet the P99 target of " + Text.ms(targets.sloP99Ms()) + " ms"
                        + where + ": " + withInterval(p99, design) + " straddles it; a longer run would tell";
            } + confidence(design, p99, verdict));
        }
        RunResults.Refresh refresh = design.refresh();
        if (refresh == null || refresh.readsDuringRefresh() == null) {
            parts.add("its weekly refresh was not measured");
            meetsAll = false;
        } else {
            RunResults.RefreshReads reads = refresh.readsDuringRefresh();
            long bad = reads.errors() + reads.empty() + reads.mixed();
            meetsAll &= bad == 0;
            parts.add(bad == 0 ? "no failed, empty or mixed read during the weekly refresh (of "
                    + Text.count((double) reads.ops()) + "): meets the target of none"
                    : "misses the target of no bad read during the weekly refresh: " + reads.errors() + " failed, "
                    + reads.empty() + " empty, " + reads.mixed() + " mixed of " + Text.count((double) reads.ops()));
        }
        Double perProduct = Metric.BYTES_PER_PRODUCT.valueIn(design);
        if (targets.maxBytesPerProduct() != null) {
            if (perProduct == null) {
                parts.add("its storage was not measured");
                meetsAll = false;
            } else {
                boolean fits = perProduct <= targets.maxBytesPerProduct();
                meetsAll &= fits;
                parts.add((fits ? "meets" : "misses") + " the storage target of " + Text.bytes(
                        targets.maxBytesPerProduct()) + " per product: " + Text.bytes(perProduct) + " ("
                        + percent(perProduct / targets.maxBytesPerProduct() - 1) + ")");
            }
        }
        parts.add(capacity(design, targets));
        String cost = cost(results, design, targets);
        if (cost != null) {
            parts.add(cost);
        }
        String text = Findings.name(design) + (meetsAll ? " meets every target. " : " does not meet every target. ")
                + capitalize(String.join("; ", parts)) + ".";
        return new Judged(text, meetsAll);
    }

    private enum Verdict { MEETS, MISSES, UNDECIDED }

    /** The figure against the target, by its 95 % interval widened by the level's phase noise where recorded. */
    private static Verdict againstTarget(RunResults.Design design, Metric metric, double value, double target) {
        RunResults.FigureInterval interval = metric.intervalIn(design);
        if (interval == null || interval.value() == null) {
            return value <= target ? Verdict.MEETS : Verdict.MISSES;
        }
        double widen = Math.exp(Z95 * Ranking.phaseNoise(metric));
        if (interval.high() * widen <= target) {
            return Verdict.MEETS;
        }
        return interval.low() / widen > target ? Verdict.MISSES : Verdict.UNDECIDED;
    }

    private static String confidence(RunResults.Design design, Metric metric, Verdict verdict) {
        RunResults.FigureInterval interval = metric.intervalIn(design);
        if (interval == null || interval.value() == null) {
            return " (a single estimate: this run recorded no interval for it)";
        }
        return verdict == Verdict.UNDECIDED ? "" : " (with 95 % confidence)";
    }

    private static String withInterval(Metric metric, RunResults.Design design) {
        RunResults.FigureInterval interval = metric.intervalIn(design);
        String figure = MetricText.withUnit(metric, design);
        if (interval == null || interval.value() == null) {
            return figure;
        }
        return figure + String.format(Locale.ROOT, " (95 %% CI %s to %s)", Text.significant(interval.low()),
                Text.significant(interval.high()));
    }

    private static String capacity(RunResults.Design design, Targets targets) {
        RunResults.Capacity capacity = design.capacity();
        if (capacity == null) {
            return "capacity at the SLO not measured in this run (the full profile's capacity sweep measures it)";
        }
        if (capacity.highestRateWithinSlo() == null) {
            return "no rate of the capacity sweep kept P99 within " + Text.ms(capacity.sloMs()) + " ms ("
                    + capacity.stoppedBecause() + ")";
        }
        return "capacity at the SLO: " + Text.rate(capacity.highestRateWithinSlo())
                + " reads/s (the highest rate of the capacity sweep whose P99 stayed within "
                + Text.ms(capacity.sloMs()) + " ms; " + capacity.stoppedBecause() + ")";
    }

    private static String cost(RunResults results, RunResults.Design design, Targets targets) {
        List<String> costs = new ArrayList<>();
        RunResults.Cpu cpu = design.cpu();
        RunResults.Latency storage = design.storageLevel();
        if (targets.priceVcpuHour() != null && cpu != null && cpu.databaseS() != null && storage != null
                && storage.ops() > 0) {
            double perMillion = cpu.databaseS() / storage.ops() * 1e6;
            costs.add(String.format(Locale.ROOT, "the database used %s CPU-seconds per million reads, %s at %s per"
                    + " vCPU-hour", Text.significant(perMillion), money(perMillion / 3600 * targets.priceVcpuHour()),
                    Targets.plain(targets.priceVcpuHour())));
        }
        Double total = Metric.TOTAL_BYTES.valueIn(design);
        if (targets.priceGbMonth() != null && total != null) {
            double gib = total / (1024d * 1024 * 1024);
            costs.add(Text.bytes(total) + " on disk, " + money(gib * targets.priceGbMonth()) + " a month at "
                    + Targets.plain(targets.priceGbMonth()) + " per GiB-month");
        }
        if (costs.isEmpty()) {
            return null;
        }
        boolean examples = isDefault(results, Targets.PRICE_VCPU_HOUR) || isDefault(results, Targets.PRICE_GB_MONTH);
        return "cost: " + String.join("; ", costs) + (examples ? " (example prices: set " + Targets.PRICE_VCPU_HOUR
                + " and " + Targets.PRICE_GB_MONTH + " to yours)" : "");
    }

    private static String conclusion(Ranking ranking, List<RunResults.Design> meetAll,
                                     List<RunResults.Design> measured) {
        if (meetAll.isEmpty()) {
            return "No design meets every target in this run.";
        }
        List<String> names = meetAll.stream().map(Findings::name).toList();
        if (meetAll.size() == 1) {
            return names.get(0) + " is the only design that meets every target" + (measured.size() > 1 ? "." : "")
                    + (measured.size() == 1 ? " (the only design measured)." : "");
        }
        Metric p99 = meetAll.stream().allMatch(design -> design.serviceLevel() != null) ? Metric.SERVICE_P99
                : Metric.STORAGE_P99;
        RunResults.Design best = ranking.bestDesign(p99);
        String level = p99 == Metric.SERVICE_P99 ? "service" : "storage-level";
        boolean tied = best == null || !meetAll.contains(best)
                || meetAll.stream().anyMatch(design -> ranking.tiedWithBest(design, p99));
        boolean intervals = meetAll.stream().allMatch(design -> p99.intervalIn(design) != null
                && p99.intervalIn(design).value() != null);
        String lead = (names.size() == 2 ? names.get(0) + " and " + names.get(1) + " both meet"
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1)
                + " all meet") + " every target.";
        if (!tied && !intervals) {
            return lead + " " + Findings.name(best) + " has the lowest " + level + " P99 (" + MetricText.withUnit(p99,
                    best) + "), but this run recorded no intervals, so it cannot say whether the difference is real.";
        }
        if (tied) {
            return lead + " This run cannot tell their " + level + " P99s apart; a longer run (the standard or full"
                    + " profile, or a longer duration) or a rate nearer their capacity (service_rate, the capacity"
                    + " sweep) would. Choose between them on storage, the refresh and cost above.";
        }
        return lead + " " + Findings.name(best) + " has the lowest " + level + " P99 (" + MetricText.withUnit(p99,
                best) + "), a difference this run can tell from noise.";
    }

    private static Object config(RunResults results, String key) {
        Map<String, Object> config = results.run().config();
        return config == null ? null : config.get(key);
    }

    private static boolean isDefault(RunResults results, String key) {
        Map<String, String> sources = results.run().configSources();
        return sources != null && "default".equals(sources.get(key));
    }

    private static double number(Object value) {
        return value instanceof Number number ? number.doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    private static String times(double ratio) {
        return "×" + Text.significant(ratio);
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.0f %%", fraction * 100);
    }

    private static String money(double amount) {
        if (amount == 0) {
            return "0";
        }
        return amount >= 1 ? String.format(Locale.ROOT, "%,.2f", amount)
                : new java.math.BigDecimal(amount).round(new java.math.MathContext(2)).toPlainString();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
