package dev.schemabench.report;

import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The top findings of one run as plain sentences, in the order an architect asks: how fast, how big, what the weekly
 * refresh costs readers, whether the machine was saturated, and what was not measured. Both formats render these.
 */
final class Findings {

    /** CPU use (harness plus database, share of all processors) above which tail latencies include CPU queueing. */
    static final double BUSY_SHARE = 0.7;
    /** CPU taken by the hypervisor (share of all processors) from which a measurement is flagged as disturbed. */
    static final double STOLEN_SHARE = 0.05;

    private Findings() {
    }

    static List<String> of(RunResults results) {
        Ranking ranking = new Ranking(results);
        List<String> findings = new ArrayList<>();
        List<RunResults.Design> measured = ranking.designs().stream().filter(RunResults.Design::measured).toList();
        if (measured.isEmpty()) {
            findings.add("No design was measured in this run.");
        }
        fastestAtBothPercentiles(findings, ranking, Metric.STORAGE_P99, Metric.STORAGE_P50, "storage");
        fastestAtBothPercentiles(findings, ranking, Metric.SERVICE_P99, Metric.SERVICE_P50, "service");
        httpOverhead(findings, measured);
        precision(findings, measured);
        for (RunResults.Design design : measured) {
            RunResults.Latency storage = design.storageLevel();
            if (storage != null && storage.flagged()) {
                findings.add("Storage-level figures of " + name(design) + " are flagged, read them with care: "
                        + String.join("; ", storage.checks().flags()) + ".");
            }
            RunResults.Latency service = design.serviceLevel();
            if (service != null && service.flagged()) {
                findings.add("Service-level figures of " + name(design) + " are flagged, read them with care: "
                        + String.join("; ", service.checks().flags()) + ".");
            }
        }
        fastest(findings, ranking, Metric.TOTAL_BYTES, "total storage");
        refresh(findings, measured);
        churn(findings, measured);
        cpu(findings, measured);
        if (!measured.isEmpty() && measured.stream().allMatch(design -> design.serviceLevel() == null)) {
            String why = measured.stream().map(RunResults.Design::serviceLevelNote).filter(Objects::nonNull)
                    .findFirst().map(note -> " (" + note + ")").orElse("");
            findings.add("Service-level latency (through the HTTP service) was not measured in this run" + why + ".");
        }
        for (RunResults.Design design : ranking.designs()) {
            if (!design.measured()) {
                findings.add(name(design) + " " + Text.or(design.status(), "") + ": "
                        + Text.or(design.reason(), "no reason recorded") + ".");
            }
        }
        return findings;
    }

    /**
     * Where the run was asked for a precision instead of a fixed length: one sentence for the designs that reached
     * it and one naming each that did not, with what it reached and what would narrow it.
     */
    private static void precision(List<String> findings, List<RunResults.Design> measured) {
        List<String> met = new ArrayList<>();
        for (RunResults.Design design : measured) {
            RunResults.Latency storage = design.storageLevel();
            RunResults.Precision precision = storage == null ? null : storage.precision();
            if (precision == null) {
                continue;
            }
            if (precision.met()) {
                met.add(name(design) + " (±" + percent(precision.reached()) + ")");
            } else {
                findings.add("Storage-level P99 of " + name(design) + ": "
                        + (precision.reached() == null ? "too few reads beyond it for an interval"
                        : "known within ±" + percent(precision.reached()))
                        + ", not the ±" + percent(precision.target()) + " asked for, after "
                        + Text.count(precision.measuredS()) + " s of the " + Text.count(precision.capS())
                        + " s allowed; a longer precision_cap or a higher rate would narrow it.");
            }
        }
        if (!met.isEmpty()) {
            findings.add("Storage-level P99 known within the precision asked for: " + String.join(", ", met) + ".");
        }
    }

    private static String percent(Double share) {
        return share == null ? Text.ABSENT : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }

    /** The lowest P99 of a level, and the lowest median too when another design holds it. */
    private static void fastestAtBothPercentiles(List<String> findings, Ranking ranking, Metric p99, Metric p50,
                                                 String level) {
        fastest(findings, ranking, p99, level + "-level P99");
        RunResults.Design tailWinner = ranking.bestDesign(p99);
        RunResults.Design medianWinner = ranking.bestDesign(p50);
        if (tailWinner != null && medianWinner != null && !name(tailWinner).equals(name(medianWinner))) {
            fastest(findings, ranking, p50, level + "-level median (P50)");
        }
    }

