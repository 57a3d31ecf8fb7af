package dev.schemabench.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.internal.Home;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A design declared in files is selected by name; a faulty one stops the run with exit 2 before anything is written. */
class DeclaredDesignCliTest {

    private final String previous = System.getProperty(Home.SCHEMAS_PROPERTY);

    @AfterEach
    void restore() {
        if (previous == null) {
            System.clearProperty(Home.SCHEMAS_PROPERTY);
        } else {
            System.setProperty(Home.SCHEMAS_PROPERTY, previous);
        }
    }

    @Test
    void faultyDeclarationExitsTwoNamingFileAndLineAndWritesNothing(@TempDir Path work) throws IOException {
        Path schemas = Files.createDirectories(work.resolve("schemas"));
        Path design = Files.createDirectories(schemas.resolve("my_design"));
        try (Stream<Path> files = Files.list(Home.schemas().resolve("jsonb_ids"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, design.resolve(file.getFileName().toString()));
            }
        }
        Path declaration = design.resolve("design.properties");
        Files.writeString(declaration, Files.readString(declaration).replace("retire = delete_lists",
                "retire = delete_lists\ncolour = blue"));
        int line = Files.readAllLines(declaration).indexOf("colour = blue") + 1;
        System.setProperty(Home.SCHEMAS_PROPERTY, schemas.toString());

        Path out = work.resolve("out");
        CliRun run = CliRun.of("compare", "--profile", "quick", "--designs", "jsonb,my_design", "--out", out.toString());

        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(declaration + ":" + line + ": unknown key 'colour'"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run.err());
        assertFalse(Files.exists(out), "nothing written");

        CliRun help = CliRun.of("compare", "--help");
        assertTrue(help.out().contains("my_design"), "the declared design is listed: " + help.out());
    }
}
