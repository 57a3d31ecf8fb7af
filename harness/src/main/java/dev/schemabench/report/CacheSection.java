package dev.schemabench.report;

import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's cache section (docs/cache.md), from saved results only: per design, each cache configuration against
 * the design uncached, the stale-read counts, the size-sweep chart, the miss-storm chart, the Redis failure phase, and
 * a finding in words. Empty when no design has cache figures.
 */
final class CacheSection {

    private CacheSection() {
    }

    /** The HTML section, or an empty string when the run has no cache figures. */
    static String html(RunResults results) {
        List<RunResults.Design> designs = withCache(results);
        if (designs.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        html.append("<section id=\"cache\">\n<h2>Cache in front of each design</h2>\n<p class=\"note\">The same"
                + " design uncached and behind each cache, same keys and arrival rate, same run. Stale reads are"
                + " answers from a batch other than the one active in the database, judged by the refresh's answer"
                + " check after an activation through the cache and after one made elsewhere. Latency at the steady"
                + " state, with its 95 % interval where the measurement had at least 10 one-second blocks"
                + " (cache_duration).</p>\n");
        html.append("<ul class=\"findings\">\n");
        for (String finding : findings(results)) {
            html.append("<li>").append(Text.html(finding)).append("</li>\n");
        }
        html.append("</ul>\n");
        int position = 0;
        for (RunResults.Design design : designs) {
            RunResults.Cache cache = design.cache();
            String name = Findings.name(design);
            html.append("<h3>").append(Text.html(name)).append("</h3>\n<table>\n<thead><tr><th>Cache</th>")
                    .append("<th>Size</th><th>Hit ratio</th><th>P50 (ms)</th><th>P99 (ms)</th>")
                    .append("<th>DB reads saved</th><th>Memory</th><th>Miss storm P99 (ms)</th>")
                    .append("<th>Stale reads</th><th>Bad reads</th></tr></thead>\n<tbody>\n");
            RunResults.LatencyIntervals uncached = cache.uncachedIntervals();
            html.append("<tr><td>uncached</td><td></td><td></td><td>")
                    .append(withInterval(cache.uncachedP50Ms(), uncached == null ? null : uncached.p50Ms()))
                    .append("</td><td>")
                    .append(withInterval(cache.uncachedP99Ms(), uncached == null ? null : uncached.p99Ms()))
                    .append("</td><td></td><td></td><td></td><td></td><td></td></tr>\n");
            for (RunResults.CacheCell cell : Text.each(cache.cells())) {
                html.append("<tr><td>").append(Text.html(cell.kind() + " / " + cell.policy())).append("</td><td>")
                        .append(percent(cell.sizePercent() / 100)).append("</td><td>").append(percent(cell.hitRatio()))
                        .append("</td><td>")
                        .append(withInterval(cell.p50Ms(), cell.intervals() == null ? null : cell.intervals().p50Ms()))
                        .append("</td><td>")
                        .append(withInterval(cell.p99Ms(), cell.intervals() == null ? null : cell.intervals().p99Ms()))
                        .append("</td><td>")
                        .append(Text.count((double) cell.databaseReadsSaved())).append("</td><td>")
                        .append(cell.memoryBytes() == null ? Text.ABSENT : Text.bytes((double) cell.memoryBytes()))
                        .append("</td><td>").append(cell.stormP99Ms() == null ? Text.ABSENT : Text.ms(cell.stormP99Ms()))
                        .append("</td><td>").append(cell.staleReads() == null ? Text.ABSENT
                                : cell.staleReads() + " (" + cell.staleAfterElsewhere() + " after an activation"
                                + " elsewhere)")
                        .append("</td><td>").append(cell.badReads()).append("</td></tr>\n");
            }
            html.append("</tbody>\n</table>\n");
            for (String note : Text.each(cache.notes())) {
                html.append("<p class=\"note\">").append(Text.html(note)).append("</p>\n");
            }
            String sweep = sweepChart(name, cache, position);
            if (sweep != null) {
                html.append("<figure>\n").append(sweep).append("</figure>\n");
            }
            String storm = stormChart(name, cache);
            if (storm != null) {
                html.append("<figure>\n").append(storm).append("</figure>\n");
            }
            RunResults.CacheFailure failure = cache.failure();
            if (failure != null) {
                html.append("<p>Redis stopped during reads: P99 ").append(Text.ms(failure.p99BeforeMs()))
                        .append(" ms before, ").append(Text.ms(failure.p99DegradedMs())).append(" ms while down (")
                        .append(failure.degradedReads()).append(" reads fell through to the database, ")
                        .append(failure.failedReads()).append(" failed), ").append(Text.ms(failure.p99AfterMs()))
                        .append(" ms after; hits again ")
                        .append(failure.recoveryS() == null ? "not within 10 s"
                                : Text.significant(failure.recoveryS()) + " s after the restart")
                        .append(".</p>\n");
            }
            position++;
        }
        return html.append("</section>\n").toString();
    }

    /**
     * A steady-state figure with its 95 % interval ("0.210 (0.190 to 0.240)") where the run has one; with the reason
     * in a tooltip where it has none (a measurement under 10 one-second blocks), or plain for older files.
     */
    private static String withInterval(double ms, RunResults.FigureInterval interval) {
        if (interval == null) {
            return Text.ms(ms);
        }
        if (interval.low() == null || interval.high() == null) {
            return "<span title=\"no interval: " + Text.html(String.valueOf(interval.reason())) + "\">"
                    + Text.ms(ms) + "</span>";
        }
        return Text.ms(ms) + " <span class=\"note\">(" + Text.ms(interval.low()) + " to " + Text.ms(interval.high())
                + ")</span>";
    }

    /** The Markdown part for summary.md, or an empty string when the run has no cache figures. */
    static String markdown(RunResults results) {
        List<String> findings = findings(results);
        if (findings.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Cache\n\n");
        for (String finding : findings) {
            md.append("- ").append(Text.markdown(finding)).append('\n');
        }
        return md.toString();
    }

    /** One sentence per design: the best cache against uncached, and the stale reads of each policy. */
    static List<String> findings(RunResults results) {
        List<String> findings = new ArrayList<>();
        for (RunResults.Design design : withCache(results)) {
            RunResults.Cache cache = design.cache();
            List<RunResults.CacheCell> cells = Text.each(cache.cells());
            if (cells.isEmpty()) {
                continue;
            }
            RunResults.CacheCell best = cells.get(0);
            for (RunResults.CacheCell cell : cells) {
                if (cell.p99Ms() < best.p99Ms()) {
                    best = cell;
                }
            }
            StringBuilder sentence = new StringBuilder(Findings.name(design)).append(": ")
                    .append(best.kind()).append(" / ").append(best.policy()).append(" at ")
                    .append(percent(best.sizePercent() / 100)).append(" of products answered ")
                    .append(percent(best.hitRatio())).append(" of reads without the database; P99 ")
                    .append(Text.ms(best.p99Ms())).append(" ms against ").append(Text.ms(cache.uncachedP99Ms()))
                    .append(" ms uncached in the same run");
            List<String> stale = new ArrayList<>();
            for (RunResults.CacheCell cell : cells) {
                if (cell.staleReads() != null) {
                    stale.add(cell.kind() + " / " + cell.policy() + " " + cell.staleReads());
                }
            }
            if (!stale.isEmpty()) {
                sentence.append("; stale reads: ").append(String.join(", ", stale));
            }
            findings.add(sentence.append('.').toString());
        }
        return findings;
    }

    private static String sweepChart(String name, RunResults.Cache cache, int position) {
        List<RunResults.CacheCell> sweep = Text.each(cache.sweep());
        if (sweep.isEmpty()) {
            return null;
        }
        List<SvgCharts.Series> series = new ArrayList<>();
        List<String> kinds = sweep.stream().map(RunResults.CacheCell::kind).distinct().toList();
        double xMax = 0;
        double yMax = cache.uncachedP99Ms();
        for (int k = 0; k < kinds.size(); k++) {
            String kind = kinds.get(k);
            List<RunResults.CacheCell> points = sweep.stream().filter(cell -> cell.kind().equals(kind)).toList();
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i).sizePercent();
                y[i] = points.get(i).p99Ms();
                xMax = Math.max(xMax, x[i]);
                yMax = Math.max(yMax, y[i]);
            }
            series.add(new SvgCharts.Series(kind + " P99", SvgCharts.color(position + k), false, x, y, true));
        }
        series.add(new SvgCharts.Series("uncached P99", "#999999", true, new double[] {0, xMax},
                new double[] {cache.uncachedP99Ms(), cache.uncachedP99Ms()}, false));
        return SvgCharts.xyChart("cache-sweep-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                name + ": read P99 against cache size (percent of products)", "cache_size_(%_of_products)", series,
                xMax, yMax);
    }

