package dev.schemabench.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.Metric;
import dev.schemabench.results.PlanSummary;
import dev.schemabench.results.ResultsFile;
import dev.schemabench.results.RunResults;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * {@code index.html}: one self-contained page (inline CSS, inline SVG charts, no script) that opens from disk and
 * loads nothing: a Content-Security-Policy of {@code default-src 'none'} makes the browser refuse any load the page
 * might try. Absent figures read "–" and absent charts say why; nothing absent is drawn as zero.
 */
public final class HtmlRenderer implements ReportFormat {

    public static final String NAME = "index.html";

    /** Fills for the refresh phases on the time line. */
    private static final Map<String, String> PHASE_FILLS = Map.of(
            "staging", "#fde7c4", "activating", "#f6c1b4", "rolling_back", "#e3d3ef");

    @Override
    public String fileName() {
        return NAME;
    }

    @Override
    public String render(ReportInput input) {
        if (input.sideBySide()) {
            return new Page(input).sideBySide();
        }
        return input.comparison() ? new Page(input).comparison() : new Page(input).single();
    }

    /** One rendering: a builder and the input. */
    private static final class Page {

        private final ReportInput input;
        private final StringBuilder html = new StringBuilder(131_072);

        Page(ReportInput input) {
            this.input = input;
        }

        // ---- single run ---------------------------------------------------------------------------------------

        String single() {
            LoadedRun run = input.first();
            RunResults results = run.results();
            RunResults.Run meta = results.run();
            head("SchemaBench run " + run.id());
            html.append("<header>\n<h1>SchemaBench: which storage design?</h1>\n<p class=\"meta\">")
                    .append(runLine(run)).append("</p>\n");
            nav(List.of("recommendation", "Recommendation", "verdict", "Verdict", "latency", "Latency distribution", "storage", "Storage on disk",
                    "refresh", "Weekly refresh", "updates", "Product updates", "scale", "Scale and capacity",
                    "designs", "Designs",
                    "calibration", "Calibration", "environment", "Environment", "how-to-read", "How to read this"));
            html.append("</header>\n<main>\n");

            List<String> recommendation = Recommendation.paragraphs(results);
            if (!recommendation.isEmpty()) {
                section("recommendation", "Recommendation against your targets");
                for (String paragraph : recommendation) {
                    html.append("<p>").append(Text.html(paragraph)).append("</p>\n");
                }
                html.append("</section>\n");
            }
            section("verdict", "Verdict");
            findings(Findings.of(results));
            verdictTable(results);
            html.append(MissingDesigns.html(results));
            html.append("</section>\n");

            section("latency", "Latency distribution");
            html.append("<p class=\"note\">Latency at each percentile, from every read's intended start (open model)."
                    + " The horizontal axis is logarithmic in the tail: each step adds a nine.</p>\n");
            for (String level : levels(List.of(run))) {
                percentileFigure(level, List.of(run));
            }
            html.append("</section>\n");

            section("storage", "Storage on disk");
            storageFigure(List.of(run));
            indexTable(results);
            html.append("</section>\n");

            section("refresh", "Weekly refresh under load");
            refresh(results);
            html.append("</section>\n");
            html.append(CacheSection.html(results));

            section("updates", "Product updates between batches");
            html.append(UpdateSection.html(results)).append("</section>\n");

            section("scale", "Scale curve and capacity sweep");
            scale(results);
            html.append("</section>\n");

            section("designs", "Designs");
            for (RunResults.Design design : results.designs()) {
                design(run, design);
            }
            html.append("</section>\n");

            section("calibration", "Harness calibration");
            calibration(results);
            html.append("</section>\n");

            section("environment", "Environment and configuration");
            environment(meta);
            html.append("</section>\n");

            howToRead();
            html.append("</main>\n<footer><p>Rendered from <a href=\"")
                    .append(Text.html(input.link(run, run.resultsFile().getFileName().toString())))
                    .append("\">results.json</a> (schema version ").append(results.schemaVersion())
                    .append(") by SchemaBench; re-render with <code>scripts/report</code>.</p></footer>\n");
            return end();
        }

        // ---- comparison ---------------------------------------------------------------------------------------

        String comparison() {
            RunComparison comparison = new RunComparison(input.first(), input.second());
            LoadedRun before = input.first();
            LoadedRun after = input.second();
            head("SchemaBench: " + before.id() + " vs " + after.id());
            html.append("<header>\n<h1>SchemaBench: two runs compared</h1>\n<p class=\"meta\"><b>Before</b> ")
                    .append(runLine(before)).append("<br><b>After</b> ").append(runLine(after)).append("</p>\n");
            nav(List.of("differences", "Differences", "changed", "What changed", "latency", "Latency distribution",
                    "storage", "Storage on disk", "runs", "Both verdicts", "how-to-read", "How to read this"));
            html.append("</header>\n<main>\n");

            section("differences", "Differences per metric");
            html.append("<p class=\"note\">After minus before. Read by the gate's own test: where both runs kept"
                    + " interval data, a change is called better or worse only when the confidence interval of its"
                    + " ratio (against the other designs' change, Holm-corrected) excludes 1 and the change exceeds ")
                    .append(String.format(Locale.ROOT, "%.0f", RunComparison.NOISE_PERCENT))
                    .append(" %; otherwise it is “indistinguishable”. Without interval data a change under that"
                            + " threshold reads as “about the same”. Hover a reading for how it was reached. The gate,"
                            + " with your rules, decides what fails a build.</p>\n");
            for (RunComparison.DesignComparison design : comparison.designs()) {
                differenceTable(design);
            }
            html.append("</section>\n");

            section("changed", "What changed between the runs");
            changedTable(comparison.changed());
            html.append("</section>\n");

            section("latency", "Latency distribution");
            html.append("<p class=\"note\">Dashed: before; solid: after. Same colour, same design.</p>\n");
            for (String level : levels(List.of(before, after))) {
                percentileFigure(level, List.of(before, after));
            }
            html.append("</section>\n");

            section("storage", "Storage on disk");
            storageFigure(List.of(before, after));
            html.append("</section>\n");

            section("runs", "Both verdicts");
            for (LoadedRun run : List.of(before, after)) {
                html.append("<h3>").append(run == before ? "Before: " : "After: ").append(Text.html(run.id()))
                        .append("</h3>\n");
                if (Files.isRegularFile(run.runDirectory().resolve(NAME))) {
                    html.append("<p><a href=\"").append(Text.html(input.link(run, NAME)))
                            .append("\">This run's full report</a></p>\n");
                }
                findings(Findings.of(run.results()));
                verdictTable(run.results());
            }
            html.append("</section>\n");
            howToRead();
            html.append("</main>\n<footer><p>Rendered from <a href=\"")
                    .append(Text.html(input.link(before, before.resultsFile().getFileName().toString())))
                    .append("\">before</a> and <a href=\"")
                    .append(Text.html(input.link(after, after.resultsFile().getFileName().toString())))
                    .append("\">after</a> results by SchemaBench.</p></footer>\n");
            return end();
        }

