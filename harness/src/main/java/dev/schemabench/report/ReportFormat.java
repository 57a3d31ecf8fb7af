package dev.schemabench.report;

/**
 * One output format of the report (the HTML page, the Markdown summary), in the spirit of JMH's
 * {@code ResultFormat}: siblings behind one small interface that read finished results only, never live harness
 * state. Implementations are stateless and thread-safe; {@link #render} is deterministic for the same input.
 */
public interface ReportFormat {

    /** The file this format writes in the report folder, e.g. {@code index.html}. */
    String fileName();

    /**
     * Renders one run, or two side by side, entirely in memory.
     *
     * @param input the loaded run(s) and the folder the output will be written to (for relative links)
     * @return the whole file's text
     */
    String render(ReportInput input);
}
