package dev.schemabench.gate;

/**
 * Renders a {@link GateReport} as Markdown for a pull-request comment: a headline, notes, and one table row per
 * design and check, failing rows first. Reads the finished report only. Stateless.
 */
public final class GateMarkdown {

    public static final String NAME = "gate.md";

    private GateMarkdown() {
    }

    public static String render(GateReport report) {
        StringBuilder md = new StringBuilder();
        md.append("## SchemaBench performance gate: ").append(report.passed() ? "PASS" : "FAIL").append("\n\n");
        md.append("Baseline `").append(cell(report.baselineRun())).append("`, current `")
                .append(cell(report.currentRun())).append("`, configuration ").append(cell(report.configSource()))
                .append(". ").append(report.failures()).append(" of ").append(report.verdicts().size())
                .append(" checks failed, ").append(report.skipped()).append(" not measured.\n\n");
        for (String note : report.notes()) {
            md.append("> **Note:** ").append(cell(note)).append("\n\n");
        }
        md.append("| | Design | Check | Baseline | Current | Detail |\n");
        md.append("| --- | --- | --- | ---: | ---: | --- |\n");
        report.verdicts().stream().filter(verdict -> verdict.status().failing()).forEach(verdict -> row(md, verdict));
        report.verdicts().stream().filter(verdict -> !verdict.status().failing()).forEach(verdict -> row(md, verdict));
        md.append("\nA metric regresses when it is worse than the baseline by more than its threshold and the")
                .append(" bootstrap confidence interval of the change excludes zero; see \"Using SchemaBench as a")
                .append(" CI gate\" in the README.\n");
        return md.toString();
    }

    private static void row(StringBuilder md, Verdict verdict) {
        String icon = verdict.status().failing() ? ":x:" : verdict.status() == Verdict.Status.PASS
                || verdict.status() == Verdict.Status.IMPROVED ? ":white_check_mark:" : ":grey_question:";
        md.append("| ").append(icon).append(' ').append(verdict.status().label())
                .append(" | ").append(cell(verdict.design()))
                .append(" | `").append(cell(verdict.check())).append('`')
                .append(" | ").append(verdict.baseline() == null ? "" : Verdict.format(verdict.baseline(),
                        verdict.unit()))
                .append(" | ").append(verdict.current() == null ? "" : Verdict.format(verdict.current(),
                        verdict.unit()))
                .append(" | ").append(cell(verdict.detail())).append(" |\n");
    }

    /** Text safe inside a table cell: pipes escaped, line breaks flattened, HTML angle brackets escaped. */
    static String cell(String text) {
        return text.replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;")
                .replace("\r", " ").replace("\n", " ");
    }
}