        private void differenceTable(RunComparison.DesignComparison design) {
            html.append("<h3 id=\"difference-").append(slug(design.name())).append("\">")
                    .append(Text.html(design.name())).append("</h3>\n");
            if (design.before() == null || design.after() == null) {
                html.append("<p class=\"absent\">Only in the ").append(design.before() == null ? "after" : "before")
                        .append(" run.</p>\n");
            }
            for (RunResults.Design side : new RunResults.Design[] {design.before(), design.after()}) {
                if (side != null && !side.measured()) {
                    String status = Text.or(side.status(), "");
                    html.append("<p class=\"status-").append(Text.html(status)).append("\">")
                            .append(side == design.before() ? "Before" : "After").append(": ")
                            .append(Text.html(status)).append(": ")
                            .append(Text.html(Text.or(side.reason(), ""))).append("</p>\n");
                }
            }
            if (design.differences().stream()
                    .allMatch(difference -> difference.before() == null && difference.after() == null)) {
                html.append("<p class=\"absent\">No figures to compare.</p>\n");
                return;
            }
            html.append("<table class=\"difference\">\n<thead><tr><th>Metric</th><th>Before</th><th>After</th>"
                    + "<th>Change</th><th>%</th><th>Reading</th></tr></thead>\n<tbody>\n");
            for (RunComparison.Difference difference : design.differences()) {
                Metric metric = difference.metric();
                html.append("<tr class=\"").append(difference.reading().name().toLowerCase(Locale.ROOT))
                        .append("\"><td>").append(Text.html(metric.heading())).append("</td><td>")
                        .append(Text.html(design.before() == null ? Text.ABSENT
                                : MetricText.format(metric, design.before())))
                        .append("</td><td>")
                        .append(Text.html(design.after() == null ? Text.ABSENT
                                : MetricText.format(metric, design.after())))
                        .append("</td><td>").append(Text.html(difference.change())).append("</td><td>")
                        .append(Text.html(difference.percent())).append("</td><td>")
                        .append(difference.basis() == null ? Text.html(difference.label()) : "<span title=\""
                                + Text.html(difference.basis()) + "\">" + Text.html(difference.label()) + "</span>")
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        private void changedTable(List<RunComparison.Changed> changed) {
            if (changed.isEmpty()) {
                html.append("<p>The fingerprint and configuration are the same (apart from the server's"
                        + " address).</p>\n");
                return;
            }
            html.append("<p class=\"note\">Fingerprint and configuration entries that differ: a schema file's hash"
                    + " says which design changed.</p>\n<table class=\"kv\">\n<thead><tr><th>Entry</th><th>Before"
                    + "</th><th>After</th></tr></thead>\n<tbody>\n");
            for (RunComparison.Changed entry : changed) {
                html.append("<tr><td><code>").append(Text.html(entry.key())).append("</code></td><td>")
                        .append(Text.html(entry.before() == null ? Text.ABSENT : entry.before())).append("</td><td>")
                        .append(Text.html(entry.after() == null ? Text.ABSENT : entry.after()))
                        .append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        // ---- several runs side by side --------------------------------------------------------------------

        String sideBySide() {
            SideBySide runs = new SideBySide(input.runs(), input.allowFingerprintChange());
            head("SchemaBench: " + runs.runs().size() + " runs side by side");
            html.append("<header>\n<h1>SchemaBench: ").append(runs.runs().size())
                    .append(" runs side by side</h1>\n<ol class=\"meta\">\n");
            for (LoadedRun run : runs.runs()) {
                html.append("<li>").append(runLine(run));
                if (Files.isRegularFile(run.runDirectory().resolve(NAME))) {
                    html.append(" <a href=\"").append(Text.html(input.link(run, NAME))).append("\">Its report</a>");
                }
                html.append("</li>\n");
            }
            html.append("</ol>\n</header>\n<main>\n");
            if (!runs.differences().isEmpty()) {
                section("fingerprints", "Fingerprints that differ (rendered anyway)");
                html.append("<ul>\n");
                runs.differences().forEach(line -> html.append("<li>").append(Text.html(line)).append("</li>\n"));
                html.append("</ul>\n</section>\n");
            }
            section("figures", "Figures per run");
            html.append("<p class=\"note\">Each figure as its run measured it, with “± x %” where the run recorded"
                    + " its 95 % interval. No run is called better here: compare two runs (before, after) or gate"
                    + " them to test a change.</p>\n");
            for (Metric metric : runs.metrics()) {
                html.append("<h3>").append(Text.html(metric.heading())).append("</h3>\n<table class=\"difference\">\n"
                        + "<thead><tr><th>Design</th>");
                for (LoadedRun run : runs.runs()) {
                    html.append("<th><code>").append(Text.html(run.id())).append("</code></th>");
                }
                html.append("</tr></thead>\n<tbody>\n");
                for (String design : runs.designs()) {
                    html.append("<tr><th scope=\"row\">").append(Text.html(design)).append("</th>");
                    for (LoadedRun run : runs.runs()) {
                        html.append("<td>").append(Text.html(runs.cell(run, design, metric))).append("</td>");
                    }
                    html.append("</tr>\n");
                }
                html.append("</tbody>\n</table>\n");
            }
            html.append("</section>\n</main>\n<footer><p>Rendered from saved results by SchemaBench.</p></footer>\n");
            return end();
        }

        // ---- shared parts -------------------------------------------------------------------------------------

        private void head(String title) {
            html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                    .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
                    .append("style-src 'unsafe-inline'; img-src data:\">\n")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                    .append("<title>").append(Text.html(title)).append("</title>\n<style>\n").append(CSS)
                    .append("</style>\n</head>\n<body>\n");
        }

        private String end() {
            return html.append("</body>\n</html>\n").toString();
        }

        private void nav(List<String> idsAndLabels) {
            html.append("<nav><ul>");
            for (int i = 0; i < idsAndLabels.size(); i += 2) {
                html.append("<li><a href=\"#").append(idsAndLabels.get(i)).append("\">")
                        .append(Text.html(idsAndLabels.get(i + 1))).append("</a></li>");
            }
            html.append("</ul></nav>\n");
        }

        private void section(String id, String title) {
            html.append("<section id=\"").append(id).append("\">\n<h2>").append(Text.html(title)).append("</h2>\n");
        }

        private String runLine(LoadedRun run) {
            RunResults.Run meta = run.results().run();
            StringBuilder line = new StringBuilder();
            line.append("Run <code>").append(Text.html(run.id())).append("</code>, profile <b>")
                    .append(Text.html(Text.or(meta.profile(), Text.ABSENT))).append("</b>, ")
                    .append(Text.count((double) meta.products())).append(" products × ")
                    .append(Text.count((double) meta.recsPerProduct())).append(" recommendations, seed ")
                    .append(meta.seed()).append(". ");
            String postgres = RunEnvironment.postgresVersion(meta);
            if (postgres != null) {
                line.append(Text.html(postgres.replaceAll(" on .*", ""))).append(", ");
            }
            Double cpus = RunEnvironment.cpus(meta);
            if (cpus != null) {
                line.append(Text.count(cpus)).append(" CPUs. ");
            }
            line.append("Started ").append(Text.html(Text.or(meta.startedAt(), Text.ABSENT)));
            if (meta.finishedAt() != null) {
                line.append(", finished ").append(Text.html(meta.finishedAt()));
            }
            return line.append('.').toString();
        }

        private void findings(List<String> findings) {
            html.append("<ul class=\"findings\">\n");
            for (String finding : findings) {
                html.append("<li>").append(Text.html(finding)).append("</li>\n");
            }
            html.append("</ul>\n");
        }

        private void verdictTable(RunResults results) {
            Ranking ranking = new Ranking(results);
            html.append("<div class=\"scroll\"><table class=\"verdict\">\n<thead>\n<tr><th rowspan=\"2\">Design</th>");
            String group = null;
            int span = 0;
            List<String> groups = new ArrayList<>();
            List<Integer> spans = new ArrayList<>();
            for (Metric metric : Ranking.COLUMNS) {
                if (!metric.group().equals(group)) {
                    if (group != null) {
                        groups.add(group);
                        spans.add(span);
                    }
                    group = metric.group();
                    span = 0;
                }
                span++;
            }
            groups.add(group);
            spans.add(span);
            for (int i = 0; i < groups.size(); i++) {
                html.append("<th colspan=\"").append(spans.get(i)).append("\" class=\"group\">")
                        .append(Text.html(groups.get(i))).append("</th>");
            }
            html.append("</tr>\n<tr>");
            for (Metric metric : Ranking.COLUMNS) {
                html.append("<th>").append(Text.html(metric.label())).append("</th>");
            }
            html.append("</tr>\n</thead>\n<tbody>\n");
            for (RunResults.Design design : ranking.designs()) {
                String status = Text.or(design.status(), "");
                String name = Findings.name(design);
                html.append("<tr class=\"status-").append(Text.html(status)).append("\"><th scope=\"row\">")
                        .append("<a href=\"#design-").append(slug(name)).append("\">").append(Text.html(name))
                        .append("</a>");
                if (!design.measured()) {
                    html.append(" <span class=\"badge\">").append(Text.html(status)).append("</span>");
                }
                html.append("</th>");
                if (design.measured() || hasAnyFigure(design)) {
                    for (Metric metric : Ranking.COLUMNS) {
                        Ranking.Cell cell = ranking.cell(design, metric);
                        html.append("<td").append(cell.best() ? " class=\"best\" title=\"best\"" : "")
                                .append(cell.value() == null ? " class=\"absent\"" : "").append(">")
                                .append(Text.html(cell.text()));
                        if (cell.ratio() != null) {
                            html.append("<span class=\"ratio\">").append(cell.ratio()).append("</span>");
                        }
                        html.append("</td>");
                    }
                    html.append("</tr>\n");
                    if (!design.measured()) {
                        html.append("<tr class=\"status-").append(Text.html(status)).append(" reason\"><td colspan=\"")
                                .append(Ranking.COLUMNS.size() + 1).append("\">").append(Text.html(status))
                                .append(": ").append(Text.html(Text.or(design.reason(), "no reason recorded")))
                                .append(" (its figures are partial and do not compete)</td></tr>\n");
                    }
                } else {
                    html.append("<td colspan=\"").append(Ranking.COLUMNS.size()).append("\" class=\"reason\">")
                            .append(Text.html(status)).append(": ")
                            .append(Text.html(Text.or(design.reason(), "no reason recorded")))
                            .append("</td></tr>\n");
                }
            }
            html.append("</tbody>\n</table></div>\n<p class=\"note\"><span class=\"best-sample\">Bold</span> marks the"
                    + " best value per column among measured designs; ×N is the ratio to it (for reads/s, below 1 is"
                    + " worse). “–” means not measured in this run, never zero. Bad reads during the refresh: failed"
                    + " / empty or short / mixing two batches.</p>\n");
        }

        private static boolean hasAnyFigure(RunResults.Design design) {
            return Ranking.COLUMNS.stream().anyMatch(metric -> metric.valueIn(design) != null);
        }

        // ---- latency distribution -----------------------------------------------------------------------------

        /** Levels with a latency summary or a histogram log in any run, storage and service first. */
        private static List<String> levels(List<LoadedRun> runs) {
            Set<String> levels = new LinkedHashSet<>(List.of("storage", "service"));
            for (LoadedRun run : runs) {
                run.distributions().values().forEach(byLevel -> levels.addAll(byLevel.keySet()));
            }
            return List.copyOf(levels);
        }

        private void percentileFigure(String level, List<LoadedRun> runs) {
            String id = "chart-latency-" + slug(level);
            String title = capitalize(level) + "-level read latency by percentile";
            html.append("<figure>\n<figcaption><h3>").append(Text.html(title)).append("</h3></figcaption>\n");
            List<SvgCharts.Series> series = new ArrayList<>();
            List<SvgCharts.LegendEntry> legend = new ArrayList<>();
            List<String> notes = new ArrayList<>();
            long largestCount = 0;
            Map<String, Integer> colors = designColors(runs);
            for (LoadedRun run : runs) {
                for (Map<String, Histogram> byLevel : run.distributions().values()) {
                    Histogram histogram = byLevel.get(level);
                    if (histogram != null) {
                        largestCount = Math.max(largestCount, histogram.getTotalCount());
                    }
                }
            }
            int nines = SvgCharts.nines(largestCount);
            for (LoadedRun run : runs) {
                boolean dashed = runs.size() == 2 && run == runs.get(0);
                String suffix = runs.size() == 2 ? (dashed ? " (before)" : " (after)") : "";
                for (RunResults.Design design : run.results().designs()) {
                    String name = Findings.name(design);
                    String color = SvgCharts.color(colors.get(name));
                    Histogram histogram = run.distribution(name, level);
                    RunResults.Latency summary = level.equals("storage") ? design.storageLevel()
                            : level.equals("service") ? design.serviceLevel() : null;
                    if (histogram != null) {
                        series.add(SvgCharts.distribution(name + suffix, color, dashed, histogram,
                                Math.min(nines, SvgCharts.nines(histogram.getTotalCount()))));
                        legend.add(new SvgCharts.LegendEntry(name + suffix + String.format(Locale.ROOT,
                                " (%,d reads)", histogram.getTotalCount()), color, dashed));
                    } else if (summary != null) {
                        double[] percentiles = {50, 95, 99, 99.9};
                        double[] y = {summary.p50Ms(), summary.p95Ms(), summary.p99Ms(), summary.p999Ms()};
                        double[] x = new double[4];
                        for (int i = 0; i < 4; i++) {
                            x[i] = SvgCharts.percentileX(percentiles[i]);
                        }
                        series.add(new SvgCharts.Series(name + suffix, color, true, x, y, true));
                        legend.add(new SvgCharts.LegendEntry(name + suffix + " (summary percentiles only)", color,
                                true));
                        notes.add(name + suffix + ": no " + level + "-level histogram log in the run folder; the"
                                + " points are the four percentiles stored in results.json.");
                    } else if (design.measured()) {
                        notes.add(name + suffix + ": not measured at the " + level + " level in this run.");
                    }
                    for (String note : run.notes(name)) {
                        if (note.startsWith(level + "-level")) {
                            notes.add(name + suffix + ": " + note + ".");
                        }
                    }
                }
            }
            if (series.isEmpty()) {
                html.append("<p class=\"absent\" id=\"").append(id).append("-absent\">No ").append(Text.html(level))
                        .append("-level latency in this run: chart not drawn.</p>\n");
            } else {
                html.append(SvgCharts.percentileChart(id, title, series, nines)).append(SvgCharts.legend(legend));
            }
            for (String note : notes) {
                html.append("<p class=\"note absent\">").append(Text.html(note)).append("</p>\n");
            }
            html.append("</figure>\n");
        }

        /** A stable colour per design name across the runs shown. */
        private static Map<String, Integer> designColors(List<LoadedRun> runs) {
            Map<String, Integer> colors = new LinkedHashMap<>();
            for (LoadedRun run : runs) {
                for (RunResults.Design design : run.results().designs()) {
                    colors.putIfAbsent(Findings.name(design), colors.size());
                }
            }
            return colors;
        }

        // ---- storage ------------------------------------------------------------------------------------------

        private void storageFigure(List<LoadedRun> runs) {
            String id = "chart-storage";
            String title = "Bytes on disk per design: heap, TOAST and each index";
            List<SvgCharts.Bar> bars = new ArrayList<>();
            Map<String, String> segmentColors = new LinkedHashMap<>();
            segmentColors.put("heap", "#0072B2");
            segmentColors.put("TOAST", "#56B4E9");
            List<String> indexColors = List.of("#E69F00", "#D55E00", "#009E73", "#CC79A7", "#F0E442", "#999999",
                    "#8C6D31", "#7B4173");
            for (LoadedRun run : runs) {
                String suffix = runs.size() == 2 ? (run == runs.get(0) ? " before" : " after") : "";
                for (RunResults.Design design : run.results().designs()) {
                    String name = Findings.name(design) + suffix;
                    addBar(bars, segmentColors, indexColors, name + " · loaded", design.footprint());
                    RunResults.FootprintAfterChurn churn = design.footprintAfterChurn();
                    if (runs.size() == 1 && churn != null) {
                        addBar(bars, segmentColors, indexColors, name + " · churned", churn.beforeCleanup());
                        addBar(bars, segmentColors, indexColors, name + " · cleaned", churn.afterCleanup());
                    }
                }
            }
            html.append("<figure>\n<figcaption><h3>").append(Text.html(title)).append("</h3></figcaption>\n");
            if (bars.isEmpty()) {
                html.append("<p class=\"absent\" id=\"").append(id).append("-absent\">No footprint in this run:"
                        + " chart not drawn.</p>\n");
            } else {
                html.append(SvgCharts.stackedBars(id, title, bars));
                List<SvgCharts.LegendEntry> legend = new ArrayList<>();
                segmentColors.forEach((name, color) -> legend.add(new SvgCharts.LegendEntry(name.equals("heap")
                        || name.equals("TOAST") ? name : "index " + name, color, false)));
                html.append(SvgCharts.legend(legend));
                if (runs.size() == 1) {
                    html.append("<p class=\"note\"><b>loaded</b>: after the first batch and VACUUM ANALYZE;"
                            + " <b>churned</b>: after the weekly batches, right after retention deleted old ones;"
                            + " <b>cleaned</b>: after VACUUM ANALYZE. Space VACUUM frees stays with the table for"
                            + " reuse, so churned and cleaned are often equal.</p>\n");
                }
            }
            html.append("</figure>\n");
        }

        private static void addBar(List<SvgCharts.Bar> bars, Map<String, String> segmentColors,
                                   List<String> indexColors, String label, RunResults.Footprint footprint) {
            if (footprint == null) {
                return;
            }
            List<SvgCharts.Segment> segments = new ArrayList<>();
            segments.add(new SvgCharts.Segment("heap", footprint.tableBytes(), segmentColors.get("heap")));
            segments.add(new SvgCharts.Segment("TOAST", footprint.toastBytes(), segmentColors.get("TOAST")));
            double listed = 0;
            for (RunResults.IndexSize index : Text.each(footprint.indexes())) {
                String name = Text.or(index.name(), "");
                String color = segmentColors.computeIfAbsent(name,
                        key -> indexColors.get((segmentColors.size() - 2) % indexColors.size()));
                segments.add(new SvgCharts.Segment("index " + name, index.bytes(), color));
                listed += index.bytes();
            }
            double rest = footprint.indexBytes() - listed;
            if (rest > 0) {
                segments.add(new SvgCharts.Segment("other indexes", rest, "#999999"));
            }
            bars.add(new SvgCharts.Bar(label, segments));
        }

        private void indexTable(RunResults results) {
            html.append("<h3>Indexes</h3>\n<table class=\"figures\">\n<thead><tr><th>Design</th><th>Index</th>"
                    + "<th>Table</th><th>Bytes</th><th>Bytes after churn and cleanup</th><th>Build (REINDEX) ms</th>"
                    + "</tr></thead>\n<tbody>\n");
            boolean any = false;
            for (RunResults.Design design : results.designs()) {
                Map<String, RunResults.IndexSize> after = new LinkedHashMap<>();
                RunResults.FootprintAfterChurn churn = design.footprintAfterChurn();
                if (churn != null && churn.afterCleanup() != null) {
                    Text.each(churn.afterCleanup().indexes())
                            .forEach(index -> after.put(Text.or(index.name(), ""), index));
                }
                List<RunResults.IndexSize> indexes = design.footprint() == null ? List.of()
                        : Text.each(design.footprint().indexes());
                for (RunResults.IndexSize index : indexes) {
                    any = true;
                    RunResults.IndexSize later = after.get(Text.or(index.name(), ""));
                    html.append("<tr><td>").append(Text.html(Findings.name(design))).append("</td><td><code>")
                            .append(Text.html(Text.or(index.name(), ""))).append("</code></td><td>")
                            .append(Text.html(Text.or(index.relation(), Text.ABSENT))).append("</td><td>")
                            .append(Text.bytes((double) index.bytes())).append("</td><td>")
                            .append(later == null ? Text.ABSENT : Text.bytes((double) later.bytes()))
                            .append("</td><td>").append(Text.ms(index.buildMs()))
                            .append("</td></tr>\n");
                }
            }
            if (!any) {
                html.append("<tr><td colspan=\"6\" class=\"absent\">No index sizes in this run.</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        // ---- refresh ------------------------------------------------------------------------------------------

        private void refresh(RunResults results) {
            html.append("<p class=\"note\">Reads at a fixed rate while the next weekly batch is staged (bulk load),"
                    + " activated (the atomic switch) and rolled back. Shaded: the phase; vertical lines: when each"
                    + " step started. All designs share one latency scale.</p>\n");
            double yMax = 0;
            for (RunResults.Design design : results.designs()) {
                for (RunResults.TimelinePoint point : timeline(design.refresh())) {
                    yMax = Math.max(yMax, point.p99Ms());
                }
            }
            Map<String, Integer> colors = designColors(List.of(input.first()));
            boolean any = false;
            for (RunResults.Design design : results.designs()) {
                String name = Findings.name(design);
                RunResults.Refresh refresh = design.refresh();
                String id = "chart-refresh-" + slug(name);
                html.append("<figure>\n<figcaption><h3>").append(Text.html(name))
                        .append(": latency through the weekly refresh</h3></figcaption>\n");
                if (timeline(refresh).isEmpty()) {
                    html.append("<p class=\"absent\" id=\"").append(id).append("-absent\">No refresh time line for ")
                            .append(Text.html(name)).append(design.measured() ? " in this run"
                                    : " (" + Text.html(Text.or(design.status(), "")) + ")")
                            .append(": chart not drawn.</p>\n</figure>\n");
                    continue;
                }
                any = true;
                List<RunResults.TimelinePoint> timeline = refresh.timeline();
                int size = timeline.size();
                double[] x = new double[size];
                double[] p50 = new double[size];
                double[] p99 = new double[size];
                List<SvgCharts.Band> bands = new ArrayList<>();
                double xMax = 0;
                String phase = null;
                double phaseStart = 0;
                double phaseEnd = 0;
                for (int i = 0; i < size; i++) {
                    RunResults.TimelinePoint point = timeline.get(i);
                    double start = point.startS();
                    double end = point.endS();
                    x[i] = (start + end) / 2;
                    p50[i] = point.p50Ms();
                    p99[i] = point.p99Ms();
                    xMax = Math.max(xMax, end);
                    String pointPhase = Text.or(point.phase(), "");
                    if (!pointPhase.equals(phase)) {
                        addBand(bands, phase, phaseStart, phaseEnd);
                        phase = pointPhase;
                        phaseStart = start;
                    }
                    phaseEnd = end;
                }
                addBand(bands, phase, phaseStart, phaseEnd);
                List<SvgCharts.Marker> markers = new ArrayList<>();
                for (RunResults.RefreshEvent event : Text.each(refresh.events())) {
                    markers.add(new SvgCharts.Marker(event.atS(), Text.or(event.name(), "") + " "
                            + Text.ms(event.durationMs()) + " ms"));
                    xMax = Math.max(xMax, event.atS());
                }
                String color = SvgCharts.color(colors.get(name));
                List<SvgCharts.Series> series = List.of(
                        new SvgCharts.Series(name + " P99 per second", color, false, x, p99, false),
                        new SvgCharts.Series(name + " P50 per second", color, true, x, p50, false));
                html.append(SvgCharts.timelineChart(id, name + ": latency through the weekly refresh", series,
                        bands, markers, xMax, yMax));
                List<SvgCharts.LegendEntry> legend = new ArrayList<>(List.of(
                        new SvgCharts.LegendEntry("P99 per second", color, false),
                        new SvgCharts.LegendEntry("P50 per second", color, true)));
                PHASE_FILLS.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(fill -> legend.add(
                        new SvgCharts.LegendEntry(fill.getKey().replace('_', ' '), fill.getValue(), false)));
                html.append(SvgCharts.legend(legend));
                phaseTable(refresh);
                html.append("</figure>\n");
            }
            if (!any) {
                html.append("<p class=\"absent\">No design has a refresh time line in this run.</p>\n");
            }
        }

        /** The refresh's time line, empty when there is no refresh or no time line. */
        private static List<RunResults.TimelinePoint> timeline(RunResults.Refresh refresh) {
            return refresh == null ? List.of() : Text.each(refresh.timeline());
        }

        private static void addBand(List<SvgCharts.Band> bands, String phase, double from, double to) {
            if (phase != null && PHASE_FILLS.containsKey(phase)) {
                bands.add(new SvgCharts.Band(from, to, phase.replace('_', ' '), PHASE_FILLS.get(phase)));
            }
        }

        private void phaseTable(RunResults.Refresh refresh) {
            RunResults.RefreshReads reads = refresh.readsDuringRefresh();
            html.append("<p>Stage ").append(Text.ms(refresh.stageMs())).append(" ms, activate ")
                    .append(Text.ms(refresh.activateMs())).append(" ms, rollback ")
                    .append(Text.ms(refresh.rollbackMs())).append(" ms; WAL written ")
                    .append(Text.bytes(refresh.walBytes() == null ? null : refresh.walBytes().doubleValue()))
                    .append(". Reads during the steps: ")
                    .append(Text.count(reads == null ? null : (double) reads.opsDuring())).append(", P99 ")
                    .append(Text.ms(reads == null ? null : reads.p99Ms())).append(" ms; failed ")
                    .append(Text.count(reads == null ? null : (double) reads.errors())).append(", empty or short ")
                    .append(Text.count(reads == null ? null : (double) reads.empty())).append(", mixed ")
                    .append(Text.count(reads == null ? null : (double) reads.mixed())).append(". ")
                    .append(refresh.zeroDowntime() ? "<b>Zero downtime.</b>"
                            : "<b class=\"bad\">Readers were affected.</b>").append("</p>\n");
            html.append("<table class=\"figures\">\n<thead><tr><th>Phase</th><th>Reads</th><th>Errors</th>"
                    + "<th>P50 ms</th><th>P99 ms</th><th>Max ms</th></tr></thead>\n<tbody>\n");
            for (RunResults.PhaseLatency phase : Text.each(refresh.phases())) {
                html.append("<tr><td>").append(Text.html(Text.or(phase.phase(), "").replace('_', ' ')))
                        .append("</td><td>").append(Text.count((double) phase.ops())).append("</td><td>")
                        .append(Text.count((double) phase.errors())).append("</td><td>")
                        .append(Text.ms(phase.p50Ms())).append("</td><td>")
                        .append(Text.ms(phase.p99Ms())).append("</td><td>")
                        .append(Text.ms(phase.maxMs())).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        // ---- scale curve and capacity sweep -------------------------------------------------------------------

        private void scale(RunResults results) {
            boolean any = false;
            for (String key : List.of("scale_curve", "capacity_sweep")) {
                Map<String, Integer> colors = designColors(List.of(input.first()));
                List<SvgCharts.Series> series = new ArrayList<>();
                List<SvgCharts.LegendEntry> legend = new ArrayList<>();
                boolean capacitySweep = key.equals("capacity_sweep");
                String xField = capacitySweep ? "rate_ops_s" : "products";
                String yField = "p99_ms";
                double xMax = 0;
                double yMax = 0;
                for (RunResults.Design design : results.designs()) {
                    double[][] points = capacitySweep ? capacityPoints(design) : scalePoints(design);
                    if (points == null) {
                        continue;
                    }
                    double[] x = points[0];
                    double[] y = points[1];
                    for (int i = 0; i < x.length; i++) {
                        xMax = Math.max(xMax, x[i]);
                        yMax = Math.max(yMax, y[i]);
                    }
                    String name = Findings.name(design);
                    String color = SvgCharts.color(colors.get(name));
                    series.add(new SvgCharts.Series(name + " " + yField, color, false, x, y, true));
                    legend.add(new SvgCharts.LegendEntry(name + " " + yField.replace("_ms", " (ms)"), color, false));
                }
                String title = key.equals("scale_curve") ? "Scale curve" : "Capacity sweep";
                html.append("<figure>\n<figcaption><h3>").append(title).append("</h3></figcaption>\n");
                if (series.isEmpty()) {
                    html.append("<p class=\"absent\" id=\"chart-").append(slug(key)).append("-absent\">")
                            .append(title).append(": not part of this run.</p>\n");
                } else {
                    any = true;
                    html.append(SvgCharts.xyChart("chart-" + slug(key), title, xField, series, xMax, yMax))
                            .append(SvgCharts.legend(legend));
                    if (key.equals("capacity_sweep")) {
                        for (RunResults.Design design : results.designs()) {
                            RunResults.Capacity capacity = design.capacity();
                            if (capacity != null) {
                                html.append("<p>").append(Text.html(Findings.name(design)))
                                        .append(": highest rate with P99 within ")
                                        .append(Text.ms(capacity.sloMs())).append(" ms: ")
                                        .append(capacity.highestRateWithinSlo() != null
                                                ? Text.rate(capacity.highestRateWithinSlo()) + "/s"
                                                : "none of the rates tried")
                                        .append(" (").append(Text.html(Text.or(capacity.stoppedBecause(), "")))
                                        .append(").</p>\n");
                            }
                        }
                    }
                }
                html.append("</figure>\n");
            }
            if (!any) {
                html.append("<p class=\"note\">Runs that sweep the catalog size or the arrival rate show latency"
                        + " against size or rate here.</p>\n");
            }
        }

        /** The scale curve as {catalog sizes, P99s}, or null when the design has none. */
        private static double[][] scalePoints(RunResults.Design design) {
            List<RunResults.ScalePoint> points = Text.each(design.scaleCurve());
            if (points.isEmpty()) {
                return null;
            }
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i).products();
                xy[1][i] = points.get(i).p99Ms();
            }
            return xy;
        }

        /** The capacity sweep as {arrival rates, P99s}, or null when the design has none. */
        private static double[][] capacityPoints(RunResults.Design design) {
            List<RunResults.CapacityPoint> points = design.capacity() == null ? List.of()
                    : Text.each(design.capacity().points());
            if (points.isEmpty()) {
                return null;
            }
            double[][] xy = new double[2][points.size()];
            for (int i = 0; i < points.size(); i++) {
                xy[0][i] = points.get(i).rateOpsS();
                xy[1][i] = points.get(i).p99Ms();
            }
            return xy;
        }

        // ---- per design ---------------------------------------------------------------------------------------

        private void design(LoadedRun run, RunResults.Design design) {
            String name = Findings.name(design);
            String status = Text.or(design.status(), "");
            html.append("<article id=\"design-").append(slug(name)).append("\" class=\"design status-")
                    .append(Text.html(status)).append("\">\n<h3>").append(Text.html(name))
                    .append(" <span class=\"badge\">").append(Text.html(status)).append("</span></h3>\n<p>")
                    .append(Text.html(Text.or(design.description(), ""))).append("</p>\n");
            if (design.reason() != null) {
                html.append("<p class=\"reason\"><b>").append(Text.html(status)).append(":</b> ")
                        .append(Text.html(design.reason())).append("</p>\n");
            }
            html.append("<table class=\"kv\">\n<tbody>\n");
            RunResults.Load load = design.load();
            row("First batch", load != null ? Text.count((double) load.products()) + " products: stage "
                    + Text.ms(load.stageMs()) + " ms, activate " + Text.ms(load.activateMs()) + " ms" : null);
            RunResults.Equivalence equivalence = design.equivalence();
            row("Equivalence check", equivalence != null ? Text.count((double) equivalence.checked())
                    + " reads compared: " + (equivalence.firstDifference() != null ? "first difference: "
                    + equivalence.firstDifference() : "all match the generated data") : null);
            RunResults.Latency storage = design.storageLevel();
            row("Storage-level reads", storage != null ? String.format(Locale.ROOT, "%s reads (%s errors) at %s/s"
                    + " asked, %s/s done; mean %s ms, P95 %s ms, max %s ms; %s warm-up reads excluded",
                    Text.count((double) storage.ops()), Text.count((double) storage.errors()),
                    Text.rate(storage.targetRateOpsS()), Text.rate(storage.throughputOpsS()),
                    Text.ms(storage.meanMs()), Text.ms(storage.p95Ms()), Text.ms(storage.maxMs()),
                    Text.count((double) storage.warmupOps())) : null);
            RunResults.Precision precision = storage == null ? null : storage.precision();
            row("Precision asked", precision != null ? String.format(Locale.ROOT, "P99 within ±%.1f %%: %s after"
                    + " %s s of the %s s allowed (%s)", precision.target() * 100, precision.met() ? "reached"
                    : "not reached", Text.count(precision.measuredS()), Text.count(precision.capS()),
                    precision.stoppedBecause()) : null);
            row("Measurement checks", storage != null && storage.checks() != null ? checks(storage.checks()) : null);
            RunResults.Latency service = design.serviceLevel();
            row("Service-level reads", service != null ? String.format(Locale.ROOT, "%s reads (%s errors) at %s/s"
                    + " asked, %s/s done; P50 %s ms, P99 %s ms, P99.9 %s ms, max %s ms",
                    Text.count((double) service.ops()), Text.count((double) service.errors()),
                    Text.rate(service.targetRateOpsS()), Text.rate(service.throughputOpsS()),
                    Text.ms(service.p50Ms()), Text.ms(service.p99Ms()), Text.ms(service.p999Ms()),
                    Text.ms(service.maxMs())) : null);
            row("Service measurement checks", service != null && service.checks() != null ? checks(service.checks())
                    : null);
            row("HTTP overhead", Findings.httpOverheadSentence(design));
            RunResults.HttpOverhead overhead = design.httpOverhead();
            if (overhead != null) {
                String storageCpu = cpu(overhead.storageCpu());
                String httpCpu = cpu(overhead.httpCpu());
                row("CPU, HTTP overhead", "storage slices: " + (storageCpu == null ? Text.ABSENT : storageCpu)
                        + "; HTTP slices (client and service in one JVM): "
                        + (httpCpu == null ? Text.ABSENT : httpCpu));
            }
            row("CPU, storage level", cpu(design.cpu()));
            row("CPU, service level", serviceCpu(design.serviceCpu()));
            RunResults.ServiceRefresh serviceRefresh = design.serviceRefresh();
            RunResults.RefreshReads serviceReads = serviceRefresh == null ? null
                    : serviceRefresh.readsDuringRefresh();
            row("Refresh through the service", serviceRefresh != null ? String.format(Locale.ROOT,
                    "stage %s ms, activate %s ms, rollback %s ms at %s reads/s; bad reads %s / %s / %s%s",
                    Text.ms(serviceRefresh.stageMs()), Text.ms(serviceRefresh.activateMs()),
                    Text.ms(serviceRefresh.rollbackMs()), Text.rate(serviceRefresh.rateOpsS()),
                    Text.count(serviceReads == null ? null : (double) serviceReads.errors()),
                    Text.count(serviceReads == null ? null : (double) serviceReads.empty()),
                    Text.count(serviceReads == null ? null : (double) serviceReads.mixed()),
                    serviceRefresh.zeroDowntime() ? "; zero downtime" : "") : null);
            RunResults.IndexCost indexCost = design.indexCost();
            row("Index cost", indexCost != null ? String.format(Locale.ROOT, "staging a batch takes %s ms with"
                    + " every index, %s ms without the secondary ones; WAL %s vs %s (write amplification %s);"
                    + " rebuilding the secondary indexes %s ms",
                    Text.ms(indexCost.stageMsWithIndexes()), Text.ms(indexCost.stageMsWithoutIndexes()),
                    Text.bytes(bytes(indexCost.walBytesWithIndexes())),
                    Text.bytes(bytes(indexCost.walBytesWithoutIndexes())),
                    indexCost.writeAmplification() != null ? String.format(Locale.ROOT, "×%.2f",
                            indexCost.writeAmplification()) : Text.ABSENT,
                    Text.ms(indexCost.secondaryIndexBuildMs())) : null);
            RunResults.FootprintAfterChurn churn = design.footprintAfterChurn();
            row("After churn", churn != null ? String.format(Locale.ROOT, "%d batches staged, %d kept, retired %s;"
                    + " %s before cleanup, %s after", churn.batchesStaged(), churn.retained(),
                    churn.retired() != null ? String.join(", ", churn.retired()) : Text.ABSENT,
                    Text.bytes(totalBytes(churn.beforeCleanup())), Text.bytes(totalBytes(churn.afterCleanup())))
                    : null);
            jmhRow(design.jmh());
            html.append("</tbody>\n</table>\n");

            schemaFiles(run, name);
            plan(design);
            artifacts(run, design);
            for (String note : run.notes(name)) {
                html.append("<p class=\"note absent\">").append(Text.html(note)).append(".</p>\n");
            }
            html.append("</article>\n");
        }

        private static Double bytes(Long bytes) {
            return bytes == null ? null : bytes.doubleValue();
        }

        private static Double totalBytes(RunResults.Footprint footprint) {
            return footprint == null ? null : (double) footprint.totalBytes();
        }

        private void calibration(RunResults results) {
            html.append("<p class=\"note\">How close SchemaBench gets to PostgreSQL's own clients on the same server"
                    + " and rows: pgbench on each design's read, psql's <code>\\copy</code> on its bulk path. A harness"
                    + " far below them would be measuring itself.</p>\n");
            if (!CalibrationText.any(results)) {
                html.append("<p class=\"note absent\">This run has no calibration.</p>\n");
                return;
            }
            html.append("<ul class=\"calibration\">\n");
            for (RunResults.Design design : results.designs()) {
                for (String sentence : CalibrationText.sentences(design)) {
                    html.append("<li><b>").append(Text.html(Findings.name(design))).append(":</b> ")
                            .append(Text.html(sentence)).append("</li>\n");
                }
            }
            html.append("</ul>\n");
        }

        private void row(String label, String value) {
            html.append("<tr><th scope=\"row\">").append(Text.html(label)).append("</th><td")
                    .append(value == null ? " class=\"absent\">" + Text.ABSENT + " not measured" : ">"
                            + Text.html(value)).append("</td></tr>\n");
        }

        private static String checks(RunResults.MeasurementChecks checks) {
        String warmup = switch (checks.warmup()) {
            case "settled" -> "warm-up settled after " + Text.count(checks.warmupS()) + " s of "
                    + Text.count(checks.warmupCapS()) + " s";
            case "never_settled" -> "warm-up never settled in " + Text.count(checks.warmupCapS()) + " s";
            case "fixed" -> "fixed warm-up of " + Text.count(checks.warmupS()) + " s, not checked";
            default -> "warm-up of " + Text.count(checks.warmupS()) + " s not checked (too short)";
        };
        String trend = checks.drift() == null ? "too few slices to check stationarity"
                : String.format(Locale.ROOT, "%s: %+.1f %% across slices (p = %.3f)", checks.stationarity(),
                checks.drift() * 100, checks.trendPValue());
        String schedule = String.format(Locale.ROOT, "schedule %s: %.1f %% of %s sends over %s ms late, P99 lag %s"
                + " ms", checks.keptSchedule() ? "kept" : "not kept", checks.lateShare() * 100,
                Text.count((double) checks.sends()), Text.ms(checks.lateThresholdMs()),
                Text.ms(checks.p99SendLagMs()));
        return warmup + "; " + trend + "; " + schedule + (checks.flags().isEmpty() ? "" : " (flagged)");
    }

    private static String cpu(RunResults.Cpu cpu) {
            if (cpu == null) {
                return null;
            }
            double wall = cpu.wallS();
            double harness = cpu.harnessS();
            Double database = cpu.databaseS();
            int cpus = cpu.cpus();
            String share = wall <= 0 || cpus <= 0 ? ""
                    : String.format(Locale.ROOT, " (machine %.0f %% busy)", (harness + (database == null ? 0
                    : database)) / (wall * cpus) * 100);
            return String.format(Locale.ROOT, "%s s wall on %d CPUs: load generator and harness %s s%s, database %s"
                    + "%s", Text.significant(wall), cpus, Text.significant(harness), perRead(cpu.harnessUsPerRead()),
                    database == null ? Text.ABSENT + " (not observable)" : Text.significant(database) + " s"
                            + perRead(cpu.databaseUsPerRead()), share);
        }

        /**
         * The service level's CPU: the harness's JVM, which serves the reads and also runs the run's own threads,
         * Gatling and the database, each per read where counted.
         */
        private static String serviceCpu(RunResults.Cpu cpu) {
            if (cpu == null) {
                return null;
            }
            double wall = cpu.wallS();
            Double database = cpu.databaseS();
            Double gatling = cpu.loadGeneratorS();
            String share = wall <= 0 || cpu.cpus() <= 0 ? "" : String.format(Locale.ROOT, " (machine %.0f %% busy)",
                    (cpu.harnessS() + (database == null ? 0 : database) + (gatling == null ? 0 : gatling))
                            / (wall * cpu.cpus()) * 100);
            return String.format(Locale.ROOT, "%s s wall on %d CPUs: the service's JVM (the harness's, which also"
                    + " watches the database) %s s%s, Gatling %s, database %s%s",
                    Text.significant(wall), cpu.cpus(), Text.significant(cpu.harnessS()),
                    perRead(cpu.harnessUsPerRead()),
                    gatling == null ? Text.ABSENT + " (not observable)" : Text.significant(gatling) + " s",
                    database == null ? Text.ABSENT + " (not observable)" : Text.significant(database) + " s"
                            + perRead(cpu.databaseUsPerRead()), share);
        }

        private static String perRead(Double micros) {
            return micros == null ? "" : " (" + Text.significant(micros) + " µs per read)";
        }

        private void jmhRow(RunResults.Jmh jmh) {
            if (jmh == null) {
                row("JMH", null);
                return;
            }
            jmhFigureRow("JMH point read", jmh.pointRead());
            jmhFigureRow("JMH batch stage", jmh.batchStage());
        }

        private void jmhFigureRow(String label, RunResults.JmhFigure figure) {
            row(label, figure != null ? String.format(Locale.ROOT,
                    "%s (%s, %d threads, %s samples): mean %s ms ± %s, P50 %s, P99 %s, P99.9 %s, max %s ms",
                    Text.or(figure.benchmark(), ""), Text.or(figure.mode(), ""), figure.threads(),
                    Text.count((double) figure.samples()), Text.ms(figure.meanMs()), Text.ms(figure.errorMs()),
                    Text.ms(figure.p50Ms()), Text.ms(figure.p99Ms()), Text.ms(figure.p999Ms()),
                    Text.ms(figure.maxMs())) : null);
        }

        private void schemaFiles(LoadedRun run, String name) {
            Map<String, String> files = RunEnvironment.schemaFiles(run.results().run(), name);
            html.append("<h4>Schema files</h4>\n");
            if (files.isEmpty()) {
                html.append("<p class=\"absent\">No schema files recorded for this design.</p>\n");
                return;
            }
            html.append("<table class=\"kv\">\n<tbody>\n");
            for (Map.Entry<String, String> entry : files.entrySet()) {
                html.append("<tr><th scope=\"row\"><code>schemas/").append(Text.html(name)).append('/')
                        .append(Text.html(entry.getKey())).append("</code></th><td><code>sha256 ")
                        .append(Text.html(entry.getValue())).append("</code></td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
        }

        private void plan(RunResults.Design design) {
            PlanSummary summary = design.planSummary();
            JsonNode plan = design.plan();
            boolean planShown = plan != null && plan.isContainerNode();
            html.append("<h4>Read plan</h4>\n");
            if (!planShown && summary == null) {
                html.append("<p class=\"absent\">No read plan in this run.</p>\n");
                return;
            }
            if (summary != null) {
                html.append("<p>").append(Text.html(String.join(" → ", Text.each(summary.shape()))))
                        .append("; buffers: ").append(Text.count((double) summary.sharedHitBlocks()))
                        .append(" hit, ").append(Text.count((double) summary.sharedReadBlocks()))
                        .append(" read; one execution ").append(Text.ms(summary.executionMs()))
                        .append(" ms.</p>\n");
            }
            if (planShown) {
                html.append("<details><summary>The executed plan (EXPLAIN ANALYZE, BUFFERS, JSON)</summary><pre>")
                        .append(Text.html(pretty(plan))).append("</pre></details>\n");
            }
        }

        private void artifacts(LoadedRun run, RunResults.Design design) {
            html.append("<h4>Files of this design</h4>\n<ul class=\"artifacts\">\n");
            Map<String, String> artifacts = design.artifacts() == null ? Map.of() : design.artifacts();
            boolean gatling = false;
            boolean jmh = false;
            for (Map.Entry<String, String> entry : artifacts.entrySet()) {
                String key = entry.getKey();
                String value = String.valueOf(entry.getValue());
                gatling |= key.contains("gatling");
                jmh |= key.contains("jmh");
                java.nio.file.Path target = run.runDirectory().resolve(value).normalize();
                boolean inside = !value.isEmpty() && target.startsWith(run.runDirectory());
                if (inside && Files.isDirectory(target) && Files.isRegularFile(target.resolve("index.html"))) {
                    value = value.replaceAll("/+$", "") + "/index.html";
                    target = target.resolve("index.html");
                }
                html.append("<li>").append(Text.html(key.replace('_', ' '))).append(": ");
                if (inside && Files.exists(target)) {
                    html.append("<a href=\"").append(Text.html(input.link(run, value))).append("\">")
                            .append(Text.html(value)).append("</a>");
                } else if (inside && !value.contains(" ")) {
                    html.append("<code>").append(Text.html(value)).append("</code> <span class=\"absent\">(missing"
                            + " from the run folder)</span>");
                } else {
                    html.append(Text.html(value));
                }
                html.append("</li>\n");
            }
            if (!gatling) {
                html.append("<li class=\"absent\">Gatling report: not part of this run.</li>\n");
            }
            if (!jmh) {
                html.append("<li class=\"absent\">JMH result: not part of this run.</li>\n");
            }
            html.append("</ul>\n");
        }

        // ---- environment --------------------------------------------------------------------------------------

        private void environment(RunResults.Run meta) {
            html.append("<h3>Fingerprint</h3>\n<table class=\"kv\">\n<tbody>\n");
            RunEnvironment.environment(meta).forEach((key, value) -> html.append("<tr><th scope=\"row\"><code>")
                    .append(Text.html(key.substring("environment.".length()))).append("</code></th><td>")
                    .append(Text.html(value)).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n<h3>Configuration</h3>\n<table class=\"kv\">\n<thead><tr><th>Key</th>"
                    + "<th>Value</th><th>From</th></tr></thead>\n<tbody>\n");
            Map<String, String> sources = RunEnvironment.configSources(meta);
            RunEnvironment.config(meta).forEach((key, value) -> html.append("<tr><th scope=\"row\"><code>")
                    .append(Text.html(key)).append("</code></th><td>").append(Text.html(value)).append("</td><td>")
                    .append(Text.html(Text.or(sources.get(key), "default"))).append("</td></tr>\n"));
            html.append("</tbody>\n</table>\n");
        }

        private void howToRead() {
            section("how-to-read", "How to read this");
            html.append("<ul>\n<li><b>P99 under an open model.</b> Reads are issued at a fixed arrival rate whether"
                    + " or not earlier ones have finished, and each read's latency counts from when it was"
                    + " <i>due</i>. A stall therefore shows up in every read queued behind it, as users would feel"
                    + " it. P99 is the latency 99 reads in 100 beat; P99.9 is 999 in 1,000. A closed-loop benchmark"
                    + " (the next read waits for the last) would hide those stalls.</li>\n"
                    + "<li><b>Storage level vs service level.</b> Storage level times the design's driver code in"
                    + " process; service level times HTTP requests to the similarity service, as a client sees"
                    + " them. The difference is what the service and the network add.</li>\n"
                    + "<li><b>Load-generator CPU.</b> On a small machine the load generator, the service and the"
                    + " database share the same cores. When the CPU figures say the machine was busy, tail"
                    + " latencies include waiting for a core, and differences between designs in the tail"
                    + " shrink or grow for reasons that are not the design's. Compare designs from the same run:"
                    + " they ran alternately on the same machine.</li>\n"
                    + "<li><b>Percentile charts.</b> Drawn from the HdrHistogram interval logs in the run folder"
                    + " (all measured intervals, warm-up excluded). The right end of a line is as far as the number"
                    + " of reads can resolve: 2,000 reads say nothing about P99.99.</li>\n"
                    + "<li><b>Storage.</b> Bytes on disk per relation after VACUUM ANALYZE: heap, TOAST (large"
                    + " values stored out of line) and each index. Bytes per product divide the total by the"
                    + " active products, so they include retained older batches where a design keeps them.</li>\n"
                    + "<li><b>Refresh.</b> “Zero downtime” means no read failed, came back empty or short, or"
                    + " mixed items from two batches while the next batch was staged, activated and rolled"
                    + " back.</li>\n<li><b>Absent is not zero.</b> “–” and “not measured” mean the run did not"
                    + " measure the figure.</li>\n</ul>\n</section>\n");
        }

        private static String pretty(JsonNode node) {
            try {
                return ResultsFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
            } catch (JsonProcessingException e) {
                return node.toString();
            }
        }
    }

    /** An id-safe form of a design or level name. */
    static String slug(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    private static final String CSS = """
            :root{--ink:#1d2330;--muted:#5b6475;--line:#d5d9e2;--head:#eef1f6;--best:#e3f2e6;--bad:#9b2c10}
            *{box-sizing:border-box}
            body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:80rem;
              padding:1rem 1.5rem 3rem;color:var(--ink);background:#fff}
            h1{font-size:1.6rem;margin:.5rem 0}h2{font-size:1.3rem;margin:2rem 0 .6rem;padding-top:.4rem;
              border-top:2px solid var(--line)}h3{font-size:1.05rem;margin:1.2rem 0 .4rem}h4{font-size:.95rem;
              margin:.9rem 0 .3rem}
            .meta{color:var(--muted);margin:.2rem 0}
            nav ul{list-style:none;padding:0;margin:.6rem 0;display:flex;flex-wrap:wrap;gap:.3rem 1rem}
            nav a{color:#0a4f8a}
            table{border-collapse:collapse;margin:.6rem 0;font-variant-numeric:tabular-nums;font-size:.9rem}
            th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:right;vertical-align:top}
            th{background:var(--head);font-weight:600}th.group{text-align:center}
            th:first-child,td:first-child,table.kv td,table.kv th{text-align:left}
            table.verdict td{white-space:nowrap}
            td.best{background:var(--best);font-weight:700}
            td.absent,.absent{color:var(--muted)}
            .ratio{display:block;font-size:.75rem;color:var(--muted);font-weight:400}
            .best-sample{background:var(--best);font-weight:700;padding:0 .2rem}
            .badge{font-size:.75rem;font-weight:600;padding:.05rem .4rem;border-radius:.6rem;background:#f3e1d6;
              color:var(--bad);vertical-align:middle}
            .status-measured .badge{background:#e3f2e6;color:#1d6b33}
            tr.reason td,td.reason,.reason{color:var(--bad);text-align:left;white-space:normal}
            tr.better td:last-child{color:#1d6b33;font-weight:600}tr.worse td:last-child{color:var(--bad);
              font-weight:600}
            .bad{color:var(--bad)}
            .note{color:var(--muted);font-size:.88rem;margin:.3rem 0}
            .scroll{overflow-x:auto}
            .findings li{margin:.2rem 0}
            figure{margin:1rem 0;break-inside:avoid}
            figcaption h3{margin:.2rem 0}
            svg.chart{width:100%;max-width:760px;height:auto;display:block;font:11px system-ui,sans-serif}
            svg.chart text{fill:#333}svg.chart .axis{stroke:#333}svg.chart .grid{stroke:#e3e6ec}
            svg.chart .marker{stroke:#333;stroke-dasharray:3 3}svg.chart .marker-label{font-weight:600}
            svg.chart .axis-label{fill:var(--muted)}svg.chart .bar-total{fill:var(--muted)}
            ul.legend{list-style:none;padding:0;margin:.2rem 0;display:flex;flex-wrap:wrap;gap:.2rem 1rem;
              font-size:.85rem}
            ul.legend li{display:flex;align-items:center;gap:.35rem}
            article.design{border:1px solid var(--line);border-radius:.4rem;padding:.2rem 1rem .6rem;margin:1rem 0}
            pre{background:#f5f6f8;padding:.8rem;overflow:auto;font-size:.8rem;max-height:30rem}
            code{font-size:.85em}
            ul.artifacts{padding-left:1.2rem}
            footer{margin-top:2rem;color:var(--muted);font-size:.85rem}
            @media print{body{max-width:none;padding:0;font-size:11px}nav{display:none}h2{break-after:avoid}
              .scroll{overflow:visible}pre{max-height:none;white-space:pre-wrap}article.design{break-inside:avoid}
              a{color:inherit;text-decoration:none}}
            """;
}
