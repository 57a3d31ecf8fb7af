package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Reading wrk's summary and writing its request script. */
class ServiceBenchmarkTest {

    private static final String WRK = """
            Running 10s test @ http://127.0.0.1:8080/
              2 threads and 4 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     1.19ms    2.51ms  40.01ms   93.90%
                Req/Sec     2.93k   512.33     3.87k    71.50%
              Latency Distribution
                 50%  555.00us
                 75%  810.00us
                 90%    1.60ms
                 99%   15.23ms
              58360 requests in 10.01s, 160.61MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 4
            Requests/sec:   5830.12
            Transfer/sec:     16.05MB
            """;

    @Test
    void wrksSummaryGivesRatePercentilesAndErrors() throws IOException {
        ServiceBenchmark.WrkOutput output = ServiceBenchmark.parse(WRK);
        assertEquals(5830.12, output.requestsPerS());
        assertEquals(58360, output.requests());
        assertEquals(0.555, output.p50Ms());
        assertEquals(15.23, output.p99Ms());
        assertEquals(7, output.errors(), "socket errors and non-2xx responses");
    }

    @Test
    void secondsAndMissingRatesAreReadOrRefused() throws IOException {
        assertEquals(1200.0, ServiceBenchmark.parse(WRK.replace("15.23ms", "1.20s")).p99Ms());
        assertThrows(IOException.class, () -> ServiceBenchmark.parse("unable to connect to 127.0.0.1:8080"));
    }

    @Test
    void theRequestScriptDrawsIdsOverTheWholeCatalog() {
        String lua = ServiceBenchmark.luaScript(5000, 10);
        assertTrue(lua.contains("math.random(0, 4999)"), lua);
        assertTrue(lua.contains("/v1/products/SKU-%07d/similar?limit=10"), lua);
    }
}
