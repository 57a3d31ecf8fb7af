package dev.schemabench.service.internal;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
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
}
