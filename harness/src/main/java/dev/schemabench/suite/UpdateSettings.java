package dev.schemabench.suite;

import dev.schemabench.catalog.UpdateSkew;
import dev.schemabench.catalog.UpdateStreamSpec;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * What the product-update stage runs ({@link UpdateStage}): the update stream's rate, skew and length, and the
 * strategies to measure. Immutable.
 *
 * @param ratePerS     updates per second; 0 switches the stage off
 * @param skew         which products change
 * @param duration     how long the stream runs per design and strategy
 * @param unknownShare share of updates aimed at products the catalog does not have, 0 to 1
 * @param strategies   the strategies to run, in order, at least one
 */
public record UpdateSettings(double ratePerS, UpdateSkew skew, Duration duration, double unknownShare,
                             List<Strategy> strategies) {

    /** How a design that copies display fields handles an update. */
    public enum Strategy {
        /** Rewrite every stored copy as the update comes. */
        APPLY,
        /** Leave stored lists as they are until the next weekly batch; readers see old values meanwhile. */
        DEFER;

        /** The profile spelling. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public UpdateSettings {
        strategies = List.copyOf(strategies);
    }

    /** Whether the stage runs at all. */
    public boolean enabled() {
        return ratePerS > 0 && !duration.isZero();
    }

    /** The generator's update stream for these settings. */
    public UpdateStreamSpec streamSpec() {
        return new UpdateStreamSpec(ratePerS, skew, unknownShare);
    }

    /** Parses {@code apply}, {@code defer} or {@code both}; null when the text is none of them. */
    static List<Strategy> parseStrategies(String text) {
        return switch (text == null ? "" : text.strip().toLowerCase(Locale.ROOT)) {
            case "apply" -> List.of(Strategy.APPLY);
            case "defer" -> List.of(Strategy.DEFER);
            case "both" -> List.of(Strategy.APPLY, Strategy.DEFER);
            default -> null;
        };
    }
}
