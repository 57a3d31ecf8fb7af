package dev.schemabench.catalog;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A recommendation list as the database returned it, JSON bytes in {@link SimilarityJson}'s form, parsed into at most
 * {@code limit} items on first access. A read can then hand the stored bytes through as pgbench or a pass-through
 * service would, and whoever looks at the items pays for parsing them. Immutable; thread-safe.
 */
public final class StoredList extends AbstractList<SimilarItem> implements RandomAccess {

    private final byte[] json;
    private final int limit;
    private volatile List<SimilarItem> items;

    /** @param json the stored JSON array (not copied: the caller hands it over) */
    public StoredList(byte[] json, int limit) {
        this.json = json;
        this.limit = limit;
    }

    /** Whether the items have been parsed yet. */
    public boolean parsed() {
        return items != null;
    }

    private List<SimilarItem> items() {
        List<SimilarItem> parsed = items;
        if (parsed == null) {
            parsed = List.copyOf(SimilarityJson.readItems(json, limit));
            items = parsed;
        }
        return parsed;
    }

    @Override
    public SimilarItem get(int index) {
        return items().get(index);
    }

    @Override
    public int size() {
        return items().size();
    }
}
