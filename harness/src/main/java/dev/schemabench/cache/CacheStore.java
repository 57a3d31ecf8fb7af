package dev.schemabench.cache;

/**
 * Where cached answers are kept: bytes by key, bounded in size, evicting on its own. A store never fails a read: when
 * it cannot answer (Redis down) {@link #get} returns null and {@link #put} does nothing, and the failure is counted in
 * {@link #errors()}.
 *
 * <p>Threading: thread-safe; called from every reader thread at once.
 */
public interface CacheStore extends AutoCloseable {

    /** The value stored under {@code key}, or null when absent, expired, evicted or the store is unreachable. */
    byte[] get(String key);

    /** Stores {@code value} under {@code key}; with the store's time to live when it has one. */
    void put(String key, byte[] value);

    /** Bytes the cached data takes in the store now (keys and values; for Redis its dataset memory). */
    long memoryBytes();

    /** Operations that failed because the store could not be reached. */
    long errors();

    /** Whether the store answered its last operation (false while Redis is down). */
    boolean available();

    /** Removes every entry this store wrote. */
    void clear();

    /** Releases connections; an embedded server is the caller's to stop. */
    @Override
    void close();
}
