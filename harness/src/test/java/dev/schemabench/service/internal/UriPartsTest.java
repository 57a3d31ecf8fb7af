package dev.schemabench.service.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UriPartsTest {

    @Test
    void splitsAndDecodesSegments() {
        assertEquals(List.of("v1", "products", "a b", "similar"), UriParts.segments("/v1/products/a%20b/similar"));
        assertEquals(List.of("health", ""), UriParts.segments("/health/"));
        assertEquals(List.of(), UriParts.segments("/"));
        assertEquals(List.of("\u00e9"), UriParts.segments("/%C3%A9"));
    }

    @Test
    void refusesMalformedEscapesAndInvalidUtf8() {
        assertThrows(IllegalArgumentException.class, () -> UriParts.segments("/a%2"));
        assertThrows(IllegalArgumentException.class, () -> UriParts.segments("/a%zz"));
        assertThrows(IllegalArgumentException.class, () -> UriParts.segments("/%FF"));
        assertThrows(IllegalArgumentException.class, () -> UriParts.query("limit=%C3"));
    }

    @Test
    void keepsEveryValueOfARepeatedParameter() {
        Map<String, List<String>> query = UriParts.query("limit=1&limit=2&generate&x=a+b");
        assertEquals(List.of("1", "2"), query.get("limit"));
        assertEquals(List.of(""), query.get("generate"));
        assertEquals(List.of("a b"), query.get("x"));
    }

    @Test
    void productIdsFollowTheDocumentedPattern() {
        assertTrue(Identifiers.isProductId("SKU-0000042"));
        assertTrue(Identifiers.isProductId("a".repeat(50)));
        for (String bad : List.of("", "..", "../x", "-x", "a b", "a'b", "a\"b", "a;b", "a\u0000b", "a\nb", "\u00e9",
                "a".repeat(51), "x".repeat(10_240))) {
            assertFalse(Identifiers.isProductId(bad), bad);
        }
    }
}
