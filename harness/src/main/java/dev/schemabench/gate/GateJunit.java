package dev.schemabench.gate;

import java.util.Locale;

/**
 * Renders a {@link GateReport} as a JUnit XML report (the Ant/Surefire layout CI servers read): one test suite, one
 * test case per design and check; failing checks carry a {@code <failure>}, checks not measured a {@code <skipped>}.
 * Reads the finished report only. Stateless.
 */
public final class GateJunit {

    public static final String NAME = "gate-junit.xml";

    private static final String SUITE = "schemabench.gate";

    private GateJunit() {
    }

    public static String render(GateReport report) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        String counts = String.format(Locale.ROOT, "tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\"",
                report.verdicts().size(), report.failures(), report.skipped());
        xml.append("<testsuites name=\"").append(SUITE).append("\" ").append(counts).append(">\n");
        xml.append("  <testsuite name=\"").append(SUITE).append("\" ").append(counts).append(" time=\"0\">\n");
        xml.append("    <properties>\n");
        property(xml, "baseline", report.baselineRun());
        property(xml, "current", report.currentRun());
        property(xml, "config", report.configSource());
        for (String note : report.notes()) {
            property(xml, "note", note);
        }
        xml.append("    </properties>\n");
        for (Verdict verdict : report.verdicts()) {
            xml.append("    <testcase classname=\"").append(attribute(SUITE + "." + verdict.design()))
                    .append("\" name=\"").append(attribute(verdict.check())).append("\" time=\"0\"");
            String message = verdict.status().label() + ": " + summary(verdict);
            if (verdict.status().failing()) {
                xml.append(">\n      <failure type=\"").append(attribute(verdict.status().name()))
                        .append("\" message=\"").append(attribute(message)).append("\">")
                        .append(text(verdict.line())).append("</failure>\n    </testcase>\n");
            } else if (verdict.status().skipped()) {
                xml.append(">\n      <skipped message=\"").append(attribute(message)).append("\"/>\n")
                        .append("    </testcase>\n");
            } else {
                xml.append(">\n      <system-out>").append(text(verdict.line())).append("</system-out>\n")
                        .append("    </testcase>\n");
            }
        }
        xml.append("  </testsuite>\n</testsuites>\n");
        return xml.toString();
    }

    private static String summary(Verdict verdict) {
        String figures = verdict.figures();
        return figures.isEmpty() ? verdict.detail() : figures + "; " + verdict.detail();
    }

    private static void property(StringBuilder xml, String name, String value) {
        xml.append("      <property name=\"").append(attribute(name)).append("\" value=\"").append(attribute(value))
                .append("\"/>\n");
    }

    private static String text(String value) {
        return clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attribute(String value) {
        return text(value).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** Drops characters XML 1.0 cannot hold. */
    private static String clean(String value) {
        StringBuilder clean = new StringBuilder(value.length());
        value.codePoints().filter(c -> c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF)).forEach(clean::appendCodePoint);
        return clean.toString();
    }
}
