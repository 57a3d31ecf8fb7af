package dev.schemabench.service.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.schemabench.catalog.Batch;
import dev.schemabench.catalog.Product;
import dev.schemabench.catalog.SimilarItem;
import dev.schemabench.catalog.SimilarityJson;
import dev.schemabench.catalog.SimilarityList;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A batch uploaded as JSON Lines, one product's list per line:
 * {@code {"product_id": "SKU-1", "items": [{"product_id", "rank", "score", "name", "brand", "category",
 * "price_cents", "rating", "image_url"}, ...]}}. Every line is validated while the body is spooled to temporary files
 * (memory does not grow with the upload); a malformed line fails the whole upload with its line number before
 * anything reaches a design. The products of the batch (every recommended product once) are derived by an external
 * sort of the spool. Closing deletes the files. Not thread-safe.
 */
public final class BatchUpload implements Batch, AutoCloseable {

    /** Longest accepted line. */
    public static final int MAX_LINE_BYTES = 1 << 20;
    /** Most items in one list, the API's largest {@code limit}. */
    public static final int MAX_ITEMS = 100;
    /** Longest accepted text field. */
    public static final int MAX_TEXT_CHARS = 2_000;

    private static final int LINES_PER_SORT_RUN = 50_000;
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String batchId;
    private final Path directory;
    private final Path lists;
    private final Path products;
    private final int productCount;

    private BatchUpload(String batchId, Path directory, Path lists, Path products, int productCount) {
        this.batchId = batchId;
        this.directory = directory;
        this.lists = lists;
        this.products = products;
        this.productCount = productCount;
    }

    /**
     * Reads, validates and spools an upload.
     *
     * @param body      the request body; read to its end
     * @param batchId   the id the batch will be staged under (already validated)
     * @param parent    where to create the spool directory
     * @throws ApiException 400 naming the first bad line; nothing is kept
     */
    public static BatchUpload spool(InputStream body, String batchId, Path parent) throws IOException {
        Path directory = Files.createTempDirectory(parent, "schemabench-upload-");
        boolean complete = false;
        try {
            Path lists = directory.resolve("lists.jsonl");
            Path viewed = directory.resolve("viewed.txt");
            Path recommended = directory.resolve("recommended.txt");
            int count = 0;
            try (InputStream in = new BufferedInputStream(body, 1 << 16);
                 OutputStream listsOut = new BufferedOutputStream(Files.newOutputStream(lists), 1 << 16);
                 BufferedWriter viewedOut = Files.newBufferedWriter(viewed, StandardCharsets.UTF_8);
                 BufferedWriter recommendedOut = Files.newBufferedWriter(recommended, StandardCharsets.UTF_8)) {
                ByteArrayOutputStream line = new ByteArrayOutputStream(8192);
                int lineNumber = 0;
                while (readLine(in, line, lineNumber + 1)) {
                    lineNumber++;
                    byte[] bytes = line.toByteArray();
                    if (isBlank(bytes)) {
                        continue;
                    }
                    SimilarityList list = parse(bytes, lineNumber);
                    writeList(list, listsOut);
                    viewedOut.write(list.productId() + '\t' + lineNumber + '\n');
                    for (SimilarItem item : list.items()) {
                        recommendedOut.write(item.productId() + '\t' + lineNumber + '\t' + productJson(item.product())
                                + '\n');
                    }
                    count++;
                }
            }
            if (count == 0) {
                throw ApiException.badRequest("empty_batch", "the upload holds no product lists");
            }
            ExternalSort.sortUnique(viewed, directory.resolve("viewed-sorted.txt"), LINES_PER_SORT_RUN,
                    (kept, later) -> {
                        throw ApiException.badRequest("invalid_batch_line", "line " + field(later, 1) + ": product "
                                + ExternalSort.key(later) + " is already listed on line " + field(kept, 1));
                    });
            Path products = directory.resolve("products.txt");
            ExternalSort.sortUnique(recommended, products, LINES_PER_SORT_RUN, (kept, later) -> {
                if (!field(kept, 2).equals(field(later, 2))) {
                    throw ApiException.badRequest("invalid_batch_line", "line " + field(later, 1) + ": product "
                            + ExternalSort.key(later) + " has display fields that differ from line " + field(kept, 1));
                }
            });
            Files.delete(viewed);
            Files.delete(recommended);
            Files.delete(directory.resolve("viewed-sorted.txt"));
            complete = true;
            return new BatchUpload(batchId, directory, lists, products, count);
        } finally {
            if (!complete) {
                deleteTree(directory);
            }
        }
    }

    @Override
    public String id() {
        return batchId;
    }

    @Override
    public int productCount() {
        return productCount;
    }

    @Override
    public Stream<Product> products() {
        return lines(products).map(line -> parseProduct(field(line, 2)));
    }

