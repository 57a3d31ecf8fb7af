package dev.schemabench.report;

import dev.schemabench.design.DesignRegistry;
import dev.schemabench.results.RunResults;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The designs this SchemaBench knows that a run did not include, each with how to include it, so that a quick run's
 * summary does not silently lack a row. Reads the saved results and the design registry only.
 */
final class MissingDesigns {

    private MissingDesigns() {
    }

    /** One sentence per registered design absent from {@code results}, in registration order. */
    static List<String> sentences(RunResults results) {
        Set<String> inRun = new LinkedHashSet<>();
        results.designs().forEach(design -> inRun.add(design.name()));
        String designs = String.join(",", inRun);
        List<String> sentences = new ArrayList<>();
        for (DesignRegistry.Entry entry : DesignRegistry.all()) {
            if (inRun.contains(entry.name())) {
                continue;
            }
            String include = "add it with --designs " + (designs.isEmpty() ? "" : designs + ",") + entry.name();
            if (entry.description().contains("MongoDB")) {
                include += " and give it a MongoDB: --mongo-uri or SCHEMABENCH_MONGO_URI, a running Docker engine,"
                        + " or a mongod on the PATH (docs/databases.md)";
            }
            sentences.add(entry.name() + " (" + entry.description() + ") was not in this run: " + include + ".");
        }
        return sentences;
    }

    /** A Markdown section listing the missing designs, or nothing when every design was in the run. */
    static String markdown(RunResults results) {
        List<String> sentences = sentences(results);
        if (sentences.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("\n### Designs not in this run\n\n");
        sentences.forEach(sentence -> md.append("- ").append(Text.markdown(sentence)).append('\n'));
        return md.toString();
    }

    /** An HTML note listing the missing designs, or nothing when every design was in the run. */
    static String html(RunResults results) {
        List<String> sentences = sentences(results);
        if (sentences.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("<div class=\"note\"><p>Designs not in this run:</p>\n<ul>\n");
        sentences.forEach(sentence -> html.append("<li>").append(Text.html(sentence)).append("</li>\n"));
        return html.append("</ul></div>\n").toString();
    }
}