    private static String stormChart(String name, RunResults.Cache cache) {
        List<SvgCharts.Series> series = new ArrayList<>();
        double xMax = 0;
        double yMax = 0;
        int index = 0;
        for (RunResults.CacheCell cell : Text.each(cache.cells())) {
            List<RunResults.TimelinePoint> points = Text.each(cell.timeline());
            if (points.isEmpty()) {
                continue;
            }
            double origin = points.stream().filter(point -> point.phase().equals("storm"))
                    .mapToDouble(RunResults.TimelinePoint::startS).findFirst().orElse(points.get(0).startS());
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = Math.max(0, points.get(i).endS() - points.get(0).startS());
                y[i] = points.get(i).p99Ms();
                xMax = Math.max(xMax, x[i]);
                yMax = Math.max(yMax, y[i]);
            }
            series.add(new SvgCharts.Series(cell.kind() + " / " + cell.policy() + " (activation at "
                    + Text.significant(origin - points.get(0).startS()) + " s)", SvgCharts.color(index++),
                    false, x, y, true));
        }
        if (series.isEmpty()) {
            return null;
        }
        return SvgCharts.timelineChart("cache-storm-" + name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"),
                name + ": read P99 per second, steady state, then a batch activation (miss storm), then an"
                        + " activation elsewhere", series, List.of(), List.of(), xMax, yMax);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.1f %%", ratio * 100);
    }

    private static List<RunResults.Design> withCache(RunResults results) {
        return Text.each(results.designs()).stream().filter(design -> design.cache() != null).toList();
    }
}
