package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.internal.Home;
import dev.schemabench.suite.CompareConfig;
import dev.schemabench.suite.ProfileFile;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The README stays an entry point (at most 200 lines) and no document links to a file that does not exist;
 * docs/configuration.md's tables of profile keys and options are generated from the code and must equal what the code
 * generates now. After changing a key, a default, a profile or an option, regenerate them with
 * {@code mvn -B -pl harness test -Dtest=DocumentationTest -Dschemabench.updateDocs=true} and review the diff.
 */
class DocumentationTest {

    private static final int README_MAX_LINES = 200;
    private static final Path ROOT = Home.directory();
    private static final Path CONFIGURATION = ROOT.resolve("docs").resolve("configuration.md");
    private static final boolean UPDATE = Boolean.getBoolean("schemabench.updateDocs");
    /** A Markdown link or image target: ](target) */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    @Test
    void readmeIsAtMost200Lines() throws IOException {
        long lines = Files.readAllLines(ROOT.resolve("README.md"), StandardCharsets.UTF_8).size();
        assertTrue(lines <= README_MAX_LINES, "README.md has " + lines + " lines; depth belongs in docs/");
    }

    @Test
    void everyRelativeLinkInTheReadmeAndDocsExists() throws IOException {
        List<Path> documents = new ArrayList<>();
        documents.add(ROOT.resolve("README.md"));
        try (Stream<Path> docs = Files.list(ROOT.resolve("docs"))) {
            docs.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> broken = new ArrayList<>();
        int checked = 0;
        for (Path document : documents) {
            Matcher links = LINK.matcher(Files.readString(document, StandardCharsets.UTF_8));
            while (links.find()) {
                String target = links.group(1);
                if (target.startsWith("http://") || target.startsWith("https://") || target.startsWith("mailto:")
                        || target.startsWith("#")) {
                    continue;
                }
                int anchor = target.indexOf('#');
                String file = anchor >= 0 ? target.substring(0, anchor) : target;
                checked++;
                if (!Files.exists(document.getParent().resolve(file).normalize())) {
                    broken.add(ROOT.relativize(document) + " -> " + target);
                }
            }
        }
        assertTrue(checked > 10, "the README and docs link to each other (" + checked + " links checked)");
        assertTrue(broken.isEmpty(), "links to missing files: " + broken);
    }

    @Test
    void configurationDocumentsEveryEnvironmentVariableTheCliReads() throws Exception {
        String text = Files.readString(CONFIGURATION, StandardCharsets.UTF_8);
        for (Field field : DatabaseOptions.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && (field.getName().startsWith("ENV_") || field.getName().startsWith("LIBPQ_")
                    || field.getName().startsWith("DEPRECATED_"))) {
                field.setAccessible(true);
                String variable = (String) field.get(null);
                assertTrue(text.contains("`" + variable + "`"), variable + " is documented in docs/configuration.md");
            }
        }
    }

    @Test
    void configurationTablesAreThoseTheCodeGenerates() throws IOException {
        String text = Files.readString(CONFIGURATION, StandardCharsets.UTF_8);
        String updated = replace(text, "profile-keys", profileKeys());
        CommandLine main = new CommandLine(new Main());
        for (String command : List.of("compare", "serve", "report", "gate")) {
            updated = replace(updated, "options-" + command,
                    options(main.getSubcommands().get(command).getCommandSpec()));
        }
        if (UPDATE && !updated.equals(text)) {
            Files.writeString(CONFIGURATION, updated, StandardCharsets.UTF_8);
            text = updated;
        }
        assertEquals(updated, text, "docs/configuration.md differs from the code; regenerate with"
                + " -Dschemabench.updateDocs=true (see this class's Javadoc)");
    }

    /** Replaces what lies between the {@code generated:NAME} markers with {@code content}. */
    private static String replace(String text, String name, String content) {
        String start = "<!-- generated:" + name + " -->\n";
        String end = "<!-- /generated:" + name + " -->";
        int from = text.indexOf(start);
        int to = text.indexOf(end);
        assertTrue(from >= 0 && to > from, "docs/configuration.md has the markers " + start.strip() + " and " + end);
        return text.substring(0, from + start.length()) + content + text.substring(to);
    }

    private static String profileKeys() {
        List<Map<String, Object>> columns = new ArrayList<>();
        columns.add(new CompareConfig.Builder().build().effectiveValues());
        for (String profile : ProfileFile.BUILT_IN) {
            CompareConfig.Builder builder = new CompareConfig.Builder();
            ProfileFile.apply(profile, builder);
            columns.add(builder.build().effectiveValues());
        }
        StringBuilder table = new StringBuilder("| key | built-in default | ");
        table.append(String.join(" | ", ProfileFile.BUILT_IN)).append(" | meaning |\n|---|---|");
        table.append("---|".repeat(ProfileFile.BUILT_IN.size())).append("---|\n");
        for (String key : CompareConfig.DEFAULTS.keySet()) {
            table.append("| `").append(key).append("` |");
            for (Map<String, Object> column : columns) {
                table.append(' ').append(cell(column.get(key))).append(" |");
            }
            String meaning = CompareConfig.DESCRIPTIONS.get(key);
            assertTrue(meaning != null, "CompareConfig.DESCRIPTIONS explains " + key);
            table.append(' ').append(meaning).append(" |\n");
        }
        return table.toString();
    }

    private static String cell(Object value) {
        String text;
        if (value instanceof List<?> list) {
            text = list.stream().map(String::valueOf).collect(Collectors.joining(","));
        } else if (value instanceof Double number && number == Math.rint(number)) {
            text = String.valueOf(number.longValue());
        } else {
            text = String.valueOf(value);
        }
        return text.isEmpty() ? "(none)" : text;
    }

    private static String options(CommandLine.Model.CommandSpec spec) {
        StringBuilder table = new StringBuilder("| option | what it sets (default) |\n|---|---|\n");
        List<String> deprecated = new ArrayList<>();
        for (OptionSpec option : spec.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            String names = String.join(", ", option.names()) + (option.arity().max() > 0 ? " " + option.paramLabel()
                    : "");
            String description = String.join(" ", option.description())
                    .replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()))
                    .replace("${COMPLETION-CANDIDATES}", String.join(", ", ProfileFile.BUILT_IN))
                    .replace("|", "\\|");
            if (option.hidden()) {
                deprecated.add("`" + names + "`: " + description);
            } else {
                table.append("| `").append(names).append("` | ").append(description).append(" |\n");
            }
        }
        table.append("| `-h, --help` / `-V, --version` | this help / the version and the git commit |\n");
        if (!deprecated.isEmpty()) {
            table.append("\nDeprecated names (still accepted, with a warning):\n\n");
            deprecated.forEach(line -> table.append("- ").append(line).append('\n'));
        }
        return table.toString();
    }
}