    private static void fastest(List<String> findings, Ranking ranking, Metric metric, String what) {
        RunResults.Design bestDesign = ranking.bestDesign(metric);
        if (bestDesign == null) {
            List<RunResults.Design> withValue = ranking.designs().stream().filter(RunResults.Design::measured)
                    .filter(design -> metric.valueIn(design) != null).toList();
            if (withValue.size() == 1) {
                RunResults.Design only = withValue.get(0);
                findings.add(capitalize(what) + ": " + name(only) + " " + MetricText.withUnit(metric, only)
                        + " (the only design with this figure).");
            }
            return;
        }
        String tie = tieWithinIntervals(ranking, metric, bestDesign, what);
        if (tie != null) {
            findings.add(tie);
            return;
        }
        StringBuilder sentence = new StringBuilder("Lowest " + what + ": " + name(bestDesign) + " at "
                + MetricText.withUnit(metric, bestDesign) + intervalText(metric, bestDesign));
        List<String> others = new ArrayList<>();
        for (RunResults.Design design : ranking.designs()) {
            Ranking.Cell cell = ranking.cell(design, metric);
            if (design.measured() && cell.ratio() != null) {
                RunResults.DesignVerdict verdict = design.comparisons() == null ? null
                        : design.comparisons().get(metric.id());
                others.add(name(design) + " " + cell.ratio() + " (" + MetricText.withUnit(metric, design)
                        + intervalText(metric, design) + (verdict == null || !verdict.decisive() ? ""
                        : "; " + verdict.verdict() + ", Holm-corrected") + ")");
            }
        }
        if (!others.isEmpty()) {
            sentence.append("; ").append(String.join(", ", others));
        }
        findings.add(sentence.append('.').toString());
    }

    /** ", 95 % CI 1.10 to 1.52" when the run recorded the figure's interval; empty otherwise. */
    private static String intervalText(Metric metric, RunResults.Design design) {
        RunResults.FigureInterval interval = metric.intervalIn(design);
        if (interval == null || interval.value() == null) {
            return "";
        }
        return String.format(Locale.ROOT, ", %.0f %% CI %s to %s", interval.confidence() * 100,
                Text.significant(interval.low()), Text.significant(interval.high()));
    }

    /**
     * When the run cannot tell another design from the best one ({@link Ranking#tiedWithBest}: within the practical
     * threshold, overlapping intervals, or single timings too close to call), a sentence saying so instead of naming a
     * winner on noise; null otherwise.
     */
    private static String tieWithinIntervals(Ranking ranking, Metric metric, RunResults.Design best, String what) {
        List<String> tied = new ArrayList<>();
        boolean close = false;
        for (RunResults.Design design : ranking.designs()) {
            if (ranking.tiedWithBest(design, metric)) {
                tied.add(name(design) + " " + MetricText.withUnit(metric, design) + intervalText(metric, design));
                double ratio = metric.valueIn(design) / metric.valueIn(best);
                close |= Math.abs(Math.log(ratio)) <= Math.log(1 + Ranking.PRACTICAL_THRESHOLD);
            }
        }
        if (tied.isEmpty()) {
            return null;
        }
        boolean intervals = metric.intervalIn(best) != null && metric.intervalIn(best).value() != null;
        boolean tested = ranking.designs().stream().filter(design -> ranking.tiedWithBest(design, metric))
                .allMatch(design -> design.comparisons() != null && design.comparisons().get(metric.id()) != null);
        String why = close ? String.format(Locale.ROOT, "are within %.0f %% of each other, too close to call",
                Ranking.PRACTICAL_THRESHOLD * 100)
                : tested ? "differ by less than the run can tell (its ratio test, Holm-corrected, calls no"
                + " difference); a longer run would tell them apart"
                : intervals ? "overlap; a longer run would tell them apart"
                : "are single timings too close to call (under ×" + Text.significant(Ranking.SINGLE_TIMING_RATIO)
                + ")";
        return capitalize(what) + ": no design is lowest in this run (~): " + name(best) + " "
                + MetricText.withUnit(metric, best) + intervalText(metric, best) + " and " + String.join(", ", tied)
                + " " + why + ".";
    }

    /** A design's name as the findings write it (empty when the results have none). */
    static String name(RunResults.Design design) {
        return Text.or(design.name(), "");
    }

    /** Per design, what reading through the HTTP service added to the storage level, or why it was not measured. */
    private static void httpOverhead(List<String> findings, List<RunResults.Design> measured) {
        for (RunResults.Design design : measured) {
            String sentence = httpOverheadSentence(design);
            if (sentence != null) {
                findings.add(name(design) + ": " + sentence + ".");
            }
        }
    }

