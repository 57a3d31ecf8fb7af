package dev.schemabench.design.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.schemabench.catalog.SimilarItem;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.Test;

class CopyWriterTest {

    @Test
    void textFormatEscapesBackslashTabNewlineAndCarriageReturnOnly() throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CopyWriter copy = CopyWriter.toStream(out)) {
            copy.text("a\\b\tc\nd\re caf\u00e9").number(42).number(0.5).endRow();
            copy.text("second").endRow();
            assertEquals(2, copy.finish());
        }
        assertEquals("a\\\\b\\tc\\nd\\re caf\u00e9\t42\t0.5\nsecond\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonFieldsAreWrittenEscapedForCopy() throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SimilarItem item = new SimilarItem("SKU-1", 1, 0.25, "say \"hi\"\n", "B", "C", 100, 4.5, "u");
        try (CopyWriter copy = CopyWriter.toStream(out)) {
            copy.json(List.of(item)).endRow();
            copy.text("x").json(List.of()).endRow();
            copy.finish();
        }
        assertEquals("[{\"product_id\":\"SKU-1\",\"rank\":1,\"score\":0.25,\"name\":\"say \\\\\"hi\\\\\"\\\\n\","
                + "\"brand\":\"B\",\"category\":\"C\",\"price_cents\":100,\"rating\":4.5,\"image_url\":\"u\"}]\n"
                + "x\t[]\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void valuesLongerThanTheBufferArriveWhole() throws SQLException {
        String value = "x".repeat(3 << 20) + "\t" + "y".repeat(1000);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (CopyWriter copy = CopyWriter.toStream(out)) {
            copy.text(value).endRow();
            copy.finish();
        }
        assertEquals(value.replace("\t", "\\t") + "\n", out.toString(StandardCharsets.UTF_8));
    }
}
