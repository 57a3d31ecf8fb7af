package dev.schemabench.cli;

import dev.schemabench.design.DesignRegistry;
import java.util.Iterator;

/** The registered designs' names, for help texts ({@code ${COMPLETION-CANDIDATES}}): no list to keep in step. */
final class DesignNames implements Iterable<String> {

    @Override
    public Iterator<String> iterator() {
        return DesignRegistry.names().iterator();
    }
}
