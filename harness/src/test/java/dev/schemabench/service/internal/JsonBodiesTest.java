package dev.schemabench.service.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBodiesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void similarIsWhatTheGeneratorWouldWrite() {
        byte[] items = "[{\"product_id\":\"SKU-2\",\"score\":0.5}]".getBytes(StandardCharsets.UTF_8);
        byte[] expected = JsonBodies.of(json -> {
            json.writeStartObject();
            json.writeStringField("product_id", "SKU-1");
            json.writeStringField("batch_id", "week-0001");
            json.writeFieldName("items");
            json.writeRawValue(new String(items, StandardCharsets.UTF_8));
            json.writeEndObject();
        });
        assertArrayEquals(expected, JsonBodies.similar("SKU-1", "week-0001", items));
    }

    @Test
    void similarEscapesTheIdentifiers() throws Exception {
        JsonNode body = MAPPER.readTree(JsonBodies.similar("a\"b\\c", "wéek\n1", "[]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\"b\\c", body.get("product_id").asText());
        assertEquals("wéek\n1", body.get("batch_id").asText());
        assertEquals(0, body.get("items").size());
    }
}
