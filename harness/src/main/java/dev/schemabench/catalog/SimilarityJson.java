package dev.schemabench.catalog;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON form of a recommendation list, shared by every place that writes or reads one: an array of items with
 * the field names of the service API ({@code product_id, rank, score, name, brand, category, price_cents, rating,
 * image_url}). Thread-safe.
 */
public final class SimilarityJson {

    public static final String PRODUCT_ID = "product_id";
    public static final String RANK = "rank";
    public static final String SCORE = "score";
    public static final String NAME = "name";
    public static final String BRAND = "brand";
    public static final String CATEGORY = "category";
    public static final String PRICE_CENTS = "price_cents";
    public static final String RATING = "rating";
    public static final String IMAGE_URL = "image_url";

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

    private SimilarityJson() {
    }

    /** Writes {@code items} as one JSON array to {@code out}, without closing it. */
    public static void writeItems(List<SimilarItem> items, OutputStream out) {
        try (JsonGenerator json = FACTORY.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            writeItems(items, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A generator for many lists in a row to {@code out}, which it never closes: call {@link #writeItems(List,
     * JsonGenerator)} then {@code flush()} per list; nothing is written between lists.
     */
    public static JsonGenerator newGenerator(OutputStream out) {
        try {
            JsonGenerator json = FACTORY.createGenerator(out);
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.setRootValueSeparator(null);
            return json;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code items} as one JSON array through {@code json}. */
    public static void writeItems(List<SimilarItem> items, JsonGenerator json) throws IOException {
        json.writeStartArray();
        for (SimilarItem item : items) {
            json.writeStartObject();
            json.writeStringField(PRODUCT_ID, item.productId());
            json.writeNumberField(RANK, item.rank());
            json.writeNumberField(SCORE, item.score());
            json.writeStringField(NAME, item.name());
            json.writeStringField(BRAND, item.brand());
            json.writeStringField(CATEGORY, item.category());
            json.writeNumberField(PRICE_CENTS, item.priceCents());
            json.writeNumberField(RATING, item.rating());
            json.writeStringField(IMAGE_URL, item.imageUrl());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Reads at most {@code limit} items from the JSON array {@code json}, in array order. */
    public static List<SimilarItem> readItems(String json, int limit) {
        try (JsonParser parser = FACTORY.createParser(json)) {
            return readFirstItems(parser, limit);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed recommendation list: " + e.getMessage(), e);
        }
    }

    /** Reads at most {@code limit} items from the UTF-8 JSON array {@code json}, in array order. */
    public static List<SimilarItem> readItems(byte[] json, int limit) {
        return readItems(json, 0, json.length, limit);
    }

    /** Reads at most {@code limit} items from the UTF-8 JSON array in {@code json[offset, offset + length)}. */
    public static List<SimilarItem> readItems(byte[] json, int offset, int length, int limit) {
        try (JsonParser parser = FACTORY.createParser(json, offset, length)) {
            return readFirstItems(parser, limit);
        } catch (IOException e) {
            throw new IllegalArgumentException("malformed recommendation list: " + e.getMessage(), e);
        }
    }

    /** The first {@code limit} items of the array {@code parser} starts at; the rest is not read. */
    private static List<SimilarItem> readFirstItems(JsonParser parser, int limit) throws IOException {
        if (parser.nextToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("a recommendation list must be a JSON array");
        }
        List<SimilarItem> items = new ArrayList<>(Math.min(limit, 128));
        while (items.size() < limit && parser.nextToken() == JsonToken.START_OBJECT) {
            items.add(readItem(parser));
        }
        return items;
    }

    /**
     * Reads the JSON array at {@code parser}'s current token ({@code START_ARRAY}) through its end, keeping at most
     * {@code limit} items in array order; the parser is left on the array's {@code END_ARRAY}.
     */
    public static List<SimilarItem> readItems(JsonParser parser, int limit) throws IOException {
        if (parser.currentToken() != JsonToken.START_ARRAY) {
            throw new IllegalArgumentException("a recommendation list must be a JSON array");
        }
        List<SimilarItem> items = new ArrayList<>(Math.min(limit, 128));
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            if (items.size() < limit) {
                items.add(readItem(parser));
            } else {
                parser.skipChildren();
            }
        }
        if (parser.currentToken() != JsonToken.END_ARRAY) {
            throw new IllegalArgumentException("a recommendation list holds something other than items");
        }
        return items;
    }

    private static SimilarItem readItem(JsonParser parser) throws IOException {
        String productId = null;
        String name = null;
        String brand = null;
        String category = null;
        String imageUrl = null;
        int rank = 0;
        int priceCents = 0;
        double score = 0;
        double rating = 0;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            parser.nextToken();
            switch (field) {
                case PRODUCT_ID -> productId = parser.getText();
                case RANK -> rank = parser.getIntValue();
                case SCORE -> score = parser.getDoubleValue();
                case NAME -> name = parser.getText();
                case BRAND -> brand = parser.getText();
                case CATEGORY -> category = parser.getText();
                case PRICE_CENTS -> priceCents = parser.getIntValue();
                case RATING -> rating = parser.getDoubleValue();
                case IMAGE_URL -> imageUrl = parser.getText();
                default -> parser.skipChildren();
            }
        }
        return new SimilarItem(productId, rank, score, name, brand, category, priceCents, rating, imageUrl);
    }
}
