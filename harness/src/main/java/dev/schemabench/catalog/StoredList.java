package dev.schemabench.catalog;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * A recommendation list as the database returned it, JSON bytes in {@link SimilarityJson}'s form, parsed into at most
 * {@code limit} items on first access. A read can then hand the stored bytes through as pgbench or a pass-through
 * service would, and whoever looks at the items pays for parsing them; {@link #isEmpty()} and {@link #contentHash()}
 * do not parse. Immutable; thread-safe.
 */
public final class StoredList extends AbstractList<SimilarItem> implements RandomAccess {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final long PRIME_1 = 0x9E3779B185EBCA87L;
    private static final long PRIME_2 = 0xC2B2AE3D27D4EB4FL;
    private static final long PRIME_3 = 0x165667B19E3779F9L;

    private final byte[] json;
    private final int offset;
    private final int length;
    private final int limit;
    private volatile List<SimilarItem> items;

    /** @param json the stored JSON array (not copied: the caller hands it over) */
    public StoredList(byte[] json, int limit) {
        this(json, 0, json.length, limit);
    }

    /**
     * The JSON array in {@code json[offset, offset + length)}, for example the items of a larger answer.
     *
     * @param json not copied: the caller hands it over
     */
    public StoredList(byte[] json, int offset, int length, int limit) {
        if (offset < 0 || length < 0 || offset + length > json.length) {
            throw new IndexOutOfBoundsException("bytes " + offset + " to " + (offset + length) + " of "
                    + json.length);
        }
        this.json = json;
        this.offset = offset;
        this.length = length;
        this.limit = limit;
    }

    /** Whether the items have been parsed yet. */
    public boolean parsed() {
        return items != null;
    }

    private List<SimilarItem> items() {
        List<SimilarItem> parsed = items;
        if (parsed == null) {
            parsed = List.copyOf(SimilarityJson.readItems(json, offset, length, limit));
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

    /**
     * Whether the list has no item, from the array's first bytes when it has not been parsed: {@code limit} is at
     * least 1 and the array's first element is not its end. Bytes that are not a JSON array are parsed (and throw).
     */
    @Override
    public boolean isEmpty() {
        List<SimilarItem> parsed = items;
        if (parsed != null) {
            return parsed.isEmpty();
        }
        if (limit < 1) {
            return true;
        }
        int at = skipWhitespace(offset);
        if (at >= offset + length || json[at] != '[') {
            return items().isEmpty();
        }
        at = skipWhitespace(at + 1);
        return at < offset + length && json[at] == ']';
    }

    /**
     * A 64-bit hash of the stored bytes and the limit, with xxHash64's round and final mix (not cryptographic): equal
     * for lists with the same bytes and limit, and for different ones with a chance of about 2<sup>-64</sup>.
     */
    public long contentHash() {
        long hash = PRIME_2 ^ length ^ ((long) limit << 32);
        int end = offset + length;
        int at = offset;
        for (; at + Long.BYTES <= end; at += Long.BYTES) {
            hash = mix(hash, (long) LONGS.get(json, at));
        }
        long tail = 0;
        for (int shift = 0; at < end; at++, shift += Byte.SIZE) {
            tail |= (json[at] & 0xFFL) << shift;
        }
        hash = mix(hash, tail);
        hash ^= hash >>> 33;
        hash *= PRIME_2;
        hash ^= hash >>> 29;
        hash *= PRIME_3;
        return hash ^ (hash >>> 32);
    }

    private static long mix(long hash, long word) {
        return Long.rotateLeft(hash + word * PRIME_2, 31) * PRIME_1;
    }

    private int skipWhitespace(int at) {
        int end = offset + length;
        while (at < end && (json[at] == ' ' || json[at] == '\n' || json[at] == '\r' || json[at] == '\t')) {
            at++;
        }
        return at;
    }
}
