package dev.schemabench.service.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DatabaseCircuitTest {

    @Test
    void opensOnlyWhenTheDatabaseCannotBeReached() {
        try (DatabaseCircuit circuit = new DatabaseCircuit(() -> {
            throw new IllegalStateException("still down");
        }, Duration.ofMinutes(1))) {
            assertFalse(circuit.onFailure(new SQLTimeoutException("statement timeout", "57014")), "slow is not down");
            assertFalse(circuit.onFailure(new SQLTransientConnectionException("pool busy: request timed out")),
                    "a busy pool is overload, not an outage");
            assertFalse(circuit.onFailure(new SQLException("syntax", "42601")));
            assertFalse(circuit.isOpen());
            assertTrue(circuit.onFailure(new RuntimeException("read failed", new SQLTransientConnectionException(
                    "pool timed out", new SQLException("Connection refused", "08001")))));
            assertTrue(circuit.isOpen());
            assertTrue(circuit.onFailure(new RuntimeException(new ConnectException("refused"))));
            assertTrue(circuit.openings() == 1, "opening twice counts once");
        }
        try (DatabaseCircuit circuit = new DatabaseCircuit(() -> { }, Duration.ofMinutes(1))) {
            assertTrue(circuit.onFailure(new SQLException("terminating connection", "57P01")));
        }
    }

    @Test
    void probesInTheBackgroundAndClosesWhenTheDatabaseAnswers() throws InterruptedException {
        AtomicBoolean up = new AtomicBoolean();
        AtomicInteger probes = new AtomicInteger();
        try (DatabaseCircuit circuit = new DatabaseCircuit(() -> {
            probes.incrementAndGet();
            if (!up.get()) {
                throw new IllegalStateException("down");
            }
        }, Duration.ofMillis(20))) {
            circuit.onFailure(new SQLException("refused", "08001"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (probes.get() < 3 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertTrue(circuit.isOpen(), "open while probes fail");
            up.set(true);
            while (circuit.isOpen() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertFalse(circuit.isOpen(), "closed after a successful probe");
        }
    }

    @Test
    void aWatchedLossCutsTheCallsInFlightAndLeavesNoInterruptBehind() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(true);
        try (DatabaseCircuit circuit = new DatabaseCircuit(() -> {
            throw new IllegalStateException("down");
        }, Duration.ofMillis(20))) {
            circuit.watch(reachable::get);
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Thread caller = new Thread(() -> {
                try {
                    circuit.call(() -> {
                        try {
                            Thread.sleep(TimeUnit.MINUTES.toMillis(1));
                            return "answered";
                        } catch (InterruptedException e) {
                            throw new IllegalStateException("interrupted while waiting for a connection", e);
                        }
                    }, () -> new IllegalArgumentException("cut"));
                    outcome.complete("answered");
                } catch (IllegalArgumentException cut) {
                    outcome.complete(cut.getMessage() + (Thread.currentThread().isInterrupted() ? " interrupted" : ""));
                }
            });
            caller.start();
            Thread.sleep(100);
            assertFalse(circuit.isOpen(), "reachable: closed");
            reachable.set(false);
            assertTrue("cut".equals(outcome.get(30, TimeUnit.SECONDS)), "the call is cut, its thread not left interrupted");
            assertTrue(circuit.isOpen());
            String refused;
            try {
                refused = circuit.call(() -> "answered", () -> new IllegalArgumentException("refused at once"));
            } catch (IllegalArgumentException e) {
                refused = e.getMessage();
            }
            assertTrue("refused at once".equals(refused), refused);
        }
        try (DatabaseCircuit healthy = new DatabaseCircuit(() -> { }, Duration.ofMinutes(1))) {
            assertTrue("answered".equals(healthy.call(() -> "answered", () -> new IllegalArgumentException("cut"))));
        }
    }
}
