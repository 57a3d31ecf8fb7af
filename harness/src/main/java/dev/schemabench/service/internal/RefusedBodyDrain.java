package dev.schemabench.service.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Reads and discards the rest of a refused request's body after its answer was sent, without holding a thread
 * (Jetty calls back when bytes arrive), for at most a time and a size; then completes the request, and Jetty closes
 * the connection if the body was not read to its end. Draining first lets a well-behaved client that sends its whole
 * body read the answer: a server that closes a connection with unread bytes makes the kernel reset it, and the
 * client may lose the answer. A client that never sends holds nothing but its socket, and only for the drain time.
 */
final class RefusedBodyDrain implements Runnable {

    private final Request request;
    private final Callback done;
    private final long maxBytes;
    private final AtomicBoolean finished = new AtomicBoolean();
    private long drained;
    private Scheduler.Task deadline;

    private RefusedBodyDrain(Request request, Callback done, long maxBytes) {
        this.request = request;
        this.done = done;
        this.maxBytes = maxBytes;
    }

    /** Drains {@code request} for at most {@code millis} and {@code maxBytes}, then succeeds {@code done}. */
    static void start(Request request, Callback done, long millis, long maxBytes) {
        if (millis <= 0) {
            done.succeeded();
            return;
        }
        RefusedBodyDrain drain = new RefusedBodyDrain(request, done, maxBytes);
        drain.deadline = request.getComponents().getScheduler().schedule(drain::finish, millis, TimeUnit.MILLISECONDS);
        drain.run();
    }

    /** Reads what has arrived; asks to be called again when more does. */
    @Override
    public void run() {
        try {
            drainAvailable();
        } catch (RuntimeException e) {
            // The deadline completed the request while this read: nothing is left to drain.
            finish();
        }
    }

    private void drainAvailable() {
        while (!finished.get()) {
            Content.Chunk chunk = request.read();
            if (chunk == null) {
                request.demand(this);
                return;
            }
            boolean last = chunk.isLast();
            boolean failed = Content.Chunk.isFailure(chunk);
            drained += chunk.remaining();
            chunk.release();
            if (last || failed || drained >= maxBytes) {
                finish();
                return;
            }
        }
    }

    private void finish() {
        if (finished.compareAndSet(false, true)) {
            if (deadline != null) {
                deadline.cancel();
            }
            done.succeeded();
        }
    }
}