    /**
     * "over HTTP at 1,000 reads/s the service added 0.210 ms to P50 and 0.900 ms to P99 (...)", the note saying why
     * it was not measured, or null when the results have neither.
     */
    static String httpOverheadSentence(RunResults.Design design) {
        RunResults.HttpOverhead overhead = design.httpOverhead();
        if (overhead == null) {
            return design.httpOverheadNote();
        }
        StringBuilder sentence = new StringBuilder(String.format(Locale.ROOT,
                "over HTTP at %s reads/s the service added %s ms to P50 and %s ms to P99 (storage level %s / %s ms,"
                        + " through the service %s / %s ms; %s, %s keep-alive HTTP/1.1 connections",
                Text.rate(overhead.rateOpsS()), Text.ms(overhead.addedP50Ms()), Text.ms(overhead.addedP99Ms()),
                Text.ms(overhead.storageP50Ms()), Text.ms(overhead.storageP99Ms()), Text.ms(overhead.httpP50Ms()),
                Text.ms(overhead.httpP99Ms()), Text.or(overhead.client(), "client not recorded"),
                Text.count((double) overhead.connections())));
        long errors = overhead.errors();
        if (errors > 0) {
            sentence.append(String.format(Locale.ROOT, "; %,d reads failed or were wrong", errors));
        }
        if (Boolean.FALSE.equals(overhead.jitSettled())) {
            sentence.append("; the JIT was still compiling when the warm-up ran out");
        }
        double stolenShare = 0;
        for (RunResults.MachineCpu machine : new RunResults.MachineCpu[] {overhead.storageMachine(),
                overhead.httpMachine()}) {
            if (machine != null && machine.wallS() > 0 && machine.cpus() > 0) {
                stolenShare = Math.max(stolenShare, machine.stolenS() / (machine.wallS() * machine.cpus()));
            }
        }
        if (stolenShare >= STOLEN_SHARE) {
            sentence.append(String.format(Locale.ROOT, "; the hypervisor took up to %.0f %% of the machine's CPU"
                    + " meanwhile, so the tails include waiting for it", stolenShare * 100));
        }
        return sentence.append(')').toString();
    }

    private static void refresh(List<String> findings, List<RunResults.Design> measured) {
        List<String> clean = new ArrayList<>();
        List<String> troubled = new ArrayList<>();
        for (RunResults.Design design : measured) {
            RunResults.Refresh refresh = design.refresh();
            RunResults.RefreshReads reads = refresh == null ? null : refresh.readsDuringRefresh();
            if (reads == null) {
                continue;
            }
            if (refresh.zeroDowntime()) {
                clean.add(name(design));
            } else {
                troubled.add(String.format(Locale.ROOT, "%s had %,d failed, %,d empty or short and %,d mixed reads",
                        name(design), reads.errors(), reads.empty(), reads.mixed()));
            }
        }
        if (!clean.isEmpty()) {
            findings.add("Weekly refresh under load (stage, activate, rollback): no failed, empty or mixed reads for "
                    + String.join(", ", clean) + ".");
        }
        if (!troubled.isEmpty()) {
            findings.add("Weekly refresh under load: " + String.join("; ", troubled) + ".");
        }
    }

    private static void churn(List<String> findings, List<RunResults.Design> measured) {
        List<String> parts = new ArrayList<>();
        int batches = 0;
        int retained = 0;
        for (RunResults.Design design : measured) {
            Double first = Metric.TOTAL_BYTES.valueIn(design);
            Double after = Metric.TOTAL_BYTES_AFTER_CHURN.valueIn(design);
            if (first == null || after == null || first == 0) {
                continue;
            }
            batches = design.footprintAfterChurn().batchesStaged();
            retained = design.footprintAfterChurn().retained();
            parts.add(String.format(Locale.ROOT, "%s %s (×%.2f of the first load)", name(design),
                    Text.bytes(after), after / first));
        }
        if (!parts.isEmpty()) {
            findings.add("After " + batches + " weekly batches keeping " + retained + ", and cleanup: "
                    + String.join(", ", parts) + ".");
        }
    }

    private static void cpu(List<String> findings, List<RunResults.Design> measured) {
        for (RunResults.Design design : measured) {
            RunResults.Cpu cpu = design.cpu();
            if (cpu == null || cpu.wallS() <= 0 || cpu.cpus() <= 0) {
                continue;
            }
            double wall = cpu.wallS();
            double harness = cpu.harnessS();
            int cpus = cpu.cpus();
            Double database = cpu.databaseS();
            double busy = (harness + (database == null ? 0 : database)) / (wall * cpus);
            if (busy >= BUSY_SHARE) {
                findings.add(String.format(Locale.ROOT, "During %s's storage-level measurement the machine was %.0f %%"
                        + " busy (load generator alone %.0f %% of %d CPUs): its tail latencies include waiting for"
                        + " a CPU.", name(design), busy * 100, harness / (wall * cpus) * 100, cpus));
            }
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
