package dev.schemabench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.results.RunResults;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A run without some registered design says so, and how to include it; a run with all of them says nothing. */
class MissingDesignsTest {

    private static RunResults run(String... designs) {
        return new RunResults(RunResults.SCHEMA_VERSION, null, Arrays.stream(designs)
                .map(name -> new RunResults.Design(name, null, RunResults.MEASURED, null, null, null, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null, null, null, null, null))
                .toList());
    }

    @Test
    void aQuickRunNamesMongoAndHowToIncludeIt() throws Exception {
        List<String> sentences = MissingDesigns.sentences(run("jsonb", "normalized"));
        assertEquals(1, sentences.size(), sentences.toString());
        String mongo = sentences.get(0);
        assertTrue(mongo.startsWith("mongo ("), mongo);
        assertTrue(mongo.contains("--designs jsonb,normalized,mongo"), mongo);
        assertTrue(mongo.contains("SCHEMABENCH_MONGO_URI"), mongo);
        assertTrue(MissingDesigns.markdown(run("jsonb", "normalized")).contains("### Designs not in this run"));
        assertTrue(MissingDesigns.html(run("jsonb", "normalized")).contains("<li>mongo ("));
    }

    @Test
    void aRunWithEveryDesignHasNoNote() throws Exception {
        assertEquals("", MissingDesigns.markdown(run("jsonb", "normalized", "mongo")));
        assertEquals("", MissingDesigns.html(run("jsonb", "normalized", "mongo")));
    }
}
