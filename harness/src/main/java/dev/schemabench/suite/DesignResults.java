package dev.schemabench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import dev.schemabench.results.PlanSummary;
import dev.schemabench.results.RunResults;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One design's entry of results.json while the finished stages write into it, once, at the end of a run: each stage
 * sets its own fields ({@link Stage#write}). Not shared between stages while they run; not thread-safe.
 */
public final class DesignResults {

    final String name;
    final String description;
    String status = RunResults.MEASURED;
    String reason;
    RunResults.Latency storageLevel;
    RunResults.Footprint footprint;
    RunResults.Load load;
    RunResults.Equivalence equivalence;
    JsonNode plan;
    final Map<String, String> artifacts = new LinkedHashMap<>();
    RunResults.Refresh refresh;
    RunResults.FootprintAfterChurn footprintAfterChurn;
    RunResults.IndexCost indexCost;
    RunResults.Cpu cpu;
    RunResults.Latency serviceLevel;
    RunResults.Cpu serviceCpu;
    RunResults.ServiceRefresh serviceRefresh;
    String serviceLevelNote;
    RunResults.Jmh jmh;
    RunResults.Calibration calibration;
    String calibrationNote;
    RunResults.BulkCalibration bulkCalibration;
    String bulkCalibrationNote;
    List<RunResults.ScalePoint> scaleCurve;
    RunResults.Capacity capacity;
    RunResults.HttpOverhead httpOverhead;
    String httpOverheadNote;
    dev.schemabench.results.ProductUpdates productUpdates;
    RunResults.Cache cache;
    Map<String, RunResults.DesignVerdict> comparisons;
    final Map<String, RunResults.StageStatus> stages = new LinkedHashMap<>();

    DesignResults(String name, String description) {
        this.name = name;
        this.description = description;
    }

    /** The finished record. */
    RunResults.Design build() {
        return new RunResults.Design(name, description, status, reason, storageLevel, footprint, load, equivalence,
                plan, artifacts, refresh, footprintAfterChurn, indexCost, cpu, serviceLevel, serviceCpu,
                serviceRefresh, serviceLevelNote, jmh, PlanSummary.of(plan), calibration, calibrationNote,
                bulkCalibration, bulkCalibrationNote, scaleCurve, capacity, httpOverhead, httpOverheadNote,
                stages.isEmpty() ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages)),
                productUpdates, cache, comparisons);
    }
}
