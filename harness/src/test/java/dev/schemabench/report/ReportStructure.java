package dev.schemabench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The structure of a rendered page, one line per element that matters to a reader: sections, headings, table
 * header rows, charts (with whether they drew data), absent-chart notes and collapsible parts. Figures, styles and
 * coordinates are left out, so the golden file pins what the report shows, not how many pixels it uses.
 */
final class ReportStructure {

    private static final Pattern ELEMENT = Pattern.compile(
            "<section id=\"([^\"]+)\"|<h([1-4])[^>]*>(.*?)</h\\2>|<thead>(.*?)</thead>"
                    + "|<svg id=\"([^\"]+)\" class=\"chart\"(.*?)</svg>|<p class=\"absent\" id=\"([^\"]+)\""
                    + "|<summary>(.*?)</summary>|<article id=\"([^\"]+)\"", Pattern.DOTALL);
    private static final Pattern HEADER_CELL = Pattern.compile("<th[^>]*>(.*?)</th>", Pattern.DOTALL);

    private ReportStructure() {
    }

    static String of(String html) {
        List<String> lines = new ArrayList<>();
        Matcher matcher = ELEMENT.matcher(html);
        while (matcher.find()) {
            if (matcher.group(1) != null) {
                lines.add("section #" + matcher.group(1));
            } else if (matcher.group(2) != null) {
                lines.add("  ".repeat(Integer.parseInt(matcher.group(2)) - 1) + "h" + matcher.group(2) + " "
                        + strip(matcher.group(3)));
            } else if (matcher.group(4) != null) {
                List<String> cells = new ArrayList<>();
                Matcher cell = HEADER_CELL.matcher(matcher.group(4));
                while (cell.find()) {
                    cells.add(strip(cell.group(1)));
                }
                lines.add("    table [" + String.join(" | ", cells) + "]");
            } else if (matcher.group(5) != null) {
                boolean data = matcher.group(6).contains("class=\"data\"");
                lines.add("    chart #" + matcher.group(5) + (data ? " (data)" : " (EMPTY)"));
            } else if (matcher.group(7) != null) {
                lines.add("    absent #" + matcher.group(7));
            } else if (matcher.group(8) != null) {
                lines.add("    details " + strip(matcher.group(8)));
            } else {
                lines.add("  article #" + matcher.group(9));
            }
        }
        return String.join("\n", lines) + "\n";
    }

    private static String strip(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&amp;", "&").replaceAll("\\s+", " ").strip();
    }
}
