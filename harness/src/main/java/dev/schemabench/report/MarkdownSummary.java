package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;

/**
 * {@code summary.md}: the verdict table and the top findings in GitHub-flavoured Markdown, short enough for a
 * pull-request comment. For two runs: the differences per metric and what changed between them.
 */
public final class MarkdownSummary implements ReportFormat {

    public static final String NAME = "summary.md";

    @Override
    public String fileName() {
        return NAME;
    }

    @Override
    public String render(ReportInput input) {
        StringBuilder md = new StringBuilder(8192);
        if (input.comparison()) {
            comparison(md, input);
        } else {
            LoadedRun run = input.first();
            md.append("## SchemaBench: which storage design?\n\n").append(runLine(run)).append("\n\n");
            verdict(md, run.results());
            md.append(MissingDesigns.markdown(run.results()));
            md.append("\n### Top findings\n\n");
            for (String finding : Findings.of(run.results())) {
                md.append("- ").append(Text.markdown(finding)).append('\n');
            }
            if (CalibrationText.any(run.results())) {
                md.append("\n### Harness calibration\n\n");
                for (JsonNode design : run.results().path("designs")) {
                    for (String sentence : CalibrationText.sentences(design)) {
                        md.append("- ").append(Text.markdown(design.path("name").asText())).append(": ")
                                .append(Text.markdown(sentence)).append('\n');
                    }
                }
            }
            md.append("\nFull report: `index.html` in the run folder; figures: `results.json`.\n");
        }
        return md.toString();
    }

    private static String runLine(LoadedRun run) {
        JsonNode meta = run.results().path("run");
        StringBuilder line = new StringBuilder("Run `").append(run.id().replace("`", "")).append("`: profile ")
                .append(Text.markdown(meta.path("profile").asText(Text.ABSENT))).append(", ")
                .append(Text.count(Text.number(meta, "products"))).append(" products × ")
                .append(Text.count(Text.number(meta, "recs_per_product"))).append(", seed ")
                .append(Text.markdown(meta.path("seed").asText(Text.ABSENT)));
        String postgres = Text.text(meta, "environment", "postgres", "version");
        if (postgres != null) {
            line.append(", ").append(Text.markdown(postgres.replaceAll(" on .*", "")));
        }
        Double cpus = Text.number(meta, "environment", "cpus");
        if (cpus != null) {
            line.append(", ").append(Text.count(cpus)).append(" CPUs");
        }
        return line.append('.').toString();
    }

    private static void verdict(StringBuilder md, JsonNode results) {
        Verdict verdict = new Verdict(results);
        md.append("| Design |");
        for (Metric metric : Metric.VERDICT) {
            md.append(' ').append(Text.markdown(shortHeading(metric))).append(" |");
        }
        md.append("\n|---|");
        md.append("---:|".repeat(Metric.VERDICT.size())).append('\n');
        for (JsonNode design : verdict.designs()) {
            md.append("| ").append(Text.markdown(design.path("name").asText()));
            if (!Verdict.measured(design)) {
                md.append(" (").append(Text.markdown(design.path("status").asText())).append(')');
            }
            md.append(" |");
            for (Metric metric : Metric.VERDICT) {
                Verdict.Cell cell = verdict.cell(design, metric);
                String text = Text.markdown(cell.text());
                md.append(' ').append(cell.best() ? "**" + text + "**" : text);
                if (cell.ratio() != null) {
                    md.append(" (").append(cell.ratio()).append(')');
                }
                md.append(" |");
            }
            md.append('\n');
        }
        md.append("\nBest per column in **bold** (measured designs only); (×N) is the ratio to it. – means not"
                + " measured, never zero. Latency in ms from each read's intended start (open model); bad reads:"
                + " failed / empty / mixed.\n");
    }

    /** A compact column heading, e.g. "storage P99 ms". */
    static String shortHeading(Metric metric) {
        return switch (metric.group()) {
            case Metric.STORAGE_LEVEL -> "storage " + metric.label() + (metric.label().startsWith("P") ? " ms" : "");
            case Metric.SERVICE_LEVEL -> "service " + metric.label() + (metric.label().startsWith("P") ? " ms" : "");
            case Metric.STORAGE -> metric.label().equals("total") ? "total size" : metric.label().equals("indexes")
                    ? "index size" : "bytes per product";
            case Metric.REFRESH -> metric.kind() == Metric.Kind.REFRESH_READS ? "refresh bad reads"
                    : metric.label() + " ms";
            default -> metric.heading();
        };
    }

    private static void comparison(StringBuilder md, ReportInput input) {
        RunComparison comparison = new RunComparison(input.first(), input.second());
        md.append("## SchemaBench: two runs compared\n\n- Before: ").append(runLine(input.first()))
                .append("\n- After: ").append(runLine(input.second())).append("\n\n");
        List<RunComparison.Changed> changed = comparison.changed();
        md.append("### What changed\n\n");
        if (changed.isEmpty()) {
            md.append("The fingerprint and configuration are the same.\n");
        } else {
            for (RunComparison.Changed entry : changed) {
                md.append("- `").append(entry.key().replace("`", "")).append("`: ")
                        .append(Text.markdown(entry.before() == null ? Text.ABSENT : abbreviate(entry.before())))
                        .append(" → ")
                        .append(Text.markdown(entry.after() == null ? Text.ABSENT : abbreviate(entry.after())))
                        .append('\n');
            }
        }
        md.append("\n### Differences per metric\n\nAfter minus before; changes under ")
                .append(String.format(Locale.ROOT, "%.0f", RunComparison.NOISE_PERCENT))
                .append(" % read as about the same.\n");
        for (RunComparison.DesignComparison design : comparison.designs()) {
            md.append("\n#### ").append(Text.markdown(design.name())).append("\n\n");
            for (JsonNode side : new JsonNode[] {design.before(), design.after()}) {
                if (side != null && !Verdict.measured(side)) {
                    md.append(side == design.before() ? "Before" : "After").append(": ")
                            .append(Text.markdown(side.path("status").asText())).append(": ")
                            .append(Text.markdown(side.path("reason").asText(""))).append("\n\n");
                }
            }
            if (design.before() == null || design.after() == null) {
                md.append("Only in the ").append(design.before() == null ? "after" : "before")
                        .append(" run.\n\n");
            }
            if (design.differences().stream()
                    .allMatch(difference -> difference.before() == null && difference.after() == null)) {
                md.append("No figures to compare.\n");
                continue;
            }
            md.append("| metric | before | after | change | % | reading |\n|---|---:|---:|---:|---:|---|\n");
            for (RunComparison.Difference difference : design.differences()) {
                Metric metric = difference.metric();
                if (difference.before() == null && difference.after() == null) {
                    continue;
                }
                md.append("| ").append(Text.markdown(shortHeading(metric))).append(" | ")
                        .append(Text.markdown(design.before() == null ? Text.ABSENT : metric.format(design.before())))
                        .append(" | ")
                        .append(Text.markdown(design.after() == null ? Text.ABSENT : metric.format(design.after())))
                        .append(" | ").append(Text.markdown(difference.change())).append(" | ")
                        .append(Text.markdown(difference.percent())).append(" | ")
                        .append(switch (difference.direction()) {
                            case BETTER -> "better";
                            case WORSE -> "**worse**";
                            case SAME -> "about the same";
                            case ABSENT -> Text.ABSENT;
                        }).append(" |\n");
            }
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
