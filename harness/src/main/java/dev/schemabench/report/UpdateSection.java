package dev.schemabench.report;

import dev.schemabench.results.ProductUpdates;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The report's product-update section, from saved results only: per strategy, a table of write cost, fan-out and
 * freshness, each design's read latency through the update stream, and findings in words. See {@code docs/updates.md}.
 * Stateless.
 */
final class UpdateSection {

    private static final String STAGE = "product_updates";
    private static final String DURING_FILL = "#fde7c4";
    private static final List<String> STRATEGIES = List.of("apply", "defer");

    private UpdateSection() {
    }

    /** The section's body as HTML (without the section element). */
    static String html(RunResults results) {
        StringBuilder html = new StringBuilder();
        html.append("<p class=\"note\">Display fields (name, price, rating, image) of products change between weekly"
                + " batches while reads go on at a fixed rate. <b>Apply</b>: each design writes the change its own"
                + " way, a copying design rewriting every active list that recommends the product. <b>Defer</b>:"
                + " stored lists wait for the next batch and readers see old values. Every answer is judged against"
                + " the catalog as updated; a stale read showed a value older than an update committed before the"
                + " read started.</p>\n");
        boolean any = false;
        for (String strategy : STRATEGIES) {
            List<RunResults.Design> designs = new ArrayList<>();
            for (RunResults.Design design : results.designs()) {
                if (strategy(design, strategy) != null) {
                    designs.add(design);
                }
            }
            if (designs.isEmpty()) {
                continue;
            }
            any = true;
            html.append("<h3>").append("apply".equals(strategy) ? "Apply: write every update as it comes"
                    : "Defer: leave stored lists until the next batch").append("</h3>\n");
            table(html, designs, strategy);
            for (RunResults.Design design : designs) {
                chart(html, design, strategy(design, strategy));
            }
        }
        if (!any) {
            html.append("<p class=\"absent\">Product updates were not measured in this run").append(reason(results))
                    .append(".</p>\n");
        }
        List<String> findings = findings(results);
        if (!findings.isEmpty()) {
            html.append("<ul class=\"findings\">\n");
            for (String finding : findings) {
                html.append("<li>").append(Text.html(finding)).append("</li>\n");
            }
            html.append("</ul>\n");
        }
        return html.toString();
    }

