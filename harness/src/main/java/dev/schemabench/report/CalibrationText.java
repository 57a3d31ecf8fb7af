package dev.schemabench.report;

import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** One design's calibration against PostgreSQL's own clients, in words, for the HTML report and summary.md. */
final class CalibrationText {

    private CalibrationText() {
    }

    /** Whether any design of the run carries a calibration figure or note. */
    static boolean any(RunResults results) {
        for (RunResults.Design design : results.designs()) {
            if (!sentences(design).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /** The read comparison with pgbench, then the bulk comparison with psql; each a figure or the reason for none. */
    static List<String> sentences(RunResults.Design design) {
        List<String> sentences = new ArrayList<>();
        RunResults.Calibration reads = design.calibration();
        if (reads != null && reads.fault() != null) {
            sentences.add("reads: calibration fault, not a result: " + reads.fault());
        } else if (reads != null) {
            double harnessP99 = reads.harnessP99Ms();
            double pgbenchP99 = reads.pgbenchP99Ms();
            sentences.add(String.format(Locale.ROOT, "the harness reached %s of pgbench's throughput on the same read"
                    + " (%s vs %s reads/s, %s clients each%s); at a fixed %s reads/s its P99 was %s ms against"
                    + " pgbench's %s ms%s", ratio(reads.ratio()), Text.rate(reads.harnessTps()),
                    Text.rate(reads.pgbenchTps()), Text.count((double) reads.clients()), rounds(reads),
                    Text.rate(reads.rateOpsS()), Text.ms(harnessP99), Text.ms(pgbenchP99),
                    pgbenchP99 == 0 ? "" : String.format(Locale.ROOT, " (×%.2f)", harnessP99 / pgbenchP99))
                    + (Boolean.FALSE.equals(reads.roundsAgree()) ? "; the rounds did not agree, so the ratio is"
                    + " uncertain" : ""));
        } else if (design.calibrationNote() != null) {
            sentences.add("reads: " + design.calibrationNote());
        }
        RunResults.BulkCalibration bulk = design.bulkCalibration();
        if (bulk != null) {
            sentences.add(String.format(Locale.ROOT, "the bulk path staged %s lists (%s MB of COPY data) at %s MB/s,"
                    + " %s of the speed of psql's \\copy of the same rows into the same tables (%s MB/s)",
                    Text.count((double) bulk.lists()), megabytes((double) bulk.copyBytes()),
                    Text.rate(bulk.harnessMbS()), ratio(bulk.ratio()), Text.rate(bulk.psqlMbS())));
        } else if (design.bulkCalibrationNote() != null) {
            sentences.add("bulk: " + design.bulkCalibrationNote());
        }
        return sentences;
    }

    /** How the figures were taken when there was more than one round; results before rounds have none. */
    private static String rounds(RunResults.Calibration reads) {
        List<RunResults.SaturationRound> saturation = Text.each(reads.saturationRounds());
        if (saturation.size() < 2) {
            return "";
        }
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (RunResults.SaturationRound round : saturation) {
            Double ratio = round.ratio();
            if (ratio == null) {
                return "";
            }
            low = Math.min(low, ratio);
            high = Math.max(high, ratio);
        }
        return String.format(Locale.ROOT, "; the median of %d rounds that took turns at going first, whose ratios"
                + " ranged from %.2f to %.2f", saturation.size(), low, high);
    }

    private static String ratio(Double value) {
        return value == null ? Text.ABSENT : String.format(Locale.ROOT, "%.2f", value);
    }

    private static String megabytes(Double bytes) {
        return bytes == null ? Text.ABSENT : Text.significant(bytes / 1e6);
    }
}
