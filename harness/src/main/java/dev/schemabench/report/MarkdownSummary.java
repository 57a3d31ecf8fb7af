package dev.schemabench.report;

import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;
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
        if (input.sideBySide()) {
            sideBySide(md, input);
        } else if (input.comparison()) {
            comparison(md, input);
        } else {
            LoadedRun run = input.first();
            md.append("## SchemaBench: which storage design?\n\n").append(runLine(run)).append("\n\n");
            List<String> recommendation = Recommendation.paragraphs(run.results());
            if (!recommendation.isEmpty()) {
                md.append("### Recommendation against your targets\n\n");
                for (String paragraph : recommendation) {
                    md.append(Text.markdown(paragraph)).append("\n\n");
                }
            }
            md.append("### Verdict\n\n");
            for (String finding : Findings.of(run.results())) {
                md.append("- ").append(Text.markdown(finding)).append('\n');
            }
            md.append("\n### Figures\n\n");
            figures(md, run.results());
            md.append(MissingDesigns.markdown(run.results()));
            md.append(UpdateSection.markdown(run.results()));
            md.append(CacheSection.markdown(run.results()));
            if (CalibrationText.any(run.results())) {
                md.append("\n### Harness calibration\n\n");
                for (RunResults.Design design : run.results().designs()) {
                    for (String sentence : CalibrationText.sentences(design)) {
                        md.append("- ").append(Text.markdown(Findings.name(design))).append(": ")
                                .append(Text.markdown(sentence)).append('\n');
                    }
                }
            }
            md.append("\nFull report: `index.html` in the run folder; figures: `results.json`.\n");
        }
        return md.toString();
    }

    private static String runLine(LoadedRun run) {
        RunResults.Run meta = run.results().run();
        StringBuilder line = new StringBuilder("Run `").append(run.id().replace("`", "")).append("`: profile ")
                .append(Text.markdown(Text.or(meta.profile(), Text.ABSENT))).append(", ")
                .append(Text.count((double) meta.products())).append(" products × ")
                .append(Text.count((double) meta.recsPerProduct())).append(", seed ")
                .append(Text.markdown(Long.toString(meta.seed())));
        String postgres = RunEnvironment.postgresVersion(meta);
        if (postgres != null) {
            line.append(", ").append(Text.markdown(postgres.replaceAll(" on .*", "")));
        }
        Double cpus = RunEnvironment.cpus(meta);
        if (cpus != null) {
            line.append(", ").append(Text.count(cpus)).append(" CPUs");
        }
        return line.append('.').toString();
    }

    private static void figures(StringBuilder md, RunResults results) {
        Ranking ranking = new Ranking(results);
        md.append("| Design |");
        for (Metric metric : Ranking.SUMMARY_COLUMNS) {
            md.append(' ').append(Text.markdown(inSeconds(metric) ? metric.label() + " s" : shortHeading(metric)))
                    .append(" |");
        }
        md.append("\n|---|");
        md.append("---:|".repeat(Ranking.SUMMARY_COLUMNS.size())).append('\n');
        for (RunResults.Design design : ranking.designs()) {
            md.append("| ").append(Text.markdown(Findings.name(design)));
            if (!design.measured()) {
                md.append(" (").append(Text.markdown(Text.or(design.status(), ""))).append(')');
            }
            md.append(" |");
            for (Metric metric : Ranking.SUMMARY_COLUMNS) {
                Ranking.Cell cell = ranking.cell(design, metric);
                String text = Text.markdown(inSeconds(metric) ? Text.seconds(cell.value()) : cell.text());
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
                + " failed / empty / mixed; stage and activate: the weekly refresh's, in seconds. P99.9, throughput,"
                + " index size and rollback are in the full report.");
        boolean ties = ranking.designs().stream().anyMatch(design -> Ranking.SUMMARY_COLUMNS.stream()
                .anyMatch(metric -> ranking.tiedWithBest(design, metric)));
        if (ties) {
            md.append(" (~×N): a tie this run cannot break (95 % intervals that overlap, figures within 5 %, or single"
                    + " timings under ×1.52; docs/statistics.md); a column with a tie, or whose best figure rests on too"
                    + " few reads, has no bold.");
        }
        md.append('\n');
    }

    /** Whether the summary writes this metric in seconds (the refresh's stage times) rather than milliseconds. */
    private static boolean inSeconds(Metric metric) {
        return metric.group().equals(Metric.REFRESH) && metric.unit() == Metric.Unit.MILLISECONDS;
    }

    /** A compact column heading, e.g. "storage P99 ms". */
    static String shortHeading(Metric metric) {
        return switch (metric.group()) {
            case Metric.STORAGE_LEVEL -> "storage " + metric.label() + (metric.label().startsWith("P") ? " ms" : "");
            case Metric.SERVICE_LEVEL -> "service " + metric.label() + (metric.label().startsWith("P") ? " ms" : "");
            case Metric.STORAGE -> metric.label().equals("total") ? "total size" : metric.label().equals("indexes")
                    ? "index size" : "bytes per product";
            case Metric.REFRESH -> metric.equals(Metric.REFRESH_BAD_READS) ? "refresh bad reads"
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
        md.append("\n### Differences per metric\n\nAfter minus before, read by the gate's test: called better or"
                + " worse only when the ratio's confidence interval (against the other designs' change,"
                + " Holm-corrected) excludes 1 and the change exceeds ")
                .append(String.format(Locale.ROOT, "%.0f", RunComparison.NOISE_PERCENT))
                .append(" %, else indistinguishable; without interval data, changes under the threshold read as about"
                        + " the same.\n");
        for (RunComparison.DesignComparison design : comparison.designs()) {
            md.append("\n#### ").append(Text.markdown(design.name())).append("\n\n");
            for (RunResults.Design side : new RunResults.Design[] {design.before(), design.after()}) {
                if (side != null && !side.measured()) {
                    md.append(side == design.before() ? "Before" : "After").append(": ")
                            .append(Text.markdown(Text.or(side.status(), ""))).append(": ")
                            .append(Text.markdown(Text.or(side.reason(), ""))).append("\n\n");
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
                        .append(Text.markdown(design.before() == null ? Text.ABSENT
                                : MetricText.format(metric, design.before())))
                        .append(" | ")
                        .append(Text.markdown(design.after() == null ? Text.ABSENT
                                : MetricText.format(metric, design.after())))
                        .append(" | ").append(Text.markdown(difference.change())).append(" | ")
                        .append(Text.markdown(difference.percent())).append(" | ")
                        .append(difference.reading() == RunComparison.Reading.WORSE ? "**worse**"
                                : Text.markdown(difference.label())).append(" |\n");
            }
        }
    }

    private static void sideBySide(StringBuilder md, ReportInput input) {
        SideBySide runs = new SideBySide(input.runs(), input.allowFingerprintChange());
        md.append("## SchemaBench: ").append(runs.runs().size()).append(" runs side by side\n\n");
        int number = 1;
        for (LoadedRun run : runs.runs()) {
            md.append(number++).append(". ").append(runLine(run)).append('\n');
        }
        if (!runs.differences().isEmpty()) {
            md.append("\nFingerprints that differ (rendered anyway):\n\n");
            runs.differences().forEach(line -> md.append("- ").append(Text.markdown(line)).append('\n'));
        }
        md.append("\nEach figure as its run measured it, ± its 95 % interval where recorded; no run is called"
                + " better here.\n");
        for (Metric metric : runs.metrics()) {
            md.append("\n#### ").append(Text.markdown(metric.heading())).append("\n\n| design |");
            runs.runs().forEach(run -> md.append(' ').append(Text.markdown(run.id())).append(" |"));
            md.append("\n|---|").append("---:|".repeat(runs.runs().size())).append('\n');
            for (String design : runs.designs()) {
                md.append("| ").append(Text.markdown(design)).append(" |");
                for (LoadedRun run : runs.runs()) {
                    md.append(' ').append(Text.markdown(runs.cell(run, design, metric))).append(" |");
                }
                md.append('\n');
            }
        }
    }

    private static String abbreviate(String value) {
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
