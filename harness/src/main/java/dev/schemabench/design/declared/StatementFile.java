package dev.schemabench.design.declared;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code queries.sql} read with line numbers: each statement introduced by a {@code -- name: NAME} line, with the
 * line of its header and of every {@code :parameter} it uses, so that a fault can be pointed at. Immutable.
 */
final class StatementFile {

    /** One named statement. */
    record Statement(String name, int line, List<Parameter> parameters) {
    }

    /** A {@code :name} parameter and the 1-based line it is on. */
    record Parameter(String name, int line) {
    }

    private static final Pattern NAME_LINE = Pattern.compile("^--\\s*name:\\s*(\\S+)\\s*$");
    private static final Pattern STATEMENT_NAME = Pattern.compile("[a-z_][a-z0-9_]*");

    private final Path file;
    private final Map<String, Statement> statements;

    private StatementFile(Path file, Map<String, Statement> statements) {
        this.file = file;
        this.statements = statements;
    }

    static StatementFile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new DeclarationException(file, 0, "cannot be read: " + e.getMessage());
        }
        Map<String, Statement> statements = new LinkedHashMap<>();
        String name = null;
        int header = 0;
        List<Parameter> parameters = new ArrayList<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            Matcher matcher = NAME_LINE.matcher(line.strip());
            if (matcher.matches()) {
                if (name != null) {
                    statements.put(name, new Statement(name, header, List.copyOf(parameters)));
                }
                name = matcher.group(1);
                header = index + 1;
                parameters = new ArrayList<>();
                if (!STATEMENT_NAME.matcher(name).matches()) {
                    throw new DeclarationException(file, header, "statement name '" + name
                            + "' is not lower-case letters, digits and '_'");
                }
                if (statements.containsKey(name)) {
                    throw new DeclarationException(file, header, "a second statement named '" + name + "' (the first"
                            + " is on line " + statements.get(name).line() + ")");
                }
                continue;
            }
            if (line.strip().startsWith("--")) {
                continue;
            }
            if (name == null) {
                if (!line.isBlank()) {
                    throw new DeclarationException(file, index + 1, "SQL before the first '-- name: NAME' line");
                }
                continue;
            }
            for (String parameter : parametersOf(line)) {
                parameters.add(new Parameter(parameter, index + 1));
            }
        }
        if (name != null) {
            statements.put(name, new Statement(name, header, List.copyOf(parameters)));
        }
        return new StatementFile(file, statements);
    }

    Path file() {
        return file;
    }

    Map<String, Statement> statements() {
        return statements;
    }

    /** The {@code :name} parameters of one line, skipping {@code ::} casts and quoted text, as the
     * harness binds them (a parameter in a trailing comment counts). */
    static List<String> parametersOf(String line) {
        List<String> names = new ArrayList<>();
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == ':' && i + 1 < line.length() && line.charAt(i + 1) == ':') {
                i++;
            } else if (c == ':' && i + 1 < line.length() && Character.isJavaIdentifierStart(line.charAt(i + 1))) {
                int end = i + 1;
                while (end < line.length() && Character.isJavaIdentifierPart(line.charAt(end))) {
                    end++;
                }
                names.add(line.substring(i + 1, end));
                i = end - 1;
            }
        }
        return names;
    }
}
