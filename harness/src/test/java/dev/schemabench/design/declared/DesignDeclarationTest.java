package dev.schemabench.design.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.design.SchemaFiles;
import dev.schemabench.internal.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A declared design's files are checked when loaded; each fault names its file and line. No database. */
class DesignDeclarationTest {

    @TempDir
    Path root;

    @Test
    void theShippedExamplesLoad() {
        DesignDeclaration ids = DesignDeclaration.load(Home.schemas().resolve("jsonb_ids"));
        assertEquals("similar", ids.read());
        assertEquals(DesignDeclaration.ReadShape.ITEM_ROWS, ids.readShape());
        assertEquals(List.of("merge_products", "insert_lists"), ids.stage());
        assertEquals(ids.activate(), ids.rollback());
        DesignDeclaration gin = DesignDeclaration.load(Home.schemas().resolve("jsonb_gin"));
        assertEquals(DesignDeclaration.ReadShape.JSON_LIST, gin.readShape());
        assertEquals(new DesignDeclaration.Updates("apply_update", "lists_recommending", false), ids.updates());
        assertEquals(new DesignDeclaration.Updates("apply_update", "lists_recommending", true), gin.updates());
        SchemaFiles files = SchemaFiles.load(Home.schemas(), "jsonb_ids");
        assertTrue(files.statement("lock_batches").contains("pg_advisory_xact_lock"), "bookkeeping completed");
        assertTrue(files.fileHashes().containsKey(DesignDeclaration.FILE), "the declaration is in the fingerprint");
    }

    @Test
    void unknownKeyNamesFileAndLine() throws IOException {
        Path design = copy("jsonb_ids", "mine");
        replace(design.resolve("design.properties"), "retire = delete_lists", "retire = delete_lists\nretier = x");
        DeclarationException fault = assertThrows(DeclarationException.class, () -> DesignDeclaration.load(design));
        assertEquals(design.resolve("design.properties"), fault.file());
        assertEquals(lineOf(design.resolve("design.properties"), "retier = x"), fault.line());
        assertTrue(fault.getMessage().contains("design.properties:" + fault.line() + ": unknown key 'retier'"),
                fault.getMessage());
    }

    @Test
    void missingStatementNamesTheDeclarationLine() throws IOException {
        Path design = copy("jsonb_ids", "mine");
        replace(design.resolve("design.properties"), "stage = merge_products, insert_lists",
                "stage = merge_products, insert_list");
        DeclarationException fault = assertThrows(DeclarationException.class, () -> DesignDeclaration.load(design));
        assertEquals(lineOf(design.resolve("design.properties"), "stage = "), fault.line());
        assertTrue(fault.getMessage().contains("no statement named 'insert_list' in queries.sql"), fault.getMessage());
    }

    @Test
    void badParameterNamesTheQueriesLine() throws IOException {
        Path design = copy("jsonb_ids", "mine");
        replace(design.resolve("queries.sql"), "DELETE FROM lists WHERE batch_id = :batch_id",
                "DELETE FROM lists WHERE batch_id = :batch");
        DeclarationException fault = assertThrows(DeclarationException.class, () -> DesignDeclaration.load(design));
        assertEquals(design.resolve("queries.sql"), fault.file());
        assertEquals(lineOf(design.resolve("queries.sql"), "DELETE FROM lists"), fault.line());
        assertTrue(fault.getMessage().contains("uses :batch, but as a statement of 'retire' it may only use :batch_id"),
                fault.getMessage());
    }

