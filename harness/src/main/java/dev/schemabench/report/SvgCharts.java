package dev.schemabench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Charts as inline SVG, drawn in Java: no script, no font or file to load, the same bytes for the same results
 * (coordinates are rounded to 0.1), and they print as vectors. Every chart is an {@code <svg class="chart">} with an
 * {@code id}; every drawn figure carries {@code class="data"} so a test can tell an empty chart from a drawn one.
 * Legends are HTML ({@link #legend}), so long names wrap instead of overflowing.
 */
final class SvgCharts {

    /** Okabe–Ito colours: distinguishable with the common colour-vision deficiencies, and in grey print. */
    static final List<String> PALETTE = List.of("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00",
            "#F0E442", "#000000");

    private static final int WIDTH = 760;
    private static final int HEIGHT = 300;
    private static final int LEFT = 64;
    private static final int RIGHT = 16;
    private static final int TOP = 14;
    private static final int BOTTOM = 44;

    private SvgCharts() {
    }

    /** A line (and optional point markers) through {@code x[i], y[i]} in data units. */
    record Series(String name, String color, boolean dashed, double[] x, double[] y, boolean markers) {
    }

    /** A vertical line at {@code x} with a label at its top. */
    record Marker(double x, String label) {
    }

    /** A shaded span of the x axis. */
    record Band(double from, double to, String label, String fill) {
    }

    /** A tick on an axis: position in data units and its label. */
    record Tick(double at, String label) {
    }

    /** One horizontal stacked bar. */
    record Bar(String label, List<Segment> segments) {
    }

    /** A piece of a stacked bar. */
    record Segment(String name, double value, String color) {
    }

    /** An entry of an HTML legend. */
    record LegendEntry(String name, String color, boolean dashed) {
    }

    /** The colour of the design at {@code position} in a run's design list. */
    static String color(int position) {
        return PALETTE.get(Math.floorMod(position, PALETTE.size()));
    }

    // ---- percentile distribution ------------------------------------------------------------------------------

    /** How far out the percentile axis goes at most: 99.999 %. */
    static final int MAX_NINES = 5;

    /**
     * The percentile axis position of a percentile (0..100): {@code log10(1 / (1 - p))}, so 90 % is 1, 99 % is 2,
     * 99.9 % is 3, the way HdrHistogram's plots spread out the tail.
     */
    static double percentileX(double percentile) {
        double remaining = 1 - percentile / 100;
        return remaining <= 0 ? MAX_NINES : Math.min(MAX_NINES, Math.log10(1 / remaining));
    }

    /** The percentile axis extent a histogram of {@code count} values can resolve (at least 99 %). */
    static int nines(long count) {
        return (int) Math.max(2, Math.min(MAX_NINES, Math.floor(Math.log10(Math.max(1, count)))));
    }

    /** A distribution as a series: latency (ms) at percentiles spaced evenly on the log axis, up to {@code nines}. */
    static Series distribution(String name, String color, boolean dashed, Histogram histogram, int nines) {
        int steps = nines * 20;
        double[] x = new double[steps + 1];
        double[] y = new double[steps + 1];
        for (int i = 0; i <= steps; i++) {
            double position = (double) i * nines / steps;
            double percentile = 100 * (1 - Math.pow(10, -position));
            x[i] = position;
            y[i] = histogram.getValueAtPercentile(percentile) / 1e6;
        }
        return new Series(name, color, dashed, x, y, false);
    }

    /** A chart of latency against percentile on the log axis; {@code nines} is the axis extent. */
    static String percentileChart(String id, String title, List<Series> series, int nines) {
        List<Tick> xTicks = new ArrayList<>();
        for (int i = 0; i <= nines; i++) {
            xTicks.add(new Tick(i, i == 0 ? "0%" : percentileLabel(i)));
        }
        double yMax = niceCeiling(maxY(series));
        return lineChart(id, title, "percentile (log scale: each step is one more nine)", "latency (ms)", 0, nines,
                xTicks, yMax, series, List.of(), List.of());
    }

    /** 1 → 90%, 2 → 99%, 3 → 99.9%, 4 → 99.99%. */
    private static String percentileLabel(int nines) {
        return (nines == 1 ? "90" : nines == 2 ? "99" : "99." + "9".repeat(nines - 2)) + "%";
    }

    // ---- time line ---------------------------------------------------------------------------------------------

    /** A chart of latency over time with shaded phases and marked events; {@code yMax} shared between designs. */
    static String timelineChart(String id, String title, List<Series> series, List<Band> bands, List<Marker> markers,
                                double xMax, double yMax) {
        double top = niceCeiling(xMax);
        double step = niceStep(top / 8);
        List<Tick> xTicks = new ArrayList<>();
        for (double at = 0; at <= top + step / 1000; at += step) {
            xTicks.add(new Tick(at, trim(at) + " s"));
        }
        return lineChart(id, title, "seconds since the reads started", "latency (ms)", 0, top, xTicks,
                niceCeiling(yMax), series, bands, markers);
    }

    /** Latency against a swept quantity (catalog size, arrival rate), both axes linear from zero. */
    static String xyChart(String id, String title, String xLabel, List<Series> series, double xMax, double yMax) {
        double top = niceCeiling(xMax);
        double step = niceStep(top / 6);
        List<Tick> xTicks = new ArrayList<>();
        for (double at = 0; at <= top + step / 1000; at += step) {
            xTicks.add(new Tick(at, Text.count(at)));
        }
        return lineChart(id, title, xLabel.replace('_', ' '), "latency (ms)", 0, top, xTicks, niceCeiling(yMax),
                series, List.of(), List.of());
    }

    // ---- line chart ---------------------------------------------------------------------------------------------

    private static String lineChart(String id, String title, String xLabel, String yLabel, double xMin, double xMax,
                                    List<Tick> xTicks, double yMax, List<Series> series, List<Band> bands,
                                    List<Marker> markers) {
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        DoubleFunction<Double> sx = x -> LEFT + (x - xMin) / (xMax - xMin) * plotWidth;
        DoubleFunction<Double> sy = y -> TOP + plotHeight - Math.min(y, yMax) / yMax * plotHeight;
        StringBuilder svg = open(id, title, WIDTH, HEIGHT);
        for (Band band : bands) {
            double from = sx.apply(band.from());
            double to = sx.apply(band.to());
            svg.append("<rect class=\"band\" x=\"").append(n(from)).append("\" y=\"").append(TOP)
                    .append("\" width=\"").append(n(Math.max(1, to - from))).append("\" height=\"")
                    .append(n(plotHeight)).append("\" fill=\"").append(band.fill()).append("\"><title>")
                    .append(Text.html(band.label())).append("</title></rect>\n");
        }
        axes(svg, plotWidth, plotHeight);
        for (Tick tick : xTicks) {
            double x = sx.apply(tick.at());
            svg.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(n(TOP + plotHeight)).append("\"/>")
                    .append("<text x=\"").append(n(x)).append("\" y=\"").append(n(TOP + plotHeight + 16))
                    .append("\" text-anchor=\"middle\">").append(Text.html(tick.label())).append("</text>\n");
        }
        double yStep = niceStep(yMax / 5);
        for (double at = 0; at <= yMax + yStep / 1000; at += yStep) {
            double y = sy.apply(at);
            svg.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(n(LEFT + plotWidth))
                    .append("\" y1=\"").append(n(y)).append("\" y2=\"").append(n(y)).append("\"/>")
                    .append("<text x=\"").append(LEFT - 6).append("\" y=\"").append(n(y + 4))
                    .append("\" text-anchor=\"end\">").append(Text.html(tickNumber(at))).append("</text>\n");
        }
        axisLabels(svg, xLabel, yLabel, plotWidth, plotHeight);
        for (Marker marker : markers) {
            double x = sx.apply(marker.x());
            svg.append("<line class=\"marker\" x1=\"").append(n(x)).append("\" x2=\"").append(n(x))
                    .append("\" y1=\"").append(TOP).append("\" y2=\"").append(n(TOP + plotHeight)).append("\"/>")
                    .append("<text class=\"marker-label\" x=\"").append(n(x + 3)).append("\" y=\"").append(TOP + 11)
                    .append("\">").append(Text.html(marker.label())).append("</text>\n");
        }
        for (Series line : series) {
            if (line.x().length == 0) {
                continue;
            }
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < line.x().length; i++) {
                points.append(i == 0 ? "" : " ").append(n(sx.apply(line.x()[i]))).append(',')
                        .append(n(sy.apply(line.y()[i])));
            }
            svg.append("<polyline class=\"data\" fill=\"none\" stroke=\"").append(line.color())
                    .append("\" stroke-width=\"2\"").append(line.dashed() ? " stroke-dasharray=\"6 4\"" : "")
                    .append(" points=\"").append(points).append("\"><title>").append(Text.html(line.name()))
                    .append("</title></polyline>\n");
            if (line.markers()) {
                for (int i = 0; i < line.x().length; i++) {
                    svg.append("<circle class=\"data\" r=\"3.5\" fill=\"").append(line.color()).append("\" cx=\"")
                            .append(n(sx.apply(line.x()[i]))).append("\" cy=\"").append(n(sy.apply(line.y()[i])))
                            .append("\"><title>").append(Text.html(line.name() + ": " + Text.ms(line.y()[i])
                                    + " ms")).append("</title></circle>\n");
                }
            }
        }
        return svg.append("</svg>\n").toString();
    }

    // ---- stacked bars -------------------------------------------------------------------------------------------

    /** Horizontal stacked bars of bytes, one per row, on a shared axis. */
    static String stackedBars(String id, String title, List<Bar> bars) {
        int labelWidth = 210;
        int rowHeight = 28;
        int height = TOP + bars.size() * rowHeight + BOTTOM;
        double plotWidth = WIDTH - labelWidth - RIGHT;
        double max = 0;
        for (Bar bar : bars) {
            max = Math.max(max, bar.segments().stream().mapToDouble(Segment::value).sum());
        }
        double top = niceBytesCeiling(max);
        double step = top / 5;
        StringBuilder svg = open(id, title, WIDTH, height);
        double plotBottom = TOP + bars.size() * rowHeight;
        for (int i = 0; i <= 5; i++) {
            double x = labelWidth + i * step / top * plotWidth;
            svg.append("<line class=\"grid\" x1=\"").append(n(x)).append("\" x2=\"").append(n(x)).append("\" y1=\"")
                    .append(TOP).append("\" y2=\"").append(n(plotBottom)).append("\"/>")
                    .append("<text x=\"").append(n(x)).append("\" y=\"").append(n(plotBottom + 16))
                    .append("\" text-anchor=\"middle\">").append(Text.html(Text.bytes(i * step))).append("</text>\n");
        }
        svg.append("<text class=\"axis-label\" x=\"").append(n(labelWidth + plotWidth / 2)).append("\" y=\"")
                .append(n(plotBottom + 36)).append("\" text-anchor=\"middle\">bytes on disk</text>\n");
        for (int row = 0; row < bars.size(); row++) {
            Bar bar = bars.get(row);
            double y = TOP + row * rowHeight + 4;
            svg.append("<text x=\"").append(labelWidth - 8).append("\" y=\"").append(n(y + 15))
                    .append("\" text-anchor=\"end\">").append(Text.html(bar.label())).append("</text>\n");
            double x = labelWidth;
            for (Segment segment : bar.segments()) {
                double width = segment.value() / top * plotWidth;
                if (segment.value() <= 0) {
                    continue;
                }
                svg.append("<rect class=\"data\" x=\"").append(n(x)).append("\" y=\"").append(n(y))
                        .append("\" width=\"").append(n(Math.max(0.5, width))).append("\" height=\"20\" fill=\"")
                        .append(segment.color()).append("\"><title>").append(Text.html(bar.label() + ": "
                                + segment.name() + " " + Text.bytes(segment.value()))).append("</title></rect>\n");
                x += width;
            }
            double total = bar.segments().stream().mapToDouble(Segment::value).sum();
            svg.append("<text class=\"bar-total\" x=\"").append(n(Math.min(x + 4, WIDTH - RIGHT - 60)))
                    .append("\" y=\"").append(n(y + 15)).append("\">").append(Text.html(Text.bytes(total)))
                    .append("</text>\n");
        }
        return svg.append("</svg>\n").toString();
    }

    // ---- legend and shared parts --------------------------------------------------------------------------------

    /** An HTML legend for a chart. */
    static String legend(List<LegendEntry> entries) {
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (LegendEntry entry : entries) {
            html.append("<li><svg class=\"swatch\" width=\"22\" height=\"10\" aria-hidden=\"true\"><line x1=\"1\" "
                    + "y1=\"5\" x2=\"21\" y2=\"5\" stroke=\"").append(entry.color()).append("\" stroke-width=\"")
                    .append(entry.dashed() ? "2\" stroke-dasharray=\"5 3\"" : "8\"").append("/></svg>")
                    .append(Text.html(entry.name())).append("</li>");
        }
        return html.append("</ul>\n").toString();
    }

    private static StringBuilder open(String id, String title, int width, int height) {
        return new StringBuilder(8192).append("<svg id=\"").append(Text.html(id)).append("\" class=\"chart\" ")
                .append("xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(width).append(' ')
                .append(height).append("\" role=\"img\" aria-label=\"").append(Text.html(title)).append("\">")
                .append("<title>").append(Text.html(title)).append("</title>\n");
    }

    private static void axes(StringBuilder svg, double plotWidth, double plotHeight) {
        svg.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(n(TOP + plotHeight))
                .append("\" x2=\"").append(n(LEFT + plotWidth)).append("\" y2=\"").append(n(TOP + plotHeight))
                .append("\"/><line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(TOP)
                .append("\" x2=\"").append(LEFT).append("\" y2=\"").append(n(TOP + plotHeight)).append("\"/>\n");
    }

    private static void axisLabels(StringBuilder svg, String xLabel, String yLabel, double plotWidth,
                                   double plotHeight) {
        svg.append("<text class=\"axis-label\" x=\"").append(n(LEFT + plotWidth / 2)).append("\" y=\"")
                .append(HEIGHT - 6).append("\" text-anchor=\"middle\">").append(Text.html(xLabel)).append("</text>\n")
                .append("<text class=\"axis-label\" transform=\"translate(14 ").append(n(TOP + plotHeight / 2))
                .append(") rotate(-90)\" text-anchor=\"middle\">").append(Text.html(yLabel)).append("</text>\n");
    }

    private static double maxY(List<Series> series) {
        double max = 0;
        for (Series line : series) {
            for (double y : line.y()) {
                max = Math.max(max, y);
            }
        }
        return max;
    }

    /** A round number at or above {@code value}: 1, 2, 2.5 or 5 times a power of ten. */
    static double niceCeiling(double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] {1, 2, 2.5, 5, 10}) {
            if (factor * power >= value * (1 - 1e-9)) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** A round step near {@code rough}. */
    static double niceStep(double rough) {
        return niceCeiling(rough);
    }

    private static double niceBytesCeiling(double bytes) {
        if (!(bytes > 0)) {
            return 1024;
        }
        double unit = 1;
        while (bytes / unit >= 1024) {
            unit *= 1024;
        }
        return niceCeiling(bytes / unit) * unit;
    }

    /** A tick value without trailing zeros: 0, 0.25, 2.5, 50. */
    private static String tickNumber(double value) {
        String text = String.format(Locale.ROOT, "%.3f", value).replaceAll("0+$", "");
        return text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String n(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
