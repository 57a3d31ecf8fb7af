package dev.schemabench.suite;

import dev.schemabench.db.DatabaseServer;
import dev.schemabench.internal.Progress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches a run's database servers while its stages run, so that a run which loses its database ends within seconds
 * instead of running its remaining stages against a dead server. It asks each server whether it is still
 * {@linkplain DatabaseServer#reachable() reachable}: every {@link #POLL} by a look at its process when it runs on
 * this machine, every {@link #REMOTE_POLL} by a TCP connect otherwise. The first time one is not, it records the
 * loss and, when every server the running stage uses is lost, interrupts the run's thread, which stops the stage and
 * any child process it waits for (JMH, Gatling, pgbench). A stage that is interrupted ends with the interrupt
 * cleared by {@link #stageEnded}.
 */
final class ServerWatch implements AutoCloseable {

    /** How often a server on this machine is asked (a look at its process: nothing reaches the server). */
    static final Duration POLL = Duration.ofMillis(250);
    /**
     * How often a server elsewhere is asked: each ask opens a TCP connection, which costs the database a process
     * fork, so rarely enough not to disturb what is measured.
     */
    static final Duration REMOTE_POLL = Duration.ofSeconds(2);

    /**
     * A server found gone.
     *
     * @param server the server
     * @param at     when the watch found it unreachable
     * @param stage  the stage that was running then, or null between stages
     */
    record Loss(DatabaseServer server, Instant at, String stage) {

        /** One line naming the server, when and where it was lost; the reason of every design on it. */
        String reason() {
            return "lost " + server.engine() + " at " + server.displayUrl()
                    + (stage == null ? "" : " during the " + stage + " stage")
                    + " (found unreachable at " + at.truncatedTo(ChronoUnit.MILLIS) + ")";
        }
    }

    private final List<DatabaseServer> servers;
    private final Thread runThread;
    private final Map<DatabaseServer, Loss> losses = new ConcurrentHashMap<>();
    private final Thread watcher;
    private String stage;
    private Set<DatabaseServer> stageServers = Set.of();
    private boolean interrupted;

    /** Starts watching {@code servers} on behalf of the calling thread, which runs the stages. */
    ServerWatch(List<DatabaseServer> servers) {
        this.servers = List.copyOf(servers);
        this.runThread = Thread.currentThread();
        this.watcher = new Thread(this::watch, "schemabench-server-watch");
        watcher.setDaemon(true);
        if (!this.servers.isEmpty()) {
            watcher.start();
        }
    }

    /** The stage named {@code name} starts, over designs on {@code used}. */
    synchronized void stageStarted(String name, Set<DatabaseServer> used) {
        stage = name;
        stageServers = Set.copyOf(used);
        interrupted = false;
    }

    /** The running stage ended; clears an interrupt this watch caused, so the run goes on to write its results. */
    synchronized void stageEnded() {
        stage = null;
        stageServers = Set.of();
        if (interrupted) {
            Thread.interrupted();
            interrupted = false;
        }
    }

    /** Whether the running stage was asked to stop because every server it uses was lost. */
    synchronized boolean stopping() {
        return interrupted;
    }

    /** The name of the stage running now, or null between stages. */
    synchronized String currentStage() {
        return stage;
    }

    /** The loss of {@code server}, when the watch found it gone. */
    Optional<Loss> loss(DatabaseServer server) {
        return Optional.ofNullable(losses.get(server));
    }

    /** Records a loss found by other means (a failed stage whose server no longer answers), if none is known yet. */
    Loss lost(DatabaseServer server, String stageName) {
        return losses.computeIfAbsent(server, key -> new Loss(key, Instant.now(), stageName));
    }

    private void watch() {
        Map<DatabaseServer, Long> due = new java.util.HashMap<>();
        while (!Thread.currentThread().isInterrupted()) {
            long now = System.nanoTime();
            for (DatabaseServer server : servers) {
                if (losses.containsKey(server) || due.getOrDefault(server, now) - now > 0) {
                    continue;
                }
                due.put(server, now + (server.serverPid().isPresent() ? POLL : REMOTE_POLL).toNanos());
                if (!reachable(server)) {
                    found(server);
                }
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean reachable(DatabaseServer server) {
        try {
            return server.reachable();
        } catch (RuntimeException e) {
            return true;
        }
    }

    private synchronized void found(DatabaseServer server) {
        Loss loss = losses.computeIfAbsent(server, key -> new Loss(key, Instant.now(), stage));
        Progress.say(loss.reason() + "; the stages after it do not run for the designs on it");
        if (stage != null && !interrupted && !stageServers.isEmpty() && losses.keySet().containsAll(stageServers)) {
            interrupted = true;
            runThread.interrupt();
        }
    }

    @Override
    public void close() {
        watcher.interrupt();
    }
}
