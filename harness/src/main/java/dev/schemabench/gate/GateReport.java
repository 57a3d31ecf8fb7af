package dev.schemabench.gate;

import java.util.List;

/**
 * Everything the gate decided, for the terminal, gate.md and gate-junit.xml. Immutable.
 *
 * @param baselineRun  the baseline's run id
 * @param currentRun   the current run's run id
 * @param configSource where the configuration came from
 * @param notes        lines shown above the verdicts (for example an allowed fingerprint change)
 * @param verdicts     one per design and check, in design order
 */
public record GateReport(String baselineRun, String currentRun, String configSource, List<String> notes,
                         List<Verdict> verdicts) {

    /** True when no verdict fails. */
    public boolean passed() {
        return verdicts.stream().noneMatch(verdict -> verdict.status().failing());
    }

    public long failures() {
        return verdicts.stream().filter(verdict -> verdict.status().failing()).count();
    }

    public long skipped() {
        return verdicts.stream().filter(verdict -> verdict.status().skipped()).count();
    }

    /** The summary line, for example {@code gate: FAIL (2 of 17 checks failed, 6 not measured)}. */
    public String summary() {
        return "gate: " + (passed() ? "PASS" : "FAIL") + " (" + failures() + " of " + verdicts.size()
                + " checks failed, " + skipped() + " not measured)";
    }
}