    @Override
    public Stream<SimilarityList> lists() {
        int[] lineNumber = {0};
        return lines(lists).map(line -> parse(line.getBytes(StandardCharsets.UTF_8), ++lineNumber[0]));
    }

    @Override
    public void close() {
        deleteTree(directory);
    }

    /** Parses and validates one line; throws {@link ApiException} 400 naming {@code lineNumber}. */
    static SimilarityList parse(byte[] line, int lineNumber) {
        try (JsonParser parser = JSON.createParser(line)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw lineError(lineNumber, "expected a JSON object");
            }
            String productId = null;
            List<SimilarItem> items = null;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "product_id" -> productId = productId(parser, value, lineNumber, "product_id");
                    case "items" -> items = items(parser, value, lineNumber);
                    default -> throw lineError(lineNumber, "unknown field '" + field + "'");
                }
            }
            if (parser.nextToken() != null) {
                throw lineError(lineNumber, "unexpected content after the JSON object");
            }
            if (productId == null) {
                throw lineError(lineNumber, "missing field 'product_id'");
            }
            if (items == null) {
                throw lineError(lineNumber, "missing field 'items'");
            }
            return new SimilarityList(productId, items);
        } catch (JsonProcessingException e) {
            throw lineError(lineNumber, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<SimilarItem> items(JsonParser parser, JsonToken value, int lineNumber) throws IOException {
        if (value != JsonToken.START_ARRAY) {
            throw lineError(lineNumber, "'items' must be an array");
        }
        List<SimilarItem> items = new ArrayList<>();
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY) {
            if (token != JsonToken.START_OBJECT) {
                throw lineError(lineNumber, "each item must be a JSON object");
            }
            if (items.size() == MAX_ITEMS) {
                throw lineError(lineNumber, "a list holds at most " + MAX_ITEMS + " items");
            }
            items.add(item(parser, lineNumber, items.size() + 1));
        }
        if (items.isEmpty()) {
            throw lineError(lineNumber, "'items' must hold at least one item");
        }
        return items;
    }

    private static SimilarItem item(JsonParser parser, int lineNumber, int expectedRank) throws IOException {
        String productId = null;
        String name = null;
        String brand = null;
        String category = null;
        String imageUrl = null;
        Integer rank = null;
        Integer priceCents = null;
        Double score = null;
        Double rating = null;
        String where = "item " + expectedRank + ": ";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case SimilarityJson.PRODUCT_ID -> productId = productId(parser, value, lineNumber, where + "product_id");
                case SimilarityJson.RANK -> rank = integer(parser, value, lineNumber, where + "rank");
                case SimilarityJson.SCORE -> score = number(parser, value, lineNumber, where + "score");
                case SimilarityJson.NAME -> name = text(parser, value, lineNumber, where + "name");
                case SimilarityJson.BRAND -> brand = text(parser, value, lineNumber, where + "brand");
                case SimilarityJson.CATEGORY -> category = text(parser, value, lineNumber, where + "category");
                case SimilarityJson.PRICE_CENTS -> priceCents = integer(parser, value, lineNumber, where + "price_cents");
                case SimilarityJson.RATING -> rating = number(parser, value, lineNumber, where + "rating");
                case SimilarityJson.IMAGE_URL -> imageUrl = text(parser, value, lineNumber, where + "image_url");
                default -> throw lineError(lineNumber, where + "unknown field '" + field + "'");
            }
        }
        List<String> missing = new ArrayList<>();
        if (productId == null) {
            missing.add(SimilarityJson.PRODUCT_ID);
        }
        if (rank == null) {
            missing.add(SimilarityJson.RANK);
        }
        if (score == null) {
            missing.add(SimilarityJson.SCORE);
        }
        if (name == null) {
            missing.add(SimilarityJson.NAME);
        }
        if (brand == null) {
            missing.add(SimilarityJson.BRAND);
        }
        if (category == null) {
            missing.add(SimilarityJson.CATEGORY);
        }
        if (priceCents == null) {
            missing.add(SimilarityJson.PRICE_CENTS);
        }
        if (rating == null) {
            missing.add(SimilarityJson.RATING);
        }
        if (imageUrl == null) {
            missing.add(SimilarityJson.IMAGE_URL);
        }
        if (!missing.isEmpty()) {
            throw lineError(lineNumber, where + "missing " + String.join(", ", missing));
        }
        if (rank != expectedRank) {
            throw lineError(lineNumber, where + "rank must be " + expectedRank + " (ranks run 1..n in order), got "
                    + rank);
        }
        if (priceCents < 0) {
            throw lineError(lineNumber, where + "price_cents must not be negative");
        }
        if (rating < 0 || rating > 5 || Math.abs(rating * 10 - Math.rint(rating * 10)) > 1e-9) {
            throw lineError(lineNumber, where + "rating must be 0.0 to 5.0 with at most one decimal");
        }
        return new SimilarItem(productId, rank, score, name, brand, category, priceCents, rating, imageUrl);
    }

    private static String productId(JsonParser parser, JsonToken value, int lineNumber, String field)
            throws IOException {
        if (value != JsonToken.VALUE_STRING || !Identifiers.isProductId(parser.getText())) {
            throw lineError(lineNumber, field + " is not a valid product id (" + Identifiers.productIdRule() + ")");
        }
        return parser.getText();
    }

    private static String text(JsonParser parser, JsonToken value, int lineNumber, String field) throws IOException {
        if (value != JsonToken.VALUE_STRING) {
            throw lineError(lineNumber, field + " must be a string");
        }
        String text = parser.getText();
        if (text.length() > MAX_TEXT_CHARS || text.indexOf('\u0000') >= 0) {
            throw lineError(lineNumber, field + " must be at most " + MAX_TEXT_CHARS + " characters without NUL");
        }
        return text;
    }

    private static int integer(JsonParser parser, JsonToken value, int lineNumber, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT || parser.getNumberType() != JsonParser.NumberType.INT) {
            throw lineError(lineNumber, field + " must be an integer");
        }
        return parser.getIntValue();
    }

    private static double number(JsonParser parser, JsonToken value, int lineNumber, String field) throws IOException {
        if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
            throw lineError(lineNumber, field + " must be a number");
        }
        double number = parser.getDoubleValue();
        if (!Double.isFinite(number)) {
            throw lineError(lineNumber, field + " must be a finite number");
        }
        return number;
    }

    private static ApiException lineError(int lineNumber, String message) {
        return ApiException.badRequest("invalid_batch_line", "line " + lineNumber + ": " + message
                + "; nothing was staged");
    }

    /** Reads one line (without its end) into {@code line}; false at the end of input. */
    private static boolean readLine(InputStream in, ByteArrayOutputStream line, int lineNumber) throws IOException {
        line.reset();
        int b = in.read();
        if (b < 0) {
            return false;
        }
        while (b >= 0 && b != '\n') {
            if (line.size() == MAX_LINE_BYTES) {
                throw lineError(lineNumber, "longer than " + MAX_LINE_BYTES + " bytes");
            }
            line.write(b);
            b = in.read();
        }
        return true;
    }

    private static boolean isBlank(byte[] bytes) {
        for (byte b : bytes) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** One list as a compact JSON line: no raw line breaks, whatever whitespace the upload had. */
    private static void writeList(SimilarityList list, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            json.writeStartObject();
            json.writeStringField("product_id", list.productId());
            json.writeFieldName("items");
            SimilarityJson.writeItems(list.items(), json);
            json.writeEndObject();
        }
        out.write('\n');
    }

    private static String productJson(Product product) throws IOException {
        StringWriter text = new StringWriter(256);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            json.writeStringField(SimilarityJson.PRODUCT_ID, product.productId());
            json.writeStringField(SimilarityJson.NAME, product.name());
            json.writeStringField(SimilarityJson.BRAND, product.brand());
            json.writeStringField(SimilarityJson.CATEGORY, product.category());
            json.writeNumberField(SimilarityJson.PRICE_CENTS, product.priceCents());
            json.writeNumberField(SimilarityJson.RATING, product.rating());
            json.writeStringField(SimilarityJson.IMAGE_URL, product.imageUrl());
            json.writeEndObject();
        }
        return text.toString();
    }

    private static Product parseProduct(String json) {
        try (JsonParser parser = JSON.createParser(json)) {
            parser.nextToken();
            String productId = null;
            String name = null;
            String brand = null;
            String category = null;
            String imageUrl = null;
            int priceCents = 0;
            double rating = 0;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case SimilarityJson.PRODUCT_ID -> productId = parser.getText();
                    case SimilarityJson.NAME -> name = parser.getText();
                    case SimilarityJson.BRAND -> brand = parser.getText();
                    case SimilarityJson.CATEGORY -> category = parser.getText();
                    case SimilarityJson.PRICE_CENTS -> priceCents = parser.getIntValue();
                    case SimilarityJson.RATING -> rating = parser.getDoubleValue();
                    case SimilarityJson.IMAGE_URL -> imageUrl = parser.getText();
                    default -> parser.skipChildren();
                }
            }
            return new Product(productId, name, brand, category, priceCents, rating, imageUrl);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code index}-th tab-separated field of {@code line}; the last field takes the rest of the line. */
    private static String field(String line, int index) {
        int start = 0;
        for (int i = 0; i < index; i++) {
            start = line.indexOf('\t', start) + 1;
        }
        int end = index == 2 ? line.length() : line.indexOf('\t', start);
        return line.substring(start, end < 0 ? line.length() : end);
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.lines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("warning: could not delete " + root + ": " + e.getMessage());
        }
    }
}
