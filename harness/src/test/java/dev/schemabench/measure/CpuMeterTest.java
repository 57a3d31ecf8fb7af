package dev.schemabench.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs(OS.LINUX)
class CpuMeterTest {

    @Test
    void aChildThatEndedStillCountsForItsParent() throws Exception {
        // The child burns CPU and ends; its parent has waited for it when it prints "done", then stays alive.
        Process parent = new ProcessBuilder("sh", "-c",
                "sh -c 'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done'; echo done; exec sleep 60").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(parent.getInputStream(),
                StandardCharsets.UTF_8))) {
            long whileRunning = 0;
            while (!out.ready()) {
                whileRunning = Math.max(whileRunning, CpuMeter.treeTicks(parent.pid()).orElseThrow());
                Thread.sleep(10);
            }
            assertEquals("done", out.readLine());
            long afterward = CpuMeter.treeTicks(parent.pid()).orElseThrow();
            assertTrue(whileRunning >= 5, "the child used CPU while it ran: " + whileRunning + " ticks");
            assertTrue(afterward >= whileRunning, "the ended child's " + whileRunning
                    + " ticks are still counted, not " + afterward);
        } finally {
            parent.destroy();
            parent.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void anUnknownProcessHasNoTicks() {
        assertTrue(CpuMeter.treeTicks(-1).isEmpty());
        assertTrue(CpuMeter.treeTicks(Long.MAX_VALUE).isEmpty());
    }

    @Test
    void thisJvmAndTheMachineAreObservable() {
        assertTrue(CpuMeter.thisProcessSeconds() > 0);
        long[] machine = CpuMeter.machineTicks().orElseThrow();
        assertTrue(machine[0] > 0 && machine[1] >= 0);
    }
}
