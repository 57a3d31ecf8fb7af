package dev.schemabench.service.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Asks the database for the active batch on behalf of {@code /ready}, waiting at most a budget: the question runs on
 * one background thread, and concurrent {@code /ready} requests share the one in flight, so a hanging database holds
 * one thread however often a load balancer asks. A question already in flight for longer than the budget is not
 * waited for again: later requests are told at once that the database did not answer. Thread-safe.
 */
final class ReadinessCheck implements AutoCloseable {

    private final Supplier<Optional<String>> activeBatch;
    private final long budgetNanos;
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "schemabench-readiness");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicReference<Question> inFlight = new AtomicReference<>();

    /** One question to the database and when it was asked. */
    private record Question(CompletableFuture<Optional<String>> answer, long askedAtNanos) {
    }

    ReadinessCheck(Supplier<Optional<String>> activeBatch, Duration budget) {
        this.activeBatch = activeBatch;
        this.budgetNanos = budget.toNanos();
    }

    /**
     * The active batch, as the database says within the budget.
     *
     * @throws TimeoutException when the database did not answer within the budget
     * @throws RuntimeException  what the database call threw
     */
    Optional<String> activeBatch() throws TimeoutException {
        Question question = inFlight.get();
        while (question == null || question.answer().isDone()) {
            Question fresh = new Question(new CompletableFuture<>(), System.nanoTime());
            if (inFlight.compareAndSet(question, fresh)) {
                asker.execute(() -> {
                    try {
                        fresh.answer().complete(activeBatch.get());
                    } catch (RuntimeException | Error e) {
                        fresh.answer().completeExceptionally(e);
                    }
                });
                question = fresh;
                break;
            }
            question = inFlight.get();
        }
        long waitNanos = budgetNanos - (System.nanoTime() - question.askedAtNanos());
        if (waitNanos <= 0) {
            throw new TimeoutException("the question in flight is older than the budget");
        }
        CompletableFuture<Optional<String>> answer = question.answer();
        try {
            return answer.get(waitNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the readiness check failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TimeoutException("interrupted");
        }
    }

    /** The budget in milliseconds, for messages. */
    long budgetMillis() {
        return TimeUnit.NANOSECONDS.toMillis(budgetNanos);
    }

    @Override
    public void close() {
        asker.shutdownNow();
    }
}