    /** The section for summary.md: the findings as bullets, or nothing when updates were not measured. */
    static String markdown(RunResults results) {
        List<String> findings = findings(results);
        if (findings.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Product updates\n\n");
        for (String finding : findings) {
            md.append("- ").append(Text.markdown(finding)).append('\n');
        }
        return md.toString();
    }

    /** Findings in words, one per design and strategy measured. */
    static List<String> findings(RunResults results) {
        List<String> findings = new ArrayList<>();
        for (RunResults.Design design : results.designs()) {
            String name = Findings.name(design);
            ProductUpdates.Strategy apply = strategy(design, "apply");
            if (apply != null && apply.fanOut() != null && apply.latency() != null) {
                ProductUpdates.FanOut fanOut = apply.fanOut();
                findings.add(String.format(Locale.ROOT, "A product update rewrites %s %s on average in %s (P99 %s,"
                        + " max %s); update latency P50 %s ms, P99 %s ms from the intended start (the statement"
                        + " alone: P50 %s ms)%s; reads P99 %s ms during the stream against %s ms without it.",
                        Text.count(fanOut.mean()), fanOut.mean() == 1.0 ? "row" : "rows or documents", name,
                        Text.count((double) fanOut.p99()), Text.count((double) fanOut.max()),
                        Text.ms(apply.latency().p50Ms()), Text.ms(apply.latency().p99Ms()),
                        Text.ms(apply.latency().serviceP50Ms()), apply.walBytesPerUpdate() == null ? ""
                                : ", " + Text.bytes(apply.walBytesPerUpdate()) + " of WAL per update",
                        Text.ms(apply.readsDuring() == null ? null : apply.readsDuring().p99Ms()),
                        Text.ms(apply.readsWithout() == null ? null : apply.readsWithout().p99Ms())));
            }
            ProductUpdates.Strategy defer = strategy(design, "defer");
            if (defer != null && defer.freshness() != null) {
                ProductUpdates.Freshness freshness = defer.freshness();
                findings.add(String.format(Locale.ROOT, "Under defer, %s %% of %s's reads (%s of %s) showed a value"
                        + " older than a committed update, for %s products; a reader still saw an old value %s ms"
                        + " after its update.", Text.significant(freshness.staleShare() * 100), name,
                        Text.count((double) freshness.staleReads()), Text.count((double) freshness.reads()),
                        Text.count((double) freshness.staleProducts()), Text.ms(freshness.maxStaleAfterCommitMs())));
            }
        }
        return findings;
    }

    private static void table(StringBuilder html, List<RunResults.Design> designs, String strategy) {
        html.append("<div class=\"scroll\"><table>\n<thead><tr><th>Design</th><th>Updates</th>"
                + "<th>Unknown products</th><th>Errors</th><th>Update P50 ms</th><th>Update P99 ms</th>"
                + "<th>Rewritten per update (mean / P99 / max)</th><th>WAL per update</th>"
                + "<th>Reads P99 ms without / during</th><th>Stale reads</th><th>Oldest value served after commit ms"
                + "</th><th>Lists after stream (current / stale / wrong)</th></tr></thead>\n<tbody>\n");
        for (RunResults.Design design : designs) {
            ProductUpdates.Strategy figures = strategy(design, strategy);
            html.append("<tr><th>").append(Text.html(Findings.name(design))).append("</th>");
            if (figures.note() != null) {
                html.append("<td colspan=\"11\" class=\"absent\">").append(Text.html(figures.note()))
                        .append("</td></tr>\n");
                continue;
            }
            ProductUpdates.UpdateLatency latency = figures.latency();
            ProductUpdates.FanOut fanOut = figures.fanOut();
            ProductUpdates.Freshness freshness = figures.freshness();
            ProductUpdates.AfterStream after = figures.afterStream();
            cell(html, Text.count((double) figures.updates()));
            cell(html, Text.count((double) figures.unknownProducts()));
            cell(html, Text.count((double) figures.errors()));
            cell(html, latency == null ? Text.ms(null) : Text.ms(latency.p50Ms())
                    + plusMinus(latency.intervals() == null ? null : latency.intervals().p50Ms()));
            cell(html, latency == null ? Text.ms(null) : Text.ms(latency.p99Ms())
                    + plusMinus(latency.intervals() == null ? null : latency.intervals().p99Ms()));
            cell(html, fanOut == null ? Text.ms(null) : Text.count(fanOut.mean()) + " / "
                    + Text.count((double) fanOut.p99()) + " / " + Text.count((double) fanOut.max()));
            cell(html, Text.bytes(figures.walBytesPerUpdate()));
            cell(html, Text.ms(figures.readsWithout() == null ? null : figures.readsWithout().p99Ms()) + " / "
                    + Text.ms(figures.readsDuring() == null ? null : figures.readsDuring().p99Ms()));
            cell(html, freshness == null ? Text.ms(null) : Text.count((double) freshness.staleReads()) + " of "
                    + Text.count((double) freshness.reads()));
            cell(html, Text.ms(freshness == null ? null : freshness.maxStaleAfterCommitMs()));
            cell(html, after == null ? Text.ms(null) : Text.count((double) after.current()) + " / "
                    + Text.count((double) after.stale()) + " / " + Text.count((double) after.wrong()));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table></div>\n");
    }

    private static void chart(StringBuilder html, RunResults.Design design, ProductUpdates.Strategy figures) {
        List<RunResults.TimelinePoint> timeline = Text.each(figures.timeline());
        if (timeline.isEmpty()) {
            return;
        }
        String name = Findings.name(design);
        String title = name + ": read latency through the update stream (" + figures.strategy() + ")";
        int size = timeline.size();
        double[] x = new double[size];
        double[] p50 = new double[size];
        double[] p99 = new double[size];
        double xMax = 0;
        double yMax = 0;
        double duringFrom = -1;
        double duringTo = -1;
        for (int i = 0; i < size; i++) {
            RunResults.TimelinePoint point = timeline.get(i);
            x[i] = (point.startS() + point.endS()) / 2;
            p50[i] = point.p50Ms();
            p99[i] = point.p99Ms();
            xMax = Math.max(xMax, point.endS());
            yMax = Math.max(yMax, point.p99Ms());
            if ("during_updates".equals(point.phase())) {
                duringFrom = duringFrom < 0 ? point.startS() : duringFrom;
                duringTo = point.endS();
            }
        }
        String color = SvgCharts.color(0);
        List<SvgCharts.Band> bands = duringFrom < 0 ? List.of()
                : List.of(new SvgCharts.Band(duringFrom, duringTo, "updates", DURING_FILL));
        html.append("<figure>\n<figcaption><h4>").append(Text.html(title)).append("</h4></figcaption>\n");
        html.append(SvgCharts.timelineChart("chart-updates-" + figures.strategy() + "-" + HtmlRenderer.slug(name),
                title, List.of(new SvgCharts.Series(name + " P99 per second", color, false, x, p99, false),
                        new SvgCharts.Series(name + " P50 per second", color, true, x, p50, false)),
                bands, List.of(), xMax, yMax));
        html.append(SvgCharts.legend(List.of(new SvgCharts.LegendEntry("P99 per second", color, false),
                new SvgCharts.LegendEntry("P50 per second", color, true),
                new SvgCharts.LegendEntry("update stream", DURING_FILL, false))));
        html.append("</figure>\n");
    }

    private static void cell(StringBuilder html, String text) {
        html.append("<td>").append(Text.html(text)).append("</td>");
    }

    private static ProductUpdates.Strategy strategy(RunResults.Design design, String name) {
        return design.productUpdates() == null ? null : design.productUpdates().strategy(name);
    }

    /** Why the stage gave no figures, from the first design's stage record, as ": reason", or empty. */
    private static String reason(RunResults results) {
        for (RunResults.Design design : results.designs()) {
            RunResults.StageStatus status = design.stages() == null ? null : design.stages().get(STAGE);
            if (status != null && status.reason() != null) {
                return ": " + status.reason();
            }
        }
        return "";
    }

    /** " ± x %" for a figure with a 95 % interval, "" without one (too few updates, or an older file). */
    private static String plusMinus(RunResults.FigureInterval interval) {
        Double half = interval == null ? null : interval.relativeHalfWidth();
        return half == null ? "" : String.format(Locale.ROOT, " ± %.0f %%", half * 100);
    }
}
