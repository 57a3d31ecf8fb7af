package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.internal.Home;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaFilesTest {

    @Test
    void parseNamedSplitsByNameDropsCommentsAndTrailingSemicolons() {
        String text = """
                -- header comment, before any name: ignored

                -- name: first
                -- what it does
                SELECT a
                FROM t   -- trailing comments on a code line are kept
                WHERE b = :b;

                -- name: second_one
                  -- indented comment
                UPDATE t SET a = 1;
                -- name: empty
                -- name: last
                DELETE FROM t""";
        Map<String, String> statements = SchemaFiles.parseNamed(text);
        assertEquals(List.of("first", "second_one", "empty", "last"), List.copyOf(statements.keySet()));
        assertEquals("SELECT a\nFROM t   -- trailing comments on a code line are kept\nWHERE b = :b",
                statements.get("first"));
        assertEquals("UPDATE t SET a = 1", statements.get("second_one"));
        assertEquals("", statements.get("empty"));
        assertEquals("DELETE FROM t", statements.get("last"));
    }

    @Test
    void parseNamedToleratesWindowsLineEndings() {
        Map<String, String> statements = SchemaFiles.parseNamed("-- name: a\r\n-- note\r\nSELECT 1;\r\n"
                + "-- name: b\r\nSELECT 2\r\n");
        assertEquals(Map.of("a", "SELECT 1", "b", "SELECT 2"), statements);
    }

    @Test
    void textWithoutNamesHasNoStatements() {
        assertEquals(Map.of(), SchemaFiles.parseNamed("SELECT 1;\n-- just a comment\n"));
    }

    @Test
    void loadsEveryShippedDesignWithTheStatementsTheCodeUses() {
        List<String> shared = List.of("similar", "insert_batch", "lock_batches", "batch_exists", "batch_state",
                "active_batch", "mark_inactive", "mark_active", "previous_batch", "list_batches",
                "delete_batch_rows", "delete_batch", "active_product_count");
        for (String design : List.of("jsonb", "normalized")) {
            SchemaFiles files = SchemaFiles.load(Home.schemas(), design);
            for (String name : shared) {
                assertTrue(!files.statement(name).isBlank(), design + " " + name);
                assertTrue(!files.statement(name).endsWith(";"), design + " " + name);
            }
            assertTrue(files.fileHashes().keySet().containsAll(List.of("schema.sql", "indexes.sql", "queries.sql")),
                    files.fileHashes().toString());
            files.fileHashes().values().forEach(hash -> assertEquals(64, hash.length()));
            assertTrue(files.file("schema.sql").contains("CREATE TABLE"));
        }
    }

    @Test
    void missingFolderFileOrStatementIsAUserFacingError(@TempDir Path root) throws Exception {
        DesignException noFolder = assertThrows(DesignException.class, () -> SchemaFiles.load(root, "nope"));
        assertTrue(noFolder.getMessage().contains("nope"), noFolder.getMessage());

        Files.createDirectories(root.resolve("bare"));
        SchemaFiles bare = SchemaFiles.load(root, "bare");
        DesignException noQueries = assertThrows(DesignException.class, () -> bare.statement("similar"),
                "a folder without queries.sql (the mongo design's) loads, but has no SQL statement");
        assertTrue(noQueries.getMessage().contains("queries.sql"), noQueries.getMessage());

        Files.writeString(root.resolve("bare/queries.sql"), "-- name: one\nSELECT 1;\n");
        SchemaFiles files = SchemaFiles.load(root, "bare");
        assertEquals("SELECT 1", files.statement("one"));
        DesignException unknown = assertThrows(DesignException.class, () -> files.statement("two"));
        assertTrue(unknown.getMessage().contains("'two'"), unknown.getMessage());
        assertThrows(DesignException.class, () -> files.file("schema.sql"));
    }
}
