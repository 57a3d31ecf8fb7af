package dev.schemabench.gate;

import dev.schemabench.results.Metric;
import java.util.Locale;

/**
 * The gate's verdict on one design and one metric (or the design's read-plan shape, or the design's status).
 * Immutable.
 *
 * @param design   design name
 * @param check    a metric key, {@link #PLAN_SHAPE} or {@link #STATUS}
 * @param status   the outcome
 * @param baseline the baseline's figure as results.json states it, or null
 * @param current  the current run's figure, or null
 * @param unit     the figures' unit, or null for checks without figures (plan shape, status)
 * @param detail   how the outcome was reached: change, confidence interval, threshold, budget, plan shapes
 */
public record Verdict(String design, String check, Status status, Double baseline, Double current, Metric.Unit unit,
                      String detail) {

    /** The check of a design's read-plan shape. */
    public static final String PLAN_SHAPE = "plan.shape";
    /** The check that a design measured in the baseline was measured again. */
    public static final String STATUS = "status";

    /** Outcomes; {@link #failing()} ones make the gate exit 1. */
    public enum Status {
        /** Within threshold or within noise. */
        PASS("pass"),
        /** Better than the baseline by more than the threshold, outside noise. */
        IMPROVED("improved"),
        /** Compared without noise data: the change is shown, not gated. */
        NO_NOISE_DATA("no noise data"),
        /** Not measured in one of the runs: skipped. */
        NOT_MEASURED("not measured"),
        /** Worse than the baseline by more than the threshold, outside noise. */
        REGRESSION("REGRESSION"),
        /** An absolute budget is exceeded. */
        OVER_BUDGET("OVER BUDGET"),
        /** The read plan changed shape. */
        PLAN_CHANGED("PLAN CHANGED"),
        /** The design failed in the current run. */
        FAILED("FAILED");

        private final String label;

        Status(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        public boolean failing() {
            return this == REGRESSION || this == OVER_BUDGET || this == PLAN_CHANGED || this == FAILED;
        }

        public boolean skipped() {
            return this == NOT_MEASURED;
        }
    }

    /** One line for the terminal: status, design, check, figures, detail. */
    public String line() {
        StringBuilder line = new StringBuilder();
        line.append(String.format(Locale.ROOT, "%-13s %-11s %-26s", status.label(), design, check));
        String figures = figures();
        if (!figures.isEmpty()) {
            line.append(' ').append(figures);
        }
        if (!detail.isEmpty()) {
            line.append(figures.isEmpty() ? " " : "; ").append(detail);
        }
        return line.toString().stripTrailing();
    }

    /** {@code baseline -> current unit}, or what is known of it. */
    public String figures() {
        if (baseline == null && current == null) {
            return "";
        }
        return format(baseline, unit) + " -> " + format(current, unit);
    }

    /** A figure with its unit, compactly: bytes grouped, milliseconds with 3 decimals. */
    public static String format(Double value, Metric.Unit unit) {
        if (value == null) {
            return "n/a";
        }
        String number;
        if (unit == Metric.Unit.BYTES || unit == Metric.Unit.COUNT) {
            number = String.format(Locale.ROOT, "%,d", Math.round(value));
        } else if (unit == Metric.Unit.OPS_PER_SECOND) {
            number = String.format(Locale.ROOT, "%.1f", value);
        } else {
            number = String.format(Locale.ROOT, "%.3f", value);
        }
        return unit == null || unit == Metric.Unit.COUNT ? number : number + " " + unit.symbol();
    }

    /** A change signed so that positive is worse, as {@code 12.3% worse} or {@code 4.0% better}. */
    public static String worse(double change) {
        if (change == 0) {
            return "no change";
        }
        String amount = percent(Math.abs(change)).substring(1);
        return amount + (change > 0 ? " worse" : " better");
    }

    /** A relative change such as {@code +12.3%}. */
    public static String percent(double fraction) {
        if (Double.isInfinite(fraction)) {
            return fraction > 0 ? "+inf%" : "-inf%";
        }
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
