package dev.schemabench.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The recommendation's targets and prices: parsed with units, refused with the file, line and key. */
class TargetsConfigTest {

    @TempDir
    Path temp;

    @Test
    void targetsAndPricesAreReadWithUnits() throws IOException {
        CompareConfig config = build("target_bytes_per_product = 6KiB\nprice_vcpu_hour = 0.05\n");
        assertEquals(6144, config.targets().maxBytesPerProduct());
        assertEquals(0.05, config.targets().priceVcpuHour());
        assertEquals(0.10, config.targets().priceGbMonth(), "the example default");
        assertEquals("6144", config.effectiveValues().get("target_bytes_per_product"));
    }

    @Test
    void aBadPriceOrUnitNamesTheFileLineAndKey() {
        IllegalArgumentException price = assertThrows(IllegalArgumentException.class,
                () -> build("products = 2000\nprice_vcpu_hour = $0.04\n"));
        assertTrue(price.getMessage().contains("line 2") && price.getMessage().contains("'price_vcpu_hour'"),
                price.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> build("target_bytes_per_product = 6 parsecs\n"));
        assertTrue(unit.getMessage().contains("line 1") && unit.getMessage().contains("target_bytes_per_product"),
                unit.getMessage());
    }

    private CompareConfig build(String profile) throws IOException {
        Path file = temp.resolve("mine.profile");
        Files.writeString(file, profile);
        CompareConfig.Builder builder = new CompareConfig.Builder();
        ProfileFile.apply(file.toString(), builder);
        return builder.build();
    }
}
