package dev.schemabench.report;

import java.util.List;
import java.util.Locale;

/** Formatting shared by the report formats: absent values, milliseconds, bytes, HTML and Markdown escaping. */
final class Text {

    /** How an absent figure reads: never 0. */
    static final String ABSENT = "–";

    private Text() {
    }

    /** {@code value}, or {@code fallback} when it is null. */
    static String or(String value, String fallback) {
        return value == null ? fallback : value;
    }

    /** {@code list}, or an empty list when it is null (a part the results do not have). */
    static <T> List<T> each(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Milliseconds with three significant digits (0.412, 12.3, 153), thousands separated above 1,000. */
    static String ms(Double value) {
        if (value == null) {
            return ABSENT;
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        if (magnitude >= 1) {
            return String.format(Locale.ROOT, "%.2f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** Milliseconds written as seconds with three significant digits (1.50, 12.3), 0.004 and smaller as such. */
    static String seconds(Double milliseconds) {
        if (milliseconds == null) {
            return ABSENT;
        }
        double seconds = milliseconds / 1000;
        return Math.abs(seconds) >= 1 ? significant(seconds) : String.format(Locale.ROOT, "%.3f", seconds);
    }

    /** Bytes in IEC units with three significant digits (812 B, 4.21 KiB, 37.5 MiB). */
    static String bytes(Double value) {
        if (value == null) {
            return ABSENT;
        }
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double scaled = value;
        int unit = 0;
        while (Math.abs(scaled) >= 1024 && unit < units.length - 1) {
            scaled /= 1024;
            unit++;
        }
        if (unit == 0) {
            return String.format(Locale.ROOT, "%.0f B", scaled);
        }
        return significant(scaled) + " " + units[unit];
    }

    /** A count with thousands separators. */
    static String count(Double value) {
        return value == null ? ABSENT : String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A rate per second: whole numbers above 100, else three significant digits. */
    static String rate(Double value) {
        return value == null ? ABSENT : Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%,.0f", value)
                : significant(value);
    }

    /** Three significant digits. */
    static String significant(double value) {
        double magnitude = Math.abs(value);
        if (magnitude >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (magnitude >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A signed percentage change, e.g. {@code +12.5 %}; null when the base is zero. */
    static String percentChange(double before, double after) {
        if (before == 0) {
            return null;
        }
        double change = (after - before) / Math.abs(before) * 100;
        return String.format(Locale.ROOT, "%+.1f %%", change);
    }

    /** Escapes text for HTML element content and attribute values. */
    static String html(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&#39;");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    /** Escapes text for a Markdown table cell or paragraph: pipes, backslashes, markup characters and newlines. */
    static String markdown(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|', '\\', '*', '_', '`', '[', ']', '<', '>', '#' -> escaped.append('\\').append(c);
                case '\n', '\r' -> escaped.append(' ');
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
