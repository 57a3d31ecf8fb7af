package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
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

    static List<String> of(JsonNode results) {
        Verdict verdict = new Verdict(results);
        List<String> findings = new ArrayList<>();
        List<JsonNode> measured = verdict.designs().stream().filter(Verdict::measured).toList();
        if (measured.isEmpty()) {
            findings.add("No design was measured in this run.");
        }
        for (String level : List.of("storage", "service")) {
            Metric p99 = metric(level + "_p99");
            Metric p50 = metric(level + "_p50");
            fastest(findings, verdict, p99, level + "-level P99");
            String tailWinner = verdict.bestDesign(p99);
            String medianWinner = verdict.bestDesign(p50);
            if (tailWinner != null && medianWinner != null && !tailWinner.equals(medianWinner)) {
                fastest(findings, verdict, p50, level + "-level median (P50)");
            }
        }
        httpOverhead(findings, measured);
        fastest(findings, verdict, metric("total_bytes"), "total storage");
        refresh(findings, measured);
        churn(findings, measured);
        cpu(findings, measured);
        if (!measured.isEmpty() && measured.stream().allMatch(design -> design.path("service_level").isNull()
                || design.path("service_level").isMissingNode())) {
            String why = measured.stream().map(design -> Text.text(design, "service_level_note"))
                    .filter(Objects::nonNull).findFirst().map(note -> " (" + note + ")").orElse("");
            findings.add("Service-level latency (through the HTTP service) was not measured in this run" + why + ".");
        }
        for (JsonNode design : verdict.designs()) {
            if (!Verdict.measured(design)) {
                findings.add(design.path("name").asText() + " " + design.path("status").asText() + ": "
                        + design.path("reason").asText("no reason recorded") + ".");
            }
        }
        return findings;
    }

    static Metric metric(String id) {
        return Metric.VERDICT.stream().filter(metric -> metric.id().equals(id)).findFirst().orElseThrow();
    }

    private static void fastest(List<String> findings, Verdict verdict, Metric metric, String what) {
        String bestDesign = verdict.bestDesign(metric);
        if (bestDesign == null) {
            List<JsonNode> withValue = verdict.designs().stream().filter(Verdict::measured)
                    .filter(design -> metric.value().apply(design) != null).toList();
            if (withValue.size() == 1) {
                JsonNode only = withValue.get(0);
                findings.add(capitalize(what) + ": " + only.path("name").asText() + " " + unit(metric, only)
                        + " (the only design with this figure).");
            }
            return;
        }
        StringBuilder sentence = new StringBuilder("Lowest " + what + ": " + bestDesign + " at "
                + unit(metric, designNamed(verdict, bestDesign)));
        List<String> others = new ArrayList<>();
        for (JsonNode design : verdict.designs()) {
            Verdict.Cell cell = verdict.cell(design, metric);
            if (Verdict.measured(design) && cell.ratio() != null) {
                others.add(design.path("name").asText() + " " + cell.ratio() + " (" + unit(metric, design) + ")");
            }
        }
        if (!others.isEmpty()) {
            sentence.append("; ").append(String.join(", ", others));
        }
        findings.add(sentence.append('.').toString());
    }

    private static JsonNode designNamed(Verdict verdict, String name) {
        return verdict.designs().stream().filter(design -> design.path("name").asText().equals(name)).findFirst()
                .orElseThrow();
    }

    private static String unit(Metric metric, JsonNode design) {
        String text = metric.format(design);
        return metric.kind() == Metric.Kind.MILLISECONDS ? text + " ms" : text;
    }

    /** Per design, what reading through the HTTP service added to the storage level, or why it was not measured. */
    private static void httpOverhead(List<String> findings, List<JsonNode> measured) {
        for (JsonNode design : measured) {
            String sentence = httpOverheadSentence(design);
            if (sentence != null) {
                findings.add(design.path("name").asText() + ": " + sentence + ".");
            }
        }
    }

    /**
     * "over HTTP at 1,000 reads/s the service added 0.210 ms to P50 and 0.900 ms to P99 (...)", the note saying why
     * it was not measured, or null when the results have neither.
     */
    static String httpOverheadSentence(JsonNode design) {
        JsonNode overhead = design.path("http_overhead");
        if (!overhead.isObject()) {
            return Text.text(design, "http_overhead_note");
        }
        StringBuilder sentence = new StringBuilder(String.format(Locale.ROOT,
                "over HTTP at %s reads/s the service added %s ms to P50 and %s ms to P99 (storage level %s / %s ms,"
                        + " through the service %s / %s ms; %s, %s keep-alive HTTP/1.1 connections",
                Text.rate(Text.number(overhead, "rate_ops_s")), Text.ms(Text.number(overhead, "added_p50_ms")),
                Text.ms(Text.number(overhead, "added_p99_ms")), Text.ms(Text.number(overhead, "storage_p50_ms")),
                Text.ms(Text.number(overhead, "storage_p99_ms")), Text.ms(Text.number(overhead, "http_p50_ms")),
                Text.ms(Text.number(overhead, "http_p99_ms")), overhead.path("client").asText("client not recorded"),
                Text.count(Text.number(overhead, "connections"))));
        long errors = overhead.path("errors").asLong(0);
        if (errors > 0) {
            sentence.append(String.format(Locale.ROOT, "; %,d reads failed or were wrong", errors));
        }
        if (overhead.path("jit_settled").isBoolean() && !overhead.path("jit_settled").asBoolean()) {
            sentence.append("; the JIT was still compiling when the warm-up ran out");
        }
        double stolenShare = 0;
        for (String level : List.of("storage_machine", "http_machine")) {
            Double stolen = Text.number(overhead, level, "stolen_s");
            Double wall = Text.number(overhead, level, "wall_s");
            int cpus = overhead.path(level).path("cpus").asInt(0);
            if (stolen != null && wall != null && wall > 0 && cpus > 0) {
                stolenShare = Math.max(stolenShare, stolen / (wall * cpus));
            }
        }
        if (stolenShare >= STOLEN_SHARE) {
            sentence.append(String.format(Locale.ROOT, "; the hypervisor took up to %.0f %% of the machine's CPU"
                    + " meanwhile, so the tails include waiting for it", stolenShare * 100));
        }
        return sentence.append(')').toString();
    }

    private static void refresh(List<String> findings, List<JsonNode> measured) {
        List<String> clean = new ArrayList<>();
        List<String> troubled = new ArrayList<>();
        for (JsonNode design : measured) {
            JsonNode reads = design.path("refresh").path("reads_during_refresh");
            if (!reads.isObject()) {
                continue;
            }
            String name = design.path("name").asText();
            if (design.path("refresh").path("zero_downtime").asBoolean(false)) {
                clean.add(name);
            } else {
                troubled.add(String.format(Locale.ROOT, "%s had %,d failed, %,d empty or short and %,d mixed reads",
                        name, reads.path("errors").asLong(), reads.path("empty").asLong(), reads.path("mixed").asLong()));
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

    private static void churn(List<String> findings, List<JsonNode> measured) {
        List<String> parts = new ArrayList<>();
        int batches = 0;
        int retained = 0;
        for (JsonNode design : measured) {
            JsonNode churn = design.path("footprint_after_churn");
            Double first = Text.number(design, "footprint", "total_bytes");
            Double after = Text.number(churn, "after_cleanup", "total_bytes");
            if (first == null || after == null || first == 0) {
                continue;
            }
            batches = churn.path("batches_staged").asInt();
            retained = churn.path("retained").asInt();
            parts.add(String.format(Locale.ROOT, "%s %s (×%.2f of the first load)", design.path("name").asText(),
                    Text.bytes(after), after / first));
        }
        if (!parts.isEmpty()) {
            findings.add("After " + batches + " weekly batches keeping " + retained + ", and cleanup: "
                    + String.join(", ", parts) + ".");
        }
    }

    private static void cpu(List<String> findings, List<JsonNode> measured) {
        for (JsonNode design : measured) {
            JsonNode cpu = design.path("cpu");
            Double wall = Text.number(cpu, "wall_s");
            Double harness = Text.number(cpu, "harness_s");
            int cpus = cpu.path("cpus").asInt(0);
            if (wall == null || harness == null || wall <= 0 || cpus <= 0) {
                continue;
            }
            Double database = Text.number(cpu, "database_s");
            double busy = (harness + (database == null ? 0 : database)) / (wall * cpus);
            if (busy >= BUSY_SHARE) {
                findings.add(String.format(Locale.ROOT, "During %s's storage-level measurement the machine was %.0f %%"
                        + " busy (load generator alone %.0f %% of %d CPUs): its tail latencies include waiting for"
                        + " a CPU.", design.path("name").asText(), busy * 100, harness / (wall * cpus) * 100, cpus));
            }
        }
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
