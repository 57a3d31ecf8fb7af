package dev.schemabench.cache;

import dev.schemabench.design.StorageDesign;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * A real design seen through a proxy that counts the calls made on it by name, then forwards each one unchanged: how
 * the tests see, independently of the cache's own counters, whether a read reached the database.
 */
final class CountingDesign {

    private final ConcurrentHashMap<String, LongAdder> calls = new ConcurrentHashMap<>();
    private final StorageDesign proxy;

    CountingDesign(StorageDesign design) {
        this.proxy = (StorageDesign) Proxy.newProxyInstance(StorageDesign.class.getClassLoader(),
                new Class<?>[] {StorageDesign.class}, (self, method, args) -> {
                    calls.computeIfAbsent(method.getName(), name -> new LongAdder()).increment();
                    try {
                        return method.invoke(design, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    StorageDesign design() {
        return proxy;
    }

    /** Calls of {@code method} so far. */
    long calls(String method) {
        LongAdder count = calls.get(method);
        return count == null ? 0 : count.sum();
    }

    /** Read calls ({@code similar} and {@code similarJson}) so far. */
    long reads() {
        return calls("similar") + calls("similarJson");
    }
}
