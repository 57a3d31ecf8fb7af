package dev.schemabench.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * A first, plain HTML page of a run's figures, rendered from a saved results tree only (never from live harness
 * state). Self-contained: no script, no external URL. Absent figures show as "–", never as 0.
 */
public final class HtmlReport {

    public static final String NAME = "index.html";

    private static final String ABSENT = "–";

    private HtmlReport() {
    }

    public static String render(JsonNode results) {
        JsonNode run = results.path("run");
        StringBuilder html = new StringBuilder(16_384);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>SchemaBench run ").append(escape(run.path("id").asText())).append("</title>\n")
                .append("<style>\n")
                .append("body{font:15px/1.45 system-ui,-apple-system,Segoe UI,sans-serif;margin:2rem auto;")
                .append("max-width:72rem;padding:0 1rem;color:#1d2330}\n")
                .append("table{border-collapse:collapse;margin:1rem 0;font-variant-numeric:tabular-nums}\n")
                .append("th,td{border:1px solid #ccd;padding:.3rem .6rem;text-align:right}\n")
                .append("th:first-child,td:first-child{text-align:left}th{background:#eef1f6}\n")
                .append(".skipped,.failed{color:#8a3b12}pre{background:#f5f6f8;padding:.8rem;overflow:auto}\n")
                .append("</style>\n</head>\n<body>\n");
        html.append("<h1>SchemaBench: which storage design?</h1>\n<p>Run <code>")
                .append(escape(run.path("id").asText())).append("</code>, profile <b>")
                .append(escape(run.path("profile").asText())).append("</b>, ")
                .append(String.format(Locale.ROOT, "%,d", run.path("products").asLong())).append(" products &times; ")
                .append(run.path("recs_per_product").asInt()).append(" recommendations, seed ")
                .append(run.path("seed").asLong()).append(". Started ").append(escape(run.path("started_at").asText()))
                .append(".</p>\n");

        html.append("<h2>Storage-level read latency (open model, from intended start)</h2>\n<table>\n")
                .append("<tr><th>Design</th><th>Status</th><th>P50 ms</th><th>P95 ms</th><th>P99 ms</th>")
                .append("<th>P99.9 ms</th><th>Max ms</th><th>Reads</th><th>Errors</th><th>Throughput /s</th>")
                .append("<th>Target /s</th></tr>\n");
        for (JsonNode design : results.path("designs")) {
            JsonNode latency = design.path("storage_level");
            html.append("<tr><td>").append(escape(design.path("name").asText())).append("</td><td class=\"")
                    .append(escape(design.path("status").asText())).append("\">")
                    .append(escape(design.path("status").asText())).append("</td>")
                    .append(cell(latency, "p50_ms")).append(cell(latency, "p95_ms")).append(cell(latency, "p99_ms"))
                    .append(cell(latency, "p999_ms")).append(cell(latency, "max_ms")).append(cell(latency, "ops"))
                    .append(cell(latency, "errors")).append(cell(latency, "throughput_ops_s"))
                    .append(cell(latency, "target_rate_ops_s")).append("</tr>\n");
        }
        html.append("</table>\n");

        html.append("<h2>Service-level read latency (Gatling over HTTP, open model)</h2>\n<table>\n")
                .append("<tr><th>Design</th><th>P50 ms</th><th>P95 ms</th><th>P99 ms</th><th>P99.9 ms</th>")
                .append("<th>Max ms</th><th>Reads</th><th>Errors</th><th>Throughput /s</th><th>Target /s</th>")
                .append("<th>CPU s service</th><th>CPU s Gatling</th><th>CPU s database</th><th>Wall s</th>")
                .append("<th>Refresh errors / empty / mixed</th><th>Report</th></tr>\n");
        for (JsonNode design : results.path("designs")) {
            JsonNode latency = design.path("service_level");
            JsonNode cpu = design.path("service_cpu");
            JsonNode refresh = design.path("service_refresh").path("reads_during_refresh");
            String report = design.path("artifacts").path("gatling_report_similar_products").asText("");
            html.append("<tr><td>").append(escape(design.path("name").asText())).append("</td>")
                    .append(cell(latency, "p50_ms")).append(cell(latency, "p95_ms")).append(cell(latency, "p99_ms"))
                    .append(cell(latency, "p999_ms")).append(cell(latency, "max_ms")).append(cell(latency, "ops"))
                    .append(cell(latency, "errors")).append(cell(latency, "throughput_ops_s"))
                    .append(cell(latency, "target_rate_ops_s")).append(cell(cpu, "harness_s"))
                    .append(cell(cpu, "load_generator_s")).append(cell(cpu, "database_s")).append(cell(cpu, "wall_s"))
                    .append("<td>").append(refresh.isMissingNode() || refresh.isNull() ? ABSENT
                            : refresh.path("errors").asLong() + " / " + refresh.path("empty").asLong() + " / "
                            + refresh.path("mixed").asLong()).append("</td><td>")
                    .append(report.isEmpty() ? ABSENT : "<a href=\"" + escape(report) + "\">Gatling</a>")
                    .append("</td></tr>\n");
        }
        html.append("</table>\n<p>The service, Gatling and PostgreSQL share the machine's ")
                .append(results.path("run").path("environment").path("cpus").asInt())
                .append(" CPUs: CPU seconds per process over the measured wall time show how close to saturation")
                .append(" the figures were taken.</p>\n\n");

        html.append("<h2>Storage</h2>\n<table>\n<tr><th>Design</th><th>Heap bytes</th><th>TOAST bytes</th>")
                .append("<th>Index bytes</th><th>Total bytes</th><th>Bytes per product</th><th>Stage ms</th>")
                .append("<th>Activate ms</th></tr>\n");
        for (JsonNode design : results.path("designs")) {
            JsonNode footprint = design.path("footprint");
            JsonNode load = design.path("load");
            html.append("<tr><td>").append(escape(design.path("name").asText())).append("</td>")
                    .append(cell(footprint, "table_bytes")).append(cell(footprint, "toast_bytes"))
                    .append(cell(footprint, "index_bytes")).append(cell(footprint, "total_bytes"))
                    .append(cell(footprint, "bytes_per_product")).append(cell(load, "stage_ms"))
                    .append(cell(load, "activate_ms")).append("</tr>\n");
        }
        html.append("</table>\n");

        for (JsonNode design : results.path("designs")) {
            html.append("<h3>").append(escape(design.path("name").asText())).append("</h3>\n<p>")
                    .append(escape(design.path("description").asText(""))).append("</p>\n");
            if (!design.path("reason").isNull() && !design.path("reason").isMissingNode()) {
                html.append("<p class=\"").append(escape(design.path("status").asText())).append("\"><b>")
                        .append(escape(design.path("status").asText())).append(":</b> ")
                        .append(escape(design.path("reason").asText())).append("</p>\n");
            }
            JsonNode indexes = design.path("footprint").path("indexes");
            if (indexes.isArray() && !indexes.isEmpty()) {
                html.append("<table>\n<tr><th>Index</th><th>Table</th><th>Bytes</th></tr>\n");
                for (JsonNode index : indexes) {
                    html.append("<tr><td>").append(escape(index.path("name").asText())).append("</td><td>")
                            .append(escape(index.path("relation").asText())).append("</td>")
                            .append(cell(index, "bytes")).append("</tr>\n");
                }
                html.append("</table>\n");
            }
            if (design.path("plan").isContainerNode()) {
                html.append("<details><summary>Read plan</summary><pre>").append(escape(pretty(design.path("plan"))))
                        .append("</pre></details>\n");
            }
        }

        html.append("<h2>Environment</h2>\n<pre>").append(escape(pretty(run.path("environment")))).append("</pre>\n")
                .append("<h2>Configuration</h2>\n<pre>").append(escape(pretty(run.path("config")))).append("</pre>\n")
                .append("<p>Latency is measured from each read's intended start under a fixed arrival rate, so a")
                .append(" stall shows up in every read queued behind it. All designs read the same key sequence, in")
                .append(" alternating slices, on the same server.</p>\n</body>\n</html>\n");
        return html.toString();
    }

    private static String cell(JsonNode parent, String field) {
        JsonNode value = parent.path(field);
        if (value.isMissingNode() || value.isNull()) {
            return "<td>" + ABSENT + "</td>";
        }
        if (value.isIntegralNumber()) {
            return "<td>" + String.format(Locale.ROOT, "%,d", value.asLong()) + "</td>";
        }
        if (value.isNumber()) {
            return "<td>" + String.format(Locale.ROOT, "%,.3f", value.asDouble()) + "</td>";
        }
        return "<td>" + escape(value.asText()) + "</td>";
    }

    private static String pretty(JsonNode node) {
        try {
            return ResultsFile.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(node);
        } catch (JsonProcessingException e) {
            return node.toString();
        }
    }

    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
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
}
