package dev.schemabench.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The verdict table of one run: every design's figure per {@link Metric}, the best value per column among the
 * measured designs, and each figure's ratio to the best. Skipped and failed designs keep their row (with their
 * reason) but never compete for "best".
 */
final class Verdict {

    /**
     * One cell.
     *
     * @param text   the formatted figure, or the absent mark
     * @param value  the raw figure, or null
     * @param best   true when this is the best value of its column (at least two measured designs had one)
     * @param ratio  the figure divided by the best, e.g. {@code ×2.31}; null for the best, absent figures, and
     *               metrics without ratios
     */
    record Cell(String text, Double value, boolean best, String ratio) {
    }

    private final List<JsonNode> designs = new ArrayList<>();
    private final Map<String, Double> best = new LinkedHashMap<>();

    Verdict(JsonNode results) {
        results.path("designs").forEach(designs::add);
        for (Metric metric : Metric.VERDICT) {
            Double bestValue = null;
            int candidates = 0;
            for (JsonNode design : designs) {
                Double value = measured(design) ? metric.value().apply(design) : null;
                if (value == null) {
                    continue;
                }
                candidates++;
                if (bestValue == null || (metric.lowerIsBetter() ? value < bestValue : value > bestValue)) {
                    bestValue = value;
                }
            }
            if (candidates >= 2) {
                best.put(metric.id(), bestValue);
            }
        }
    }

    static boolean measured(JsonNode design) {
        return RunResults.MEASURED.equals(design.path("status").asText());
    }

    List<JsonNode> designs() {
        return designs;
    }

    /** The best value of a column, or null when fewer than two measured designs have one. */
    Double best(Metric metric) {
        return best.get(metric.id());
    }

    /** The name of the design holding the best value of a column, or null. */
    String bestDesign(Metric metric) {
        Double bestValue = best(metric);
        if (bestValue == null) {
            return null;
        }
        for (JsonNode design : designs) {
            if (measured(design) && bestValue.equals(metric.value().apply(design))) {
                return design.path("name").asText();
            }
        }
        return null;
    }

    Cell cell(JsonNode design, Metric metric) {
        Double value = metric.value().apply(design);
        String text = metric.format(design);
        Double bestValue = best(metric);
        if (value == null || bestValue == null || !measured(design)) {
            return new Cell(text, value, false, null);
        }
        if (value.equals(bestValue)) {
            return new Cell(text, value, true, null);
        }
        String ratio = metric.hasRatios() && bestValue != 0
                ? "×" + String.format(Locale.ROOT, "%.2f", value / bestValue) : null;
        return new Cell(text, value, false, ratio);
    }
}
