package dev.schemabench.design.postgres;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bulk path written down for {@code psql}: one script with the statements in order inside one transaction, each
 * {@code COPY ... FROM STDIN} turned into {@code \copy ... FROM 'copy-N.tsv'} with its rows in that file beside the
 * script, byte for byte what the server would have received. Run it from its folder.
 */
final class PsqlScript implements BulkTarget {

    private static final Pattern COPY_FROM_STDIN = Pattern.compile("(?is)^\\s*COPY\\s+(.+?)\\s+FROM\\s+STDIN\\s*;?\\s*$");

    private final Path folder;
    private final List<String> lines = new ArrayList<>();
    private final List<Path> dataFiles = new ArrayList<>();

    PsqlScript(Path folder) {
        this.folder = folder;
        lines.add("\\set ON_ERROR_STOP on");
        lines.add("BEGIN;");
    }

    @Override
    public void execute(String sql) {
        lines.add(sql.strip() + ";");
    }

    @Override
    public CopyWriter copy(String copyFromStdin) throws SQLException {
        Matcher matcher = COPY_FROM_STDIN.matcher(copyFromStdin);
        if (!matcher.matches()) {
            throw new SQLException("not a COPY ... FROM STDIN: " + copyFromStdin);
        }
        Path file = folder.resolve(String.format(Locale.ROOT, "copy-%d.tsv", dataFiles.size() + 1));
        dataFiles.add(file);
        lines.add("\\copy " + matcher.group(1).replaceAll("\\s+", " ") + " FROM '" + file.getFileName() + "'");
        try {
            return CopyWriter.toStream(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
        } catch (IOException e) {
            throw new SQLException("could not create " + file + ": " + e.getMessage(), e);
        }
    }

    /** Ends the transaction, writes the script; returns it. */
    Path finish() throws IOException {
        lines.add("COMMIT;");
        Path script = folder.resolve("bulk.sql");
        Files.write(script, lines, StandardCharsets.UTF_8);
        return script;
    }

    /** The COPY data files, in the order the script loads them. */
    List<Path> dataFiles() {
        return List.copyOf(dataFiles);
    }
}