    @Test
    void otherFaultsAreNamedToo() throws IOException {
        Path design = copy("jsonb_ids", "mine");
        replace(design.resolve("design.properties"), "read_returns = item_rows", "read_returns = rows");
        assertFault(design, "design.properties", "read_returns = rows", "item_rows or json_list");

        design = copy("jsonb_ids", "twice");
        replace(design.resolve("design.properties"), "retire = delete_lists", "retire = delete_lists\nstage = again");
        assertFault(design, "design.properties", "stage = again", "'stage' is given twice");

        design = copy("jsonb_ids", "unused");
        Files.writeString(design.resolve("queries.sql"), "\n-- name: forgotten\nSELECT 1\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertFault(design, "queries.sql", "-- name: forgotten", "is not named by design.properties");

        design = copy("jsonb_ids", "reserved");
        Files.writeString(design.resolve("schema.sql"), "\nCREATE TABLE batches (id int);\n",
                java.nio.file.StandardOpenOption.APPEND);
        assertFault(design, "schema.sql", "CREATE TABLE batches", "is the harness's own");

        design = copy("jsonb_ids", "noread");
        replace(design.resolve("design.properties"), "read = similar\n", "");
        DeclarationException missing = assertThrows(DeclarationException.class,
                () -> DesignDeclaration.load(root.resolve("noread")));
        assertTrue(missing.getMessage().contains("no 'read' key"), missing.getMessage());

        design = copy("jsonb_ids", "noline");
        replace(design.resolve("design.properties"), "engine = postgresql", "engine postgresql");
        assertFault(design, "design.properties", "engine postgresql", "expected 'key = value'");
    }

    @Test
    void theUpdateRoleIsOptionalButWholeWhenDeclared() throws IOException {
        Path design = copy("jsonb_ids", "noupdates");
        replace(design.resolve("design.properties"), "update = apply_update\nlists_recommending = lists_recommending\n"
                + "copies_display_fields = false\n", "");
        String queries = Files.readString(design.resolve("queries.sql"));
        Files.writeString(design.resolve("queries.sql"),
                queries.substring(0, queries.indexOf("\n-- name: lists_recommending")) + "\n");
        assertEquals(null, DesignDeclaration.load(design).updates(), "no update role: the stage says so");

        design = copy("jsonb_ids", "halfrole");
        replace(design.resolve("design.properties"), "lists_recommending = lists_recommending\n", "");
        assertFault(design, "design.properties", "update = apply_update", "needs both 'update' and"
                + " 'lists_recommending'");

        design = copy("jsonb_ids", "nocopies");
        replace(design.resolve("design.properties"), "copies_display_fields = false", "copies_display_fields = maybe");
        assertFault(design, "design.properties", "copies_display_fields = maybe", "'copies_display_fields = true'");

        design = copy("jsonb_ids", "badupdate");
        replace(design.resolve("queries.sql"), "WHERE product_id = :product_id\n", "WHERE product_id = :id\n");
        assertFault(design, "queries.sql", "WHERE product_id = :id", "as a statement of 'update' it may only use");
    }

    @Test
    void discoveryListsDeclaredFoldersAndFindsThemByName() throws IOException {
        copy("jsonb_ids", "mine");
        Files.createDirectories(root.resolve("plain"));
        assertEquals(List.of("mine"), DeclaredDesigns.names(root, List.of()));
        assertEquals(List.of(), DeclaredDesigns.names(root, List.of("mine")));
        assertEquals("mine", DeclaredDesigns.find(root, "mine").orElseThrow().name());
        assertTrue(DeclaredDesigns.find(root, "plain").isEmpty());
        assertTrue(DeclaredDesigns.find(root, "../mine").isEmpty());
    }

    private void assertFault(Path design, String file, String lineStart, String message) throws IOException {
        DeclarationException fault = assertThrows(DeclarationException.class, () -> DesignDeclaration.load(design));
        assertEquals(design.resolve(file), fault.file(), fault.getMessage());
        assertEquals(lineOf(design.resolve(file), lineStart), fault.line(), fault.getMessage());
        assertTrue(fault.getMessage().contains(message), fault.getMessage());
    }

    private Path copy(String shipped, String name) throws IOException {
        Path to = Files.createDirectories(root.resolve(name));
        try (Stream<Path> files = Files.list(Home.schemas().resolve(shipped))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, to.resolve(file.getFileName().toString()));
            }
        }
        return to;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.contains(from), from + " in " + file);
        Files.writeString(file, text.replace(from, to));
    }

    private static int lineOf(Path file, String start) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).strip().startsWith(start)) {
                return i + 1;
            }
        }
        throw new AssertionError(start + " not in " + file);
    }
}
