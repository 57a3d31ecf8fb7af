package dev.schemabench.design;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DesignRegistryTest {

    @Test
    void aDecoratedDesignKeepsItsNameAndIsRestoredByUndo() {
        DesignRegistry.Entry original = DesignRegistry.find("jsonb").orElseThrow();
        DesignRegistry.Decoration decoration = DesignRegistry.decorate("jsonb", design -> design);
        try {
            DesignRegistry.Entry decorated = DesignRegistry.find("jsonb").orElseThrow();
            assertNotSame(original, decorated);
            assertEquals(original.name(), decorated.name());
            assertEquals(original.engine(), decorated.engine());
            assertEquals(0, DesignRegistry.names().indexOf("jsonb"), "keeps its place in the registry's order");
        } finally {
            decoration.undo();
        }
        assertSame(original, DesignRegistry.find("jsonb").orElseThrow());
    }

    @Test
    void decoratingAnUnknownDesignIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DesignRegistry.decorate("no_such_design", design -> design));
    }
}
