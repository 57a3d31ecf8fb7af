package dev.schemabench.design;

import dev.schemabench.design.declared.DesignDeclaration;
import dev.schemabench.design.postgres.DeclaredPostgresDesign;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A design's folder under {@code schemas/}: DDL ({@code schema.sql}), secondary indexes ({@code indexes.sql}) and
 * named statements ({@code queries.sql}, each introduced by a {@code -- name: NAME} line). Read once at design
 * creation, so an architect can change a design without touching Java. Immutable.
 */
public final class SchemaFiles {

    private static final Pattern NAME_LINE = Pattern.compile("^--\\s*name:\\s*([a-z_][a-z0-9_]*)\\s*$",
            Pattern.MULTILINE);

    private final Path directory;
    private final Map<String, String> statements;
    private final Map<String, String> fileHashes;

    private SchemaFiles(Path directory, Map<String, String> statements, Map<String, String> fileHashes) {
        this.directory = directory;
        this.statements = statements;
        this.fileHashes = fileHashes;
    }

    /**
     * Loads {@code schemasRoot/design}; fails with a user-facing message if the folder or a file is missing. A folder
     * that declares a design ({@link DesignDeclaration#FILE}) is checked and completed with the harness's statements
     * for declared designs; a faulty declaration throws {@link dev.schemabench.design.declared.DeclarationException}.
     */
    public static SchemaFiles load(Path schemasRoot, String design) {
        Path directory = schemasRoot.resolve(design);
        if (!Files.isDirectory(directory)) {
            throw new DesignException("schema folder " + directory + " does not exist");
        }
        SchemaFiles files = readFolder(directory);
        return DesignDeclaration.declares(directory)
                ? DeclaredPostgresDesign.completed(files, DesignDeclaration.load(directory)) : files;
    }

    private static SchemaFiles readFolder(Path directory) {
        try {
            Path queries = directory.resolve("queries.sql");
            Map<String, String> statements = Files.exists(queries) ? parseNamed(read(queries)) : Map.of();
            Map<String, String> hashes = new TreeMap<>();
            try (Stream<Path> files = Files.list(directory)) {
                for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                    if (Files.isRegularFile(file)) {
                        hashes.put(file.getFileName().toString(), sha256(Files.readAllBytes(file)));
                    }
                }
            }
            return new SchemaFiles(directory, statements, hashes);
        } catch (IOException e) {
            throw new DesignException("cannot read " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The folder the files came from. */
    public Path directory() {
        return directory;
    }

    /** The text of a whole file in the folder, for example {@code schema.sql}. */
    public String file(String fileName) {
        try {
            return read(directory.resolve(fileName));
        } catch (IOException e) {
            throw new DesignException("cannot read " + directory.resolve(fileName) + ": " + e.getMessage(), e);
        }
    }

    /** The statement named {@code name} in {@code queries.sql}. */
    public String statement(String name) {
        String sql = statements.get(name);
        if (sql == null) {
            throw new DesignException(directory.resolve("queries.sql") + " has no statement named '" + name + "'");
        }
        return sql;
    }

    /** These files with {@code added} statements besides their own; an added name replaces one of theirs. */
    public SchemaFiles withStatements(Map<String, String> added) {
        Map<String, String> all = new LinkedHashMap<>(statements);
        all.putAll(added);
        return new SchemaFiles(directory, all, fileHashes);
    }

    /** SHA-256 of every file in the folder, by file name; recorded in each run's fingerprint. */
    public Map<String, String> fileHashes() {
        return fileHashes;
    }

    /** Splits text into statements introduced by {@code -- name: NAME} lines, comments dropped. */
    public static Map<String, String> parseNamed(String text) {
        Map<String, String> statements = new LinkedHashMap<>();
        Matcher matcher = NAME_LINE.matcher(text);
        String name = null;
        int bodyStart = 0;
        while (matcher.find()) {
            if (name != null) {
                statements.put(name, clean(text.substring(bodyStart, matcher.start())));
            }
            name = matcher.group(1);
            bodyStart = matcher.end();
        }
        if (name != null) {
            statements.put(name, clean(text.substring(bodyStart)));
        }
        return statements;
    }

    private static String clean(String body) {
        StringBuilder sql = new StringBuilder();
        for (String line : body.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("--")) {
                continue;
            }
            sql.append(sql.length() == 0 ? "" : "\n").append(line.stripTrailing());
        }
        String statement = sql.toString().strip();
        return statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement;
    }

    private static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DesignException(file + " does not exist");
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
