package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.schemabench.design.DesignContext;
import dev.schemabench.design.DesignRegistry;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A design named twice runs as an independent copy (an A/A check) under a name of its own. */
class DesignCopiesConfigTest {

    @Test
    void aDesignNamedTwiceBecomesACopyWithItsOwnName() {
        assertEquals(List.of("jsonb", "jsonb#2"), designs("jsonb,jsonb"));
        assertEquals(List.of("jsonb", "normalized", "jsonb#2", "jsonb#3"), designs("jsonb,normalized,jsonb,jsonb"));
        assertEquals(List.of("jsonb", "jsonb#2"), designs("jsonb,jsonb#2"), "a copy may also be named");
        assertEquals(List.of("jsonb#2", "jsonb"), designs("jsonb#2,jsonb"));
        assertEquals(List.of("jsonb", "jsonb#2", "jsonb#3"), designs("jsonb,jsonb#2,jsonb#2"));
    }

    @Test
    void copiesOfUnknownDesignsAndBadCopyNumbersAreRefused() {
        for (String bad : List.of("oracle,oracle", "jsonb#1", "jsonb#0", "jsonb#x", "jsonb#")) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> designs(bad), bad);
            assertTrue(refused.getMessage().contains("unknown design"), refused.getMessage());
        }
    }

    @Test
    void aCopyKeepsItsDesignsEngineAndDescriptionAndGetsItsOwnNameFromTheContext() {
        DesignRegistry.Entry copy = DesignRegistry.find("normalized#2").orElseThrow();
        DesignRegistry.Entry original = DesignRegistry.find("normalized").orElseThrow();
        assertEquals("normalized#2", copy.name());
        assertEquals(original.engine(), copy.engine());
        assertTrue(copy.description().startsWith(original.description()), copy.description());
        assertEquals("normalized", DesignRegistry.baseName("normalized#2"));
        assertEquals("normalized", DesignRegistry.baseName("normalized"));
        DesignContext context = new DesignContext(Path.of("schemas"), 2, null);
        assertEquals("jsonb", context.instanceName("jsonb"));
        assertEquals("jsonb#3", context.withCopy(3).instanceName("jsonb"));
    }

    private static List<String> designs(String list) {
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply("quick", builder);
        return builder.set(CompareConfig.DESIGNS, list, "test").build().designs();
    }
}
