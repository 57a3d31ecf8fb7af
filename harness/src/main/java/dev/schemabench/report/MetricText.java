package dev.schemabench.report;

import dev.schemabench.results.Metric;
import dev.schemabench.results.RunResults;

/** How the report writes a catalogue {@link Metric}'s figures: in its unit, absent as "–", differences signed. */
final class MetricText {

    private MetricText() {
    }

    /** The figure as the verdict table shows it; the refresh's bad reads as failed / empty / mixed. */
    static String format(Metric metric, RunResults.Design design) {
        Double figure = metric.valueIn(design);
        if (figure == null) {
            return Text.ABSENT;
        }
        if (metric.equals(Metric.REFRESH_BAD_READS)) {
            RunResults.RefreshReads reads = design.refresh().readsDuringRefresh();
            return reads.errors() + " / " + reads.empty() + " / " + reads.mixed();
        }
        return switch (metric.unit()) {
            case MILLISECONDS -> Text.ms(figure);
            case BYTES -> Text.bytes(figure);
            case OPS_PER_SECOND -> Text.rate(figure);
            case COUNT -> Text.count(figure);
            case RATIO -> String.format(java.util.Locale.ROOT, "%.3f", figure);
        };
    }

    /** The figure with its unit where the table's heading would have given it: "12.3 ms", "4.21 MiB". */
    static String withUnit(Metric metric, RunResults.Design design) {
        String text = format(metric, design);
        return metric.unit() == Metric.Unit.MILLISECONDS ? text + " ms" : text;
    }

    /** A difference between two figures of {@code metric}, in its unit, with a sign. */
    static String difference(Metric metric, double difference) {
        String sign = difference > 0 ? "+" : difference < 0 ? "−" : "±";
        double magnitude = Math.abs(difference);
        return sign + switch (metric.unit()) {
            case MILLISECONDS -> Text.ms(magnitude) + " ms";
            case BYTES -> Text.bytes(magnitude);
            case OPS_PER_SECOND -> Text.rate(magnitude) + "/s";
            case COUNT -> Text.count(magnitude);
            case RATIO -> String.format(java.util.Locale.ROOT, "%.3f", magnitude);
        };
    }

    /** Whether ratios to the best make sense (not for counts such as bad reads, where 0 is the goal). */
    static boolean hasRatios(Metric metric) {
        return metric.unit() != Metric.Unit.COUNT;
    }
}
